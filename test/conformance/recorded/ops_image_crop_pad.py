# keras.ops.image.crop_images and pad_images: two of (top, bottom, target height) and two of (left, right,
# target width) decide the size; on images of unknown size the target decides, or the size stays unknown.
import keras
from keras import ops

inp = keras.Input((30, 40, 3))
free = keras.Input((None, None, 3))
cropped = ops.image.crop_images(inp, top_cropping=5, left_cropping=4, target_height=20, target_width=30)
trimmed = ops.image.crop_images(inp, top_cropping=5, bottom_cropping=1, left_cropping=1, right_cropping=1)
padded = ops.image.pad_images(inp, top_padding=1, left_padding=2, target_height=34, target_width=44)
grown = ops.image.pad_images(free, top_padding=1, bottom_padding=2, left_padding=1, right_padding=1)
fixed = ops.image.crop_images(free, top_cropping=2, target_height=10, left_cropping=1, target_width=7)
framed = keras.Model([inp, free], [cropped, trimmed, padded, grown, fixed], name="framed")
