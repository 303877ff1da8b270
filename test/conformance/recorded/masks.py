# Masks: Embedding(mask_zero=True) and Masking compute theirs with operations (not_equal, any) that are rows of a
# functional model; Dropout, Bidirectional and return_sequences pass them on; a recurrent layer, TimeDistributed or
# GlobalAveragePooling1D called on one tensor alone is connected to its mask; Add joins masks with logical_or,
# Concatenate widens and joins them; MultiHeadAttention, called with two tensors, is not connected to them.
import keras
from keras import layers

tokens = keras.Input((12,), dtype="int32", name="tokens")
x = layers.Embedding(100, 8, mask_zero=True)(tokens)
x = layers.Dropout(0.1)(x)
x = layers.Bidirectional(layers.LSTM(6, return_sequences=True))(x)
y = layers.LSTM(5)(x)
text_model = keras.Model(tokens, layers.Dense(2)(y))

frames = keras.Input((10, 4), name="frames")
m = layers.Masking(mask_value=0.0)(frames)
g = layers.GRU(3, return_sequences=True)(m)
t = layers.TimeDistributed(layers.Dense(2))(g)
p = layers.GlobalAveragePooling1D()(t)
frames_model = keras.Model(frames, p)

a = keras.Input((7,), name="a")
b = keras.Input((7,), name="b")
ea = layers.Embedding(50, 4, mask_zero=True)(a)
eb = layers.Embedding(50, 4, mask_zero=True)(b)
c_in = keras.Input((7, 3), name="c")
plain = layers.Dense(4)(c_in)
s = layers.Add()([ea, eb])
c = layers.Concatenate()([s, plain])
att = layers.MultiHeadAttention(2, 4)(c, ea)
r = layers.SimpleRNN(3)(att)
pair_model = keras.Model([a, b, c_in], r)

seq = keras.Sequential([keras.Input((9,)), layers.Embedding(30, 4, mask_zero=True), layers.LSTM(3)])
q = keras.Input((9,), name="q")
after = layers.Embedding(30, 4, mask_zero=True)(q)
after = layers.LSTM(2)(after)
after_model = keras.Model(q, after)
