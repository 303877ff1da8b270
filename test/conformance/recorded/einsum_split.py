# ops.einsum as Keras lays operands out on the output spec (implicit mode, ellipsis, broadcasting, None) and
# ops.split into equal sections or at indices, an operation with several outputs.
import keras
from keras import ops

a = keras.Input((5, 3))
b = keras.Input((3, 4))
c = keras.Input((None, 3))
d = keras.Input((2, 5, 3))
outs = [
    ops.einsum("bij,bjk->bik", a, b),
    ops.einsum("bij,bjk", a, b),
    ops.einsum("...ij,...jk->...ik", a, b),
    ops.einsum("bij->bji", a),
    ops.einsum("bij->b", a),
    ops.einsum("bij,bkj->bik", a, c),
    ops.einsum("...j,bkj->...k", d, a),
    ops.einsum("bhij,bjk->bhik", d, b),
    ops.split(d, 5, axis=2)[0],
    ops.split(d, [1, 3], axis=-1)[2],
    ops.split(c, 3, axis=1)[1],
]
model = keras.Model([a, b, c, d], outs)
