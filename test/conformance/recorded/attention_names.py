# A MultiHeadAttention creates a Softmax and a Dropout when it is built: later automatic names skip them.
import keras
from keras import layers

inputs = keras.Input(shape=(10, 16))
x = layers.MultiHeadAttention(num_heads=2, key_dim=8)(inputs, inputs)
x = layers.Dropout(0.1)(x)
x = layers.Softmax()(x)
x = layers.GroupQueryAttention(head_dim=4, num_query_heads=2, num_key_value_heads=1)(x, x)
x = layers.Dropout(0.2)(x)
model = keras.Model(inputs, x)
