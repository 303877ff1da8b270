# Keywords that are not in a layer's signature but that Keras 3 still takes through **kwargs: a base class's
# parameter (Conv2D's lora_rank, an image layer's bounding_box_format, RNN's zero_output_for_mask) or a legacy
# one the constructor pops itself (LeakyReLU's alpha, LSTM's implementation, Embedding's input_length).
import keras
from keras import layers

images = keras.Input((32, 32, 3))
x = layers.RandomFlip("horizontal", bounding_box_format="xyxy")(images)
x = layers.Conv2D(16, 3, lora_rank=4, lora_alpha=8)(x)
x = layers.LeakyReLU(alpha=0.2)(x)
x = layers.GlobalAveragePooling2D()(x)
image_model = keras.Model(images, layers.Dense(10, activation="softmax")(x))

text = keras.Sequential(
    [
        keras.Input((20,)),
        layers.Embedding(1000, 32, input_length=20),
        layers.LSTM(32, implementation=1, return_sequences=True),
        layers.GRU(16, zero_output_for_mask=True, implementation=2),
        layers.LayerNormalization(rms_scaling=True),
        layers.Dense(1, activation="hard_silu"),
    ]
)

tokens = keras.Input((None, 16))
attended = layers.AdditiveAttention(score_mode="dot", seed=7)([tokens, tokens])
attention_model = keras.Model(tokens, layers.Dense(4, activation="sparsemax")(attended))
