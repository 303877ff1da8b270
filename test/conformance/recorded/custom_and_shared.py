# Custom layers with add_weight, nested custom layers, a shared sub-model used twice, a Sequential inside one.
import keras
from keras import layers, ops


class Linear(layers.Layer):
    def __init__(self, units=32, **kwargs):
        super().__init__(**kwargs)
        self.units = units

    def build(self, input_shape):
        self.w = self.add_weight(shape=(input_shape[-1], self.units), initializer="random_normal", trainable=True)
        self.b = self.add_weight(shape=(self.units,), initializer="zeros", trainable=True)

    def call(self, inputs):
        return ops.matmul(inputs, self.w) + self.b


class MLPBlock(layers.Layer):
    def __init__(self):
        super().__init__()
        self.linear_1 = Linear(32)
        self.linear_2 = Linear(32)
        self.linear_3 = Linear(1)

    def call(self, inputs):
        x = self.linear_1(inputs)
        x = ops.relu(x)
        x = self.linear_2(x)
        x = ops.relu(x)
        return self.linear_3(x)


inp = keras.Input(shape=(64,))
out = MLPBlock()(inp)
custom = keras.Model(inp, out)

# shared sub-model used twice, and in a second model
encoder_in = keras.Input(shape=(16,))
encoder = keras.Model(encoder_in, layers.Dense(4, name="code")(encoder_in), name="encoder")
x1 = keras.Input(shape=(16,))
x2 = keras.Input(shape=(16,))
e1 = encoder(x1)
e2 = encoder(x2)
dist = layers.Subtract()([e1, e2])
siamese = keras.Model([x1, x2], layers.Dense(1)(dist), name="siamese")
single = keras.Model(x1, encoder(x1))

# Sequential inside Sequential, and batch size
inner = keras.Sequential([layers.Dense(6), layers.Dense(3)], name="inner")
outer = keras.Sequential([keras.Input(shape=(5,), batch_size=8), inner, layers.Dense(2)])
noname = keras.Sequential([keras.Input(shape=(2,)), layers.Dense(2), layers.Dense(2)])
