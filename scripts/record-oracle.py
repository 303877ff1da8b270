"""Records what real Keras 3 reports for a Python file, in the format of shared/oracle-cases (see its README).

    python scripts/record-oracle.py test/conformance/recorded/case.py   # writes case.json beside it

Needs Keras 3 and a backend (`pip install keras jax`); the tests only read the JSON. Weights are never
downloaded: `weights="imagenet"` builds the same layers without loading them.
"""
import io
import json
import os
import sys
import traceback

os.environ.setdefault("KERAS_BACKEND", "jax")
# Keras narrows its summary to the terminal: print it at its full width, as in a wide terminal.
os.environ["COLUMNS"] = "200"
import keras  # noqa: E402
from keras.src.utils import file_utils  # noqa: E402

file_utils.get_file = lambda *args, **kwargs: None
keras.Model.load_weights = lambda self, *args, **kwargs: None


def shape_of(tensors):
    shapes = [list(t.shape) for t in tensors]
    return shapes[0] if len(shapes) == 1 else shapes


def built_shape(layer):
    # As summary_utils.format_layer_shape for a layer without inbound nodes (called only inside a subclassed
    # model's call, built by hand, or a model never called): compute_output_shape of the shapes it was built
    # for, or a model's own output_shape; None ("?") without them. Several outputs stay a list of shapes.
    if not getattr(layer, "_build_shapes_dict", None):
        return None
    try:
        shape = layer.output_shape if hasattr(layer, "output_shape") else layer.compute_output_shape(**layer._build_shapes_dict)
    except NotImplementedError:
        return None
    shapes = keras.tree.map_shape_structure(lambda s: list(s), shape)
    return shapes[0] if isinstance(shapes, (list, tuple)) and len(shapes) == 1 and isinstance(shapes[0], list) else shapes


def layer_record(layer, model):
    # As summary_utils.format_layer_shape: the outputs of the layer's last node, in this model or not.
    nodes = layer._inbound_nodes
    shape = built_shape(layer) if not nodes else None
    trainable = sum(int(keras.ops.size(w)) for w in getattr(layer, "trainable_weights", []))
    non_trainable = sum(int(keras.ops.size(w)) for w in getattr(layer, "non_trainable_weights", []))
    built = getattr(layer, "built", True)
    return {
        "name": layer.name,
        "class_name": layer.__class__.__name__,
        "output_shape": shape_of(nodes[-1].output_tensors) if nodes else shape,
        "output_shape_source": "inbound_nodes" if nodes else "build_shapes" if shape is not None else "unknown",
        "params": trainable + non_trainable if built else 0,
        "trainable_params": trainable if built else 0,
        "non_trainable_params": non_trainable if built else 0,
        "built": built,
        "trainable": getattr(layer, "trainable", True),
    }


def model_record(variable, model):
    lines = []
    model.summary(print_fn=lambda line, line_break=False: lines.append(line))
    kind = "sequential" if isinstance(model, keras.Sequential) else "functional" if model.__class__.__name__ == "Functional" else "subclassed"
    trainable = sum(int(keras.ops.size(w)) for w in model.trainable_weights)
    non_trainable = sum(int(keras.ops.size(w)) for w in model.non_trainable_weights)
    return {
        "variable": variable,
        "name": model.name,
        "class_name": model.__class__.__name__,
        "kind": kind,
        "built": model.built,
        # The rows `summary` prints: a functional model's operations (`x + y` is an `Add` row), else its layers.
        "layers": [layer_record(layer, model) for layer in (model._operations if kind == "functional" else model.layers)],
        "total_params": trainable + non_trainable,
        "trainable_params": trainable,
        "non_trainable_params": non_trainable,
        "summary_text": "".join(lines),
    }


def record(path):
    # Names restart for each file, as in a fresh Python process.
    keras.backend.clear_session()
    source = open(path).read()
    scope = {"__name__": "__main__", "__file__": path}
    result = {"file": os.path.basename(path), "keras_version": keras.__version__, "backend": keras.backend.backend(), "ok": True, "error": None}
    try:
        exec(compile(source, path, "exec"), scope)
    except Exception as error:
        line = [frame.lineno for frame in traceback.extract_tb(error.__traceback__) if frame.filename == path][-1]
        result.update(ok=False, error={"type": type(error).__name__, "message": str(error), "line": line})
    seen = set()
    models = []
    for variable, value in list(scope.items()):
        if isinstance(value, keras.Model) and id(value) not in seen:
            seen.add(id(value))
            models.append(model_record(variable, value))
    result["models"] = models
    return result


for path in sys.argv[1:]:
    with open(path[:-3] + ".json", "w") as out:
        json.dump(record(path), out, indent=1, ensure_ascii=False)
        out.write("\n")
