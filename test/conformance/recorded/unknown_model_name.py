# A Model whose outputs are not known statically is still made by Keras, and takes its name: the next one is
# functional_1. (The first is deleted, so that only the second is compared.)
import os

import keras
from keras import layers

inputs = keras.Input(shape=(4,))
candidates = [layers.Dense(2)(inputs), layers.Dense(5)(inputs)]
first = keras.Model(inputs, candidates[int(os.environ.get("HEAD", "0"))])
second = keras.Model(inputs, layers.Dense(3)(inputs))
del first
