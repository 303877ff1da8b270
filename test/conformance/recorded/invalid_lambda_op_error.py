# An op inside a Lambda's function that Keras refuses (a mean over axis 3 of a rank-3 tensor): Keras does not
# show that error but its own, from the statement calling the Lambda ("We could not automatically infer...").
import keras

x = keras.Input(shape=(10, 4))
y = keras.layers.Lambda(lambda t: keras.ops.mean(t, axis=3))(x)
