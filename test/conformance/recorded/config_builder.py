# A builder driven by a config dict: loops, enumerate(start=), f-string and % and format names, conditionals.
import keras
from keras import layers

CONFIG = {"stages": [(32, 2), (64, 2), (128, 3)], "head": {"units": [256, 64], "dropout": 0.3}, "classes": 10}


def conv_bn(x, filters, kernel=3, strides=1, name=None):
    x = layers.Conv2D(filters, kernel, strides=strides, padding="same", use_bias=False, name=None if name is None else f"{name}_conv")(x)
    x = layers.BatchNormalization(name=None if name is None else f"{name}_bn")(x)
    return layers.ReLU(name=None if name is None else f"{name}_relu")(x)


def residual(x, filters, strides, name):
    shortcut = x
    y = conv_bn(x, filters, strides=strides, name=f"{name}_a")
    y = layers.Conv2D(filters, 3, padding="same", name=f"{name}_b_conv")(y)
    if strides != 1 or x.shape[-1] != filters:
        shortcut = layers.Conv2D(filters, 1, strides=strides, name=f"{name}_proj")(shortcut)
    return layers.Activation("relu", name=f"{name}_out")(layers.Add(name=f"{name}_add")([y, shortcut]))


def build(config, input_shape=(64, 64, 3)):
    inputs = keras.Input(shape=input_shape)
    x = conv_bn(inputs, 16, kernel=5, strides=2, name="stem")
    for stage, (filters, blocks) in enumerate(config["stages"], start=1):
        for block in range(blocks):
            x = residual(x, filters, 2 if block == 0 and stage > 1 else 1, name=f"s{stage}b{block}")
    x = layers.GlobalAveragePooling2D()(x)
    for i, units in enumerate(config["head"]["units"]):
        x = layers.Dense(units, activation="relu", name="fc%d" % i)(x)
        x = layers.Dropout(config["head"]["dropout"])(x)
    outputs = layers.Dense(config["classes"], activation="softmax", name="logits")(x)
    return keras.Model(inputs, outputs, name="resnetish")


model = build(CONFIG)
small = build({**CONFIG, "stages": CONFIG["stages"][:1], "classes": 3}, input_shape=(32, 32, 1))
widths = [w * 2 for w in range(1, 5) if w % 2 == 0]
mlp = keras.Sequential([keras.Input((8,))] + [layers.Dense(w, name="h_{:02d}".format(w)) for w in widths] + [layers.Dense(1)])
