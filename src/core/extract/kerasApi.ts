/**
 * What Keras 3's public API exports, as data: which module paths exist, which names in `keras.layers`
 * are layers, and the aliases Keras exports for them. Import resolution and attribute access consult
 * this; it says nothing about what a layer computes (that is the rule table's job).
 */
import { FUNCTION_FORMS, LAYER_ALIASES, RULES } from '../infer/rules';
import { REGULARIZERS } from '../infer/constructorChecks';

/** Submodules of `keras` in Keras 3.16 (`keras/api/`). */
const SUBMODULES = new Set([
  'activations', 'applications', 'backend', 'callbacks', 'config', 'constraints', 'datasets', 'distillation',
  'distribution', 'dtype_policies', 'export', 'initializers', 'layers', 'legacy', 'losses', 'metrics',
  'mixed_precision', 'models', 'ops', 'optimizers', 'preprocessing', 'quantizers', 'random', 'regularizers',
  'saving', 'tree', 'utils', 'visualization', 'wrappers',
]);

/** The submodules of `keras.ops`; all but `image` re-export functions `keras.ops` has too. */
const OPS_SUBMODULES = new Set(['core', 'image', 'linalg', 'math', 'nn', 'numpy']);

/** Submodules whose own children we do not list: any name below them is accepted. */
const OPEN_SUBMODULES = new Set(['applications', 'datasets', 'preprocessing', 'utils', 'legacy']);

/** Every name `keras.layers` exports that is a layer class (Keras 3.16, `keras/api/layers/__init__.py`). */
export const KERAS_LAYER_NAMES: ReadonlySet<string> = new Set([
  'Activation', 'ActivityRegularization', 'AdaptiveAveragePooling1D', 'AdaptiveAveragePooling2D',
  'AdaptiveAveragePooling3D', 'AdaptiveMaxPooling1D', 'AdaptiveMaxPooling2D', 'AdaptiveMaxPooling3D', 'Add',
  'AdditiveAttention', 'AlphaDropout', 'Attention', 'AugMix', 'AutoContrast', 'Average', 'AveragePooling1D',
  'AveragePooling2D', 'AveragePooling3D', 'BatchNormalization', 'Bidirectional', 'CategoryEncoding', 'CenterCrop',
  'Concatenate', 'ContrastLimitedAdaptiveHistogramEqualization', 'Conv1D', 'Conv1DTranspose', 'Conv2D',
  'Conv2DTranspose', 'Conv3D', 'Conv3DTranspose', 'ConvLSTM1D', 'ConvLSTM2D', 'ConvLSTM3D', 'Cropping1D',
  'Cropping2D', 'Cropping3D', 'CutMix', 'Dense', 'DepthwiseConv1D', 'DepthwiseConv2D', 'Discretization', 'Dot',
  'Dropout', 'ELU', 'EinsumDense', 'Embedding', 'Equalization', 'Flatten', 'FlaxLayer', 'GRU', 'GaussianDropout',
  'GaussianNoise', 'GlobalAveragePooling1D', 'GlobalAveragePooling2D', 'GlobalAveragePooling3D',
  'GlobalMaxPooling1D', 'GlobalMaxPooling2D', 'GlobalMaxPooling3D', 'GroupNormalization', 'GroupQueryAttention',
  'HashedCrossing', 'Hashing', 'Identity', 'IntegerLookup', 'JaxLayer', 'LSTM', 'Lambda', 'LayerNormalization',
  'LeakyReLU', 'Masking', 'MaxNumBoundingBoxes', 'MaxPooling1D', 'MaxPooling2D', 'MaxPooling3D', 'Maximum',
  'MelSpectrogram', 'Minimum', 'MixUp', 'MultiHeadAttention', 'Multiply', 'Normalization', 'PReLU', 'Permute',
  'Pipeline', 'RMSNormalization', 'RNN', 'RandAugment', 'RandomBrightness', 'RandomColorDegeneration',
  'RandomColorJitter', 'RandomContrast', 'RandomCrop', 'RandomElasticTransform', 'RandomErasing', 'RandomFlip',
  'RandomGaussianBlur', 'RandomGrayscale', 'RandomHue', 'RandomInvert', 'RandomPerspective', 'RandomPosterization',
  'RandomRotation', 'RandomSaturation', 'RandomSharpness', 'RandomShear', 'RandomTranslation', 'RandomZoom', 'ReLU',
  'RepeatVector', 'Rescaling', 'Reshape', 'Resizing', 'ReversibleEmbedding', 'STFTSpectrogram', 'SeparableConv1D',
  'SeparableConv2D', 'SimpleRNN', 'Softmax', 'Solarization', 'SpatialDropout1D', 'SpatialDropout2D',
  'SpatialDropout3D', 'SpectralNormalization', 'StringLookup', 'Subtract', 'TFSMLayer', 'TernaryDense',
  'TextVectorization', 'TimeDistributed', 'TorchModuleWrapper', 'UnitNormalization', 'UpSampling1D', 'UpSampling2D',
  'UpSampling3D', 'Wrapper', 'ZeroPadding1D', 'ZeroPadding2D', 'ZeroPadding3D',
]);

