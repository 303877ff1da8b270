# A model's compute_output_shape(shape) runs its graph on that shape, and output_shape is its outputs' shapes:
# what a hand-written build() chains to build the layers after it.
import keras
from keras import layers
i = keras.Input((32, 32, 3))
f = keras.Model(i, layers.Conv2D(16, 4, strides=2, padding="same")(i))
shape = f.compute_output_shape((None, 32, 32, 3))
m = keras.Sequential([layers.Dense(1)])
m.build(shape)
seq = keras.Sequential([keras.Input((32, 32, 3)), layers.Conv2D(16, 4, strides=2, padding="same")])
m2 = keras.Sequential([layers.Dense(1)])
m2.build(seq.compute_output_shape((None, 32, 32, 3)))
m3 = keras.Sequential([layers.Dense(1)])
m3.build(seq.output_shape)
