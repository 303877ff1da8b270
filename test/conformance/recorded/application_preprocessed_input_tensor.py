# An application given an input_tensor made by preprocess_input: its constants are no inputs of the graph.
import keras
from keras import layers, Model, Input

inputs = Input(shape=(128, 128, 3), name="image")
x = layers.RandomFlip("horizontal")(inputs)
x = keras.applications.resnet.preprocess_input(x)
base = keras.applications.ResNet101(include_top=False, weights=None, input_tensor=x, pooling="max")
base.trainable = False
out = layers.Dense(6, activation="softmax")(base.output)
model = Model(inputs, out)
model.summary()