/**
 * Every public name of the Keras modules listed in full (Keras 3.15.1's `dir()`, and the layers of 3.16 in
 * `KERAS_LAYER_NAMES`): any other name is Python's AttributeError, as for the Keras 2 names Keras 3 dropped
 * (`layers.CuDNNLSTM`, `layers.merge`, `layers.experimental`, `backend.int_shape`). `tf.keras` is not checked:
 * with Keras 3 it is Keras' legacy `keras._tf_keras.keras`, whose modules keep more (`backend.int_shape`).
 * Made on first use: the layer rules it lists are still loading when this module is (rules → operators →
 * kerasClasses → here).
 */
let moduleExports: ReadonlyMap<string, ReadonlySet<string>> | undefined;
export function kerasModuleExports(): ReadonlyMap<string, ReadonlySet<string>> {
  moduleExports ??= new Map([
    [
      'keras.layers',
      new Set([
        ...KERAS_LAYER_NAMES,
        ...LAYER_ALIASES.keys(),
        ...FUNCTION_FORMS.keys(),
        'GRUCell', 'Input', 'InputLayer', 'InputSpec', 'LSTMCell', 'Layer', 'SimpleRNNCell', 'StackedRNNCells', 'deserialize', 'serialize',
      ]),
    ],
    [
      'keras.applications',
      new Set([
        'ConvNeXtBase', 'ConvNeXtLarge', 'ConvNeXtSmall', 'ConvNeXtTiny', 'ConvNeXtXLarge', 'DenseNet121', 'DenseNet169', 'DenseNet201',
        'EfficientNetB0', 'EfficientNetB1', 'EfficientNetB2', 'EfficientNetB3', 'EfficientNetB4', 'EfficientNetB5', 'EfficientNetB6',
        'EfficientNetB7', 'EfficientNetV2B0', 'EfficientNetV2B1', 'EfficientNetV2B2', 'EfficientNetV2B3', 'EfficientNetV2L',
        'EfficientNetV2M', 'EfficientNetV2S', 'InceptionResNetV2', 'InceptionV3', 'MobileNet', 'MobileNetV2', 'MobileNetV3Large',
        'MobileNetV3Small', 'NASNetLarge', 'NASNetMobile', 'ResNet101', 'ResNet101V2', 'ResNet152', 'ResNet152V2', 'ResNet50',
        'ResNet50V2', 'VGG16', 'VGG19', 'Xception', 'convnext', 'densenet', 'efficientnet', 'efficientnet_v2', 'imagenet_utils',
        'inception_resnet_v2', 'inception_v3', 'mobilenet', 'mobilenet_v2', 'mobilenet_v3', 'nasnet', 'resnet', 'resnet50', 'resnet_v2',
        'vgg16', 'vgg19', 'xception',
      ]),
    ],
    [
      'keras.backend',
      new Set([
        'backend', 'clear_session', 'epsilon', 'floatx', 'get_uid', 'image_data_format', 'is_float_dtype', 'is_int_dtype',
        'is_keras_tensor', 'result_type', 'set_epsilon', 'set_floatx', 'set_image_data_format', 'standardize_dtype',
      ]),
    ],
  ]);
  return moduleExports;
}

