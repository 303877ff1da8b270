from keras import Input, layers, models

before = models.Sequential([Input(shape=(8,)), layers.Dense(4)])

x = = 3

after = models.Sequential([Input(shape=(4,)), layers.Dense(2)])
