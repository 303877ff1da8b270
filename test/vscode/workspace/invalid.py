from keras import Input, layers, models

model = models.Sequential([
    Input(shape=(28, 28, 1)),
    layers.Flatten(),
    layers.Conv2D(32, 3),
])
