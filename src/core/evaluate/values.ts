/**
 * The values our small Python evaluator computes: plain Python data, plus the Keras objects a model
 * is made of (modules, layer classes, layers, symbolic tensors, models) and honest unknowns.
 * This file only defines and converts values; evaluation lives in `evaluator.ts`.
 */
import type { Dim, Shape, Span } from '../model';
import type { SyntaxNode } from '../syntax/tree';

export type PyValue =
  /** `numpy` marks a numpy scalar (`np.int64`, `np.float64`), which `np.prod` and the like give back. */
  | { readonly kind: 'int'; readonly value: number; readonly numpy?: true }
  | { readonly kind: 'float'; readonly value: number; readonly numpy?: true }
  | { readonly kind: 'str'; readonly value: string }
  | { readonly kind: 'bool'; readonly value: boolean }
  | { readonly kind: 'none' }
  | { readonly kind: 'tuple'; readonly items: readonly PyValue[] }
  | { readonly kind: 'list'; readonly items: PyValue[] }
  | { readonly kind: 'dict'; readonly entries: Map<string, PyValue> }
  /**
   * A set (or `frozenset`): its distinct members, in the order they were added, which is not the order Python
   * iterates them in (that follows their hashes, random for strings): only what does not depend on it is known.
   */
  | { readonly kind: 'set'; readonly items: PyValue[]; readonly frozen?: true }
  | { readonly kind: 'range'; readonly start: number; readonly stop: number; readonly step: number }
  /**
   * A Keras module such as `keras.layers`, by its canonical path; `viaTensorflow` when reached through
   * `tf.keras`, which is Keras' legacy API (`keras._tf_keras.keras`) with names of its own.
   */
  | { readonly kind: 'module'; readonly path: string; readonly viaTensorflow?: true }
  /** A Keras callable: a layer or model class, `Input`, or a functional helper like `concatenate`. */
  | {
      readonly kind: 'keras';
      readonly name: string;
      /** Set when the name was taken to be Keras' although its module is not known statically. */
      readonly assumed?: string;
    }
  /** A Keras callable's bound method, e.g. `model.add`. */
  | { readonly kind: 'method'; readonly self: PyValue; readonly name: string }
  | { readonly kind: 'layer'; readonly layer: LayerObject }
  | { readonly kind: 'tensor'; readonly tensor: TensorObject }
  | { readonly kind: 'model'; readonly model: ModelObject }
  | { readonly kind: 'function'; readonly fn: FunctionObject }
  | { readonly kind: 'class'; readonly cls: ClassObject }
  | { readonly kind: 'instance'; readonly instance: InstanceObject }
  /** A slice in a subscript, `a:b:c` (bounds may be None). */
  | { readonly kind: 'slice'; readonly start: PyValue; readonly stop: PyValue; readonly step: PyValue }
  /** A sibling Python module the analysed file imports. */
  | { readonly kind: 'namespace'; readonly name: string; readonly scope: Scope }
  /** A Python builtin function such as `len` or `range`. */
  | { readonly kind: 'builtin'; readonly name: string }
  /** `functools.partial(fn, *args, **keywords)`: calling it calls `fn` with these arguments first. */
  | { readonly kind: 'partial'; readonly fn: PyValue; readonly args: readonly PyValue[]; readonly keywords: ReadonlyMap<string, PyValue> }
  /** A Keras `DTypePolicy` (`keras.DTypePolicy("mixed_float16")`), by its name and the dtype of the variables it makes. */
  | { readonly kind: 'policy'; readonly name: string; readonly variableDtype: string | null }
  /**
   * Something that exists at run time but cannot be known here; `label` names it for the user. `number` marks a
   * Python number whose value is not known statically (`x ** 0.5`, whose last bit the C library decides): an
   * operand of tensor operations as any number is. `raised` marks the value of an expression that raised where
   * Keras would (a name Keras 3 lacks, already reported): Python went no further, so what contains it raised
   * too, and a call taking it or of it is never made (no layer, no name, no row of the graph).
   */
  | { readonly kind: 'unknown'; readonly label: string; readonly number?: true; readonly raised?: true };

