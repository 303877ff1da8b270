# RNN over cells of the user's own class: Keras builds the cell on one step and reads its state_size and output_size;
# a cell whose layers are made in __init__ but used only in call has them unbuilt (0 parameters).
import keras
from keras import layers, ops


class PeepholeCell(layers.Layer):
    def __init__(self, units, **kwargs):
        super().__init__(**kwargs)
        self.units = units
        self.state_size = [units, units]
        self.output_size = units

    def build(self, input_shape):
        self.kernel = self.add_weight(shape=(input_shape[-1], 4 * self.units), name="kernel")
        self.recurrent = self.add_weight(shape=(self.units, 4 * self.units), name="recurrent")
        self.bias = self.add_weight(shape=(4 * self.units,), initializer="zeros", name="bias")

    def call(self, inputs, states):
        h, c = states
        z = ops.matmul(inputs, self.kernel) + ops.matmul(h, self.recurrent) + self.bias
        i, f, o, g = ops.split(z, 4, axis=-1)
        c = ops.sigmoid(f) * c + ops.sigmoid(i) * ops.tanh(g)
        h = ops.sigmoid(o) * ops.tanh(c)
        return h, [h, c]


class ProjCell(layers.Layer):
    def __init__(self, units, **kwargs):
        super().__init__(**kwargs)
        self.units = units
        self.state_size = units
        self.proj = layers.Dense(units)

    def call(self, inputs, states):
        out = self.proj(inputs) + states[0]
        return out, [out]


x = keras.Input((12, 6))
seq, h, c = layers.RNN(PeepholeCell(8), return_sequences=True, return_state=True)(x)
m1 = keras.Model(x, [seq, h, c])
m1.summary()

y = layers.RNN([PeepholeCell(5), layers.LSTMCell(3)])(x)
m2 = keras.Model(x, y)
m2.summary()

z = layers.RNN(ProjCell(7), go_backwards=True)(x)
m3 = keras.Model(x, layers.Dense(2)(z))
m3.summary()
