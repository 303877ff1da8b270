"""keras.applications' preprocess_input on model inputs: the operations Keras records for each mode."""
import keras
from keras import layers
from keras.applications import mobilenet_v2
from keras.applications.resnet50 import preprocess_input as resnet_preprocess

# TensorFlow's transfer-learning tutorial: augmentation, preprocess_input, a frozen MobileNetV2, a new head.
IMG_SHAPE = (96, 96, 3)
data_augmentation = keras.Sequential([layers.RandomFlip("horizontal"), layers.RandomRotation(0.2)])


def transfer_model():
    base_model = keras.applications.MobileNetV2(input_shape=IMG_SHAPE, include_top=False, weights=None)
    base_model.trainable = False
    inputs = keras.Input(shape=IMG_SHAPE)
    x = data_augmentation(inputs)
    x = mobilenet_v2.preprocess_input(x)
    x = base_model(x, training=False)
    x = layers.GlobalAveragePooling2D()(x)
    x = layers.Dropout(0.2)(x)
    outputs = layers.Dense(1)(x)
    return keras.Model(inputs, outputs, name="transfer")


transfer = transfer_model()

# Caffe mode (RGB to BGR, then the mean): three GetItem, a Stack and an Add.
photo = keras.Input((64, 64, 3))
caffe = keras.Model(photo, layers.Conv2D(8, 3)(resnet_preprocess(photo)), name="caffe")

# An ensemble of two backbones' preprocessing: torch mode (DenseNet) and EfficientNet's, which is the identity.
image = keras.Input((32, 32, 3))
a = layers.Conv2D(4, 3)(keras.applications.densenet.preprocess_input(image))
b = layers.Conv2D(4, 3)(keras.applications.efficientnet.preprocess_input(image))
ensemble = keras.Model(image, layers.concatenate([layers.GlobalAveragePooling2D()(a), layers.GlobalAveragePooling2D()(b)]), name="ensemble")

# channels_first images, and imagenet_utils with its own mode; a grayscale image broadcasts to three channels.
planar = keras.Input((3, 32, 32))
c = keras.applications.vgg16.preprocess_input(planar, data_format="channels_first")
d = keras.applications.imagenet_utils.preprocess_input(planar, data_format="channels_first", mode="torch")
planes = keras.Model(planar, layers.add([c, d]), name="planes")

gray = keras.Input((28, 28, 1))
g = keras.applications.densenet.preprocess_input(gray)
e = keras.applications.xception.preprocess_input(gray)
grayscale = keras.Model(gray, [g, e], name="grayscale")
