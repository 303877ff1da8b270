"""Records what Keras 3's application builders say of their arguments before they make a layer, for the unit test
of `src/core/extract/applicationChecks.ts` (test/unit/applicationChecks.test.ts).

    python scripts/record-application-checks.py   # writes test/unit/data/application-checks.json

Each case calls one builder the analyzer follows with one mix of `input_shape`, `include_top`, `weights`,
`classes` (and MobileNetV2's `alpha` and `input_tensor`), in either image data format. The layers a builder makes
first are replaced by a function that stops it there: what is recorded is the error raised before, if any, and the
warnings printed before. No model is built and no weights are downloaded.
"""
import itertools
import json
import os
import warnings

os.environ.setdefault("KERAS_BACKEND", "jax")
import keras  # noqa: E402
from keras.src import layers as keras_layers  # noqa: E402

OUT = os.path.join(os.path.dirname(__file__), "..", "test", "unit", "data", "application-checks.json")

# One builder of each kind of checks (their sizes and messages): ResNet's are VGG's, InceptionResNetV2's InceptionV3's,
# each EfficientNet's its family's but for its default size. The last six are not bundled: only checked.
BUILDERS = [
    "VGG16", "MobileNetV2", "InceptionV3", "Xception", "DenseNet121",
    "MobileNet", "MobileNetV3Small", "EfficientNetB3", "EfficientNetV2S", "ConvNeXtTiny", "NASNetLarge",
]
SHAPES = [
    "None", "(28, 28, 1)", "(32, 32, 3)", "(31, 64, 3)", "(96, 96, 1)", "(100, 120, 3)", "(160, 160, 3)", "(224, 224, 3)",
    "[224, 224, 3]", "(299, 299, 3)", "(71, 71, 3)", "(None, None, 3)", "(64, 64)", "(64, 64, 4)", "(3, 224, 224)",
]
# Arguments only the MobileNets check, with ImageNet weights.
EXTRAS = {
    "MobileNetV2": [", alpha=0.3", ", alpha=1"],
    "MobileNet": [", alpha=0.3", ", alpha=0.25", ", depth_multiplier=2"],
    "MobileNetV3Small": [", alpha=0.75", ", alpha=0.5", ", minimalistic=True", ", minimalistic=True, alpha=0.75"],
}
TENSORS = ["keras.Input((160, 160, 3))", "keras.Input((3, 128, 128))"]


class Stopped(Exception):
    """Raised where the builder makes its first layer."""


def stop(*args, **kwargs):
    raise Stopped()


# Every builder's first layer is one of these (an `Input`, or the first layer on a given `input_tensor`).
keras_layers.Input = stop
keras_layers.Conv2D = stop
keras_layers.ZeroPadding2D = stop


def calls(builders):
    for builder, shape, weights in itertools.product(builders, SHAPES, ["None", '"imagenet"']):
        yield f"keras.applications.{builder}(input_shape={shape}, include_top=False, weights={weights})"
        for classes in ["", ", classes=10"]:
            yield f"keras.applications.{builder}(input_shape={shape}, include_top=True, weights={weights}{classes})"
        if weights != "None":
            for extra in EXTRAS.get(builder, []):
                yield f"keras.applications.{builder}(input_shape={shape}, include_top=False, weights={weights}{extra})"
    # Keras 3's keywords the bundled builders lack pass; any other is Python's TypeError.
    for builder, keyword in itertools.product(builders, ['name="mine"', 'classifier_activation="softmax"', "foo=1"]):
        yield f"keras.applications.{builder}(include_top=False, weights=None, {keyword})"
    if "MobileNetV2" in builders:
        for tensor, shape, weights in itertools.product(TENSORS, ["None", "(160, 160, 3)", "(128, 128, 3)", "(3, 128, 128)"], ["None", '"imagenet"']):
            yield f"keras.applications.MobileNetV2(input_tensor={tensor}, input_shape={shape}, include_top=False, weights={weights})"


def record(call):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            eval(call)
            error = None
        except Stopped:
            error = None
        except Exception as e:  # noqa: BLE001 - every error is recorded, by its class
            error = f"{type(e).__name__}: {e}"
    case = {"call": call}
    if error:
        case["error"] = error
    if caught:
        case["warnings"] = [str(w.message) for w in caught]
    return case


cases = []
# With `channels_first`, the checks read other axes; DenseNet refuses it before any other check.
for data_format, builders in [("channels_last", BUILDERS), ("channels_first", ["VGG16", "MobileNetV2", "DenseNet121", "MobileNet", "MobileNetV3Small", "NASNetLarge"])]:
    keras.config.set_image_data_format(data_format)
    cases.extend({"image_data_format": data_format, **record(call)} for call in calls(builders))
keras.config.set_image_data_format("channels_last")

with open(OUT, "w") as f:
    # One case a line: the file is read by the test, and by people comparing a case with what the analyzer says.
    f.write(f'{{"keras_version": {json.dumps(keras.__version__)}, "cases": [\n')
    f.write(",\n".join(json.dumps(case) for case in cases))
    f.write("\n]}\n")
print(f"{len(cases)} cases, {sum(1 for c in cases if 'error' in c)} errors")
