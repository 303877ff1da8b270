/**
 * What a layer's constructor refuses before any shape is known: keywords that neither its `__init__` nor
 * `Layer.__init__` takes (a typo, a Keras 2 name), and activation names Keras does not know. Both raise when
 * the layer is made, so they are checked here once per construction; the rules check the values they read.
 * Also the arguments of `keras.regularizers`' classes, which layers are given.
 */
import { repr, type BoundArgs, type PyValue } from '../evaluate/values';
import { toStr } from '../evaluate/operators';
import { bindArguments } from './bind';
import { KerasError, signature, type LayerRule, type Param } from './rules/types';

/**
 * `Layer.__init__`'s keywords (keras/src/layers/layer.py): its own parameters and the two it pops from
 * `**kwargs`. Any other keyword that reaches it is "Unrecognized keyword arguments passed to ...".
 */
export const LAYER_KEYWORDS: ReadonlySet<string> = new Set(['activity_regularizer', 'trainable', 'dtype', 'autocast', 'name', 'input_dim', 'input_shape']);

/** Keras 2 keywords Keras 3 refuses, and what to write instead; shown after Keras' own message. */
const KERAS_2_KEYWORDS: ReadonlyMap<string, string> = new Map([
  ['batch_input_shape', 'Keras 3 removed `batch_input_shape`: use `keras.Input(batch_shape=...)`.'],
  ['batch_size', 'Keras 3 takes the batch size from `keras.Input(batch_size=...)`.'],
  ...[
    ['init', 'kernel_initializer'],
    ['border_mode', 'padding'],
    ['subsample', 'strides'],
    ['nb_filter', 'filters'],
    ['output_dim', 'units'],
    ['dim_ordering', 'data_format'],
    ['W_regularizer', 'kernel_regularizer'],
    ['b_regularizer', 'bias_regularizer'],
    ['W_constraint', 'kernel_constraint'],
    ['b_constraint', 'bias_constraint'],
  ].map(([keras2, keras3]): [string, string] => [keras2, `Keras 3 calls \`${keras2}\` \`${keras3}\`.`]),
]);

/** A refused argument: Keras' message, and the keyword to point at (when it was given as one). */
export interface RefusedArgument {
  readonly message: string;
  readonly keyword: string;
}

/**
 * The keywords of a construction that the class refuses, in Keras' (or, without `**kwargs`, Python's) words;
 * null when it takes them all. `params` are the names the call binds (a function form's own, like `dot`'s
 * `axes`), `classParams` the class's: the function form hands its other keywords on to the class.
 */
export function refusedKeywords(
  rule: LayerRule,
  params: ReadonlySet<string>,
  classParams: ReadonlySet<string>,
  keywords: ReadonlyMap<string, PyValue>,
): RefusedArgument | null {
  // Keys only: an entry pair per keyword of every layer made would be garbage in the common case of none refused.
  let refused: string[] | null = null;
  for (const key of keywords.keys()) {
    if (params.has(key) || classParams.has(key)) continue;
    // Python binds before the body runs: without `**kwargs`, the first stranger is a TypeError.
    if (rule.noKwargs) return { message: `${rule.className}.__init__() got an unexpected keyword argument '${key}'`, keyword: key };
    if (LAYER_KEYWORDS.has(key) || rule.moreKeywords?.includes(key)) continue;
    (refused ??= []).push(key);
  }
  if (!refused) return null;
  const given = refused.map((key) => `'${key}': ${repr(keywords.get(key) as PyValue)}`).join(', ');
  const hints = refused.map((key) => KERAS_2_KEYWORDS.get(key)).filter((hint) => hint !== undefined);
  const message = `Unrecognized keyword arguments passed to ${rule.className}: {${given}}`;
  return { message: hints.length === 0 ? message : `${message}. ${hints.join(' ')}`, keyword: refused[0] };
}

/** `keras.activations.get`'s names (ALL_OBJECTS_DICT of keras/src/activations/__init__.py, Keras 3.15). */
export const ACTIVATION_NAMES: ReadonlySet<string> = new Set([
  'celu', 'elu', 'exponential', 'gelu', 'glu', 'hard_shrink', 'hard_sigmoid', 'hard_silu', 'hard_swish', 'hard_tanh', 'leaky_relu',
  'linear', 'log_sigmoid', 'log_softmax', 'mish', 'relu', 'relu6', 'selu', 'sigmoid', 'silu', 'soft_shrink', 'softmax', 'softplus',
  'softsign', 'sparse_plus', 'sparse_sigmoid', 'sparsemax', 'squareplus', 'swish', 'tanh', 'tanh_shrink', 'threshold',
]);

/** Every layer parameter Keras hands to `activations.get` in `__init__` has one of these names. */
const ACTIVATION_PARAMS = ['activation', 'recurrent_activation'];

/**
 * `activations.get(identifier)` for the activation parameters a class has: a name it does not know, or a
 * number, is "Could not interpret activation function identifier". None, functions and values not known
 * statically pass. Returns Keras' message and the parameter, or null.
 */
export function activationError(classParams: ReadonlySet<string>, args: BoundArgs): RefusedArgument | null {
  for (const name of ACTIVATION_PARAMS) {
    if (!classParams.has(name)) continue;
    const value = args.get(name);
    const refused =
      value !== undefined &&
      ((value.kind === 'str' && !ACTIVATION_NAMES.has(value.value)) || value.kind === 'int' || value.kind === 'float' || value.kind === 'bool');
    if (refused) return { message: `Could not interpret activation function identifier: ${toStr(value)}`, keyword: name };
  }
  return null;
}

