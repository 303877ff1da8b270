"""Models held by other models: attributes of a subclassed model, wrapped by TimeDistributed, taken apart with
get_layer; Lambdas that return several tensors or take arguments."""
import keras
from keras import layers, ops

# keras.io's VAE: the encoder and decoder are functional models, attributes of a model that is never called.
latent_dim = 2
encoder_inputs = keras.Input(shape=(28, 28, 1))
x = layers.Conv2D(32, 3, activation="relu", strides=2, padding="same")(encoder_inputs)
x = layers.Flatten()(x)
x = layers.Dense(16, activation="relu")(x)
z_mean = layers.Dense(latent_dim, name="z_mean")(x)
z_log_var = layers.Dense(latent_dim, name="z_log_var")(x)
encoder = keras.Model(encoder_inputs, [z_mean, z_log_var], name="encoder")

latent_inputs = keras.Input(shape=(latent_dim,))
y = layers.Dense(14 * 14 * 8, activation="relu")(latent_inputs)
y = layers.Reshape((14, 14, 8))(y)
decoder_outputs = layers.Conv2DTranspose(1, 3, activation="sigmoid", strides=2, padding="same")(y)
decoder = keras.Model(latent_inputs, decoder_outputs, name="decoder")


class VAE(keras.Model):
    def __init__(self, encoder, decoder, **kwargs):
        super().__init__(**kwargs)
        self.encoder = encoder
        self.decoder = decoder
        self.total_loss_tracker = keras.metrics.Mean(name="total_loss")


vae = VAE(encoder, decoder)

# A per-frame CNN applied to every frame of a video.
frame_in = keras.Input((32, 32, 3))
frame_cnn = keras.Model(frame_in, layers.GlobalAveragePooling2D()(layers.Conv2D(8, 3)(frame_in)), name="frame_cnn")
video_in = keras.Input((10, 32, 32, 3))
frames = layers.TimeDistributed(frame_cnn)(video_in)
video = keras.Model(video_in, layers.LSTM(4)(frames), name="video")

step = keras.Sequential([keras.Input((6,)), layers.Dense(3), layers.Dense(2)], name="step")
steps_in = keras.Input((5, 6))
per_step = keras.Model(steps_in, layers.TimeDistributed(step)(steps_in), name="per_step")

# Taking a model apart.
base = keras.Sequential([keras.Input((8,)), layers.Dense(4, name="h1"), layers.Dense(2, name="h2")], name="base")
first_part = keras.Model(base.inputs, base.get_layer(index=0).output, name="first_part")
last_part = keras.Model(base.inputs, base.get_layer(index=-1).output, name="last_part")
named_part = keras.Model(base.inputs, base.get_layer("h1").output, name="named_part")
inner = keras.Model(encoder.inputs, encoder.get_layer(index=3).output, name="inner")

# Lambdas returning two tensors, and taking arguments.
image = keras.Input((16, 16, 3))
head, tail = layers.Lambda(lambda t: (t[..., :1], t[..., 1:]))(image)
crop = layers.Lambda(lambda t, size: t[:, :size, :size], arguments={"size": 5})(image)
summed = layers.Lambda(lambda t, axis=-1: ops.sum(t, axis=axis), arguments={"axis": 1})(image)
lambdas = keras.Model(image, [head, tail, crop, summed], name="lambdas")
