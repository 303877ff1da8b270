# keras.io: DCGAN generator and discriminator, squeeze-and-excitation blocks, attention written with keras.ops
# (matmul, transpose, a scalar from ops.sqrt, softmax, einsum, split, stack, max), a seq2seq LSTM with states.
import keras
from keras import layers, ops

# DCGAN generator / discriminator (keras.io)
latent_dim = 128
generator = keras.Sequential([
    keras.Input(shape=(latent_dim,)),
    layers.Dense(8 * 8 * 128),
    layers.Reshape((8, 8, 128)),
    layers.Conv2DTranspose(128, kernel_size=4, strides=2, padding="same"),
    layers.LeakyReLU(negative_slope=0.2),
    layers.Conv2DTranspose(256, kernel_size=4, strides=2, padding="same"),
    layers.LeakyReLU(negative_slope=0.2),
    layers.Conv2D(3, kernel_size=5, padding="same", activation="sigmoid"),
], name="generator")
discriminator = keras.Sequential([
    keras.Input(shape=(64, 64, 3)),
    layers.Conv2D(64, kernel_size=4, strides=2, padding="same"),
    layers.LeakyReLU(negative_slope=0.2),
    layers.Conv2D(128, kernel_size=4, strides=2, padding="same"),
    layers.LeakyReLU(negative_slope=0.2),
    layers.Flatten(),
    layers.Dropout(0.2),
    layers.Dense(1, activation="sigmoid"),
], name="discriminator")

# squeeze-and-excitation block
def se_block(x, ratio=8):
    channels = x.shape[-1]
    s = layers.GlobalAveragePooling2D()(x)
    s = layers.Reshape((1, 1, channels))(s)
    s = layers.Dense(channels // ratio, activation="relu")(s)
    s = layers.Dense(channels, activation="sigmoid")(s)
    return layers.Multiply()([x, s])


inp = keras.Input((32, 32, 16))
out = se_block(se_block(inp), ratio=4)
se = keras.Model(inp, out)

# ops-heavy attention
q_in = keras.Input((6, 8))
q = layers.Dense(8)(q_in)
k = layers.Dense(8)(q_in)
scores = ops.matmul(q, ops.transpose(k, (0, 2, 1))) / ops.sqrt(8.0)
weights = ops.softmax(scores, axis=-1)
ctx = ops.einsum("bij,bjd->bid", weights, q)
parts = ops.split(ctx, 2, axis=-1)
stacked = ops.stack(parts, axis=1)
pooled = ops.max(stacked, axis=[1, 2])
ops_model = keras.Model(q_in, layers.Dense(2)(pooled))

# seq2seq with states (keras.io)
encoder_inputs = keras.Input(shape=(None, 71))
encoder = layers.LSTM(256, return_state=True)
encoder_outputs, state_h, state_c = encoder(encoder_inputs)
decoder_inputs = keras.Input(shape=(None, 93))
decoder_lstm = layers.LSTM(256, return_sequences=True, return_state=True)
decoder_outputs, _, _ = decoder_lstm(decoder_inputs, initial_state=[state_h, state_c])
decoder_dense = layers.Dense(93, activation="softmax")
seq2seq = keras.Model([encoder_inputs, decoder_inputs], decoder_dense(decoder_outputs))
