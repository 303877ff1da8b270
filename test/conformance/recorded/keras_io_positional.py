# keras.io: text classification with a Transformer encoder, a positional embedding over ops.arange(ops.shape(x)[-1])
# of a None axis; a Lambda with output_shape; layers built in a loop over zip and enumerate.
import keras
from keras import layers, ops


class PositionalEmbedding(layers.Layer):
    def __init__(self, sequence_length, vocab_size, embed_dim, **kwargs):
        super().__init__(**kwargs)
        self.token_embeddings = layers.Embedding(input_dim=vocab_size, output_dim=embed_dim)
        self.position_embeddings = layers.Embedding(input_dim=sequence_length, output_dim=embed_dim)
        self.sequence_length = sequence_length

    def call(self, inputs):
        length = ops.shape(inputs)[-1]
        positions = ops.arange(0, length, 1)
        return self.token_embeddings(inputs) + self.position_embeddings(positions)


class TransformerEncoder(layers.Layer):
    def __init__(self, embed_dim, dense_dim, num_heads, **kwargs):
        super().__init__(**kwargs)
        self.attention = layers.MultiHeadAttention(num_heads=num_heads, key_dim=embed_dim)
        self.dense_proj = keras.Sequential([layers.Dense(dense_dim, activation="relu"), layers.Dense(embed_dim)])
        self.layernorm_1 = layers.LayerNormalization()
        self.layernorm_2 = layers.LayerNormalization()

    def call(self, inputs, mask=None):
        attention_output = self.attention(query=inputs, value=inputs, key=inputs)
        proj_input = self.layernorm_1(inputs + attention_output)
        proj_output = self.dense_proj(proj_input)
        return self.layernorm_2(proj_input + proj_output)


inputs = keras.Input(shape=(None,), dtype="int64")
x = PositionalEmbedding(20, 15000, 256)(inputs)
x = TransformerEncoder(256, 2048, 8)(x)
x = layers.GlobalMaxPooling1D()(x)
x = layers.Dropout(0.5)(x)
outputs = layers.Dense(1, activation="sigmoid")(x)
model = keras.Model(inputs, outputs)

# Lambda with output_shape, zip/enumerate building, layers collected in a list
lam_in = keras.Input((4, 6))
y = layers.Lambda(lambda t: ops.sum(t, axis=1), output_shape=(6,))(lam_in)
branches = []
for i, (units, act) in enumerate(zip([8, 16], ["relu", "tanh"])):
    branches.append(layers.Dense(units, activation=act, name=f"branch_{i}")(y))
z = layers.concatenate(branches)
lam = keras.Model(lam_in, z)
