# Masks of custom layers, as keras.io's English-to-Spanish Transformer makes them: a compute_mask that returns
# ops.not_equal(...) (an operation row of the model), a layer with supports_masking = True that hands the mask
# on, a call taking mask= (the mask becomes an input of its node), and a nested model given the mask.
import keras
from keras import layers, ops


class PositionalEmbedding(layers.Layer):
    def __init__(self, sequence_length, vocab_size, embed_dim, **kwargs):
        super().__init__(**kwargs)
        self.token_embeddings = layers.Embedding(input_dim=vocab_size, output_dim=embed_dim)
        self.position_embeddings = layers.Embedding(input_dim=sequence_length, output_dim=embed_dim)

    def call(self, inputs):
        positions = ops.arange(0, ops.shape(inputs)[-1], 1)
        return self.token_embeddings(inputs) + self.position_embeddings(positions)

    def compute_mask(self, inputs, mask=None):
        return ops.not_equal(inputs, 0)


class TransformerEncoder(layers.Layer):
    def __init__(self, embed_dim, dense_dim, num_heads, **kwargs):
        super().__init__(**kwargs)
        self.attention = layers.MultiHeadAttention(num_heads=num_heads, key_dim=embed_dim)
        self.dense_proj = keras.Sequential([layers.Dense(dense_dim, activation="relu"), layers.Dense(embed_dim)])
        self.layernorm_1 = layers.LayerNormalization()
        self.layernorm_2 = layers.LayerNormalization()
        self.supports_masking = True

    def call(self, inputs, mask=None):
        padding_mask = ops.cast(mask[:, None, :], dtype="int32") if mask is not None else None
        attention_output = self.attention(query=inputs, value=inputs, key=inputs, attention_mask=padding_mask)
        proj_input = self.layernorm_1(inputs + attention_output)
        return self.layernorm_2(proj_input + self.dense_proj(proj_input))


encoder_inputs = keras.Input(shape=(None,), dtype="int64", name="encoder_inputs")
x = PositionalEmbedding(20, 1000, 16)(encoder_inputs)
encoder_outputs = TransformerEncoder(16, 32, 2)(x)
encoder = keras.Model(encoder_inputs, encoder_outputs, name="encoder")

# A head model used on the masked encoder output: it is given the mask.
head_inputs = keras.Input(shape=(None, 16))
head = keras.Model(head_inputs, layers.Dense(4)(head_inputs), name="head")
classifier = keras.Model(encoder_inputs, head(encoder_outputs), name="classifier")

# A recurrent layer after a custom masking embedding, and a mask handed on by supports_masking.
class Scale(layers.Layer):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.supports_masking = True

    def call(self, inputs):
        return inputs * 2.0


class NoMask(layers.Layer):
    def call(self, inputs):
        return inputs

    def compute_mask(self, inputs, mask=None):
        return None


tokens = keras.Input(shape=(None,), dtype="int32")
embedded = PositionalEmbedding(30, 500, 8)(tokens)
tagger = keras.Model(tokens, layers.LSTM(4, return_sequences=True)(Scale()(embedded)), name="tagger")
unmasked = keras.Model(tokens, layers.GRU(3)(NoMask()(embedded)), name="unmasked")
