# The number of features is only known when the data is loaded; the hint says `?`, the tooltip names it.
import keras
from keras import layers

model = keras.Sequential([
    keras.Input(shape=(x_train.shape[1], 3)),
    layers.Dense(4, input_dim=3),
])