export interface TensorObject {
  /** `null` when not even the rank is known (e.g. the output of a layer we have no rule for). */
  readonly shape: Shape | null;
  /**
   * The layer call that produced it (absent for tensors we cannot trace, e.g. a Lambda we gave up on). Changed
   * only where Keras re-points a tensor's history: an `Input` among the inputs of a model whose graph is cloned.
   */
  source: TensorSource | null;
  /** Keras' `_keras_mask`: the boolean tensor the layer that made this one attached (`infer/masks.ts`). */
  mask?: TensorObject;
}

export interface TensorSource {
  readonly layer: LayerObject;
  readonly nodeIndex: number;
  readonly tensorIndex: number;
}

/** A layer instance; mutable because Keras layers are: building fixes their weights. */
export interface LayerObject {
  readonly id: number;
  name: string;
  readonly className: string;
  /**
   * For a user subclass of a Keras layer that changes none of its computation (`class HTTPDense(layers.Dense)`
   * with no `call` or `build` of its own): the user's class, which the summary shows; `className` is Keras'.
   */
  readonly displayClass?: string;
  /** Its constructor's arguments; `enable_lora(rank)` sets `lora_rank` afterwards, as Keras' config shows it. */
  args: BoundArgs;
  readonly span: Span;
  readonly calleeSpan: Span;
  trainable: boolean;
  /**
   * For a layer that holds the variables of the layers it wraps (`LayerRule.wraps`): whether those are trainable,
   * from the wrapped layers' flags when it was made, then as the `trainable` setter left them. Its own `trainable`
   * decides its row only, where a constructor's `trainable=False` sets that alone.
   */
  heldTrainable?: boolean;
  /**
   * Set when code not followed (a branch on a condition not known statically) may have changed `trainable`, or
   * set it to a value not known statically: then how its weights split into trainable ones is unknown.
   */
  trainabilityUnknown?: true;
  /**
   * Set for a `keras.ops` operation in a graph (`x + y` is an `Add` operation): a row of the summary, but not
   * a `Layer`, so not one of `model.layers`.
   */
  readonly operation?: true;
  /**
   * Set once the layer is built (first call): the shape of the first input it was built for (for Keras'
   * error when a later call does not fit) and its weights; `weights` is null when they depend on something
   * we cannot know.
   */
  built: {
    readonly inputShape: Shape | null;
    readonly weights: readonly WeightObject[] | null;
    /**
     * For a layer built by `layer.build(shape)` rather than by a call: what its `compute_output_shape` gives
     * for that shape, which `model.summary()` prints for a layer without nodes (`format_layer_shape`).
     */
    readonly outputShape?: Shape | readonly Shape[] | null;
  } | null;
  /** Every call of the layer, in order: Keras' inbound nodes. Added to by `recordNode` only. */
  nodes: LayerNode[];
  /** For a model used as a layer. */
  readonly model?: ModelObject;
  /** For an instance of a user subclass of `keras.layers.Layer` (or `keras.Model`). */
  readonly instance?: InstanceObject;
  /**
   * The legacy `input_shape=`/`input_dim=` argument: Sequential turns it into an InputLayer, or raises Keras'
   * `error` when it is not a shape (`input_shape=784`); `not known` when it is given and not known statically.
   */
  readonly inputShapeArg: Shape | { readonly error: string } | 'not known' | null;
  /** Why the layer cannot be applied at all (bad constructor arguments), already reported. */
  readonly constructionError: string | null;
  /** What the analysis assumed to make sense of this layer, for hovers. */
  readonly assumption: string | null;
  /** Its dtype policy's `variable_dtype`, the dtype of the weights it makes; null when not known statically. */
  readonly variableDtype: string | null;
}

export interface WeightObject {
  readonly name: string;
  readonly shape: Shape;
  readonly trainable: boolean;
  /** Absent: float32; null when not known statically. */
  readonly dtype?: string | null;
}

/** One call of a layer: Keras' `Node`. An InputLayer has one node without inputs. */
export interface LayerNode {
  readonly layer: LayerObject;
  readonly index: number;
  readonly inputs: readonly TensorObject[];
  readonly outputs: readonly TensorObject[];
  /** True when the rule produced a list of outputs (the summary then prints a list). */
  readonly multipleOutputs: boolean;
  /**
   * Set for a call made while a user layer's or model's `call` ran: Keras runs it on its backend's placeholders,
   * so it is none of the layer's inbound nodes.
   */
  readonly inCall?: true;
}

