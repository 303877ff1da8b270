# The rows of a subclassed model called on an Input: its layers run inside `call`, on Keras' placeholders, so
# they have no inbound nodes; a row shows compute_output_shape of the shape the layer was built for, `?` for a
# layer built in __init__ (Dropout, pooling, activations) or a custom layer without compute_output_shape.
import keras
from keras import layers, ops


class Gate(layers.Layer):
    def call(self, x):
        return x * ops.sigmoid(x)


class Head(layers.Layer):
    def __init__(self, units, **kwargs):
        super().__init__(**kwargs)
        self.units = units
        self.proj = layers.Dense(units)

    def call(self, x):
        return self.proj(x)

    def compute_output_shape(self, input_shape):
        return input_shape[:-1] + (self.units,)


class TextClassifier(keras.Model):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.embedding = layers.Embedding(1000, 32)
        self.conv = layers.Conv1D(16, 3, padding="same")
        self.act = layers.Activation("relu")
        self.pool = layers.MaxPooling1D()
        self.gate = Gate()
        self.global_pool = layers.GlobalAveragePooling1D()
        self.dropout = layers.Dropout(0.3)
        self.block = keras.Sequential([layers.Dense(8), layers.ReLU()], name="block")
        self.head = Head(3)

    def call(self, tokens):
        x = self.pool(self.act(self.conv(self.embedding(tokens))))
        x = self.dropout(self.global_pool(self.gate(x)))
        return self.head(self.block(x))


classifier = TextClassifier(name="text_classifier")
_ = classifier(keras.Input(shape=(40,), dtype="int32"))

# A layer also applied in a functional model shows its inbound node's shape.
shared_dropout = layers.Dropout(0.1)
features = keras.Input(shape=(12,))
functional = keras.Model(features, shared_dropout(features), name="uses_dropout")


class Wrapper(keras.Model):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.dropout = shared_dropout
        self.flatten = layers.Flatten()
        self.dense = layers.Dense(2)

    def call(self, x):
        return self.dense(self.flatten(self.dropout(x)))


wrapper = Wrapper(name="wrapper")
_ = wrapper(keras.Input(shape=(3, 4)))
