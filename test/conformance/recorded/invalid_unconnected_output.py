# An output computed from an Input that is not among the model inputs.
import keras
from keras import layers

inputs = keras.Input((3,))
other = keras.Input((3,))
model = keras.Model(inputs, layers.Dense(2)(other))
