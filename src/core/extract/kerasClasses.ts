/**
 * Keras' class hierarchy, for the Python that asks about it: `isinstance(layer, layers.BatchNormalization)`,
 * `type(layer) is layers.Dense`, `layer.__class__.__name__`. What the object behind a value is (a Keras layer
 * of a known class, an instance of the user's class, a plain value) is decided here; the builtins that ask
 * are `evaluate/builtins.ts`'s.
 */
import type { ClassObject, InstanceObject, PyValue } from '../evaluate/values';
import { findInClass } from '../evaluate/values';
import { OPAQUE } from '../infer/layers';
import { LAYER_ALIASES, RULES } from '../infer/rules';
import { KERAS_LAYER_NAMES, kerasAttribute, lacksMember } from './kerasApi';

/**
 * Each class's direct bases among Keras' classes (`__bases__`, Keras 3.15.1 on jax), listed under the base:
 * the internal ones too (`BaseConv`), so that a subclass of one is one of another where Keras says so. Bases
 * that no code names (the backend's `Layer`, `Trainer`, `KerasSaveable`) are left out.
 */
const SUBCLASSES: Readonly<Record<string, readonly string[]>> = {
  Operation: ['Function', 'Layer'],
  Layer: [
    'Activation', 'ActivityRegularization', 'AlphaDropout', 'Attention', 'BaseAdaptivePooling', 'BaseConv',
    'BaseConvTranspose', 'BaseDepthwiseConv', 'BaseGlobalPooling', 'BasePooling', 'BaseSeparableConv',
    'BatchNormalization', 'Bidirectional', 'Cropping1D', 'Cropping2D', 'Cropping3D', 'DataLayer', 'Dense', 'Dropout',
    'ELU', 'EinsumDense', 'Embedding', 'Flatten', 'GaussianDropout', 'GaussianNoise', 'GroupNormalization',
    'GroupedQueryAttention', 'HashedCrossing', 'Hashing', 'Identity', 'IndexLookup', 'InputLayer', 'JaxLayer',
    'Lambda', 'LayerNormalization', 'LeakyReLU', 'Masking', 'Merge', 'Model', 'MultiHeadAttention', 'PReLU', 'Permute',
    'Pipeline', 'RMSNormalization', 'RNN', 'ReLU', 'RepeatVector', 'Reshape', 'STFTSpectrogram', 'Softmax',
    'StackedRNNCells', 'TFSMLayer', 'TextVectorization', 'TorchModuleWrapper', 'UnitNormalization', 'UpSampling1D',
    'UpSampling2D', 'UpSampling3D', 'Wrapper', 'ZeroPadding1D', 'ZeroPadding2D', 'ZeroPadding3D',
    'GRUCell', 'LSTMCell', 'SimpleRNNCell',
  ],
  DropoutRNNCell: ['GRUCell', 'LSTMCell', 'SimpleRNNCell'],
  Model: ['Functional', 'Sequential'],
  Function: ['Functional'],
  Attention: ['AdditiveAttention'],
  BaseAdaptivePooling: ['BaseAdaptiveAveragePooling', 'BaseAdaptiveMaxPooling'],
  BaseAdaptiveAveragePooling: ['AdaptiveAveragePooling1D', 'AdaptiveAveragePooling2D', 'AdaptiveAveragePooling3D'],
  BaseAdaptiveMaxPooling: ['AdaptiveMaxPooling1D', 'AdaptiveMaxPooling2D', 'AdaptiveMaxPooling3D'],
  BaseConv: ['Conv1D', 'Conv2D', 'Conv3D'],
  BaseConvTranspose: ['Conv1DTranspose', 'Conv2DTranspose', 'Conv3DTranspose'],
  BaseDepthwiseConv: ['DepthwiseConv1D', 'DepthwiseConv2D'],
  BaseSeparableConv: ['SeparableConv1D', 'SeparableConv2D'],
  BasePooling: ['AveragePooling1D', 'AveragePooling2D', 'AveragePooling3D', 'MaxPooling1D', 'MaxPooling2D', 'MaxPooling3D'],
  BaseGlobalPooling: [
    'GlobalAveragePooling1D', 'GlobalAveragePooling2D', 'GlobalAveragePooling3D', 'GlobalMaxPooling1D',
    'GlobalMaxPooling2D', 'GlobalMaxPooling3D',
  ],
  DataLayer: ['BaseImagePreprocessingLayer', 'CategoryEncoding', 'Discretization', 'MelSpectrogram', 'Normalization', 'Rescaling'],
  BaseImagePreprocessingLayer: [
    'AugMix', 'AutoContrast', 'CenterCrop', 'ContrastLimitedAdaptiveHistogramEqualization', 'CutMix', 'Equalization',
    'MaxNumBoundingBoxes', 'MixUp', 'RandAugment', 'RandomBrightness', 'RandomColorDegeneration', 'RandomColorJitter',
    'RandomContrast', 'RandomCrop', 'RandomElasticTransform', 'RandomErasing', 'RandomFlip', 'RandomGaussianBlur',
    'RandomGrayscale', 'RandomHue', 'RandomInvert', 'RandomPerspective', 'RandomPosterization', 'RandomRotation',
    'RandomSaturation', 'RandomSharpness', 'RandomShear', 'RandomTranslation', 'RandomZoom', 'Resizing', 'Solarization',
  ],
  Dropout: ['BaseSpatialDropout'],
  BaseSpatialDropout: ['SpatialDropout1D', 'SpatialDropout2D', 'SpatialDropout3D'],
  Embedding: ['ReversibleEmbedding'],
  IndexLookup: ['IntegerLookup', 'StringLookup'],
  JaxLayer: ['FlaxLayer'],
  Merge: ['Add', 'Average', 'Concatenate', 'Dot', 'Maximum', 'Minimum', 'Multiply', 'Subtract'],
  RNN: ['ConvLSTM', 'GRU', 'LSTM', 'SimpleRNN'],
  ConvLSTM: ['ConvLSTM1D', 'ConvLSTM2D', 'ConvLSTM3D'],
  Wrapper: ['SpectralNormalization', 'TimeDistributed'],
};

