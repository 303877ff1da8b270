"""Names after keras.backend.clear_session(), and the same layer or model twice in a Sequential model."""
import keras
from keras import layers


def make_classifier(units):
    return keras.Sequential([keras.Input((8,)), layers.Dense(units, activation="relu"), layers.Dense(1)])


# Many keras.io examples start again from a clean session between experiments.
first = make_classifier(16)
keras.backend.clear_session()
second = make_classifier(32)
keras.utils.clear_session()
third_input = keras.Input((8,))
third = keras.Model(third_input, layers.Dense(4)(third_input))

# The same encoder twice: Keras refuses only a different layer of the same name.
encoder = keras.Sequential([keras.Input((10,)), layers.Dense(10, activation="tanh")], name="encoder")
twice = keras.Sequential([encoder, encoder], name="twice")

block = layers.Dense(6, activation="relu")
repeated = keras.Sequential([keras.Input((6,)), block, block, block, layers.Dense(2)], name="repeated")

grown = keras.Sequential(name="grown")
grown.add(keras.Input((6,)))
grown.add(block)
grown.add(block)

# clear_session() also forgets the global dtype policy: floatx gives it again.
keras.config.set_dtype_policy("float16")
half = keras.Sequential([keras.Input((4,)), layers.Dense(2)], name="half")
keras.backend.clear_session()
full = keras.Sequential([keras.Input((4,)), layers.Dense(2)], name="full")
