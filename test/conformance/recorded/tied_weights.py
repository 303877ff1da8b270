# A built layer's variables read as tensors of their shapes: tied input and output embeddings, and a size taken
# from a kernel.
import keras
from keras import layers, ops


class TiedOutput(layers.Layer):
    def __init__(self, embedding, **kwargs):
        super().__init__(**kwargs)
        self.embedding = embedding

    def call(self, x):
        return ops.matmul(x, ops.transpose(self.embedding.embeddings))


tokens = keras.Input((None,), dtype="int32")
embedding = layers.Embedding(50, 4)
tied = keras.Model(tokens, TiedOutput(embedding)(embedding(tokens)))

features = keras.Input((6,))
first = layers.Dense(3)
hidden = first(features)
widened = keras.Model(features, layers.Dense(first.kernel.shape[0] + first.bias.shape[0])(hidden))