/** Each class's direct bases: the table above read the other way. `Operation` is a class without bases here. */
const BASES: ReadonlyMap<string, readonly string[]> = (() => {
  const bases = new Map<string, string[]>([['Operation', []]]);
  for (const [base, subclasses] of Object.entries(SUBCLASSES)) {
    for (const subclass of subclasses) bases.set(subclass, [...(bases.get(subclass) ?? []), base]);
  }
  return bases;
})();

/** Whether Keras' class `name` is `ancestor` or derives from it; null for a class not in the table. */
export function isKerasSubclass(name: string, ancestor: string): boolean | null {
  const bases = BASES.get(name);
  if (!bases) return null;
  return name === ancestor || bases.some((base) => isKerasSubclass(base, ancestor) === true);
}

/** The Keras class a value names (`layers.Dense`, `keras.Model`, what `type()` gave); null for anything else. */
export function kerasClassNamed(value: PyValue): string | null {
  if (value.kind !== 'keras') return null;
  const name = value.name.startsWith('layer:') ? value.name.slice('layer:'.length) : value.name;
  return BASES.has(name) ? name : null;
}

/** The value that stands for Keras' class `name` (`layers.Dense` is `layer:Dense`), as `type()` gives it. */
function kerasClassValue(name: string): PyValue {
  const layer = RULES.has(name) || KERAS_LAYER_NAMES.has(name) || LAYER_ALIASES.has(name);
  return { kind: 'keras', name: layer && name !== 'InputLayer' ? `layer:${name}` : name };
}

/**
 * The Python object behind a value, for class checks: a Keras object by its class name (a layer, a model; null
 * when its class is not known statically, as for a row we cannot see into), an instance of the user's class, or
 * the value itself for anything else.
 */
export type PythonObject =
  /** `subclass`: an instance of a user's subclass of `className` that computes as it does (`LayerObject.displayClass`). */
  | { readonly kind: 'keras'; readonly className: string | null; readonly subclass?: true }
  | { readonly kind: 'user'; readonly instance: InstanceObject }
  | { readonly kind: 'other'; readonly value: PyValue };

