"""Custom layers called on several tensors: Keras' node holds every tensor argument of the call."""
import keras
from keras import layers, ops


# keras.io's OCR captcha model: the CTC loss layer takes the labels and the predictions.
class CTCLayer(layers.Layer):
    def __init__(self, name=None):
        super().__init__(name=name)

    def call(self, y_true, y_pred):
        batch_len = ops.cast(ops.shape(y_true)[0], dtype="int64")
        return y_pred


labels = keras.Input(shape=(None,), name="label", dtype="float32")
img = keras.Input(shape=(10, 4), name="image")
logits = layers.Dense(5)(img)
ocr = keras.Model([img, labels], CTCLayer(name="ctc_loss")(labels, logits), name="ocr")


# Two positional tensors, the second from another input.
class Gate(layers.Layer):
    def call(self, a, b):
        return a * ops.sigmoid(b)


x = keras.Input((4,))
y = keras.Input((4,))
gated = keras.Model([x, y], Gate()(layers.Dense(4)(x), y))


# A tensor passed by keyword, and a list of tensors as the first argument.
class Mix(layers.Layer):
    def call(self, inputs, context=None, training=None):
        return inputs[0] + inputs[1] + context


a = keras.Input((3,))
b = keras.Input((3,))
c = keras.Input((3,))
mixed = Mix()([layers.Dense(3)(a), b], context=layers.Dense(3)(c), training=False)
mix_model = keras.Model([a, b, c], layers.Dense(1)(mixed))


# Keyword tensors join the node in sorted order of their names.
class Attend(layers.Layer):
    def call(self, query, value=None, key=None):
        return query + value + key


q = keras.Input((2,), name="q")
k = keras.Input((2,), name="k")
v = keras.Input((2,), name="v")
attended = keras.Model([q, k, v], Attend()(q, value=v, key=k))
