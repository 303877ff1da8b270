# The layers AugMix, RandAugment and RandomColorJitter build inside themselves take automatic names, and which
# they build depends on their arguments: the names of later layers of those classes show it.
import keras
from keras import layers

jitter = keras.Sequential(
    [
        keras.Input((32, 32, 3)),
        layers.RandomColorJitter(value_range=(0, 1), saturation_factor=0.2, hue_factor=0.1),
        layers.RandomSaturation(0.3, value_range=(0, 1)),
        layers.RandomHue(0.1, value_range=(0, 1)),
        layers.RandomBrightness(0.1, value_range=(0, 1)),
    ],
    name="jitter",
)

few_ops = keras.Sequential(
    [
        keras.Input((32, 32, 3)),
        layers.AugMix(value_range=(0, 1), all_ops=False),
        layers.RandomBrightness(0.1, value_range=(0, 1)),
        layers.RandomShear(0.1),
    ],
    name="few_ops",
)

named = keras.Sequential(
    [
        keras.Input((32, 32, 3)),
        layers.RandAugment(value_range=(0, 1), name="policy"),
        layers.RandomContrast(0.2),
        layers.RandomRotation(0.1),
        layers.Conv2D(4, 3),
    ],
    name="named_policy",
)
