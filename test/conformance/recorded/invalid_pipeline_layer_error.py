# A layer of a Pipeline that Keras refuses: Keras raises from the statement calling the pipeline, its error
# wrapped in the pipeline's ("Exception encountered when calling Pipeline.call()").
import keras
from keras import layers

features = keras.Input((3,))
prep = layers.Pipeline([layers.Rescaling(0.5), layers.Conv2D(2, 3)])
outputs = prep(features)
