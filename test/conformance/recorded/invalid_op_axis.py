# A reduction over an axis the tensor does not have: Keras' canonicalize_axis refuses it.
import keras

x = keras.Input(shape=(10, 4))
y = keras.ops.mean(x, axis=3)
