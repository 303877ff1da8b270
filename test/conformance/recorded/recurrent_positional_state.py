# A recurrent layer given its initial state positionally: call(sequences, initial_state) binds it, and the
# node holds it, so the summary connects the LSTM to all three inputs.
import keras
from keras import layers

seq = keras.Input((5, 4))
h = keras.Input((4,))
c = keras.Input((4,))
out = layers.LSTM(4)(seq, [h, c])
model = keras.Model([seq, h, c], out)
