"""Models built by hand (`build` of the user's and of Keras' layers) and keras.Model subclasses that hand a graph to super().__init__."""
import keras
from keras import layers


# A subclassed model whose own build() builds its layers, then built by hand.
class Net(keras.Model):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.fc = layers.Dense(10)
        self.out = layers.Dense(2)

    def build(self, input_shape):
        self.fc.build(input_shape)
        self.out.build((None, 10))

    def call(self, x):
        return self.out(self.fc(x))


net = Net()
net.build((None, 8))


# A build() that asks its layers for their output shapes, built by hand, or by a call on an array.
class ConvNet(keras.Model):
    def __init__(self):
        super().__init__()
        self.conv = layers.Conv2D(8, 3)
        self.pool = layers.GlobalAveragePooling2D()
        self.fc = layers.Dense(10)

    def build(self, input_shape):
        self.conv.build(input_shape)
        shape = self.conv.compute_output_shape(input_shape)
        self.fc.build((shape[0], shape[-1]))
        self.built = True

    def call(self, x):
        return self.fc(self.pool(self.conv(x)))


conv_net = ConvNet()
conv_net.build((None, 28, 28, 1))
called_net = ConvNet()
called_net(keras.ops.zeros((1, 28, 28, 1)))


# A Keras layer built by hand, then put in a Sequential model that is never built.
projection = layers.Dense(3)
projection.build((None, 5))
head = keras.Sequential([projection, layers.Dense(1)])


# A custom layer whose build builds the layers it holds.
class Block(layers.Layer):
    def __init__(self, units, **kwargs):
        super().__init__(**kwargs)
        self.units = units
        self.inner = layers.Dense(units)
        self.norm = layers.LayerNormalization()

    def build(self, input_shape):
        self.inner.build(input_shape)
        self.norm.build((*input_shape[:-1], self.units))

    def call(self, x):
        return self.norm(self.inner(x))


block_input = keras.Input((6,))
block_model = keras.Model(block_input, Block(4)(block_input))


# A functional model as a subclass: super().__init__(inputs, outputs).
class Classifier(keras.Model):
    def __init__(self, num_classes=3, **kwargs):
        inputs = keras.Input((6,))
        x = layers.Dense(16, activation="relu")(inputs)
        outputs = layers.Dense(num_classes)(x)
        super().__init__(inputs=inputs, outputs=outputs, **kwargs)


class WiderClassifier(Classifier):
    def __init__(self):
        super().__init__(num_classes=5, name="wider")


classifier = Classifier()
wider = WiderClassifier()

# Used as a layer of another model, it runs its graph.
features = keras.Input((6,))
stacked = keras.Model(features, layers.Dense(1)(classifier(features)), name="stacked")


# Keras names a layer in super().__init__: a name given there is its name, and takes no number.
class Residual(layers.Layer):
    def __init__(self, units=6, **kwargs):
        super().__init__(name="residual_unit", **kwargs)
        self.dense = layers.Dense(units)

    def call(self, x):
        return x + self.dense(x)


class Scale(layers.Layer):
    def __init__(self, name=None):
        super().__init__(name=name)

    def call(self, x):
        return x * 2.0


r_in = keras.Input((6,))
r = Residual()(r_in)
r = Scale()(r)
r = Scale(name="scale_out")(r)
r = Scale()(r)
residual_model = keras.Model(r_in, r)
