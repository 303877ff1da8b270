# A model built on inputs with open sizes, called on a tensor whose sizes are known: Keras runs its graph again
# on that tensor, so what follows sees the sizes (a Flatten then a Dense of known size), in a functional model
# and in a Sequential alike.
import keras
from keras import layers

fin = keras.Input((None, None, 3))
fcn = keras.Model(fin, layers.Conv2D(4, 3, strides=2, padding="same")(fin), name="fcn")
inp = keras.Input((8, 8, 3))
m = keras.Model(inp, layers.Dense(2)(layers.Flatten()(fcn(inp))), name="m")

seq = keras.Sequential([keras.Input((None, None, 3)), layers.Conv2D(4, 3, strides=2, padding="same")], name="seq")
inp2 = keras.Input((8, 8, 3))
m2 = keras.Model(inp2, layers.Dense(2)(layers.Flatten()(seq(inp2))), name="m2")

s = keras.Sequential([keras.Input((8, 8, 3)), fcn, layers.Flatten(), layers.Dense(2)], name="s")

backbone = keras.Sequential([keras.Input((None, 4)), layers.Conv1D(8, 3, padding="same"), layers.GRU(6, return_sequences=True)], name="backbone")
b = keras.Input((30, 4))
c = keras.Input((50, 4))
outer = keras.Model([b, c], layers.Concatenate(axis=1)([backbone(b), backbone(c)]), name="outer")
