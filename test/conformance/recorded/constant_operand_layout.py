# Constant operands are no inputs of a node (Keras keeps only symbolic tensors in `input_tensors`), so a chain
# of operations on one tensor and constants is printed without the "Connected to" column.
import keras
from keras import layers, ops

# A fixed projection, as a feature extractor might apply it.
x = keras.Input(shape=(12, 8))
projected = keras.Model(x, ops.matmul(x, ops.ones((8, 3))), name="projected")

y = keras.Input(shape=(12, 8))
dotted = keras.Model(y, layers.Dense(2)(ops.dot(y, ops.ones((8, 4)))), name="dotted")

z = keras.Input(shape=(12, 8))
mixed = ops.einsum("bij,jk->bik", z, ops.ones((8, 5)))
shifted = ops.add(mixed, ops.zeros((12, 5)))
scaled = ops.multiply(shifted, 0.5)
einsum_chain = keras.Model(z, layers.Dense(1)(ops.concatenate([scaled, ops.zeros((1, 12, 5))], axis=0)), name="einsum_chain")

# Two symbolic operands: Connected to is shown.
u = keras.Input(shape=(12, 8))
v = keras.Input(shape=(8, 3))
two_inputs = keras.Model([u, v], ops.matmul(u, v), name="two_inputs")

# A residual: one node with two symbolic inputs.
w = keras.Input(shape=(16,))
residual = keras.Model(w, ops.add(layers.Dense(16)(w), w) * ops.ones((16,)), name="residual")
