# keras.io: image classification from scratch (Xception-like blocks with residuals), a convolutional autoencoder.
import keras
from keras import layers

# image classification from scratch (keras.io), small version
def make_model(input_shape, num_classes):
    inputs = keras.Input(shape=input_shape)
    x = layers.Rescaling(1.0 / 255)(inputs)
    x = layers.Conv2D(128, 3, strides=2, padding="same")(x)
    x = layers.BatchNormalization()(x)
    x = layers.Activation("relu")(x)
    previous_block_activation = x
    for size in [256, 512, 728]:
        x = layers.Activation("relu")(x)
        x = layers.SeparableConv2D(size, 3, padding="same")(x)
        x = layers.BatchNormalization()(x)
        x = layers.Activation("relu")(x)
        x = layers.SeparableConv2D(size, 3, padding="same")(x)
        x = layers.BatchNormalization()(x)
        x = layers.MaxPooling2D(3, strides=2, padding="same")(x)
        residual = layers.Conv2D(size, 1, strides=2, padding="same")(previous_block_activation)
        x = layers.add([x, residual])
        previous_block_activation = x
    x = layers.SeparableConv2D(1024, 3, padding="same")(x)
    x = layers.BatchNormalization()(x)
    x = layers.Activation("relu")(x)
    x = layers.GlobalAveragePooling2D()(x)
    if num_classes == 2:
        units = 1
    else:
        units = num_classes
    x = layers.Dropout(0.25)(x)
    outputs = layers.Dense(units, activation=None)(x)
    return keras.Model(inputs, outputs)


model = make_model(input_shape=(180, 180, 3), num_classes=2)

# autoencoder
enc_in = keras.Input(shape=(28, 28, 1))
e = layers.Conv2D(32, (3, 3), activation="relu", padding="same")(enc_in)
e = layers.MaxPooling2D((2, 2), padding="same")(e)
e = layers.Conv2D(32, (3, 3), activation="relu", padding="same")(e)
e = layers.MaxPooling2D((2, 2), padding="same")(e)
d = layers.Conv2DTranspose(32, (3, 3), strides=2, activation="relu", padding="same")(e)
d = layers.Conv2DTranspose(32, (3, 3), strides=2, activation="relu", padding="same")(d)
d = layers.Conv2D(1, (3, 3), activation="sigmoid", padding="same")(d)
autoencoder = keras.Model(enc_in, d)
