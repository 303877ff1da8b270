# On KerasTensors Keras puts sizes in place of the lower-case letters of the output only: an upper-case one
# is left as it is, which int() refuses.
import keras
from keras import ops

images = keras.Input((8, 8, 16))
pairs = ops.einsum("bhwc,bHwc->bhwH", images, images)