/**
 * The names `keras.initializers.get`, `regularizers.get` and `constraints.get` know (their modules'
 * ALL_OBJECTS_DICT, Keras 3.15), by the suffix of the parameters Keras hands to them in `__init__`.
 */
export const IDENTIFIERS: readonly { readonly suffix: string; readonly kind: string; readonly names: ReadonlySet<string> }[] = [
  {
    suffix: '_initializer',
    kind: 'initializer',
    names: new Set([
      'Constant', 'GlorotNormal', 'GlorotUniform', 'HeNormal', 'HeUniform', 'Identity', 'IdentityInitializer', 'Initializer', 'LecunNormal',
      'LecunUniform', 'Ones', 'Orthogonal', 'OrthogonalInitializer', 'RandomNormal', 'RandomUniform', 'STFT', 'STFTInitializer',
      'TruncatedNormal', 'VarianceScaling', 'Zeros', 'constant', 'glorot_normal', 'glorot_uniform', 'he_normal', 'he_uniform', 'identity',
      'initializer', 'lecun_normal', 'lecun_uniform', 'normal', 'one', 'ones', 'orthogonal', 'random_normal', 'random_uniform', 'stft',
      'truncated_normal', 'uniform', 'variance_scaling', 'zero', 'zeros',
    ]),
  },
  {
    suffix: '_regularizer',
    kind: 'regularizer',
    names: new Set(['L1', 'L1L2', 'L2', 'OrthogonalRegularizer', 'Regularizer', 'l1', 'l1l2', 'l2', 'orthogonal_regularizer', 'regularizer']),
  },
  {
    suffix: '_constraint',
    kind: 'constraint',
    names: new Set(['Constraint', 'MaxNorm', 'MinMaxNorm', 'NonNeg', 'UnitNorm', 'constraint', 'max_norm', 'min_max_norm', 'non_neg', 'unit_norm']),
  },
];

/**
 * `initializers.get` (and the regularizer and constraint `get`s) for the parameters a class hands to them: a name
 * they do not know, or a number, is "Could not interpret initializer identifier". None, objects, functions and
 * values not known statically pass, as do names of a package's registered objects (`'my_package>MyInit'`).
 */
export function identifierError(classParams: ReadonlySet<string>, args: BoundArgs, keywords: ReadonlyMap<string, PyValue>, positionalCount: number): RefusedArgument | null {
  for (const { name, index, table } of identifierParams(classParams)) {
    // Defaults are names `get` knows: only what was given is read.
    if (index >= positionalCount && !keywords.has(name)) continue;
    const value = args.get(name);
    if (value === undefined) continue;
    const refused =
      (value.kind === 'str' && !table.names.has(value.value) && !value.value.includes('>')) || value.kind === 'int' || value.kind === 'float' || value.kind === 'bool';
    if (refused) return { message: `Could not interpret ${table.kind} identifier: ${toStr(value)}`, keyword: name };
  }
  return null;
}

/** A class's parameters Keras hands to one of the `get`s, found once per class: this runs for every layer made. */
interface IdentifierParam {
  readonly name: string;
  /** Its position among the class's parameters. */
  readonly index: number;
  readonly table: (typeof IDENTIFIERS)[number];
}

const identifierParamsOf = new WeakMap<ReadonlySet<string>, readonly IdentifierParam[]>();

function identifierParams(classParams: ReadonlySet<string>): readonly IdentifierParam[] {
  let found = identifierParamsOf.get(classParams);
  if (!found) {
    found = [...classParams].flatMap((name, index) => IDENTIFIERS.filter((entry) => name.endsWith(entry.suffix)).map((table) => ({ name, index, table })));
    identifierParamsOf.set(classParams, found);
  }
  return found;
}

const L1 = { className: 'L1', params: signature('l1=0.01') };
const L2 = { className: 'L2', params: signature('l2=0.01') };
const L1_L2 = { className: 'L1L2', params: signature('l1=0.0', 'l2=0.0') };
const ORTHOGONAL = { className: 'OrthogonalRegularizer', params: signature('factor=0.01', "mode='rows'") };

/** `keras.regularizers`' classes by every name that exports them, with their `__init__` (no `**kwargs`). */
export const REGULARIZERS: ReadonlyMap<string, { readonly className: string; readonly params: readonly Param[] }> = new Map([
  ['L1', L1],
  ['l1', L1],
  ['L2', L2],
  ['l2', L2],
  ['L1L2', L1_L2],
  ['l1_l2', L1_L2],
  ['OrthogonalRegularizer', ORTHOGONAL],
  ['orthogonal_regularizer', ORTHOGONAL],
]);

/**
 * What Python says of a regularizer made with arguments its `__init__` does not take: `l2(l=0.01)`, Keras 2's
 * keyword, is "L2.__init__() got an unexpected keyword argument 'l'". Null when they bind.
 */
export function regularizerError(name: string, positional: readonly PyValue[], keywords: ReadonlyMap<string, PyValue>): string | null {
  const regularizer = REGULARIZERS.get(name);
  if (!regularizer) return null;
  // CPython refuses a keyword it does not know before it counts the positional arguments.
  const stranger = [...keywords.keys()].find((key) => !regularizer.params.some((p) => p.name === key));
  if (stranger !== undefined) return `${regularizer.className}.__init__() got an unexpected keyword argument '${stranger}'`;
  try {
    bindArguments(regularizer, positional, keywords);
    return null;
  } catch (error) {
    if (error instanceof KerasError) return error.message;
    throw error;
  }
}
