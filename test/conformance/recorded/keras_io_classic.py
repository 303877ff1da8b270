# keras.io examples: the MNIST convnet, text classification from scratch, a bidirectional LSTM.
import keras
from keras import layers

# MNIST convnet (keras.io)
mnist = keras.Sequential([
    keras.Input(shape=(28, 28, 1)),
    layers.Conv2D(32, kernel_size=(3, 3), activation="relu"),
    layers.MaxPooling2D(pool_size=(2, 2)),
    layers.Conv2D(64, kernel_size=(3, 3), activation="relu"),
    layers.MaxPooling2D(pool_size=(2, 2)),
    layers.Flatten(),
    layers.Dropout(0.5),
    layers.Dense(10, activation="softmax"),
])

# text classification from scratch (keras.io)
inputs = keras.Input(shape=(None,), dtype="int64")
x = layers.Embedding(20000, 128)(inputs)
x = layers.Dropout(0.5)(x)
x = layers.Conv1D(128, 7, padding="valid", activation="relu", strides=3)(x)
x = layers.Conv1D(128, 7, padding="valid", activation="relu", strides=3)(x)
x = layers.GlobalMaxPooling1D()(x)
x = layers.Dense(128, activation="relu")(x)
x = layers.Dropout(0.5)(x)
predictions = layers.Dense(1, activation="sigmoid", name="predictions")(x)
text_model = keras.Model(inputs, predictions)

# bidirectional LSTM (keras.io)
bi_in = keras.Input(shape=(None,), dtype="int32")
y = layers.Embedding(20000, 128)(bi_in)
y = layers.Bidirectional(layers.LSTM(64, return_sequences=True))(y)
y = layers.Bidirectional(layers.LSTM(64))(y)
bi_out = layers.Dense(1, activation="sigmoid")(y)
bilstm = keras.Model(bi_in, bi_out)
