# Code written for both Keras 2 and 3: imports that Keras 3 dropped, tried first inside `try` with the Keras 3
# name as the fallback, and a Sequential model's `input`/`output`, which are those of its first call (here the
# outer model's tensors, so the extractor holds the whole Sequential as one row).
import keras
from keras import layers

try:
    from keras.layers import CuDNNLSTM as RecurrentLayer
except ImportError:
    from keras.layers import LSTM as RecurrentLayer
try:
    from keras.layers.merge import concatenate
except ImportError:
    from keras.layers import concatenate
try:
    int_shape = keras.backend.int_shape
except AttributeError:
    int_shape = keras.ops.shape

encoder = keras.Sequential([keras.Input((20, 8)), RecurrentLayer(16), layers.Dense(8)])
left = keras.Input((20, 8))
right = keras.Input((20, 8))
merged = concatenate([encoder(left), encoder(right)])
width = int_shape(merged)[-1]
siamese = keras.Model([left, right], layers.Dense(width // 2, activation="relu")(merged))

first_call = keras.Model(encoder.input, encoder.output)
