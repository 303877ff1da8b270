# Feature extraction from a model (VGG16 get_layer outputs, a truncated Sequential) and models reused as the first
# layer of a Sequential model, in its constructor and with add().
import keras
from keras import layers

vgg = keras.applications.VGG16(include_top=False, weights=None, input_shape=(64, 64, 3))
features = keras.Model(inputs=vgg.input, outputs=vgg.get_layer("block3_pool").output)
multi = keras.Model(vgg.inputs, [vgg.get_layer(name).output for name in ("block1_conv2", "block4_conv3")])

base = keras.Sequential([keras.Input((10,)), layers.Dense(8, name="h1"), layers.Dense(4, name="h2"), layers.Dense(2, name="out")])
truncated = keras.Model(base.inputs, base.layers[1].output)
head = keras.Sequential([base, layers.Dense(3)])
stack = keras.Sequential([keras.Input((10,))])
for layer in base.layers[:-1]:
    stack.add(layer)
stack.add(layers.Dense(6))

# A Sequential model whose first layer is a model with a known input is built from that model's input.
enc_in = keras.Input((6,))
encoder = keras.Model(enc_in, layers.Dense(3)(enc_in))
added = keras.Sequential()
added.add(encoder)
added.add(layers.Dense(2))
after = keras.Sequential([keras.Input((4,)), layers.Dense(1)])
