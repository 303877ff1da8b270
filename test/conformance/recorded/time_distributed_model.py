# A model wrapped in TimeDistributed sees each time step: its graph runs again on the more specific shape.
import keras
from keras import layers

frame = keras.Sequential([layers.Input((None, None, 3)), layers.Conv2D(8, 3), layers.GlobalAveragePooling2D()])
video = keras.Input((5, 32, 32, 3))
y = layers.TimeDistributed(frame)(video)
m = keras.Model(video, y)
m.summary()

enc = keras.Sequential([layers.Input((None, 4)), layers.Dense(6), layers.LSTM(3)])
seqs = keras.Input((7, 10, 4))
z = layers.TimeDistributed(enc)(seqs)
m2 = keras.Model(seqs, z)
m2.summary()

fin = keras.Input((None, 4))
fout = layers.Dense(2)(layers.Dense(5)(fin))
f = keras.Model(fin, fout)
w = keras.Input((3, 9, 4))
m3 = keras.Model(w, layers.TimeDistributed(f)(w))
m3.summary()
