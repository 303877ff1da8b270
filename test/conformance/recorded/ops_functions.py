# keras.ops functions whose operation Keras names after another (ops.abs makes Absolute), reductions
# with axes and keepdims, indexing with ints, slices and Ellipsis, matmul with a 1-D operand, slice,
# broadcast_to, fft2 (two outputs) and convert_to_tensor.
import keras
from keras import layers, ops

inp = keras.Input(shape=(8, 6), name="x")
a = ops.relu(inp)
b = ops.log_softmax(a)
c = ops.hard_silu(b)
d = ops.leaky_relu(c)
e = ops.relu6(d)
f = ops.cast(e, "float16")
g = ops.stop_gradient(f)
h = ops.mean(g, axis=-1, keepdims=True)
i = ops.sum(g, axis=(1, 2))
j = ops.max(g, axis=1)
k = ops.transpose(g, (0, 2, 1))
l = ops.matmul(g, k)
m = ops.expand_dims(h, 1)
n = ops.squeeze(m, axis=1)
o = ops.reshape(g, (-1, 48))
p = ops.concatenate([g, g], axis=-1)
q = ops.stack([g, g], axis=1)
r = g[:, 0]
s = g[..., :3]
t = g[:, ::2, 1:]
u = ops.erf(g)
v = ops.clip(u, 0.0, 1.0)
w = ops.sign(v) + ops.abs(v) * 2.0
z = ops.matmul(g, ops.ones((6,)))
sl = ops.slice(g, (0, 0, 0), (2, 3, 4))
bt = ops.broadcast_to(h, (4, 8, 6))
re, im = ops.fft2((g, g))
ct = ops.convert_to_tensor(g)
model = keras.Model(inp, [h, i, j, l, n, o, p, q, r, s, t, w, z, sl, bt, re, im, ct], name="opsmodel")
