# An application given an input_tensor computed from an Input takes that Input as its own (keras.utils.get_source_inputs)
# and holds the layers between them.
import keras
from keras import layers
inputs = keras.Input(shape=(64, 64, 3), name="image")
x = layers.Rescaling(1.0 / 255)(inputs)
base = keras.applications.VGG16(include_top=False, weights=None, input_tensor=x)
base.summary()
model = keras.Model(inputs, layers.Flatten()(base.output))