export interface ModelObject {
  readonly id: number;
  name: string;
  readonly className: string;
  readonly span: Span;
  /** False when its layers have no place in the analysed file: a sibling module built it, or it is a clone. */
  inAnalysedFile: boolean;
  /** The key of the module that built it (`ModuleRegistry`), null for the analysed file. */
  readonly module: string | null;
  /**
   * Set when code the analysis does not follow was handed the layers inside (`base.layers` of a model whose
   * layers are not shown): whichever of them it froze, the split into trainable parameters is unknown.
   */
  trainabilityUnknown: boolean;
  /** Changed once only: a `keras.Model` subclass that hands `super().__init__` a graph becomes functional. */
  state: ModelState;
  /** The layer object that stands for this model when it is used inside another one. */
  readonly asLayer: LayerObject;
  /** The Python variable the model was last bound to. */
  variable: string | null;
  readonly functionName: string | null;
}

export type ModelState = SequentialState | FunctionalState | SubclassedState;

/** One layer of a Sequential model, with where it was added and the node that applied it there. */
export interface SequentialEntry {
  readonly layer: LayerObject;
  /** The expression that added it: the argument of `add`, or the list element. */
  readonly span: Span;
  node: LayerNode | null;
  error: string | null;
  /** Set for the stand-in of branches that may or may not add layers: a row in the summary, no hint. */
  readonly uncertain?: true;
}

export interface SequentialState {
  readonly kind: 'sequential';
  readonly entries: SequentialEntry[];
  /** The tensor of its InputLayer once the input shape is known (`Input`, `input_shape=`, `build()`). */
  input: TensorObject | null;
  /**
   * The outputs of the last applied layer, which the next one is called on (a list when it has several, as
   * an LSTM with `return_state=True`); none while unbuilt.
   */
  outputs: readonly TensorObject[];
  /**
   * The name of the Functional model Keras builds the chain into (`Sequential._functional`), which checks the
   * inputs of a call: Keras' errors name it. Null while there is none (unbuilt, or its build raised).
   */
  functionalName: string | null;
}

export interface FunctionalState {
  readonly kind: 'functional';
  readonly inputs: readonly TensorObject[];
  readonly outputs: readonly TensorObject[];
  /** Layers in Keras' order (`map_graph`), InputLayers included. */
  readonly operations: readonly LayerObject[];
  /** The nodes of the graph grouped by depth, deepest first, as Keras' `_nodes_by_depth`. */
  readonly nodesByDepth: readonly (readonly LayerNode[])[];
  /** Its inputs were given as a list or tuple of several tensors (`Model([a, b], ...)`): calls are checked input by input. */
  readonly inputsListed?: true;
}

export interface SubclassedState {
  readonly kind: 'subclassed';
  readonly instance: InstanceObject;
  /** Set by `build()` or by a call on a tensor. */
  built: boolean;
}

export interface FunctionObject {
  readonly name: string;
  readonly node: SyntaxNode;
  readonly closure: Scope;
  /** Its parameters' default values, evaluated once when `def` (or `lambda`) ran, as Python does. */
  readonly defaults: ReadonlyMap<string, PyValue>;
  /** The names its body declares `global` and `nonlocal`; null for none (nearly every function). */
  readonly declared: { readonly globals: readonly string[]; readonly nonlocals: readonly string[] } | null;
  /** For a method, the class whose body defined it: where `super()` in it starts looking. */
  readonly owner?: ClassObject;
  /** For a method found through `super()`, the instance it is bound to (its first argument). */
  readonly self?: PyValue;
  /** A method decorated `@staticmethod` (bound to nothing) or `@classmethod` (bound to the class). */
  readonly binding?: 'static' | 'class';
  /** Set for a generator function (its body yields): calling it runs none of its body. */
  readonly generator?: true;
  /** The sibling module it was defined in (null: the analysed file). */
  readonly module: string | null;
  /**
   * Checks of the bound arguments made before the body runs, in place of the body's own: Keras 3's, for a bundled
   * Keras Applications builder (`extract/applicationChecks.ts`). The error Python raises, if any, and the warnings
   * Keras prints; null when the check does not apply.
   */
  readonly precondition?: (args: Scope, imageDataFormat: 'channels_last' | 'channels_first' | null) => Precondition | null;
  /** Set by `@functools.cache` or `@lru_cache`: what each call returned, by the repr of its (hashable) arguments. */
  readonly memo?: Map<string, PyValue>;
}