/** Whether `module` is one of Keras' listed in full and has no `name` (see `kerasModuleExports`). */
export function lacksMember(module: string, name: string): boolean {
  const names = kerasModuleExports().get(module);
  return names !== undefined && !names.has(name);
}

/** Callables of the API that are not layer classes but that the interpreter understands. */
export type KerasCallable =
  | 'Input'
  | 'InputLayer'
  | 'Sequential'
  | 'Model'
  | 'Layer'
  | 'Variable'
  | 'clone_model'
  | 'DTypePolicy'
  | `layer:${string}`
  | `function:${string}`
  | `ops:${string}`
  | `backend:${string}`
  | `utils:${string}`
  | `applications:${string}`
  | `regularizer:${string}`;

/** Canonical module path: `tensorflow.keras.layers` → `keras.layers`; null if it is not a Keras module. */
export function canonicalModule(path: string): string | null {
  const parts = path.split('.');
  if (parts[0] === 'tensorflow' && parts[1] === 'keras') parts.splice(0, 1);
  if (parts[0] === 'tensorflow' && parts[1] === 'python' && parts[2] === 'keras') parts.splice(0, 2);
  if (parts[0] === 'tensorflow' && parts.length === 1) return 'tensorflow';
  if (parts[0] !== 'keras') return null;
  return parts.join('.');
}

/** Whether a canonical `keras...` module path exists in Keras 3 (for `No module named ...` errors). */
export function moduleExists(path: string): boolean {
  const [root, sub, ...rest] = path.split('.');
  if (root !== 'keras' || sub === undefined || sub === 'src') return true;
  if (!SUBMODULES.has(sub)) return false;
  return rest.length === 0 || OPEN_SUBMODULES.has(sub) || (sub === 'ops' && rest.length === 1 && OPS_SUBMODULES.has(rest[0]));
}

/** The real class of a layer name (resolving aliases), or null if `keras.layers` has no such layer. */
export function layerClass(name: string): string | null {
  const real = LAYER_ALIASES.get(name) ?? name;
  return KERAS_LAYER_NAMES.has(real) || RULES.has(real) ? real : null;
}

/**
 * What `module.name` means for a Keras module: a submodule path, a callable we understand, or null when
 * the name is something of Keras' we treat as an opaque run-time value (an optimizer, a loss...).
 */
