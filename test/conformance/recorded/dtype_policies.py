# The summary sizes each weight by its dtype: a layer's `dtype=` (a policy name or a DTypePolicy), the global
# policy (mixed precision keeps float32 variables), a wrapped layer's own policy, Normalization's int count,
# LoRA factors kept in float32, and a custom layer's add_weight.
import sys

import keras
from keras import layers

# Half-precision heads on a float32 trunk.
mixed_heads = keras.Sequential(
    [
        keras.Input(shape=(32,)),
        layers.Dense(64, activation="relu"),
        layers.Dense(16, dtype="float16"),
        layers.Dense(8, dtype="bfloat16"),
        layers.Dense(2, dtype="float64"),
    ],
    name="mixed_heads",
)

# Policies given as objects, and the legacy mixed_precision names.
policies = keras.Sequential(
    [
        keras.Input(shape=(10,)),
        layers.Dense(8, dtype=keras.DTypePolicy("bfloat16")),
        layers.Dense(8, dtype=keras.mixed_precision.Policy("mixed_float16")),
        layers.Dense(4, dtype=keras.dtype_policies.DTypePolicy("float16")),
    ],
    name="policies",
)

# A sequence model in float16: the wrapped Dense keeps its own policy, Normalization counts in int32.
tokens = keras.Input(shape=(20,), dtype="int32")
x = layers.Embedding(500, 16, dtype="float16")(tokens)
x = layers.Normalization(dtype="float16")(x)
x = layers.TimeDistributed(layers.Dense(8, dtype="bfloat16"), dtype="float16")(x)
x = layers.LayerNormalization(dtype="float16")(x)
x = layers.GlobalAveragePooling1D()(x)
outputs = layers.Dense(1, dtype="float32")(x)
sequence = keras.Model(tokens, outputs, name="sequence")

# LoRA factors are float32 whatever the layer's policy; the frozen kernel keeps the layer's.
lora = keras.Sequential([keras.Input(shape=(12,)), layers.Dense(6, dtype="bfloat16", lora_rank=2)], name="lora")

# Mixed precision, as its guide sets it (only if asked: a run-time condition that keeps float32 variables).
if len(sys.argv) > 5:
    keras.mixed_precision.set_global_policy("mixed_float16")
keras.mixed_precision.set_global_policy("mixed_float16")
amp = keras.Sequential(
    [keras.Input(shape=(28, 28, 1)), layers.Conv2D(8, 3), layers.BatchNormalization(), layers.Flatten(), layers.Dense(10, dtype="float32")],
    name="amp",
)

# A global float16 policy: every layer without its own dtype makes float16 weights.
keras.config.set_dtype_policy("float16")


class Scale(layers.Layer):
    def build(self, input_shape):
        self.gamma = self.add_weight(shape=(input_shape[-1],), initializer="ones")
        self.steps = self.add_weight(shape=(), initializer="zeros", dtype="int64", trainable=False)
        self.wide = self.add_weight(shape=(input_shape[-1],), initializer="zeros", dtype="float64")

    def call(self, x):
        return x * self.gamma


half = keras.Sequential(
    [keras.Input(shape=(6,)), layers.Dense(6), Scale(), Scale(dtype="bfloat16"), layers.Dense(3, dtype="float32")],
    name="half",
)
keras.config.set_dtype_policy("float32")
