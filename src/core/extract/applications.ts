/**
 * `keras.applications.MobileNetV2(...)` and the other pretrained-model builders Keras exports: the
 * interpreter runs their own Python, bundled with the analyzer (`applications/sources.ts`, Debian's Keras
 * Applications), as it runs a sibling module, with the arguments of the call. A transfer-learning model then
 * shows its base as one `Functional` row with Keras' shape and parameter count, and the layers Keras names
 * automatically inside the builder take the same names as in Keras (`input_layer`, so the user's own `Input` is
 * `input_layer_1`). Only builders that give Keras 3's model name, output shape and parameter count are listed
 * (`BUILDERS`); those whose layers inside differ from Keras 3's show none of them (`NOT_IN_KERAS_3`).
 */
import { APPLICATION_SOURCES } from '../applications/sources';
import { loadModule, type ModuleSources } from '../evaluate/modules';
import type { Context } from '../evaluate/context';
import type { FunctionObject, LayerObject, ModelObject, PyValue } from '../evaluate/values';
import { bundledBuilderChecks } from './applicationChecks';
import { modelLayers } from '../infer/report';
import { BUNDLED_APPLICATIONS, type AnalysisState } from '../infer/state';

/**
 * What the bundled builders make that Keras 3's own do not, by module (Keras 3 dropped MobileNetV2's
 * `Conv1_pad`, renamed DenseNet's `conv1/conv` and ResNet's `probs`, scales InceptionResNetV2's residuals with
 * a layer of its own instead of a `Lambda`). Such a model has Keras 3's output shape and parameter count, so it
 * is exact as a row of the model that uses it; its own layers are not shown (`model.layers`, `get_layer`, its
 * own summary), where an index or a name would differ from Keras 3's. VGG, InceptionV3 and Xception build
 * exactly Keras 3's layers.
 */
const NOT_IN_KERAS_3: ReadonlyMap<string, (layer: LayerObject) => boolean> = new Map([
  ['resnet_common', (layer: LayerObject) => layer.name === 'probs'],
  ['mobilenet_v2', (layer: LayerObject) => layer.name === 'Conv1_pad' || layer.name === 'Logits'],
  ['densenet', (layer: LayerObject) => layer.name.includes('/') || layer.name === 'fc1000'],
  ['inception_resnet_v2', (layer: LayerObject) => layer.className === 'Lambda'],
]);

/** Whether `model` was built by a bundled builder with a layer Keras 3's does not have (see above). */
function builtDifferently(model: ModelObject): boolean {
  if (model.module === null || !model.module.startsWith(`${BUNDLED_APPLICATIONS}/`)) return false;
  const differs = NOT_IN_KERAS_3.get(model.module.slice(BUNDLED_APPLICATIONS.length + 1));
  return differs !== undefined && modelLayers(model).some(differs);
}

/**
 * Whether a model's own layers are not shown: one built differently from Keras 3 (see above), or one made of its
 * layers (`Model(base.input, base.output)`, `base.get_layer(...).output`), whose rows would show them.
 */
export function layersHidden(state: AnalysisState, model: ModelObject): boolean {
  return hiddenBuilders(state)(model) !== null;
}

/**
 * For every model of an analysis, the builders' layers gathered once: the name of the builder whose layers it is
 * made of, or null. Most files use no bundled builder: then nothing is hidden, found without a look at any layer.
 */
export function hiddenBuilders(state: AnalysisState): (model: ModelObject) => string | null {
  const hidden = state.models.filter(builtDifferently);
  if (hidden.length === 0) return NONE_HIDDEN;
  const builderOf = new Map<LayerObject, ModelObject>();
  for (const base of hidden) for (const layer of modelLayers(base)) if (!builderOf.has(layer)) builderOf.set(layer, base);
  return (model) => {
    if (hidden.includes(model)) return model.name;
    for (const layer of modelLayers(model)) {
      const base = builderOf.get(layer);
      if (base && base !== model) return base.name;
    }
    return null;
  };
}

const NONE_HIDDEN = (): null => null;

interface Builder {
  /** The bundled module that defines it. */
  readonly module: string;
  /** The `keras.applications` submodules that export it besides `keras.applications` itself. */
  readonly submodules: readonly string[];
}

const builder = (module: string, ...submodules: string[]): Builder => ({ module, submodules: submodules.length > 0 ? submodules : [module] });

/**
 * Keras 3's builders whose bundled counterpart gives Keras 3's model name, output shape and parameter count for
 * every argument it accepts, by public name. Not MobileNet (Keras 3 pads its first convolution `same`, which
 * gives another shape for sizes one short of a multiple of 32) nor NASNet (another model name, and other
 * layers for inputs of unknown size).
 */
const BUILDERS: ReadonlyMap<string, Builder> = new Map([
  ['VGG16', builder('vgg16')],
  ['VGG19', builder('vgg19')],
  ['ResNet50', builder('resnet_common', 'resnet', 'resnet50')],
  ['ResNet101', builder('resnet_common', 'resnet')],
  ['ResNet152', builder('resnet_common', 'resnet')],
  ['ResNet50V2', builder('resnet_common', 'resnet_v2')],
  ['ResNet101V2', builder('resnet_common', 'resnet_v2')],
  ['ResNet152V2', builder('resnet_common', 'resnet_v2')],
  ['MobileNetV2', builder('mobilenet_v2')],
  ['InceptionV3', builder('inception_v3')],
  ['InceptionResNetV2', builder('inception_resnet_v2')],
  ['Xception', builder('xception')],
  ['DenseNet121', builder('densenet')],
  ['DenseNet169', builder('densenet')],
  ['DenseNet201', builder('densenet')],
]);

