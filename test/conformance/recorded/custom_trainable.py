# trainable=False given to a custom layer's or model's constructor (handed on to Layer.__init__ by **kwargs)
# freezes the layer itself: the variables it adds are non-trainable, those of the layers it holds keep their
# flags, which a model that uses it counts.
import keras
from keras import layers, ops


class ScaledProjection(layers.Layer):
    def __init__(self, units, **kwargs):
        super().__init__(**kwargs)
        self.proj = layers.Dense(units)

    def build(self, input_shape):
        self.scale = self.add_weight(shape=(1,), initializer="ones")

    def call(self, x):
        return self.proj(x) * self.scale


class Encoder(keras.Model):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.hidden = layers.Dense(16, activation="relu")
        self.out = layers.Dense(4)

    def call(self, x):
        return self.out(self.hidden(x))


inputs = keras.Input(shape=(8,))
projected = ScaledProjection(6, trainable=False, name="frozen_projection")(inputs)
projection_model = keras.Model(inputs, layers.Dense(2)(projected), name="projection_model")

encoder = Encoder(trainable=False, name="encoder")
features = keras.Input(shape=(10,))
classifier = keras.Model(features, layers.Dense(3)(encoder(features)), name="classifier")
