# TimeDistributed builds a Sequential model that was not built yet on one time step, as Keras' TimeDistributed.build does
# (which takes the name 'functional' for the Sequential's own graph).
import keras
from keras import layers
frame = keras.Sequential([layers.Dense(4)], name="frame")
clip = keras.Input((7, 3))
y = layers.TimeDistributed(frame)(clip)
m = keras.Model(clip, y)
m.summary()
frame.summary()
