# Layers Keras builds in __init__ (pooling, dropout and noise, activation layers, Identity, Masking, Reshape,
# UnitNormalization) count as built in a model that is not: their rows read 0, not 0 (unbuilt).
import keras
from keras import layers

# A convnet declared without an input shape.
convnet = keras.Sequential(
    [
        layers.Rescaling(1.0 / 255),
        layers.RandomFlip("horizontal"),
        layers.Conv2D(32, 3, padding="same"),
        layers.ReLU(),
        layers.MaxPooling2D(),
        layers.Conv2D(64, 3),
        layers.LeakyReLU(),
        layers.AveragePooling2D(2),
        layers.SpatialDropout2D(0.1),
        layers.GlobalMaxPooling2D(),
        layers.Reshape((8, 8)),
        layers.Permute((2, 1)),
        layers.Flatten(),
        layers.Dropout(0.5),
        layers.GaussianNoise(0.1),
        layers.Dense(10),
        layers.Softmax(),
    ],
    name="convnet",
)

# A sequence model without an input shape.
sequence = keras.Sequential(
    [
        layers.Masking(),
        layers.Identity(),
        layers.SpatialDropout1D(0.1),
        layers.MaxPooling1D(),
        layers.AveragePooling1D(2),
        layers.GlobalAveragePooling1D(),
        layers.UnitNormalization(),
        layers.ActivityRegularization(l2=1e-4),
        layers.GaussianDropout(0.1),
        layers.AlphaDropout(0.1),
        layers.Activation("tanh"),
        layers.ELU(),
        layers.PReLU(),
        layers.RepeatVector(3),
        layers.UpSampling1D(),
        layers.Cropping1D(1),
        layers.AdaptiveAveragePooling1D(2),
    ],
    name="sequence",
)


# A subclassed model that was never called.
class Classifier(keras.Model):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.conv = layers.Conv3D(4, 3)
        self.pool = layers.MaxPooling3D()
        self.global_pool = layers.GlobalAveragePooling3D()
        self.dropout = layers.Dropout(0.2)
        self.head = layers.Dense(2, activation="softmax")

    def call(self, x):
        return self.head(self.dropout(self.global_pool(self.pool(self.conv(x)))))


classifier = Classifier(name="classifier")
