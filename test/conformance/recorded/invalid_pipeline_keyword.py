# Pipeline.__init__ takes only `layers` and `name`: no **kwargs, so even Layer's own keywords are refused.
from keras import layers

prep = layers.Pipeline([layers.Dense(2)], dtype="float16")
