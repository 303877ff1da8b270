# Custom layers with their own compute_output_shape: Keras takes their shapes from it and never runs call for
# them (a call using numpy would not trace), except to build the layers they hold when they have no build of
# their own (Wrapped: its Dense counts; Manual: its Dense stays unbuilt, 0 parameters).
import keras
from keras import layers, ops
import numpy as np


class Opaque(layers.Layer):
    def __init__(self, units, **kwargs):
        super().__init__(**kwargs)
        self.units = units

    def build(self, input_shape):
        self.w = self.add_weight(shape=(input_shape[-1], self.units), initializer="random_normal")
        self.b = self.add_weight(shape=(self.units,), initializer="zeros")

    def call(self, x):
        y = np.tanh(ops.matmul(x, self.w) + self.b)
        return y

    def compute_output_shape(self, input_shape):
        return input_shape[:-1] + (self.units,)


class Pair(layers.Layer):
    def call(self, x):
        return x[:, :2], x[:, 2:]

    def compute_output_shape(self, input_shape):
        return [(input_shape[0], 2), (input_shape[0], input_shape[1] - 2)]


class Scale(layers.Layer):
    def __init__(self):
        super().__init__()
        self.scale = self.add_weight(shape=(), initializer="ones", trainable=False)

    def call(self, x):
        return x * self.scale


class Wrapped(layers.Layer):
    def __init__(self):
        super().__init__()
        self.inner = layers.Dense(6)

    def call(self, x):
        return self.inner(x)

    def compute_output_shape(self, input_shape):
        return (input_shape[0], 6)


class Manual(layers.Layer):
    def __init__(self):
        super().__init__()
        self.inner = layers.Dense(5)

    def build(self, input_shape):
        self.gain = self.add_weight(shape=(1,), initializer="ones")

    def call(self, x):
        return self.inner(x) * self.gain

    def compute_output_shape(self, input_shape):
        return (input_shape[0], 5)


inp = keras.Input((10,))
h = Opaque(4)(inp)
a, b = Pair()(inp)
s = Scale()(b)
w = Wrapped()(inp)
m = Manual()(inp)
out = layers.Concatenate()([h, a, s, w, m])
model = keras.Model(inp, out)
