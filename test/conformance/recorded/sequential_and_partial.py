# Sequential forms (input_shape, InputLayer, batch_shape, add in a loop), functools.partial layers, layers kept in
# a dict and a list, masking and numeric preprocessing, a Model subclass built with build().
import functools

import keras
from keras import layers, ops

# Sequential variants: input_shape on first layer, InputLayer, batch_shape, nested Sequential rebuilds
legacy = keras.Sequential([layers.Conv2D(8, 3, input_shape=(28, 28, 1)), layers.Flatten(), layers.Dense(10)])
with_input_layer = keras.Sequential([layers.InputLayer(shape=(6,)), layers.Dense(3)])
batch = keras.Sequential([keras.Input(batch_shape=(4, 10, 3)), layers.LSTM(5, return_sequences=True), layers.TimeDistributed(layers.Dense(2))])
grow = keras.Sequential([keras.Input((3,))])
for units in (4, 5, 6):
    grow.add(layers.Dense(units))
    if units == 5:
        grow.add(layers.Dropout(0.1))

# functools.partial layers, layers kept in a dict and list
Conv = functools.partial(layers.Conv2D, kernel_size=3, padding="same", activation="relu")
blocks = {"a": Conv(8), "b": Conv(16)}
inp = keras.Input((16, 16, 3))
x = blocks["a"](inp)
x = blocks["b"](x)
stack = [layers.Dense(n) for n in (12, 6)]
x = layers.Flatten()(x)
for layer in stack:
    x = layer(x)
partial_model = keras.Model(inp, x)

# Masking, Normalization, Discretization, CategoryEncoding, Hashing on numbers
m = keras.Sequential([keras.Input((7, 4)), layers.Masking(0.0), layers.LSTM(3)])
norm = keras.Sequential([keras.Input((5,)), layers.Normalization(), layers.Dense(2)])
disc = keras.Sequential([keras.Input((3,)), layers.Discretization(bin_boundaries=[0.0, 1.0, 2.0])])
enc = keras.Sequential([keras.Input((4,)), layers.CategoryEncoding(num_tokens=10, output_mode="multi_hot")])

# a model subclass with build
class Net(keras.Model):
    def __init__(self):
        super().__init__()
        self.d1 = layers.Dense(16, activation="relu")
        self.d2 = layers.Dense(4)

    def call(self, x):
        return self.d2(self.d1(x))


net = Net()
net.build((None, 10))
