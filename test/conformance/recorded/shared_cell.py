# A cell given to RNN, or a layer to TimeDistributed, is the very object the wrapper builds and holds: a model that
# also keeps it as an attribute lists it built, and counts its weights once.
import keras
from keras import layers, ops


class Forecaster(keras.Model):
    def __init__(self):
        super().__init__()
        self.cell = layers.LSTMCell(8)
        self.rnn = layers.RNN(self.cell)
        self.head = layers.Dense(3)
        self.frames = layers.TimeDistributed(self.head)

    def call(self, x):
        return self.frames(ops.expand_dims(self.rnn(x), 1))


forecaster = Forecaster()
forecaster(ops.zeros((2, 5, 4)))
