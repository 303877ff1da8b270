# rgb_to_hsv needs three channels.
import keras
from keras import ops

inp = keras.Input((30, 40, 4))
hsv = ops.image.rgb_to_hsv(inp)