/**
 * A function as `def` or `lambda` makes it. Every function object has every field, in one order: methods are
 * copied per class and per bound call (`{ ...fn, self }`), and V8 copies objects of one shape fast where
 * copies of mixed shapes (fields present or not) took its slow path, half the time of defining a class.
 */
export function newFunction(
  name: string,
  node: SyntaxNode,
  closure: Scope,
  defaults: ReadonlyMap<string, PyValue>,
  declared: FunctionObject['declared'],
  module: string | null,
  generator: boolean,
): FunctionObject {
  return {
    name,
    node,
    closure,
    defaults,
    declared,
    owner: undefined,
    self: undefined,
    binding: undefined,
    generator: generator ? true : undefined,
    module,
    precondition: undefined,
    memo: undefined,
  };
}

/** What a function's precondition found (`FunctionObject.precondition`). */
export interface Precondition {
  /** The message of the error Python raises, of `errorClass` (ValueError when absent). */
  readonly error: string | null;
  readonly errorClass?: 'TypeError';
  readonly warnings: readonly string[];
  /** The name the model it returns takes: Keras 3's `name=`, which the bundled builder does not take. */
  readonly modelName?: string;
}

export interface ClassObject {
  readonly name: string;
  readonly node: SyntaxNode;
  /** The Keras base class (`Model`, `Layer`, `Sequential`), or null for a plain class. */
  readonly kerasBase: string | null;
  /** User classes it derives from, for method lookup. */
  readonly bases: readonly ClassObject[];
  /** The builtin exception classes among its bases (`class ShapeError(ValueError)`), for `except`. */
  readonly builtinBases: readonly string[];
  /** Whether it has a base that is neither the user's nor a builtin exception (a library's, Keras'). */
  readonly otherBases: boolean;
  /** The Keras classes among its bases, by name (`Dense` for `class Wide(layers.Dense)`), for class checks. */
  readonly kerasBases: readonly string[];
  /** Whether it has a base that is neither the user's, nor Keras', nor a builtin one (a library's). */
  readonly unknownBases: boolean;
  /** Its fields in order when it is a `@dataclass` (its `__init__` takes them), else null. */
  readonly fields: readonly string[] | null;
  /** Whether a decorator the interpreter does not follow may have changed it (given it an `__init__`). */
  readonly unknownDecorators: boolean;
  readonly methods: ReadonlyMap<string, FunctionObject>;
  /** Methods decorated with `@property`: reading the attribute calls them. */
  readonly properties: ReadonlySet<string>;
  /** Class attributes (`base = 4` in the class body, or set through the class later). */
  readonly attributes: Map<string, PyValue>;
  readonly closure: Scope;
}

export interface InstanceObject {
  readonly cls: ClassObject;
  readonly attributes: Map<string, PyValue>;
  /** Set for instances of `keras.Model` subclasses. */
  model: ModelObject | null;
  /** Set for instances of Keras subclasses (models and layers): what stands for them in a graph. */
  layer: LayerObject | null;
  /** Weights a user layer creates itself with `self.add_weight(...)`. */
  readonly weights: WeightObject[];
  /**
   * Set when an `__init__` not followed (a library base's, one a decorator made) may have set attributes: one
   * the interpreter did not see set is unknown, not the class attribute of the same name.
   */
  attributesUnknown?: true;
}

/** A Python scope: names to values, with the enclosing scope for lookups. */
export interface Scope {
  readonly names: Map<string, PyValue>;
  readonly parent: Scope | null;
  /** Names a function declares `global` or `nonlocal`, and the scope that holds each. */
  readonly outer?: ReadonlyMap<string, Scope>;
}

/** Arguments of a layer constructor, bound to Keras' parameter names; only ever read by name. */
export interface BoundArgs {
  get(name: string): PyValue | undefined;
}

