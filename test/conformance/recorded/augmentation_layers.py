# The image augmentation and audio layers of Keras 3.15: the colour and mixing layers, a keras.io-style
# augmentation Sequential in front of a small convnet, RandAugment and AugMix (whose own sublayers take
# automatic names), and audio classifiers on MelSpectrogram and STFTSpectrogram (frozen, as keras.io does).
import keras
from keras import layers

IMAGE_SIZE = 64

# Colour, mixing and geometry layers, each keeping the shape. They come first: the RandomColorJitter below builds
# a RandomSaturation and a RandomHue of its own, whose names the analysis does not take (see augmentation.ts).
colours = keras.Sequential(
    [
        keras.Input(shape=(48, 48, 3)),
        layers.AutoContrast(value_range=(0, 255)),
        layers.ContrastLimitedAdaptiveHistogramEqualization(clip_limit=2.0, tile_grid_size=(4, 4)),
        layers.RandomColorDegeneration(0.3),
        layers.RandomSaturation((0.4, 0.6)),
        layers.RandomHue(0.2),
        layers.RandomSharpness(0.3),
        layers.RandomPosterization(4),
        layers.Solarization(addition_factor=0.2, threshold_factor=0.3),
        layers.RandomInvert(factor=0.1),
        layers.RandomPerspective(factor=0.5, scale=0.2),
        layers.RandomElasticTransform(factor=0.5, scale=0.3),
        layers.CutMix(factor=0.8),
        layers.MixUp(alpha=0.3),
        layers.MaxNumBoundingBoxes(max_number=20),
        layers.Flatten(),
        layers.Dense(4),
    ],
    name="colours",
)

data_augmentation = keras.Sequential(
    [
        layers.RandomFlip("horizontal"),
        layers.RandomRotation(0.1),
        layers.RandomShear(x_factor=0.1, y_factor=0.1),
        layers.RandomColorJitter(
            value_range=(0, 255), brightness_factor=0.2, contrast_factor=0.2, saturation_factor=(0.5, 0.9), hue_factor=0.1
        ),
        layers.RandomGrayscale(factor=0.2),
        layers.RandomErasing(factor=0.3, scale=(0.02, 0.2)),
        layers.RandomGaussianBlur(factor=0.2, kernel_size=5, sigma=(0.1, 0.9)),
    ],
    name="data_augmentation",
)

inputs = keras.Input(shape=(IMAGE_SIZE, IMAGE_SIZE, 3))
x = data_augmentation(inputs)
x = layers.Rescaling(1.0 / 255)(x)
for filters in [32, 64]:
    x = layers.Conv2D(filters, 3, activation="relu")(x)
    x = layers.MaxPooling2D()(x)
x = layers.GlobalAveragePooling2D()(x)
outputs = layers.Dense(10, activation="softmax")(x)
classifier = keras.Model(inputs, outputs, name="augmented_classifier")

# RandAugment builds eleven augmentation layers, AugMix eleven more: the RandomRotation after them is
# random_rotation_3, as the first took random_rotation.
policy = keras.Sequential(
    [
        keras.Input(shape=(32, 32, 3)),
        layers.RandAugment(value_range=(0, 255), num_ops=2, factor=0.5),
        layers.AugMix(value_range=(0, 255), num_chains=2, chain_depth=2),
        layers.RandomRotation(0.05),
        layers.RandomShear(x_factor=0.2),
        layers.Conv2D(8, 3, padding="same"),
    ],
    name="policy",
)

# A mel-spectrogram classifier on one second of 16 kHz audio.
audio = keras.Input(shape=(16000,))
mel = layers.MelSpectrogram(num_mel_bins=64, sequence_stride=160, fft_length=512, sampling_rate=16000)(audio)
mel = layers.Reshape((64, 101, 1))(mel)
mel = layers.Conv2D(16, 3, activation="relu")(mel)
mel = layers.GlobalMaxPooling2D()(mel)
mel_classifier = keras.Model(audio, layers.Dense(8)(mel), name="mel_classifier")

# keras.io's STFTSpectrogram classifier: fixed Fourier kernels (trainable=False), two resolutions side by side.
SAMPLE_RATE = 16000
waveform = keras.Input(shape=(SAMPLE_RATE, 1))
fine = layers.STFTSpectrogram(
    mode="log",
    frame_length=SAMPLE_RATE * 20 // 1000,
    frame_step=SAMPLE_RATE * 10 // 1000,
    fft_length=512,
    trainable=False,
    expand_dims=True,
)(waveform)
coarse = layers.STFTSpectrogram(mode="magnitude", frame_length=800, frame_step=160, trainable=False, expand_dims=True)(waveform)
fine = layers.Conv2D(8, 3, activation="relu")(fine)
fine = layers.GlobalAveragePooling2D()(fine)
coarse = layers.Conv2D(8, 3, activation="relu")(coarse)
coarse = layers.GlobalAveragePooling2D()(coarse)
joined = layers.Concatenate()([fine, coarse])
stft_classifier = keras.Model(waveform, layers.Dense(5)(joined), name="stft_classifier")
