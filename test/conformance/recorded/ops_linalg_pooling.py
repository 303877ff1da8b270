"""keras.ops functions of linear algebra, stacking, diagonals, gathers, pooling and convolution on graph tensors."""
import keras
from keras import ops

x = keras.Input((12, 8))
norms = keras.Model(x, [
    ops.norm(x, axis=-1),
    ops.norm(x, axis=(1, 2), keepdims=True),
    ops.norm(x, ord=2, axis=1),
    ops.linalg.norm(x, axis=-1, keepdims=True),
], name="norms")

y = keras.Input((12, 8))
products = keras.Model(y, [
    ops.tensordot(y, ops.ones((8, 2)), axes=1),
    ops.tensordot(y, ops.ones((12, 8, 3)), axes=2),
    ops.tensordot(y, ops.ones((4, 8)), axes=([2], [1])),
    ops.tensordot(y, ops.ones((5,)), axes=0),
], name="products")

a = keras.Input((6, 4))
b = keras.Input((6, 3))
c = keras.Input((2, 4))
stacks = keras.Model([a, b, c], [ops.hstack([a, c]), ops.vstack([a, a]), ops.concatenate([a, b], axis=-1)], name="stacks")

z = keras.Input((5, 7, 3))
reduced = keras.Model(z, [
    ops.average(z, axis=1),
    ops.average(z, axis=-1, weights=ops.ones((3,))),
    ops.diagonal(z, axis1=1, axis2=2),
    ops.diagonal(z, offset=2, axis1=1, axis2=2),
    ops.diagonal(z, offset=-3, axis1=2, axis2=1),
    ops.diagonal(z),
], name="reduced")

scores = keras.Input((10, 4))
order = ops.argsort(scores, axis=1)
gathered = keras.Model(scores, [
    ops.take_along_axis(scores, order, axis=1),
    ops.take_along_axis(scores, order[:, :3], axis=1),
    ops.take_along_axis(scores, ops.ones((1, 1, 4), dtype="int32"), axis=1),
], name="gathered")

signal = keras.Input((16, 3))
image = keras.Input((32, 32, 3))
pooled = keras.Model([signal, image], [
    ops.max_pool(signal, 2),
    ops.max_pool(signal, 3, strides=2, padding="same"),
    ops.average_pool(image, (2, 2)),
    ops.max_pool(image, 3, strides=(2, 1), padding="SAME"),
    ops.conv(signal, ops.ones((3, 3, 5))),
    ops.conv(image, ops.ones((3, 3, 3, 6)), strides=2, padding="same"),
    ops.conv(image, ops.ones((5, 5, 3, 2)), dilation_rate=2),
], name="pooled")
