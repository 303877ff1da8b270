# A layer with an input spec given two tensors: Keras checks how many it got.
import keras
from keras import layers

a = keras.Input((3,))
b = keras.Input((3,))
y = layers.Dense(4)([a, b])
