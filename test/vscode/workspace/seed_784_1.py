# Seed example 2: Dense on input_shape=(784, 1) -- Dense acts on the last axis only.
from keras.models import Sequential
from keras.layers import Dense

model = Sequential()
model.add(Dense(4, activation='linear', input_shape=(784, 1)))
model.add(Dense(10, activation='softmax'))
