"""Records the constructor signature of every layer class `keras.layers` exports, for the rules' unit test
(test/unit/signatures.test.ts), the activation names `keras.activations.get` knows, and every public name of the
Keras modules the analysis lists in full (`keras.layers`, `keras.backend`, `keras.applications`: another name is an
AttributeError), the names `keras.initializers.get`, `regularizers.get` and `constraints.get` know,
and the signatures of `keras.regularizers`' classes by every name that exports them.

    python scripts/record-signatures.py   # writes test/unit/data/keras-signatures.json

Run it where Keras 3 has TensorFlow (`pip install keras tensorflow`): the lookup layers cannot be made without
it, and which keywords they take is found by making them.

For each class (by its real name, aliases folded): its `__init__` parameters after `self` in order, with the
repr of each default (null: required), whether it takes `*args` and `**kwargs`, and `kwargs_taken`: the
keywords beyond its signature and `Layer`'s that it takes through `**kwargs` (its base classes' parameters,
legacy ones its `__init__` pops, like `LeakyReLU`'s `alpha`), found by making the class with each candidate;
`kwargs_undecided` lists those this environment could not try. `Layer`'s entry gives the keywords every layer
takes: its parameters and `kwargs_read`, the ones it pops from `**kwargs`.
"""
import inspect
import json
import os
import re

os.environ.setdefault("KERAS_BACKEND", "jax")
import keras  # noqa: E402
from keras.src import activations, constraints, initializers  # noqa: E402
from keras.src import regularizers as regularizers_module  # noqa: E402
from keras.src.layers.layer import Layer  # noqa: E402

OUT = os.path.join(os.path.dirname(__file__), "..", "test", "unit", "data", "keras-signatures.json")

# `kwargs.pop("alpha")`, `kwargs.get("dtype", None)`, `kwargs["dtype"]`, `"alpha" in kwargs`.
READ_FROM_KWARGS = re.compile(r'kwargs\.(?:pop|get)\(\s*"(\w+)"|kwargs\["(\w+)"\]|"(\w+)" (?:not )?in kwargs')


def own_keywords(cls):
    names = set()
    for klass in cls.__mro__:
        below_layer = issubclass(klass, Layer) and (klass is not Layer or cls is Layer)
        if not below_layer or "__init__" not in vars(klass):
            continue
        source = inspect.getsource(vars(klass)["__init__"])
        for match in READ_FROM_KWARGS.finditer(source):
            names.add(next(group for group in match.groups() if group))
    return sorted(names)


# A value for each required constructor argument, so that a class can be made to see which keywords it takes.
def sample_arguments():
    layers = keras.layers
    return {
        "activation": "relu", "axes": 1, "cell": lambda: layers.SimpleRNNCell(2), "cells": lambda: [layers.SimpleRNNCell(2)],
        "dims": (1,), "equation": "ab,bc->ac", "factor": 0.1, "filters": 2, "function": lambda: (lambda x: x), "head_dim": 2,
        "height": 2, "height_factor": 0.1, "input_dim": 3, "kernel_size": 2, "key_dim": 2, "layer": lambda: layers.LSTM(2),
        "max_number": 2, "n": 2, "num_bins": 2, "num_heads": 2, "num_key_value_heads": 2, "num_query_heads": 2,
        "output_dim": 2, "output_shape": 2, "output_size": 2, "pool_size": 2, "rate": 0.1, "scale": 1.0, "stddev": 0.1,
        "target_shape": (2,), "units": 2, "width": 2, "width_factor": 0.1,
    }


SAMPLES = sample_arguments()
REFUSED = re.compile(r"Unrecognized keyword arguments|unexpected keyword argument|multiple values for")


def accepts(cls, required, keyword, value):
    """Whether the class takes `keyword`: Keras refuses it in `Layer.__init__`, Python in binding; a later
    complaint about its value (or none) means it was taken. None when the class cannot be made here."""
    arguments = {name: SAMPLES[name]() if callable(SAMPLES[name]) else SAMPLES[name] for name in required}
    try:
        cls(**arguments, **{keyword: value})
    except (TypeError, ValueError) as error:
        return not REFUSED.search(str(error))
    except Exception:  # a backend or library this environment lacks
        return None
    return True


