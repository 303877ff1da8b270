# A layer of its own with a compute_output_shape: called on the KerasTensors of a functional model, Keras takes
# its shape from that without running call (its Conv2D stays unbuilt, 0 parameters); inside another layer's or
# a subclassed model's call, which the backend traces with arrays, its call runs and builds the Conv2D.
import keras
from keras import layers, ops

class ConvBlock(layers.Layer):
    def __init__(self, filters, **kwargs):
        super().__init__(**kwargs)
        self.conv = layers.Conv2D(filters, 3, padding="same")
        self.filters = filters

    def build(self, input_shape):
        pass

    def call(self, x):
        return self.conv(x)

    def compute_output_shape(self, input_shape):
        return input_shape[:-1] + (self.filters,)

class Net(keras.Model):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.block = ConvBlock(4)

    def call(self, x):
        return self.block(x)

net2 = Net()
_ = net2(keras.Input((8, 8, 3)))
inp = keras.Input((8, 8, 3))
f = keras.Model(inp, ConvBlock(4)(inp))

# Same with a plain Layer wrapper used functionally: Keras outer (Outer) (None, 8, 8, 4) 112; ours 0.
class Outer(layers.Layer):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.block = ConvBlock(4)
    def call(self, x):
        return self.block(x)

inp2 = keras.Input((8, 8, 3))
g = keras.Model(inp2, Outer()(inp2))