export const NONE: PyValue = { kind: 'none' };
export const int = (value: number): PyValue => ({ kind: 'int', value });
export const str = (value: string): PyValue => ({ kind: 'str', value });
export const unknown = (label: string): PyValue => ({ kind: 'unknown', label });
/** A number not known statically (see `PyValue`'s `unknown`). */
export const unknownNumber = (label: string): PyValue => ({ kind: 'unknown', label, number: true });

/** The value of an expression that raised where Keras would (reported already): see `PyValue`'s `unknown`. */
export const raisedValue = (label: string): PyValue => ({ kind: 'unknown', label, raised: true });

export const isRaised = (value: PyValue): boolean => value.kind === 'unknown' && value.raised === true;
export const tuple = (items: readonly PyValue[]): PyValue => ({ kind: 'tuple', items });

const MAX_MATERIALISED_RANGE = 100_000;

/**
 * Appends `items` to `target` one by one. Spread as arguments (`push(...items)`), a list the user's code
 * makes long overflows the stack: Node 20 throws past about 120,000 items.
 */
export function appendAll<T>(target: T[], items: readonly T[]): void {
  for (const item of items) target.push(item);
}

/** How a dict's entries map marks an int key (a bool is the int it equals, as Python hashes it). */
const INT_KEY = '\u0000int:';

/** A dict key as the entries map keeps it: a string as itself, an int tagged; null for keys not modelled. */
export function dictKey(key: PyValue): string | null {
  if (key.kind === 'str') return key.value.startsWith('\u0000') ? null : key.value;
  if (key.kind === 'int') return INT_KEY + key.value;
  if (key.kind === 'bool') return INT_KEY + Number(key.value);
  return null;
}

/** The key a dict's entries map holds, as the value Python gives back (`for k in d`, `d.keys()`). */
export function keyValue(key: string): PyValue {
  return key.startsWith(INT_KEY) ? { kind: 'int', value: Number(key.slice(INT_KEY.length)) } : { kind: 'str', value: key };
}

/**
 * What iterating a value gives, as Python iterates it: a sequence's items, a string's characters, a dict's keys.
 * Null for a set, whose order Python takes from the hashes of its members.
 */
export function iterationItems(value: PyValue): readonly PyValue[] | null {
  if (value.kind === 'str') return [...value.value].map((c): PyValue => ({ kind: 'str', value: c }));
  if (value.kind === 'dict') return [...value.entries.keys()].map(keyValue);
  return sequenceItems(value);
}

/** What iterating a value gives, in an order that does not matter to the caller (`len`, `sorted`, `in`): a set's members too. */
export function memberItems(value: PyValue): readonly PyValue[] | null {
  return value.kind === 'set' ? value.items : iterationItems(value);
}

/** The items of a tuple or list (or a range), or null if the value is not a sequence we can see into. */
export function sequenceItems(value: PyValue): readonly PyValue[] | null {
  switch (value.kind) {
    case 'tuple':
    case 'list':
      return value.items;
    case 'range': {
      // Materialising a huge range would hang; loops iterate ranges lazily instead (`iterate`).
      if (Math.abs((value.stop - value.start) / value.step) > MAX_MATERIALISED_RANGE) return null;
      const items: PyValue[] = [];
      for (let i = value.start; value.step > 0 ? i < value.stop : i > value.stop; i += value.step) items.push(int(i));
      return items;
    }
    default:
      return null;
  }
}

/**
 * The shape of a value made an array (`ops.convert_to_tensor`, a variable's initial value): a tensor's, a
 * number's (`()`), or a nested list's when every level is even.
 */
export function arrayShape(value: PyValue): Shape | null {
  if (value.kind === 'tensor') return value.tensor.shape;
  if (value.kind === 'int' || value.kind === 'float' || value.kind === 'bool') return [];
  const items = value.kind === 'list' || value.kind === 'tuple' ? value.items : null;
  if (!items) return null;
  const inner = items.map(arrayShape);
  const firstInner = inner[0];
  if (items.length === 0 || firstInner === undefined) return [0];
  if (firstInner === null || inner.some((s) => s === null || s.length !== firstInner.length || s.some((d, i) => d !== firstInner[i]))) return null;
  return [items.length, ...firstInner];
}

/** A value as a shape dimension: ints stay, `None` is Keras' None, anything else is unknown. */
export function toDim(value: PyValue): Dim {
  switch (value.kind) {
    case 'int':
      return value.value;
    case 'none':
      return null;
    case 'unknown':
      return value.label;
    default:
      return '?';
  }
}

