# Seed example 3: Dense on input_shape=(32, 28)
from keras.models import Sequential
from keras.layers import Dense

model = Sequential()
model.add(Dense(4, activation='linear', input_shape=(32, 28)))
model.add(Dense(10, activation='softmax'))
