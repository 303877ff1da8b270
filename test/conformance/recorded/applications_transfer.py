# TensorFlow's "Transfer learning and fine-tuning" tutorial: a frozen MobileNetV2 base as one row.
import keras
from keras import layers


def build():
    base_model = keras.applications.MobileNetV2(input_shape=(160, 160, 3), include_top=False, weights="imagenet")
    base_model.trainable = False
    inputs = keras.Input(shape=(160, 160, 3))
    x = base_model(inputs, training=False)
    x = layers.GlobalAveragePooling2D()(x)
    x = layers.Dropout(0.2)(x)
    outputs = layers.Dense(1)(x)
    return keras.Model(inputs, outputs)


model = build()
