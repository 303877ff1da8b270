# A Pipeline of no layers returns from its call a variable it never set: Python's UnboundLocalError, which
# Keras raises wrapped when the pipeline is called on a symbolic tensor.
import keras
from keras import layers

features = keras.Input((3,))
nothing = layers.Pipeline([])
outputs = nothing(features)
