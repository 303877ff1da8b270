# On KerasTensors Keras reads an einsum subscript letter by letter: a space is one more, and the operand has
# one dimension fewer than the subscript.
import keras
from keras import ops

images = keras.Input((8, 8, 16))
pairs = ops.einsum("bhwc, bxyc->bhwxy", images, images)
