# A Keras 2 tutorial's MLP with `input_shape=784` (an int, not a tuple): Keras 3 turns it into an InputLayer when
# the layer is added and raises there; the model stays empty, so nothing may be counted for it.
import keras
from keras import layers

model = keras.Sequential()
model.add(layers.Dense(64, activation="relu", input_shape=784))
model.add(layers.Dense(10, activation="softmax"))
