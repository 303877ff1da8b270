# Recurrent states, attention, grouped and dilated convolutions, padding and cropping, Sequential pop and build.
import keras
from keras import layers

# recurrent variants
inp = keras.Input(shape=(12, 6))
seq, h, c = layers.LSTM(8, return_sequences=True, return_state=True)(inp)
g = layers.GRU(5, reset_after=False)(seq, initial_state=None)
bi = layers.Bidirectional(layers.GRU(4, return_sequences=True), merge_mode="sum")(seq)
bi2 = layers.Bidirectional(layers.SimpleRNN(3), merge_mode=None)(bi)
cat = layers.Concatenate()([g, h, c] + list(bi2))
att_q = layers.Dense(4)(seq)
att = layers.Attention()([att_q, att_q])
add_att = layers.AdditiveAttention()([att_q, att_q])
dot = layers.Dot(axes=(2, 2))([att, add_att])
flat = layers.Flatten()(dot)
out = layers.Dense(1)(layers.concatenate([cat, flat]))
rnn = keras.Model(inp, out)

# conv variants
cv = keras.Sequential([
    keras.Input((32, 32, 8)),
    layers.Conv2D(16, 3, groups=2, padding="same"),
    layers.SeparableConv2D(8, 3, depth_multiplier=2, strides=2),
    layers.Conv2D(4, (1, 5), dilation_rate=(1, 2)),
    layers.ZeroPadding2D(((1, 2), (3, 4))),
    layers.Cropping2D(((0, 1), (2, 0))),
    layers.UpSampling2D((2, 3), interpolation="bilinear"),
    layers.MaxPooling2D((3, 2), strides=(2, 1), padding="same"),
    layers.AveragePooling2D(2, data_format="channels_last"),
    layers.SpatialDropout2D(0.1),
    layers.BatchNormalization(center=False),
    layers.GlobalAveragePooling2D(keepdims=True),
    layers.Reshape((-1,)),
])
c1 = keras.Sequential([
    keras.Input((50, 3)),
    layers.SeparableConv1D(6, 5, padding="same"),
    layers.Conv1D(4, 3, dilation_rate=2, padding="causal"),
    layers.MaxPooling1D(2),
    layers.AveragePooling1D(3, strides=1, padding="same"),
    layers.DepthwiseConv1D(3, depth_multiplier=3),
    layers.GlobalMaxPooling1D(keepdims=True),
])
tdc = keras.Sequential([keras.Input((5, 16, 16, 3)), layers.TimeDistributed(layers.Conv2D(4, 3)), layers.ConvLSTM2D(2, 3), layers.Flatten(), layers.Dense(1)])

# sequential pop/build/add
s = keras.Sequential()
s.add(layers.Dense(8, input_shape=(4,)))
s.add(layers.Dense(4))
s.add(layers.Dense(2))
s.pop()
s.add(layers.Dense(3))
late = keras.Sequential([layers.Dense(5), layers.Dense(2)])
late.build((None, 7))
