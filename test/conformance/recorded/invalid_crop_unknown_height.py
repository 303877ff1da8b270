# Cropping images of unknown height needs target_height: Keras cannot compute it from the margins.
import keras
from keras import ops

free = keras.Input((None, None, 3))
cropped = ops.image.crop_images(free, top_cropping=2, bottom_cropping=3, left_cropping=1, right_cropping=1)
