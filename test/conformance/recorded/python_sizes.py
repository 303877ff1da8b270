# Sizes computed in plain Python, numpy and the standard library, as keras.io examples and tutorials compute
# them: an autoencoder's `int(np.prod(shape_before))`, `math.ceil`/`math.sqrt`/`math.log2`, `functools.reduce`,
# a vocabulary from `sorted(set(...))`, `sorted` with a key, `dict()` of (name, output) pairs as model outputs
# (keras.io's neural style transfer and deep dream), numpy arrays as operands, and models called on arrays.
import functools
import math
import operator

import numpy as np
import keras
from keras import layers

# convolutional autoencoder: the decoder starts from the encoder's last shape
img_shape = (28, 28, 1)
enc_in = keras.Input(img_shape)
e = layers.Conv2D(32, 3, strides=2, padding="same", activation="relu")(enc_in)
e = layers.Conv2D(64, 3, strides=2, padding="same", activation="relu")(e)
shape_before = e.shape[1:]
e = layers.Flatten()(e)
latent = layers.Dense(16, name="latent")(e)
d = layers.Dense(int(np.prod(shape_before)))(latent)
d = layers.Reshape(shape_before)(d)
d = layers.Conv2DTranspose(64, 3, strides=2, padding="same", activation="relu")(d)
d = layers.Conv2DTranspose(32, 3, strides=2, padding="same", activation="relu")(d)
d = layers.Conv2D(img_shape[-1], 3, padding="same", activation="sigmoid")(d)
autoencoder = keras.Model(enc_in, d, name="autoencoder")

# patch sizes and depths from math
image_size, patch_size = 72, 6
num_patches = (image_size // patch_size) ** 2
side = int(math.sqrt(num_patches))
stages = int(math.log2(image_size // patch_size * 2 // 3))
p_in = keras.Input((num_patches, 16))
p = layers.Reshape((side, side, 16))(p_in)
for i in range(stages):
    p = layers.Conv2D(8 * 2**i, 3, padding="same", name=f"stage_{i}")(p)
p = layers.Flatten()(p)
p = layers.Dense(math.ceil(num_patches / 10), name="ceil_head")(p)
p = layers.Dense(math.floor(math.pi * 10) + math.isqrt(50), name="floor_head")(p)
p = layers.Dense(functools.reduce(operator.mul, (2, 3, 4)), name="reduced")(p)
patches = keras.Model(p_in, p, name="patches")

# a character vocabulary and layer widths sorted by a key
text = "the quick brown fox jumps over the lazy dog"
vocab = sorted(set(text))
widths = sorted({"wide": 64, "narrow": 8, "mid": 32}.items(), key=lambda item: item[1], reverse=True)
t_in = keras.Input((20,), dtype="int32")
t = layers.Embedding(len(vocab) + 1, 8)(t_in)
t = layers.GlobalAveragePooling1D()(t)
for name, units in widths:
    t = layers.Dense(units, name=name)(t)
t = layers.Dense(max(len(vocab) // 4, min(u for _, u in widths)), name="top")(t)
text_model = keras.Model(t_in, t, name="text_model")

# keras.io neural style transfer: every layer's output by name, as a dict
base = keras.Sequential(
    [keras.Input((32, 32, 3)), layers.Conv2D(8, 3, name="block1_conv1"), layers.Conv2D(8, 3, name="block1_conv2"), layers.MaxPooling2D(name="block1_pool")],
    name="base_cnn",
)
outputs_dict = dict([(layer.name, layer.output) for layer in base.layers])
feature_extractor = keras.Model(inputs=base.inputs, outputs=outputs_dict, name="feature_extractor")
# keras.io deep dream: the outputs of the layers named in the settings
layer_settings = {"block1_conv2": 1.0, "block1_pool": 1.5}
outputs_by_name = dict([(name, base.get_layer(name).output) for name in layer_settings.keys()])
dream = keras.Model(inputs=base.inputs, outputs=outputs_by_name, name="dream")
paired = keras.Model(base.inputs, dict(zip(["first", "last"], [base.layers[0].output, base.layers[-1].output])), name="paired")

# numpy arrays as operands of tensor operations
n_in = keras.Input((12, 8))
projected = n_in @ np.ones((8, 3), dtype="float32")
scaled = keras.ops.multiply(n_in, keras.ops.convert_to_tensor(np.arange(8, dtype="float32")))
merged = layers.Concatenate()([projected, layers.Dense(5)(scaled)])
numpy_ops = keras.Model(n_in, merged, name="numpy_ops")

# built by calling it on an array, and used again symbolically
inner = keras.Sequential([keras.Input((8,)), layers.Dense(4, name="d4")], name="inner")
probe = inner(np.zeros((2, 8)))
outer_in = keras.Input((8,))
outer = keras.Model(outer_in, layers.Dense(probe.shape[-1] + 1)(inner(outer_in)), name="outer")
