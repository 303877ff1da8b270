# Attributes set and read by name: a layer that makes its blocks with `setattr(self, f"block_{i}", ...)` and calls
# them through `getattr`, `hasattr` on what an instance was given, and freezing with `setattr(x, "trainable", False)`.
import keras
from keras import layers


class Tower(layers.Layer):
    def __init__(self, depth, **kwargs):
        super().__init__(**kwargs)
        self.depth = depth
        for i in range(depth):
            setattr(self, f"block_{i}", layers.Dense(8 * (i + 1), name=f"block_{i}"))
        self.width = 2 if hasattr(self, "block_0") else 5
        self.head = layers.Dense(self.width, name="head")

    def call(self, x):
        for i in range(self.depth):
            x = getattr(self, f"block_{i}")(x)
        return self.head(x)


tower_in = keras.Input((4,))
tower_model = keras.Model(tower_in, Tower(3, name="tower")(tower_in), name="tower_model")
setattr(tower_model.get_layer("tower").block_0, "trainable", False)

inputs = keras.Input((6,))
x = layers.Dense(12, name="wide")(inputs)
x = layers.BatchNormalization(name="norm")(x)
outputs = layers.Dense(len([getattr(layer, "name") for layer in tower_model.layers]), name="narrow")(x)
frozen = keras.Model(inputs, outputs, name="frozen")
for layer in frozen.layers:
    setattr(layer, "trainable", getattr(layer, "name") == "norm")

# `get_layer(index=...)` counts in `model.layers`, which leaves out the graph's operations (`x * 2` here)
scaled = layers.Dense(3, name="scaled")(inputs * 2)
by_index = keras.Model(inputs, [frozen.get_layer(index=1).output, keras.Model(inputs, scaled).get_layer(index=1).output], name="by_index")
