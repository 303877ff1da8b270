# Weights shared between rows count once in a model's totals (Keras' `model.weights` lists each variable
# once), while each row counts its own layer's weights: a layer used directly and inside a nested model,
# two branches sharing an Embedding, a model used directly and inside another, frozen shared weights.
import keras
from keras import layers

# A projection used on the input and again inside a refinement sub-model.
proj = layers.Dense(16, name="proj")
refine_in = keras.Input(shape=(16,))
refine = keras.Model(refine_in, layers.Dense(16)(proj(refine_in)), name="refine")
tokens = keras.Input(shape=(16,))
refined = keras.Model(tokens, refine(proj(tokens)), name="refined")

# Two text branches over one shared Embedding table.
embedding = layers.Embedding(1000, 32, name="shared_embedding")
query_in = keras.Input(shape=(12,), dtype="int32")
query_tower = keras.Model(query_in, layers.GlobalAveragePooling1D()(embedding(query_in)), name="query_tower")
doc_in = keras.Input(shape=(40,), dtype="int32")
doc_tower = keras.Model(doc_in, layers.GlobalMaxPooling1D()(embedding(doc_in)), name="doc_tower")
q = keras.Input(shape=(12,), dtype="int32")
d = keras.Input(shape=(40,), dtype="int32")
score = layers.Dot(axes=1)([query_tower(q), doc_tower(d)])
retrieval = keras.Model([q, d], layers.Dense(1, activation="sigmoid")(score), name="retrieval")

# An encoder used directly and inside an autoencoder that the outer model also uses.
encoder = keras.Sequential([keras.Input(shape=(20,)), layers.Dense(8, activation="relu")], name="encoder")
decoder = keras.Sequential([keras.Input(shape=(8,)), layers.Dense(20)], name="decoder")
ae_in = keras.Input(shape=(20,))
autoencoder = keras.Model(ae_in, decoder(encoder(ae_in)), name="autoencoder")
x = keras.Input(shape=(20,))
code = encoder(x)
reconstruction = autoencoder(x)
both = keras.Model(x, [code, reconstruction], name="code_and_reconstruction")

# A frozen backbone whose layers are also used directly: its variables are non-trainable everywhere.
backbone = keras.Sequential([keras.Input(shape=(10,)), layers.Dense(6), layers.BatchNormalization()], name="backbone")
backbone.trainable = False
head_in = keras.Input(shape=(10,))
features = backbone(head_in)
again = backbone.layers[0](head_in)
head = keras.Model(head_in, layers.Concatenate()([features, layers.Dense(3)(again)]), name="head")

# A custom block holding a layer that the model also applies directly.
class Residual(layers.Layer):
    def __init__(self, inner, **kwargs):
        super().__init__(**kwargs)
        self.inner = inner
        self.norm = layers.LayerNormalization()

    def call(self, x):
        return self.norm(x + self.inner(x))


mix = layers.Dense(24, name="mix")
r_in = keras.Input(shape=(24,))
r_out = Residual(mix)(mix(r_in))
residual = keras.Model(r_in, r_out, name="residual")

# A frozen custom block whose inner layer is unfrozen again: that layer's variables are trainable in the model.
block = Residual(layers.Dense(24))
b_in = keras.Input(shape=(24,))
b_out = block(b_in)
block.trainable = False
block.inner.trainable = True
partly_frozen = keras.Model(b_in, b_out, name="partly_frozen")
