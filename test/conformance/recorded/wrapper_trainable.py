# trainable=False given to a wrapper's constructor freezes its own row only: the variables it holds are its
# wrapped layers', whose flags the model's totals count. The setter freezes them all; a wrapped layer frozen when
# it is wrapped passes its flag on (Bidirectional copies it with its config).
import keras
from keras import layers

frozen_bidirectional = keras.Sequential([keras.Input((5, 3)), layers.Bidirectional(layers.LSTM(4), trainable=False), layers.Dense(2)])
frozen_time_distributed = keras.Sequential([keras.Input((5, 3)), layers.TimeDistributed(layers.Dense(4), trainable=False), layers.Dense(2)])
frozen_inner = keras.Sequential([keras.Input((5, 3)), layers.Bidirectional(layers.LSTM(4, trainable=False)), layers.Dense(2)])

wrapper = layers.Bidirectional(layers.GRU(3))
set_after = keras.Sequential([keras.Input((5, 3)), wrapper, layers.Dense(2)])
wrapper.trainable = False

thawed = layers.TimeDistributed(layers.Dense(4), trainable=False)
thawed_after = keras.Sequential([keras.Input((5, 3)), thawed])
thawed.trainable = True

cell_rnn = keras.Sequential([keras.Input((5, 3)), layers.RNN(layers.GRUCell(4), trainable=False)])