export function pythonObject(value: PyValue): PythonObject {
  switch (value.kind) {
    case 'instance':
      return { kind: 'user', instance: value.instance };
    case 'model':
      return value.model.state.kind === 'subclassed'
        ? { kind: 'user', instance: value.model.state.instance }
        : { kind: 'keras', className: value.model.className };
    case 'layer': {
      const layer = value.layer;
      if (layer.instance) return { kind: 'user', instance: layer.instance };
      if (layer.model) return pythonObject({ kind: 'model', model: layer.model });
      if (layer.displayClass) return { kind: 'keras', className: layer.className, subclass: true };
      // An operation is of a `keras.ops` class, not in the table: its class checks are unknown.
      return { kind: 'keras', className: layer.className === OPAQUE || layer.operation ? null : layer.className };
    }
    default:
      return { kind: 'other', value };
  }
}

/** Whether a user class is `candidate` or derives from it (through the user's classes; Keras' never derive from them). */
function derivesFrom(cls: ClassObject, candidate: ClassObject): boolean {
  return findInClass(cls, (c) => (c === candidate ? true : undefined)) ?? false;
}

/**
 * Whether an instance of the user's class is an instance of Keras' class `name`: through the Keras classes among
 * the bases of its classes; null when a base the analysis does not know (a library's) may derive from it.
 */
function userInstanceOfKeras(cls: ClassObject, name: string): boolean | null {
  let open = false;
  const found = findInClass(cls, (c) => {
    for (const base of c.kerasBases) {
      const derives = isKerasSubclass(base, name);
      if (derives) return true;
      if (derives === null) open = true;
    }
    if (c.unknownBases) open = true;
    return undefined;
  });
  return found ?? (open ? null : false);
}

/**
 * `isinstance(value, candidate)` for one class that is Keras' or the user's: true, false, or null when it cannot
 * be known; undefined when `candidate` is neither (a builtin type is `builtins.ts`'s business).
 */
export function isInstanceOfClass(value: PyValue, candidate: PyValue): boolean | null | undefined {
  const kerasClass = kerasClassNamed(candidate);
  if (candidate.kind !== 'class' && kerasClass === null) return undefined;
  if (value.kind === 'unknown') return null;
  const object = pythonObject(value);
  // Of a user's subclass whose class is not at hand, only what its Keras class derives from is certain.
  if (object.kind === 'keras' && object.subclass) return candidate.kind !== 'class' && isKerasSubclass(object.className as string, kerasClass as string) ? true : null;
  if (candidate.kind === 'class') return object.kind === 'user' && derivesFrom(object.instance.cls, candidate.cls);
  const name = kerasClass as string;
  if (object.kind === 'user') return userInstanceOfKeras(object.instance.cls, name);
  if (object.kind === 'keras') return object.className === null ? null : isKerasSubclass(object.className, name);
  // A tensor, a plain value, a function, a class object: none is an instance of a Keras class here.
  return false;
}

/** `type(value)` of a Keras object or an instance of the user's class; undefined for other values, null when unknown. */
export function typeOfObject(value: PyValue): PyValue | null | undefined {
  const object = pythonObject(value);
  if (object.kind === 'user') return { kind: 'class', cls: object.instance.cls };
  if (object.kind === 'other') return undefined;
  return object.className !== null && !object.subclass && BASES.has(object.className) ? kerasClassValue(object.className) : null;
}

/** `cls.__name__` of a class: Keras', the user's, a builtin's (and a function's, which has one too). */
export function nameOf(value: PyValue): string | null {
  switch (value.kind) {
    case 'keras':
      return kerasClassNamed(value);
    case 'class':
      return value.cls.name;
    case 'builtin':
      return value.name.includes('.') ? null : value.name;
    case 'function':
      return value.fn.name;
    default:
      return null;
  }
}

/** Whether two values name the same Keras class; null unless both are Keras' classes or callables. */
export function sameKerasObject(a: PyValue, b: PyValue): boolean | null {
  if (a.kind !== 'keras' || b.kind !== 'keras') return null;
  if (a.name === b.name) return true;
  // Different callables may still be one function exported twice; different classes are different.
  return kerasClassNamed(a) !== null && kerasClassNamed(b) !== null ? false : null;
}

