# `trainable=False` given to a model's constructor freezes the model itself only; the `trainable` setter also
# freezes every layer inside, which is what a model that uses it counts.
import keras
from keras import layers

kwarg_frozen = keras.Sequential([keras.Input(shape=(4,)), layers.Dense(2)], trainable=False)
outer_kwarg = keras.Sequential([keras.Input(shape=(4,)), kwarg_frozen, layers.Dense(1, trainable=False)])

set_frozen = keras.Sequential([keras.Input(shape=(4,)), layers.Dense(2)])
set_frozen.trainable = False
outer_set = keras.Sequential([keras.Input(shape=(4,)), set_frozen, layers.Dense(1)])

partly = keras.Sequential([keras.Input(shape=(4,)), layers.Dense(3), layers.Dense(2)])
partly.trainable = False
partly.layers[0].trainable = True
outer_partly = keras.Sequential([keras.Input(shape=(4,)), partly])
