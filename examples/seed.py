# The question that started Keras Shapes: why does the same Dense(4) give 3,140 parameters
# on input_shape=(784,) and only 8 on input_shape=(784, 1)?
#
# Dense acts on the LAST axis only, with one kernel shared by every other position:
#   (None, 784)    -> kernel (784, 4) + bias (4,) = 3,140 params, output (None, 4)
#   (None, 784, 1) -> kernel (1, 4)   + bias (4,) =     8 params, output (None, 784, 4)
# `input_shape` excludes the batch axis; the `None` in the summary is the batch.
from keras import Input, layers
from keras.models import Sequential

flat = Sequential(name="flat")
flat.add(Input(shape=(784,)))
flat.add(layers.Dense(4, activation="linear"))
flat.add(layers.Dense(10, activation="softmax"))

column = Sequential(name="column")
column.add(Input(shape=(784, 1)))
column.add(layers.Dense(4, activation="linear"))
column.add(layers.Dense(10, activation="softmax"))

# To get (None, 4) from a (784, 1) input, flatten first: 784*4 + 4 = 3,140 params again.
flattened = Sequential(
    [
        Input(shape=(784, 1)),
        layers.Flatten(),
        layers.Dense(4, activation="linear"),
        layers.Dense(10, activation="softmax"),
    ],
    name="flattened",
)
