# An image encoder built for 64x64 RGB images, reused on 32x32 crops: a functional model checks its input when
# it is called, and 32 is not 64 (its output, after global pooling, would not even show the difference).
import keras
from keras import layers

image = keras.Input((64, 64, 3))
x = layers.Conv2D(16, 3, activation="relu")(image)
x = layers.GlobalAveragePooling2D()(x)
encoder = keras.Model(image, layers.Dense(32)(x), name="encoder")

crop = keras.Input((32, 32, 3))
embedding = encoder(crop)
head = keras.Model(crop, layers.Dense(1, activation="sigmoid")(embedding))
