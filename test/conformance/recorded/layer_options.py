# Layer options that change shapes or counts: strides with same padding, channels_first, attention value_dim,
# output_shape and attention_axes, grouped-query attention, rms_scaling, a custom backward layer, no biases.
import keras
from keras import layers

a = keras.Sequential([
    keras.Input((None, None, 3)),
    layers.Conv2D(8, 3, strides=3, padding="same"),
    layers.Conv2D(8, 3, data_format="channels_last", dilation_rate=2),
    layers.BatchNormalization(axis=-1),
    layers.GlobalAveragePooling2D(),
])
b = keras.Sequential([keras.Input((3, 17, 19)), layers.Conv2D(4, 3, strides=2, padding="same", data_format="channels_first"), layers.MaxPooling2D(2, data_format="channels_first"), layers.Flatten()])
att_in = keras.Input((6, 4))
att = layers.Attention(use_scale=True, score_mode="concat")([att_in, att_in])
mha = layers.MultiHeadAttention(num_heads=3, key_dim=5, value_dim=7, output_shape=(9,), use_bias=False)(att_in, att_in)
mha2 = layers.MultiHeadAttention(num_heads=2, key_dim=4, attention_axes=(1,))(att_in, att_in, att_in)
gqa = layers.GroupQueryAttention(head_dim=3, num_query_heads=4, num_key_value_heads=2, use_bias=False)(att_in, att_in)
m = keras.Model(att_in, [att, mha, mha2, gqa])
c = keras.Sequential([keras.Input((2, 3, 4, 5)), layers.Dense(6), layers.LayerNormalization(rms_scaling=True), layers.Reshape(target_shape=(-1, 6)), layers.Bidirectional(layers.LSTM(3), backward_layer=layers.LSTM(3, go_backwards=True))])
d = keras.Sequential([keras.Input((10,)), layers.Embedding(50, 3), layers.Conv1D(2, 3, padding="same", use_bias=False), layers.UnitNormalization(axis=1), layers.Flatten(), layers.Dense(3, use_bias=False)])
e = keras.Sequential([keras.Input((8, 8, 3)), layers.SeparableConv2D(4, 3, use_bias=False, depth_multiplier=3), layers.DepthwiseConv2D((2, 3), strides=(1, 2), use_bias=False), layers.Conv2DTranspose(5, (3, 2), strides=(2, 3), output_padding=(1, 0)), layers.Cropping2D(((1, 0), (0, 2))), layers.ZeroPadding2D(3)])
