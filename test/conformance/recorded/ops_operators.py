# Python operators on symbolic tensors, each the operation KerasTensor dispatches it to (unary minus is
# Negative, abs() Absolute, comparisons Greater/Less..., a number on the left the mirrored comparison,
# & | ~ the logical ops, sum() starting from 0), and keras.ops functions that change shapes.
import keras
from keras import ops

x = keras.Input((8, 6), name="x")
y = keras.Input((1, 6), name="y")
a = -x
b = abs(a)
c = x > 0.5
d = ops.where(c, x, y)
e = 1.0 - d
f = 2 ** e
g = ops.greater_equal(f, y)
h = ops.logical_and(g, c)
i = ops.cast(h, "float32") * x
j = ops.tile(i, (1, 2, 3))
k = ops.repeat(i, 3, axis=1)
l = ops.pad(i, ((0, 0), (1, 2), (3, 4)))
m = ops.swapaxes(i, 1, 2)
n = ops.argmax(i, axis=-1)
o = ops.amax(i, axis=(1,))
p = ops.logsumexp(i, axis=1, keepdims=True)
q = ops.cumsum(i, axis=1)
r = ops.glu(i)
s = ops.softmax(i, axis=1)
t = ops.rsqrt(ops.square(i) + 1e-6)
u = ops.one_hot(n, 10)
v = ops.dot(i, ops.ones((6, 4)))
w = ops.image.resize(ops.expand_dims(i, -1), (16, 12))
z = ops.normalize(i, axis=-1)
s2 = sum([x, y])
t2 = 0.5 < x
u2 = round(x) != y
v2 = ~c | (x <= y)
model = keras.Model([x, y], [s2, t2, u2, v2, j, k, l, m, o, p, q, r, s, t, u, v, w, z], name="opsmodel2")
