# A constant (`ops.ones`) added to a symbolic tensor is a value, not a part of the graph: no "graph disconnected".
import keras
from keras import layers, ops

a = keras.Input(shape=(10, 4))
b = layers.Lambda(lambda t: t[:, :, :2] * 2.0)(a)
c = ops.concatenate([b, a], axis=-1)
d = ops.mean(c, axis=1)
e = layers.Dense(3)(d) + ops.ones((1, 3))
f = ops.expand_dims(e, 1)
g = ops.reshape(f, (-1, 3))
h = layers.Activation("tanh")(g)
lam = keras.Model(a, h)
