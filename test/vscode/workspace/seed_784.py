# Seed example 1: Dense on input_shape=(784,)
from keras.models import Sequential
from keras.layers import Dense

model = Sequential()
model.add(Dense(4, activation='linear', input_shape=(784,)))
model.add(Dense(10, activation='softmax'))