/** A dimension back as a Python value (for `x.shape[1]`). */
export function fromDim(dim: Dim): PyValue {
  if (typeof dim === 'number') return int(dim);
  if (dim === null) return NONE;
  return unknown(dim);
}

/** Containers being printed: a list that contains itself prints as Python prints it, `[[...]]`. */
const printing = new Set<PyValue>();

/** Prints a container once per nesting path; a container inside itself prints as `cycle`. */
export function printContainer<T extends PyValue>(value: T, cycle: string, print: (value: T) => string): string {
  if (printing.has(value)) return cycle;
  printing.add(value);
  try {
    return print(value);
  } finally {
    printing.delete(value);
  }
}

/**
 * Python's `repr` of a float: the shortest digits that read back as the same number (as JS finds them), in
 * fixed notation from 1e-4 up to 1e16 (`100.0`, `-0.0`) and in exponent notation beyond (`1e+20`, `1.5e-07`).
 */
export function floatRepr(x: number): string {
  if (Number.isNaN(x)) return 'nan';
  if (!Number.isFinite(x)) return x > 0 ? 'inf' : '-inf';
  const sign = x < 0 || Object.is(x, -0) ? '-' : '';
  const [mantissa, exponentText] = Math.abs(x).toExponential().split('e');
  const digits = mantissa.replace('.', '');
  const exponent = Number(exponentText);
  if (exponent < -4 || exponent >= 16) {
    const shown = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    return `${sign}${shown}e${exponent < 0 ? '-' : '+'}${String(Math.abs(exponent)).padStart(2, '0')}`;
  }
  if (exponent < 0) return `${sign}0.${'0'.repeat(-exponent - 1)}${digits}`;
  const whole = digits.slice(0, exponent + 1).padEnd(exponent + 1, '0');
  const fraction = digits.slice(exponent + 1);
  return `${sign}${whole}.${fraction || '0'}`;
}

/** The layer a value is: a layer, a model (as the layer it is to others), or an instance of a user's Keras subclass. */
export function layerOf(value: PyValue): LayerObject | null {
  if (value.kind === 'layer') return value.layer;
  if (value.kind === 'model') return value.model.asLayer;
  if (value.kind === 'instance') return value.instance.layer;
  return null;
}

/**
 * Whether Keras has built a model: a Sequential when its last (re)build made the Functional model of its chain
 * (an Input alone builds nothing, a layer that raises leaves it unbuilt), a subclassed one once built or called.
 */
export function modelBuilt(model: ModelObject): boolean {
  const s = model.state;
  if (s.kind === 'sequential') return s.functionalName !== null;
  if (s.kind === 'functional') return true;
  return s.built;
}

// Functions of the module rather than arrows in `repr`, which would capture its parameter: V8 keeps a captured
// parameter in a context made on every call.
const tupleRepr = (value: { readonly items: readonly PyValue[] }): string =>
  value.items.length === 1 ? `(${repr(value.items[0])},)` : `(${value.items.map(repr).join(', ')})`;
const listRepr = (value: { readonly items: readonly PyValue[] }): string => `[${value.items.map(repr).join(', ')}]`;
const dictRepr = (value: { readonly entries: ReadonlyMap<string, PyValue> }): string =>
  `{${[...value.entries].map(([k, v]) => `${repr(keyValue(k))}: ${repr(v)}`).join(', ')}}`;

