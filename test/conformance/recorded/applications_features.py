# Builders whose layers are Keras 3's own get a summary of their own; the others are one row of a model.
import keras
from keras.applications import InceptionV3, ResNet50
from keras.applications.vgg16 import VGG16

resnet = ResNet50(include_top=False, weights=None, input_shape=(224, 224, 3))
vgg = VGG16(include_top=False, weights=None, input_shape=(64, 64, 3), pooling="max")
inception = InceptionV3(include_top=False, weights=None, input_shape=(150, 150, 3), pooling="avg")
xception = keras.applications.Xception(weights=None, classes=7)
inputs = keras.Input(shape=(96, 96, 3))
features = keras.applications.DenseNet121(include_top=False, weights=None, pooling="avg")(inputs)
head = keras.Model(inputs, keras.layers.Dense(5)(features))
