# keras.layers.Pipeline applies its layers in turn as one plain layer: one row, whose parameters are its
# layers' weights (trainable and not), built on the shape each layer hands the next.
import keras
from keras import layers

features = keras.Input((8,))
prep = layers.Pipeline([layers.Rescaling(1 / 255.0), layers.Dense(4), layers.Normalization(), layers.Dense(3)])
scored = keras.Model(features, prep(features), name="scored")

stacked = keras.Sequential([keras.Input((5,)), layers.Pipeline([layers.Dense(2)]), layers.Dense(1)], name="stacked")

images = keras.Input((32, 32, 3))
augment = layers.Pipeline([layers.RandomFlip(), layers.RandomRotation(0.1), layers.Resizing(16, 16)], name="augment")
x = augment(images)
x = layers.Conv2D(4, 3)(x)
augmented = keras.Model(images, x, name="augmented")

later = keras.Sequential([keras.Input((6,)), layers.Dense(2)], name="later")

encoder = keras.Sequential([keras.Input((4,)), layers.Dense(3)], name="encoder")
tokens = keras.Input((4,))
wrapped = keras.Model(tokens, layers.Pipeline([encoder, layers.Dense(2)])(tokens), name="wrapped")
