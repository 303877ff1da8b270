# Python's class checks on Keras layers, as fine-tuning code writes them: keras.io's EfficientNet example leaves
# BatchNormalization frozen with `isinstance`, others test `type(layer).__name__`, `layer.__class__`, `hasattr`,
# `count_params()`, Keras' own bases (every layer is a Layer, a model is one too) and subclasses of the user's.
import keras
from keras import layers


def conv_block(x, filters, name):
    x = layers.Conv2D(filters, 3, padding="same", use_bias=False, name=f"{name}_conv")(x)
    x = layers.BatchNormalization(name=f"{name}_bn")(x)
    return layers.Activation("swish", name=f"{name}_act")(x)


def make_base(name):
    inputs = keras.Input((32, 32, 3))
    x = layers.Rescaling(1.0 / 255)(inputs)
    x = conv_block(x, 16, "stem")
    x = layers.DepthwiseConv2D(3, padding="same", name="dw")(x)
    x = layers.BatchNormalization(name="dw_bn")(x)
    x = conv_block(x, 32, "block1")
    x = layers.SeparableConv2D(32, 3, padding="same", name="sep")(x)
    return keras.Model(inputs, x, name=name)


# keras.io: unfreeze the top layers while leaving BatchNorm layers frozen
base = make_base("efficient_base")
base.trainable = False
inputs = keras.Input((32, 32, 3))
x = base(inputs)
x = layers.GlobalAveragePooling2D(name="avg_pool")(x)
outputs = layers.Dense(10, name="pred")(x)
classifier = keras.Model(inputs, outputs, name="classifier")
for layer in classifier.layers[-20:]:
    if not isinstance(layer, layers.BatchNormalization):
        layer.trainable = True

# the same on the base's own layers: 8 trainable parameters of BatchNormalization left
frozen_but_bn = make_base("frozen_but_bn")
for layer in frozen_but_bn.layers:
    if not isinstance(layer, layers.BatchNormalization):
        layer.trainable = False

# class names and identity
by_name = make_base("by_name")
for layer in by_name.layers:
    kind = type(layer).__name__
    if kind in ("Conv2D", "DepthwiseConv2D"):
        layer.trainable = False
    elif layer.__class__.__name__ == "SeparableConv2D":
        layer.trainable = type(layer) is not layers.SeparableConv2D

# a tuple of classes, hasattr on built layers, InputLayer and Layer
by_weights = make_base("by_weights")
for layer in by_weights.layers:
    if isinstance(layer, (layers.Conv2D, layers.SeparableConv2D)) and hasattr(layer, "kernel"):
        layer.trainable = False
    if isinstance(layer, layers.InputLayer) or not isinstance(layer, layers.Layer):
        layer.trainable = False
    if hasattr(layer, "moving_mean") and layer.count_params() > 100:
        layer.trainable = False

# models are layers; Sequential is a Model, a functional model is not a Sequential
body = make_base("body")
head = keras.Sequential([layers.Dense(4, name="h1"), layers.Dropout(0.1), layers.Dense(2, name="h2")], name="head")
stack = keras.Sequential([keras.Input((32, 32, 3)), body, layers.Flatten(), head], name="stack")
for layer in stack.layers:
    if isinstance(layer, keras.Model) and not isinstance(layer, keras.Sequential):
        layer.trainable = False
    elif isinstance(layer, layers.Layer) and type(layer) == keras.Sequential:
        layer.layers[0].trainable = False


# a layer of the user's is a Layer (and an instance of its class), but no Dense
class Residual(layers.Layer):
    def __init__(self, units, **kwargs):
        super().__init__(**kwargs)
        self.inner = layers.Dense(units)

    def call(self, x):
        return x + self.inner(x)


res_in = keras.Input((8,))
h = layers.Dense(8, name="first")(res_in)
h = Residual(8, name="residual")(h)
h = layers.Dense(3, name="out")(h)
residual_net = keras.Model(res_in, h, name="residual_net")
for layer in residual_net.layers:
    if isinstance(layer, layers.Dense) and layer.name != "first":
        layer.trainable = False
    if isinstance(layer, Residual):
        layer.trainable = isinstance(layer, layers.Layer) and not isinstance(layer, (layers.Dense, keras.Model))
