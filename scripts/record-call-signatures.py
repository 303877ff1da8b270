"""Records the positional parameters of `call` for every layer class `keras.layers` exports, which
`Layer.__call__` binds a call's positional arguments to (`CallSpec`): more than it has is Python's
'too many positional arguments', and one bound to `training` is 'multiple values for argument 'training''.
A class whose own `__call__` (DataLayer's) takes fewer binds there first, in Python's words. Before binding,
`Layer.__call__` refuses a positional argument that is not a tensor, unless the class sets
`_allow_non_tensor_positional_args` (the data and lookup layers, which take plain data).

    python scripts/record-call-signatures.py   # writes src/core/infer/callSignatures.ts

For each class (by its real name, aliases folded): the names of `call`'s positional parameters after `self`,
or null when `call` takes `*args` (any number binds); and for a class that overrides `Layer.__call__`, that
method's qualified name and positional parameters; the classes whose `__init__` (or a base's) sets
`_allow_non_tensor_positional_args = True`, found in Keras' source.
"""
import inspect
import os

os.environ.setdefault("KERAS_BACKEND", "jax")
import keras  # noqa: E402
from keras.src.layers.layer import Layer  # noqa: E402

OUT = os.path.join(os.path.dirname(__file__), "..", "src", "core", "infer", "callSignatures.ts")


def positionals(method):
    """The positional parameters after `self`, or None when it takes `*args`."""
    params = list(inspect.signature(method).parameters.values())[1:]
    if any(p.kind == p.VAR_POSITIONAL for p in params):
        return None
    return [p.name for p in params if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)]


def allows_plain_positionals(cls):
    return any(
        "_allow_non_tensor_positional_args = True" in inspect.getsource(klass)
        for klass in cls.__mro__
        if issubclass(klass, Layer) and klass.__module__.startswith("keras")
    )


signatures = {}
own_dunder = {}
dunders = {}
plain_data = set()
for name in dir(keras.layers):
    cls = getattr(keras.layers, name)
    if not (inspect.isclass(cls) and issubclass(cls, Layer)):
        continue
    signatures[cls.__name__] = positionals(cls.call)
    if allows_plain_positionals(cls):
        plain_data.add(cls.__name__)
    if cls.__call__ is not Layer.__call__:
        own_dunder[cls.__name__] = cls.__call__.__qualname__
        dunders[cls.__call__.__qualname__] = positionals(cls.__call__)



def ts_list(names):
    return "null" if names is None else "[" + ", ".join(f"'{name}'" for name in names) + "]"


lines = [
    "/**",
    " * The positional parameters of each Keras layer class's `call` after `self` (null: it takes `*args`), which",
    " * `Layer.__call__` binds a call's positional arguments to.",
    f" * Generated from Keras {keras.__version__} by `scripts/record-call-signatures.py`; do not edit.",
    " */",
    "export const CALL_POSITIONALS: ReadonlyMap<string, readonly string[] | null> = new Map([",
    *(f"  ['{name}', {ts_list(signatures[name])}]," for name in sorted(signatures)),
    "]);",
    "",
    "/** The classes whose own `__call__` binds the positional arguments first: its qualified name. */",
    "export const OWN_DUNDER_CALL: ReadonlyMap<string, string> = new Map([",
    *(f"  ['{name}', '{own_dunder[name]}']," for name in sorted(own_dunder)),
    "]);",
    "",
    "/** Those `__call__` methods' positional parameters after `self`, by qualified name. */",
    "export const DUNDER_POSITIONALS: ReadonlyMap<string, readonly string[] | null> = new Map([",
    *(f"  ['{name}', {ts_list(dunders[name])}]," for name in sorted(dunders)),
    "]);",
    "",
    "/** The classes that take plain values positionally (`_allow_non_tensor_positional_args`): data layers. */",
    "export const PLAIN_POSITIONALS_ALLOWED: ReadonlySet<string> = new Set([",
    *(f"  '{name}'," for name in sorted(plain_data)),
    "]);",
]
with open(OUT, "w") as f:
    f.write("\n".join(lines) + "\n")
print(f"{len(signatures)} classes written to {OUT}")
