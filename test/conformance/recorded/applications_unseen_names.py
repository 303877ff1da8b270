"""Names after keras.applications builders whose Python is not bundled: each takes an input_layer unless given
input_tensor=, and names of its own kinds; the other names stay exact."""
import keras
from keras import layers

# Built for their side effects on Keras' names only: the models they build are not followed.
keras.applications.EfficientNetB0(include_top=False, weights=None, input_shape=(32, 32, 3))
vgg = keras.applications.VGG16(include_top=False, weights=None, input_shape=(32, 32, 3))

image = keras.Input((32, 32, 3))
keras.applications.MobileNet(include_top=False, weights=None, input_tensor=image)

features = keras.Input((512,))
x = layers.Dropout(0.2)(features)
head = keras.Model(features, layers.Dense(10)(x), name="head")
classifier = keras.Sequential([keras.Input((512,)), layers.Dense(64, activation="relu"), layers.Dense(10)])