/** The module sources an analysis reads: the adapter's, and the bundled builders in their own folder. */
export function withApplications(sources: ModuleSources): ModuleSources {
  const all = new Map(sources);
  for (const [name, source] of APPLICATION_SOURCES) all.set(`${BUNDLED_APPLICATIONS}/${name}`, source);
  return all;
}

/**
 * `module.name` when it is one of the listed builders (`keras.applications.ResNet50`,
 * `keras.applications.resnet.ResNet50`): the function of the bundled module. Null for anything else.
 */
export function applicationBuilder(ctx: Context, module: string, name: string): PyValue | null {
  const found = BUILDERS.get(name);
  if (!found) return null;
  const submodule = module.startsWith('keras.applications.') ? module.slice('keras.applications.'.length) : null;
  if (module !== 'keras.applications' && !(submodule && found.submodules.includes(submodule))) return null;
  const value = loadModule(ctx, `${BUNDLED_APPLICATIONS}/${found.module}`)?.names.get(name) ?? null;
  if (value?.kind !== 'function') return value;
  // The same object for every lookup: code that reaches the builder twice holds one function.
  let checked = withKeras3Checks.get(value.fn);
  if (!checked) {
    checked = { ...value.fn, precondition: (args, format) => bundledBuilderChecks(name, args, format) };
    withKeras3Checks.set(value.fn, checked);
  }
  return { kind: 'function', fn: checked };
}

/** Each bundled builder with Keras 3's checks of its arguments in place of its own (`applicationChecks.ts`). */
const withKeras3Checks = new WeakMap<FunctionObject, FunctionObject>();

/**
 * The automatic names Keras 3.15.1's builders that are not bundled take (every other layer of theirs is named
 * by the builder), found by counting Keras' name counters around each builder called with every argument that
 * changes its layers (`include_top`, `pooling`, `input_tensor`, `include_preprocessing`, `minimalistic`). Each
 * makes an `Input` (`input_layer`) unless given `input_tensor=`, and ConvNeXt four more for the models its
 * blocks are; how many names of the other kinds it takes depends on the arguments, so the numbers of later
 * names of those kinds are unknown. The others stay exact (`EfficientNetB0` leaves `functional` and `dense`
 * alone). A builder not listed may take names of any kind.
 */
interface UnseenBuilder {
  readonly builders: readonly string[];
  readonly kinds: readonly string[];
  /** `input_layer` names taken besides the builder's own `Input`. */
  readonly innerInputs: number;
}

const UNSEEN_BUILDERS: readonly UnseenBuilder[] = [
  {
    builders: ['ConvNeXtTiny', 'ConvNeXtSmall', 'ConvNeXtBase', 'ConvNeXtLarge', 'ConvNeXtXLarge'],
    kinds: ['functional', 'add', 'layer_normalization', 'global_average_pooling2d', 'global_max_pooling2d'],
    innerInputs: 4,
  },
  {
    builders: ['EfficientNetB0', 'EfficientNetB1', 'EfficientNetB2', 'EfficientNetB3', 'EfficientNetB4', 'EfficientNetB5', 'EfficientNetB6', 'EfficientNetB7'],
    kinds: ['rescaling', 'normalization'],
    innerInputs: 0,
  },
  {
    builders: ['EfficientNetV2B0', 'EfficientNetV2B1', 'EfficientNetV2B2', 'EfficientNetV2B3', 'EfficientNetV2S', 'EfficientNetV2M', 'EfficientNetV2L'],
    kinds: ['rescaling', 'normalization'],
    innerInputs: 0,
  },
  { builders: ['MobileNet'], kinds: ['global_average_pooling2d', 'global_max_pooling2d'], innerInputs: 0 },
  {
    builders: ['MobileNetV3Small', 'MobileNetV3Large'],
    kinds: ['rescaling', 'activation', 're_lu', 'add', 'multiply', 'global_average_pooling2d', 'dropout', 'flatten'],
    innerInputs: 0,
  },
  {
    builders: ['NASNetMobile', 'NASNetLarge'],
    kinds: ['activation', 'add', 'zero_padding2d', 'cropping2d', 'concatenate', 'global_average_pooling2d', 'global_max_pooling2d'],
    innerInputs: 0,
  },
];

/**
 * What a builder that is not bundled does to Keras' names: how many `input_layer` names it takes (null when not
 * known: its `input_tensor` is not known statically, or the builder is not listed) and the kinds of names whose
 * later numbers become unknown (`*`: every kind).
 */
export function namesTakenByUnseenBuilder(builder: string, inputTensor: PyValue | undefined): { inputLayers: number | null; uncertain: readonly string[] } {
  const known = UNSEEN_BUILDERS.find((entry) => entry.builders.includes(builder));
  if (!known) return { inputLayers: null, uncertain: ['*'] };
  const ownInput = inputTensor === undefined || inputTensor.kind === 'none' ? 1 : inputTensor.kind === 'tensor' ? 0 : null;
  return { inputLayers: ownInput === null ? null : ownInput + known.innerInputs, uncertain: ownInput === null ? [...known.kinds, 'input_layer'] : known.kinds };
}
