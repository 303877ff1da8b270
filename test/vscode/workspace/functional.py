from keras import Input, Model, layers

from helpers import HIDDEN

inputs = Input(shape=(32,))
x = layers.Dense(HIDDEN, activation='relu')(inputs)
y = layers.Dense(HIDDEN)(x)
merged = layers.concatenate([x, y])
outputs = layers.Dense(1)(merged)
model = Model(inputs, outputs)
