# When Keras counts a Sequential model as built: once its chain is made into a Functional model, which needs an
# input and at least one layer. An augmentation pipeline whose layers a config switched off holds its Input only
# and stays unbuilt; the classifier after it is built from its own Input.
import keras
from keras import layers

config = {"flip": False, "rotate": False}
augmentations = []
if config["flip"]:
    augmentations.append(layers.RandomFlip("horizontal"))
if config["rotate"]:
    augmentations.append(layers.RandomRotation(0.1))

augment = keras.Sequential([keras.Input((32, 32, 3))], name="augment")
for layer in augmentations:
    augment.add(layer)

classifier = keras.Sequential(
    [keras.Input((32, 32, 3)), layers.Conv2D(8, 3, activation="relu"), layers.GlobalAveragePooling2D(), layers.Dense(10)]
)
late = keras.Sequential([layers.Dense(4)])
late.build((None, 6))
