# keras.config.set_floatx before the first layer: Keras makes the global policy from floatx when a layer first
# asks for it and keeps it, so a later set_floatx changes only keras.Variable, which takes floatx itself.
import keras
from keras import layers, ops

keras.config.set_floatx("float16")
print(keras.config.floatx())


class PositionBias(layers.Layer):
    def __init__(self, length, **kwargs):
        super().__init__(**kwargs)
        self.bias = keras.Variable(initializer="zeros", shape=(length, 1), name="bias")

    def call(self, x):
        return x + self.bias


small = keras.Sequential([keras.Input(shape=(16, 4)), layers.Conv1D(8, 3, padding="same"), PositionBias(16), layers.GlobalMaxPooling1D(), layers.Dense(2)], name="small")

keras.config.set_floatx("float32")
still_half = keras.Sequential([keras.Input(shape=(16, 4)), layers.Conv1D(8, 5), layers.GlobalAveragePooling1D(), layers.Dense(2)], name="still_half")
variable_float = keras.Sequential([keras.Input(shape=(16, 4)), PositionBias(16), layers.Flatten()], name="variable_float")
keras.backend.set_floatx("float64")
variable_double = keras.Sequential([keras.Input(shape=(16, 4)), PositionBias(16), layers.Flatten(), layers.Dense(1, dtype=None)], name="variable_double")