export function kerasAttribute(module: string, name: string): { module: string } | { callable: KerasCallable } | null {
  if (module === 'tensorflow') return name === 'keras' ? { module: 'keras' } : null;
  const submodule = `${module}.${name}`;
  if (module === 'keras' && SUBMODULES.has(name)) return { module: submodule };
  if (module === 'keras.src' || module.startsWith('keras.src.')) {
    const asLayer = layerCallable(name);
    return asLayer ?? { module: submodule };
  }
  if (module === 'keras' || module === 'keras.models' || module === 'keras.layers') {
    if (name === 'Sequential' || name === 'Model' || name === 'Input' || name === 'InputLayer' || name === 'Layer') {
      return { callable: name };
    }
    if (name === 'Functional') return { callable: 'Model' };
  }
  if (module === 'keras' && name === 'Variable') return { callable: 'Variable' };
  if (module === 'keras.models' && name === 'clone_model') return { callable: 'clone_model' };
  if (module === 'keras.layers') return layerCallable(name);
  // keras.random's samplers make tensors of a given shape, like ops.zeros, and keras.activations are
  // element-wise ops: one table serves them all, `ops.nn.relu` being `ops.relu`.
  if (module === 'keras.ops' && OPS_SUBMODULES.has(name)) return { module: submodule };
  if (module === 'keras.ops.image') return { callable: `ops:image.${name}` };
  if (module === 'keras.ops' || module === 'keras.random' || (module.startsWith('keras.ops.') && OPS_SUBMODULES.has(module.slice('keras.ops.'.length)))) {
    return { callable: `ops:${name}` };
  }
  if (module === 'keras.activations') return { callable: `ops:activations.${name}` };
  if (module === 'keras.backend') return { callable: `backend:${name}` };
  if (module === 'keras.regularizers' && REGULARIZERS.has(name)) return { callable: `regularizer:${name}` };
  if (module === 'keras.config' && (name === 'image_data_format' || name === 'set_image_data_format')) return { callable: `backend:${name}` };
  const dtypeFunction = DTYPE_FUNCTIONS.get(`${module}.${name}`);
  if (dtypeFunction) return { callable: dtypeFunction };
  if (module === 'keras.utils' && UTILS_FUNCTIONS.has(name)) return { callable: `utils:${name}` };
  if (module === 'keras.applications') return /^[a-z_0-9]+$/.test(name) ? { module: submodule } : { callable: `applications:${name}` };
  // In a module of `keras.applications`: its builders, `preprocess_input` and `decode_predictions`.
  if (module.startsWith('keras.applications.')) return { callable: `applications:${module.slice('keras.applications.'.length)}.${name}` };
  return null;
}

function layerCallable(name: string): { callable: KerasCallable } | null {
  if (FUNCTION_FORMS.has(name)) return { callable: `function:${name}` };
  if (name === 'Input' || name === 'InputLayer' || name === 'Layer') return { callable: name };
  const real = layerClass(name);
  return real ? { callable: `layer:${real}` } : null;
}

/** Where Keras exports the dtype policy class and the functions that set the global policy and `floatx`. */
const DTYPE_FUNCTIONS: ReadonlyMap<string, KerasCallable> = new Map<string, KerasCallable>([
  ['keras.DTypePolicy', 'DTypePolicy'],
  ['keras.dtype_policies.DTypePolicy', 'DTypePolicy'],
  ['keras.dtype_policies.FloatDTypePolicy', 'DTypePolicy'],
  ['keras.mixed_precision.DTypePolicy', 'DTypePolicy'],
  ['keras.mixed_precision.Policy', 'DTypePolicy'],
  ['keras.config.set_dtype_policy', 'backend:set_dtype_policy'],
  ['keras.mixed_precision.set_dtype_policy', 'backend:set_dtype_policy'],
  ['keras.mixed_precision.set_global_policy', 'backend:set_dtype_policy'],
  ['keras.config.set_floatx', 'backend:set_floatx'],
  ['keras.config.floatx', 'backend:floatx'],
]);

/** Backend and utils functions the interpreter models (`image_data_format`, `int_shape`, `get_source_inputs`, `clear_session`, `pad_sequences`). */
const BACKEND_FUNCTIONS = new Set(['image_data_format', 'set_image_data_format', 'int_shape', 'clear_session']);
const UTILS_FUNCTIONS = new Set(['get_source_inputs', 'clear_session', 'pad_sequences']);

/**
 * A name that can only mean Keras' (a layer class, `Model`, `Input`, a modelled backend function), for
 * attribute access on objects the analysis cannot resolve.
 */
export function unresolvedKerasName(name: string): KerasCallable | null {
  const member = layerCallable(name);
  if (member) return member.callable;
  if (name === 'Model' || name === 'Sequential') return name;
  if (BACKEND_FUNCTIONS.has(name)) return `backend:${name}`;
  if (UTILS_FUNCTIONS.has(name)) return `utils:${name}`;
  return null;
}