def hidden_keywords(cls, required):
    """Keywords beyond the signature that the class takes through `**kwargs`: its base classes' parameters
    (Conv2D hands `lora_rank` on to BaseConv) and what its `__init__`s read from `**kwargs` themselves."""
    own = set(inspect.signature(cls.__init__).parameters)
    candidates = {}
    for klass in cls.__mro__[1:]:
        if klass is Layer or not issubclass(klass, Layer) or "__init__" not in vars(klass):
            continue
        for p in inspect.signature(vars(klass)["__init__"]).parameters.values():
            if p.name not in own and p.kind in (p.POSITIONAL_OR_KEYWORD, p.KEYWORD_ONLY) and p.name != "self":
                candidates.setdefault(p.name, None if p.default is p.empty else p.default)
    for name in own_keywords(cls):
        candidates.setdefault(name, None)
    taken, undecided = [], []
    for name, value in sorted(candidates.items()):
        outcome = accepts(cls, required, name, value)
        if outcome is None:
            undecided.append(name)
        elif outcome:
            taken.append(name)
    return taken, undecided


def record(cls):
    parameters = list(inspect.signature(cls.__init__).parameters.values())[1:]
    named = [p for p in parameters if p.kind in (p.POSITIONAL_OR_KEYWORD, p.KEYWORD_ONLY)]
    entry = {
        "params": [[p.name, None if p.default is p.empty else repr(p.default)] for p in named],
        "keyword_only": [p.name for p in parameters if p.kind == p.KEYWORD_ONLY],
        "var_positional": any(p.kind == p.VAR_POSITIONAL for p in parameters),
        "var_keyword": any(p.kind == p.VAR_KEYWORD for p in parameters),
    }
    if cls is Layer:
        entry["kwargs_read"] = own_keywords(cls)
    elif entry["var_keyword"] and all(p.name in SAMPLES for p in named if p.default is p.empty):
        taken, undecided = hidden_keywords(cls, [p.name for p in named if p.default is p.empty])
        entry["kwargs_taken"] = [name for name in taken if name not in LAYER_KEYWORDS]
        if undecided:
            entry["kwargs_undecided"] = undecided
    return entry


LAYER_KEYWORDS = {p.name for p in inspect.signature(Layer.__init__).parameters.values()} | set(own_keywords(Layer))
classes = {}
for name in dir(keras.layers):
    cls = getattr(keras.layers, name)
    if inspect.isclass(cls) and issubclass(cls, Layer):
        classes[cls.__name__] = record(cls)

# One class a line, so that a new Keras version's differences read as a diff of the classes that changed.
lines = [f"  {json.dumps(name)}: {json.dumps(entry)}" for name, entry in sorted(classes.items())]
with open(OUT, "w") as f:
    f.write(f'{{\n "keras_version": {json.dumps(keras.__version__)},\n')
    f.write(f' "activations": {json.dumps(sorted(activations.ALL_OBJECTS_DICT))},\n')
    identifiers = {m.__name__.split(".")[-1]: sorted(m.ALL_OBJECTS_DICT) for m in (initializers, regularizers_module, constraints)}
    f.write(f' "identifiers": {json.dumps(identifiers)},\n')
    regularizers = {
        name: [obj.__name__, record(obj)["params"]]
        for name, obj in sorted(vars(keras.regularizers).items())
        if inspect.isclass(obj) and obj is not keras.regularizers.Regularizer
    }
    f.write(' "regularizers": {\n' + ",\n".join(f"  {json.dumps(k)}: {json.dumps(v)}" for k, v in regularizers.items()) + "\n },\n")
    exports = {module.__name__: sorted(n for n in dir(module) if not n.startswith("_")) for module in (keras.layers, keras.backend, keras.applications)}
    f.write(' "exports": {\n' + ",\n".join(f"  {json.dumps(k)}: {json.dumps(v)}" for k, v in exports.items()) + "\n },\n")
    f.write(' "layers": {\n' + ",\n".join(lines) + "\n }\n}\n")
print(f"{len(classes)} layer classes → {os.path.relpath(OUT)}")
