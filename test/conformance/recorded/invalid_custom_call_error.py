# A layer inside a custom layer's call that Keras refuses: Keras raises from the statement calling the custom
# layer, its error wrapped in the custom layer's ("Exception encountered when calling Projection.call()").
import keras
from keras import layers


class Projection(layers.Layer):
    def __init__(self, units):
        super().__init__()
        self.dense = layers.Dense(units)

    def call(self, x):
        return self.dense(x)


inputs = keras.Input((None,))
outputs = Projection(4)(inputs)
