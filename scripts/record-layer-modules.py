"""Writes src/core/infer/rules/layerModules.ts: the module of every layer class `keras.layers` exports, which
Keras' messages print as the class (`<class 'keras.src.layers.reshaping.flatten.Flatten'>`).

    python scripts/record-layer-modules.py
"""
import inspect
import os

os.environ.setdefault("KERAS_BACKEND", "jax")
import keras  # noqa: E402

OUT = os.path.join(os.path.dirname(__file__), "..", "src", "core", "infer", "rules", "layerModules.ts")
PREFIX = "keras.src.layers."

entries = {}
for name in dir(keras.layers):
    cls = getattr(keras.layers, name)
    if inspect.isclass(cls) and issubclass(cls, keras.layers.Layer) and cls.__module__.startswith(PREFIX):
        entries[cls.__name__] = cls.__module__[len(PREFIX):]

lines = [
    "/**",
    " * The module of each layer class `keras.layers` exports, after `keras.src.layers.`: Keras' messages name a class",
    f" * by its module. Written by `scripts/record-layer-modules.py` from Keras {keras.__version__}.",
    " */",
    "export const LAYER_MODULES: ReadonlyMap<string, string> = new Map([",
]
lines += [f"  ['{name}', '{module}']," for name, module in sorted(entries.items())]
lines.append("]);")
with open(OUT, "w") as f:
    f.write("\n".join(lines) + "\n")
print(f"{len(entries)} classes")
