# enable_lora(rank) on a built layer freezes its kernel (or embeddings) and adds two trainable factors, as
# lora_rank= does; a layer not built yet refuses it.
import keras
from keras import layers

dense_model = keras.Sequential([keras.Input((10,)), layers.Dense(5), layers.Dense(3)])
dense_model.layers[0].enable_lora(2)

conv_model = keras.Sequential([keras.Input((8, 8, 3)), layers.Conv2D(4, 3)])
conv_model.layers[0].enable_lora(rank=1)

embedding_model = keras.Sequential([keras.Input((6,)), layers.Embedding(50, 8)])
embedding_model.layers[0].enable_lora(4)

later = layers.Dense(4)
later.enable_lora(2)
