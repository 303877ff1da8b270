# A subclassed model's own variables (self.add_weight in __init__ and in build) count in its totals with
# those of the layers it holds, trainable or not as created.
import keras
from keras import layers


class ManualWeights(keras.Model):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.proj = layers.Dense(7)
        self.gamma = self.add_weight(shape=(3,), initializer="zeros", trainable=False)

    def build(self, input_shape):
        self.alpha = self.add_weight(shape=(input_shape[-1],), initializer="zeros")
        self.proj.build(input_shape)

    def call(self, x):
        return self.proj(x * self.alpha)


mw = ManualWeights(name="manual")
mw.build((None, 11))
