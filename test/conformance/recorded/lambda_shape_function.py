# A Lambda given a function as output_shape= takes what that function returns for the input shape (batch
# axis included), whatever its own function would give (Lambda.compute_output_shape).
import keras
from keras import layers


def first_and_five(shape):
    return (shape[0], 5)


t = keras.Input((12, 24))
same = layers.Lambda(lambda z: z * 2, output_shape=lambda s: s)(t)
five = layers.Lambda(lambda z: z[:, 0, :5], output_shape=first_and_five)(t)
doubled = layers.Lambda(lambda z: z * 2, output_shape=lambda s: (s[0], s[1] * 2, s[2]))(t)
u = keras.Input((3,))
pair = layers.Lambda(lambda zs: zs[0] + zs[1], output_shape=lambda shapes: shapes[1])([u, u])
shaped = keras.Model([t, u], [same, five, doubled, pair], name="shaped")
