# Seed example 4: Dense on input_shape=(32, 28, 1)
from keras.models import Sequential
from keras.layers import Dense

model = Sequential()
model.add(Dense(4, activation='linear', input_shape=(32, 28, 1)))
model.add(Dense(10, activation='softmax'))
