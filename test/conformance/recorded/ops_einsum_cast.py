# keras.ops.einsum as Keras computes its shape on KerasTensors (upper-case letters summed over are fine
# there), and as the backend computes it inside a layer's call (spaces and upper-case letters anywhere);
# keras.ops.cast of a Python number is a scalar, which broadcasts.
import keras
from keras import layers, ops


class Attention(layers.Layer):
    def call(self, q):
        return ops.einsum("bhwc, bHWc->bhwHW", q, q)


class Scaled(layers.Layer):
    def call(self, q):
        return q * ops.cast(16, "float32") ** (-0.5)


pairs = keras.Input((8, 16))
summed = keras.Model(pairs, ops.einsum("aBc,aBd->acd", pairs, pairs), name="summed")
images = keras.Input((8, 8, 16))
attended = keras.Model(images, layers.Dense(4)(Attention(name="attention")(images)), name="attended")
scaled = keras.Model(images, [images * ops.cast(16, "float32"), images / ops.sqrt(ops.cast(images.shape[-1], "float32")), Scaled()(images)], name="scaled")