/** Python's `repr` of a value, as shown in hovers and messages. */
export function repr(value: PyValue): string {
  switch (value.kind) {
    case 'int':
      return value.numpy ? `np.int64(${value.value})` : String(value.value);
    case 'float':
      return value.numpy ? `np.float64(${floatRepr(value.value)})` : floatRepr(value.value);
    case 'str':
      return `'${value.value}'`;
    case 'bool':
      return value.value ? 'True' : 'False';
    case 'none':
      return 'None';
    case 'tuple':
      return printContainer(value, '(...)', tupleRepr);
    case 'list':
      return printContainer(value, '[...]', listRepr);
    case 'dict':
      return printContainer(value, '{...}', dictRepr);
    case 'range':
      return `range(${value.start}, ${value.stop}${value.step === 1 ? '' : `, ${value.step}`})`;
    case 'set': {
      // In the order the members were added: Python's may differ (only hovers and messages show this).
      const members = printContainer(value, '{...}', () => value.items.map(repr).join(', '));
      if (value.frozen) return `frozenset(${value.items.length > 0 ? `{${members}}` : ''})`;
      return value.items.length > 0 ? `{${members}}` : 'set()';
    }
    case 'module':
      return value.path;
    case 'keras':
      return value.name.replace(/^\w+:/, '');
    case 'method':
      return value.name;
    case 'layer':
      return `<${value.layer.className} name=${value.layer.name}, built=${value.layer.built ? 'True' : 'False'}>`;
    case 'tensor':
      return `<KerasTensor shape=${value.tensor.shape ? formatShape(value.tensor.shape) : '?'}>`;
    case 'model':
      return `<${value.model.className} name=${value.model.name}, built=${modelBuilt(value.model) ? 'True' : 'False'}>`;
    case 'function':
      return `<function ${value.fn.name}>`;
    case 'class':
      return `<class ${value.cls.name}>`;
    case 'instance':
      return `<${value.instance.cls.name} object>`;
    case 'builtin':
      return `<built-in function ${value.name}>`;
    case 'partial':
      return `functools.partial(${[repr(value.fn), ...value.args.map(repr), ...[...value.keywords].map(([k, v]) => `${k}=${repr(v)}`)].join(', ')})`;
    case 'namespace':
      return `<module '${value.name}'>`;
    case 'slice':
      return `slice(${repr(value.start)}, ${repr(value.stop)}, ${repr(value.step)})`;
    case 'policy':
      return `<DTypePolicy "${value.name}">`;
    case 'unknown':
      return value.label;
  }
}

/** The first thing `pick` finds on a class or, in Python's lookup order, its bases (single inheritance). */
/**
 * A method as reading it through an instance or a class gives it: bound to the instance (`self` is its first
 * argument), to the class for a `@classmethod`, to nothing for a `@staticmethod` or when read through the class.
 */
export function boundMethod(fn: FunctionObject, cls: ClassObject, instance: PyValue | null): PyValue {
  if (fn.binding === 'class') return { kind: 'function', fn: { ...fn, self: { kind: 'class', cls } } };
  if (fn.binding === 'static' || !instance) return { kind: 'function', fn };
  return { kind: 'function', fn: { ...fn, self: instance } };
}

export function findInClass<T>(cls: ClassObject, pick: (cls: ClassObject) => T | undefined): T | undefined {
  const own = pick(cls);
  if (own !== undefined) return own;
  for (const base of cls.bases) {
    const inherited = findInClass(base, pick);
    if (inherited !== undefined) return inherited;
  }
  return undefined;
}

/** Keras' spelling of a shape: `(None, 784, 4)`, `(None, 4)`, `(5,)`. */
export function formatShape(shape: Shape): string {
  const dims = shape.map((d) => (d === null ? 'None' : String(d)));
  return dims.length === 1 ? `(${dims[0]},)` : `(${dims.join(', ')})`;
}

/** A shape as the Python tuple Keras hands out (`x.shape`, `compute_output_shape`'s result). */
export function shapeValue(shape: Shape): PyValue {
  return { kind: 'tuple', items: shape.map(fromDim) };
}

/**
 * Shapes as Python code returns them (a `compute_output_shape`, a Lambda's `output_shape=` function): one shape, a
 * tuple or list of ints and Nones, or a list or tuple of such shapes (`multiple`). Null for anything else.
 */
export function shapesFrom(value: PyValue | null): { shapes: Shape[]; multiple: boolean } | null {
  const items = value ? sequenceItems(value) : null;
  if (!items) return null;
  if (items.every(isDimValue)) return { shapes: [items.map(toDim)], multiple: false };
  const shapes = items.map((item) => {
    const dims = sequenceItems(item);
    return dims && dims.every(isDimValue) ? dims.map(toDim) : null;
  });
  return shapes.every((shape) => shape !== null) ? { shapes: shapes as Shape[], multiple: true } : null;
}

const isDimValue = (value: PyValue): boolean => value.kind === 'int' || value.kind === 'none';
