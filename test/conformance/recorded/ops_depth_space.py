# keras.ops.depth_to_space and space_to_depth trade channels for block_size x block_size pixels, in a Lambda,
# inside a user layer's call and on the KerasTensors of a functional model.
import keras
from keras import layers, ops


class PixelShuffle(layers.Layer):
    def call(self, x):
        return ops.depth_to_space(x, 2)


inp = keras.Input((8, 8, 3))
x = layers.Conv2D(12, 3, padding="same")(inp)
x = layers.Lambda(lambda t: ops.depth_to_space(t, 2))(x)
x = layers.Lambda(lambda t: ops.space_to_depth(t, 2), name="s2d")(x)
x = layers.Conv2D(12, 3, padding="same")(x)
x = PixelShuffle()(x)
x = ops.space_to_depth(x, 4)
shuffled = keras.Model(inp, x, name="shuffled")
