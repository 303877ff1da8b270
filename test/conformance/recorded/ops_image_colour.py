# keras.ops.image functions that keep the images' size: grayscale (one channel), HSV and back, blur, an affine
# transform; Sobel edges add an axis of 2 ([dy, dx]).
import keras
from keras import ops

inp = keras.Input((30, 40, 3))
gray = ops.image.rgb_to_grayscale(inp)
hsv = ops.image.rgb_to_hsv(inp)
rgb = ops.image.hsv_to_rgb(hsv)
blurred = ops.image.gaussian_blur(inp)
moved = ops.image.affine_transform(inp, ops.zeros((1, 8)))
colours = keras.Model(inp, [gray, rgb, blurred, moved], name="colours")
edges = keras.Model(inp, ops.image.sobel_edges(inp), name="edges")
