# Models used again: pop() then add(), keras.models.clone_model of Sequential models (same names, built like the
# original, each build taking a functional name), a layer output of a Sequential model as a feature, one
# LSTM shared by two branches, a Bidirectional with its own backward layer, and a Sequential model called three
# times (its row shows its last call, on a batch of 32, as model.summary() does).
import keras
from keras import layers

popped = keras.Sequential([keras.Input((16,)), layers.Dense(8, name="p1"), layers.Dense(2, name="p2")])
popped.pop()
popped.add(layers.Dense(3, name="p3"))
base = keras.Sequential([keras.Input((16,)), layers.Dense(8, name="d1"), layers.Dense(4, name="d2"), layers.Dense(3, name="d4")])

cloned = keras.models.clone_model(base)

inp = keras.Input((16,), batch_size=32, name="batched")
feat = base.get_layer("d2").output
extractor = keras.Model(base.inputs, [feat, base.outputs[0]])

a = keras.Input((10, 8))
shared = layers.LSTM(6, return_sequences=True)
bi = layers.Bidirectional(layers.LSTM(5), backward_layer=layers.LSTM(5, go_backwards=True), merge_mode="ave")(shared(a))
td = layers.TimeDistributed(layers.Dense(3))(shared(a))
both = keras.Model(a, [bi, td])

b = keras.Input((4, 8, 8, 3))
c = layers.TimeDistributed(layers.Conv2D(5, 3))(b)
c = layers.TimeDistributed(layers.GlobalAveragePooling2D())(c)
c = layers.GRU(7, reset_after=False)(c)
video = keras.Model(b, c)

x1 = keras.Input((16,))
x2 = keras.Input((16,))
twice = base(x1)
twice2 = base(x2)
siam = keras.Model([x1, x2], layers.subtract([twice, twice2]))

d = base(inp)
batched = keras.Model(inp, d)
s = keras.Sequential([layers.Dense(2), layers.Dense(5)])
s2 = keras.models.clone_model(s)
s3 = keras.Sequential([layers.Dense(2, input_shape=(7,)), layers.Dense(5)], name="withshape")
s4 = keras.models.clone_model(s3)
j = keras.Input((4,))
h = keras.Model(j, layers.Dense(6)(j))
