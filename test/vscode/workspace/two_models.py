from keras import Input, layers, models

encoder = models.Sequential([Input(shape=(10,)), layers.Dense(3)])

decoder = models.Sequential([Input(shape=(3,)), layers.Dense(10)])