/**
 * The attributes Keras' layers keep their weights in, for `hasattr(layer, "kernel")`: each class's, once built
 * (a BatchNormalization has its four from `__init__` on; an LSTM keeps its weights in its cell). Read from
 * Keras 3.15.1, with `use_bias=False` and the like too (the attribute is then None, but there).
 */
const WEIGHT_ATTRIBUTES: Readonly<Record<string, { readonly names: readonly string[]; readonly fromInit?: true }>> = (() => {
  const table: Record<string, { readonly names: readonly string[]; readonly fromInit?: true }> = {
    BatchNormalization: { names: ['gamma', 'beta', 'moving_mean', 'moving_variance'], fromInit: true },
  };
  const groups: readonly (readonly [readonly string[], readonly string[]])[] = [
    [['kernel', 'bias'], ['Dense', 'EinsumDense', 'Conv1D', 'Conv2D', 'Conv3D', 'Conv1DTranspose', 'Conv2DTranspose', 'Conv3DTranspose', 'DepthwiseConv1D', 'DepthwiseConv2D']],
    [['depthwise_kernel', 'pointwise_kernel', 'bias'], ['SeparableConv1D', 'SeparableConv2D']],
    [['gamma', 'beta'], ['LayerNormalization', 'GroupNormalization']],
    [['embeddings'], ['Embedding']],
    [['alpha'], ['PReLU']],
    [
      [],
      [
        'Dropout', 'SpatialDropout2D', 'GaussianNoise', 'Flatten', 'Reshape', 'Permute', 'RepeatVector', 'MaxPooling1D',
        'MaxPooling2D', 'AveragePooling2D', 'GlobalAveragePooling1D', 'GlobalAveragePooling2D', 'GlobalMaxPooling2D',
        'UpSampling2D', 'ZeroPadding2D', 'Cropping2D', 'Activation', 'ReLU', 'LeakyReLU', 'Softmax', 'Rescaling', 'Resizing',
        'RandomFlip', 'Add', 'Concatenate', 'Multiply', 'LSTM', 'GRU', 'SimpleRNN', 'Bidirectional', 'TimeDistributed',
        'MultiHeadAttention', 'InputLayer', 'Lambda', 'Identity', 'Masking', 'UnitNormalization', 'RMSNormalization',
        'Normalization', 'Sequential', 'Functional',
      ],
    ],
  ];
  for (const [names, classes] of groups) for (const name of classes) table[name] = { names };
  return table;
})();

/** Every name the table above answers for. */
const WEIGHT_ATTRIBUTE_NAMES: ReadonlySet<string> = new Set([
  'kernel', 'bias', 'gamma', 'beta', 'moving_mean', 'moving_variance', 'embeddings', 'depthwise_kernel', 'pointwise_kernel', 'recurrent_kernel', 'alpha',
]);

/** What every Keras layer has, built or not: `Layer`'s own attributes and methods. */
const LAYER_ATTRIBUTES: ReadonlySet<string> = new Set([
  'name', 'trainable', 'weights', 'trainable_weights', 'non_trainable_weights', 'variables', 'built', 'dtype',
  'count_params', 'get_config', 'get_weights', 'set_weights', 'call', 'build', 'add_weight',
]);

/**
 * `hasattr(value, name)` for a Keras module, layer or model (not the user's): null when it cannot be known.
 * A module has what the analysis knows in it (`hasattr(ops, "nn")`), and lacks only what is missing from a
 * module listed in full (`keras.layers`, but not through `tf.keras`, whose legacy modules keep more).
 */
export function kerasHasAttribute(value: PyValue, name: string): boolean | null {
  if (value.kind === 'module') {
    if (kerasAttribute(value.path, name) !== null) return true;
    return !value.viaTensorflow && lacksMember(value.path, name) ? false : null;
  }
  const object = pythonObject(value);
  if (object.kind !== 'keras' || object.className === null) return null;
  if (LAYER_ATTRIBUTES.has(name)) return true;
  if (object.subclass) return null;
  const attributes = WEIGHT_ATTRIBUTES[object.className];
  if (!attributes || !WEIGHT_ATTRIBUTE_NAMES.has(name)) return null;
  const built = value.kind === 'layer' && value.layer.built !== null;
  return attributes.names.includes(name) && (built || attributes.fromInit === true);
}
