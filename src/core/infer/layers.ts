/**
 * Layer objects as Keras makes them: construction (naming, base-class keyword arguments and their
 * Keras 3 deprecations, binding to the rule's parameters) and calls on symbolic tensors (build on the
 * first call, one node per call, Keras' errors). Models and their bookkeeping live in `models.ts`.
 */
import type { Dim, Shape, Span } from '../model';
import {
  formatShape,
  layerOf,
  sequenceItems,
  toDim,
  unknown,
  type BoundArgs,
  type InstanceObject,
  type LayerNode,
  type LayerObject,
  type ModelObject,
  type PyValue,
  type TensorObject,
  type WeightObject,
} from '../evaluate/values';
import type { KeywordSpans } from '../evaluate/expressions';
import { applyRule, type Application, type WrappedBuild } from './apply';
import { bindArguments } from './bind';
import { RULES, RULES_ONLY } from './rules';
import { KerasError, UnknownArgument, type LayerRule, type WeightSpec } from './rules/types';
import { attachMasks, maskInput, modelMaskInputs } from './masks';
import { autoName, inBundledApplication, lastingEffect, localSpan, nameArgument, peekName, report, scopedPath, toSnakeCase, type AnalysisState } from './state';
import { LayerArgs } from './args';
import { globalVariableDtype, layerVariableDtype } from './dtypes';
import { toStr } from '../evaluate/operators';
import { activationError, identifierError, LAYER_KEYWORDS, refusedKeywords } from './constructorChecks';

/** The class name of a layer that stands for something we cannot see (`keras.applications.Xception(...)`). */
export const OPAQUE = '?';

/** Where a constructor or call sits in the source, for diagnostics. */
export interface CallInfo {
  readonly span: Span;
  readonly calleeSpan: Span;
  /** Spans of keyword arguments by name, so a warning can point at `input_shape=...` itself. */
  readonly keywordSpans: KeywordSpans;
}

const INPUT_SHAPE_WARNING =
  'Do not pass an `input_shape`/`input_dim` argument to a layer. When using Sequential models, prefer using an `Input(shape)` object as the first layer in the model instead.';

/** A shape tuple value (without batch) as dims, or null when it is not a statically known tuple. */
export function shapeFromValue(value: PyValue): Shape | null {
  if (value.kind === 'int') return [value.value];
  if (value.kind === 'unknown') return null;
  const items = sequenceItems(value);
  return items ? items.map(toDim) : null;
}

/** Python's class names for the values `standardize_shape` refuses as a dimension. */
const PYTHON_TYPES: Partial<Record<PyValue['kind'], string>> = { float: 'float', str: 'str', tuple: 'tuple', list: 'list', dict: 'dict' };

/**
 * Keras' `standardize_shape` (keras/src/backend/common/variables.py), which `InputLayer` applies to its shape:
 * the dims of a tuple or list, or Keras' error for a value that is not one (`shape=10`), a dimension that is
 * not an int or None, or a negative one. Null when the value is not known statically.
 */
export function standardizeShape(value: PyValue): Shape | { readonly error: string } | null {
  const items = value.kind === 'str' ? null : sequenceItems(value);
  if (items === null) {
    const scalar = value.kind === 'int' || value.kind === 'float' || value.kind === 'bool';
    return scalar ? { error: `Cannot convert '${toStr(value)}' to a shape.` } : null;
  }
  const shape: Dim[] = [];
  for (const item of items) {
    if (item.kind === 'int' || item.kind === 'bool') {
      const size = item.kind === 'int' ? item.value : Number(item.value);
      if (size < 0) return { error: `Cannot convert '${toStr(value)}' to a shape. Negative dimensions are not allowed.` };
      shape.push(size);
    } else if (item.kind === 'none' || item.kind === 'unknown') {
      shape.push(toDim(item));
    } else {
      const type = PYTHON_TYPES[item.kind];
      if (type === undefined) return null;
      return { error: `Cannot convert '${toStr(value)}' to a shape. Found invalid dimension '${toStr(item)}' of type '<class '${type}'>'. ` };
    }
  }
  return shape;
}

export function newLayerObject(
  state: AnalysisState,
  className: string,
  name: string | null,
  args: BoundArgs,
  info: CallInfo,
  extra: {
    inputShapeArg?: LayerObject['inputShapeArg'];
    constructionError?: string | null;
    model?: ModelObject;
    instance?: InstanceObject;
    trainable?: boolean;
    assumption?: string | null;
    /** The dtype of its weights: absent, the global policy's (which Keras fixes when a layer first asks). */
    variableDtype?: string | null;
    displayClass?: string;
    /** A `keras.ops` operation, not a `Layer` (`LayerObject.operation`). */
    operation?: true;
  } = {},
): LayerObject {
  lastingEffect(state);
  const variableDtype = extra.variableDtype !== undefined ? extra.variableDtype : globalVariableDtype(state);
  return {
    id: state.nextId++,
    name: name ?? autoName(state, extra.displayClass ?? className),
    className,
    displayClass: extra.displayClass,
    args,
    span: localSpan(state, info.span),
    calleeSpan: localSpan(state, info.calleeSpan),
    trainable: extra.trainable ?? true,
    trainabilityUnknown: undefined,
    built: RULES.get(className)?.builtAtInit ? BUILT_AT_INIT : null,
    nodes: [],
    model: extra.model,
    instance: extra.instance,
    inputShapeArg: extra.inputShapeArg ?? null,
    constructionError: extra.constructionError ?? null,
    assumption: extra.assumption ?? null,
    variableDtype,
    operation: extra.operation,
  };
}

/** What a layer Keras builds in `__init__` holds from the start: no weights, no input shape. */
const BUILT_AT_INIT: NonNullable<LayerObject['built']> = { inputShape: null, weights: [] };

const NO_ARGUMENTS: BoundArgs = new Map();

/**
 * A row for something whose shape and size cannot be known (a library call on tensors, code that may or
 * may not run): named `label`, of class `?`, with `assumption` explaining it in hovers.
 */
export function newOpaqueLayer(state: AnalysisState, label: string, span: Span, assumption: string): LayerObject {
  return newLayerObject(state, OPAQUE, label, NO_ARGUMENTS, { span, calleeSpan: span, keywordSpans: new Map() }, { assumption });
}

const parameterNameSets = new WeakMap<readonly { readonly name: string }[], ReadonlySet<string>>();

/** The names of a parameter list, built once per rule (every layer construction asks). */
function parameterNames(params: readonly { readonly name: string }[]): ReadonlySet<string> {
  let names = parameterNameSets.get(params);
  if (!names) {
    names = new Set(params.map((p) => p.name));
    parameterNameSets.set(params, names);
  }
  return names;
}

// Helpers rather than closures in `createLayer`: closures there would allocate on every construction.

/** Whether `key` goes to `Layer.__init__`: a layer's own parameter of the same name wins (Embedding's `input_dim`). */
function isBaseKeyword(key: string, ownParams: ReadonlySet<string>): boolean {
  return LAYER_KEYWORDS.has(key) && !ownParams.has(key);
}

/** A base-class keyword's value when given and not None. */
function givenBaseKeyword(keywords: ReadonlyMap<string, PyValue>, key: string, ownParams: ReadonlySet<string>): PyValue | undefined {
  const value = isBaseKeyword(key, ownParams) ? keywords.get(key) : undefined;
  return value && value.kind !== 'none' ? value : undefined;
}

/** The keywords the rule binds: all but the base-class ones; the call's own (never changed) map when there are none. */
function withoutBaseKeywords(keywords: ReadonlyMap<string, PyValue>, ownParams: ReadonlySet<string>): ReadonlyMap<string, PyValue> {
  let hasBase = false;
  for (const key of keywords.keys()) if (isBaseKeyword(key, ownParams)) hasBase = true;
  if (!hasBase) return keywords;
  const ruleKeywords = new Map<string, PyValue>();
  for (const [key, value] of keywords) if (!isBaseKeyword(key, ownParams)) ruleKeywords.set(key, value);
  return ruleKeywords;
}

/**
 * What `__init__` refuses once the arguments are bound (`constructorChecks.ts`): a keyword no one takes,
 * then an unknown activation, as Keras raises them. Reports the error and returns it, or null.
 */
function checkConstruction(
  state: AnalysisState,
  rule: LayerRule,
  ownParams: ReadonlySet<string>,
  classParams: ReadonlySet<string>,
  keywords: ReadonlyMap<string, PyValue>,
  positionalCount: number,
  args: BoundArgs,
  info: CallInfo,
): string | null {
  const refused = refusedKeywords(rule, ownParams, classParams, keywords);
  if (refused) {
    report(state, 'error', 'unrecognized-argument', refused.message, info.keywordSpans.get(refused.keyword) ?? info.span);
    return refused.message;
  }
  const refusedValue = activationError(classParams, args) ?? identifierError(classParams, args, keywords, positionalCount);
  if (!refusedValue) return null;
  report(state, 'error', 'invalid-argument', refusedValue.message, info.keywordSpans.get(refusedValue.keyword) ?? info.span);
  return refusedValue.message;
}

/** What the class's own `__init__` refuses (`LayerRule.init`), reported where the layer is made; or null. */
function initError(state: AnalysisState, rule: LayerRule, args: BoundArgs, className: string, info: CallInfo): string | null {
  try {
    rule.init?.(new LayerArgs(args, className));
    return null;
  } catch (error) {
    if (error instanceof UnknownArgument) return null;
    if (!(error instanceof KerasError)) throw error;
    report(state, 'error', 'invalid-argument', error.message, info.span);
    return error.message;
  }
}

/** The automatic names the layers a constructor builds take (see `LayerRule.sublayers`). */
function nameConstructedSublayers(
  state: AnalysisState,
  init: NonNullable<NonNullable<LayerRule['sublayers']>['init']>,
  args: BoundArgs,
  className: string,
  nameValue: PyValue | undefined,
): void {
  if (typeof init !== 'function') {
    for (const sublayer of init) autoName(state, sublayer);
    return;
  }
  const named = nameValue === undefined || nameValue.kind === 'none' ? false : nameValue.kind === 'str' ? true : null;
  const { built, maybe = [] } = init(new LayerArgs(args, className), named);
  for (const sublayer of built) autoName(state, sublayer);
  // As for a `name=` not known statically: the number is taken as if it had run, and later ones are unknown.
  for (const sublayer of maybe) {
    autoName(state, sublayer);
    state.uncertainPrefixes.add(toSnakeCase(sublayer));
  }
}

/** `keras.layers.X(...)`: a new layer object, named as Keras would name it. */
export function createLayer(
  state: AnalysisState,
  className: string,
  positional: readonly PyValue[],
  keywords: ReadonlyMap<string, PyValue>,
  info: CallInfo,
  params?: LayerRule['params'],
  assumption: string | null = null,
  /** A user subclass that computes as `className` does (`LayerObject.displayClass`), which names the layer. */
  displayClass?: string,
): LayerObject {
  const rule = RULES.get(className);
  const nameValue = keywords.get('name');
  // A layer's own parameter wins over the base-class keyword of the same name (Embedding's `input_dim`).
  const ownParams = parameterNames(params ?? rule?.params ?? []);
  const ruleKeywords = withoutBaseKeywords(keywords, ownParams);
  let constructionError: string | null = null;
  let args: BoundArgs = ruleKeywords;
  if (rule) {
    try {
      const bound = bindArguments({ className, params: params ?? rule.params }, positional, ruleKeywords);
      // `data_format=None` means the configured image data format (Keras' `standardize_data_format`).
      const format = state.imageDataFormat;
      args = bound.get('data_format')?.kind === 'none' ? bound.with('data_format', format ? { kind: 'str', value: format } : unknown('image_data_format()')) : bound;
    } catch (error) {
      if (!(error instanceof KerasError)) throw error;
      constructionError = error.message;
      report(state, 'error', 'invalid-argument', error.message, info.span);
    }
  }
  // Keras 3's `Operation.__init__` refuses a name with a `/` (a name scope's separator) before any check of the
  // layer's own. Not where the layer's class was only assumed to be Keras' (code that binds its Keras at run time,
  // written for Keras 2 as Keras Applications is, whose DenseNet names `conv1/conv`), nor in the bundled builders.
  if (constructionError === null && assumption === null && nameValue?.kind === 'str' && nameValue.value.includes('/') && !inBundledApplication(state)) {
    constructionError = `Argument \`name\` must be a string and cannot contain character \`/\`. Received: name=${nameValue.value} (of type <class 'str'>)`;
    report(state, 'error', 'invalid-argument', constructionError, info.keywordSpans.get('name') ?? info.span);
  }
  // Keras names the layer in `Operation.__init__`, after its own class, before its own checks can fail;
  // arguments that do not bind fail before `__init__` runs, and Python made no layer to name.
  const namingClass = displayClass ?? className;
  const name =
    constructionError === null
      ? nameArgument(state, namingClass, nameValue) ?? autoName(state, namingClass)
      : nameValue?.kind === 'str'
        ? nameValue.value
        : peekName(state, namingClass);

  const inputDim = givenBaseKeyword(keywords, 'input_dim', ownParams);
  const inputShape = givenBaseKeyword(keywords, 'input_shape', ownParams);
  // `Layer.__init__` keeps `(input_dim,)` or `input_shape` as given; Sequential standardizes it.
  const legacyShape = inputDim ? { kind: 'tuple' as const, items: [inputDim] } : inputShape;
  // Given but not known statically (`input_shape=X.shape[1:]` of data read at run time): an input all the same.
  const inputShapeArg = legacyShape ? standardizeShape(legacyShape) ?? 'not known' : null;
  if (inputDim || inputShape) {
    const span = info.keywordSpans.get(inputDim ? 'input_dim' : 'input_shape') ?? info.span;
    report(state, 'warning', 'deprecated-input-shape', INPUT_SHAPE_WARNING, span);
  }
  if (className === 'Embedding' && ruleKeywords.has('input_length')) {
    report(
      state,
      'warning',
      'deprecated-input-length',
      'Argument `input_length` is deprecated. Just remove it. Keras 3 ignores it: without an `Input`, the model stays unbuilt.',
      info.keywordSpans.get('input_length') ?? info.span,
    );
  }

  const trainableValue = keywords.get('trainable');
  if (rule && constructionError === null) constructionError = checkConstruction(state, rule, ownParams, params ? parameterNames(rule.params) : ownParams, keywords, positional.length, args, info);
  if (rule?.init && constructionError === null) constructionError = initError(state, rule, args, className, info);
  if (rule?.sublayers?.init && constructionError === null) nameConstructedSublayers(state, rule.sublayers.init, args, className, nameValue);
  const layer = newLayerObject(state, className, name, args, info, {
    inputShapeArg,
    constructionError,
    trainable: trainableValue?.kind === 'bool' ? trainableValue.value : true,
    assumption,
    variableDtype: layerVariableDtype(state, givenBaseKeyword(keywords, 'dtype', ownParams)),
    displayClass,
  });
  // Most layers wrap none: no list made for them (this runs for every layer made).
  if (rule?.wraps) {
    const held = heldLayers(rule, args);
    if (held.length > 0) layer.heldTrainable = held.every((inner) => inner.trainable);
  }
  return layer;
}

/** The layers a wrapper's arguments hold (`LayerRule.wraps`): a layer, a model, a user's layer, or a list of them. */
export function heldLayers(rule: LayerRule, args: BoundArgs): LayerObject[] {
  const held: LayerObject[] = [];
  const collect = (value: PyValue | undefined): void => {
    if (value?.kind === 'list' || value?.kind === 'tuple') value.items.forEach(collect);
    const layer = value ? layerOf(value) : null;
    if (layer) held.push(layer);
  };
  for (const argName of rule.wraps ?? []) collect(args.get(argName));
  return held;
}

/** The outcome of applying a layer: the node (with its output tensors), or why there is none. */
export interface CallOutcome {
  readonly node: LayerNode;
  readonly error: string | null;
  readonly note: string | null;
}

/**
 * Records one call of a layer (Keras' `Node`) with output tensors of the given shapes; `inCall` for a call made
 * while a user layer's or model's `call` runs.
 */
export function recordNode(
  layer: LayerObject,
  inputs: readonly TensorObject[],
  shapes: readonly (Shape | null)[],
  multipleOutputs: boolean,
  inCall = false,
): LayerNode {
  const index = layer.nodes.length;
  // Each shape copied at its exact size: rules build theirs by spreading, which reserves room for some twenty
  // axes (measured in Node 20: 22 slots for 4 axes), and the tensors live as long as the model. A loop: a
  // closure would make V8 keep the parameters in a context made on every call.
  const outputs = new Array<TensorObject>(shapes.length);
  for (let tensorIndex = 0; tensorIndex < shapes.length; tensorIndex++) {
    const shape = shapes[tensorIndex];
    outputs[tensorIndex] = { shape: shape && shape.slice(), source: { layer, nodeIndex: index, tensorIndex } };
  }
  const node: LayerNode = inCall ? { layer, index, inputs, outputs, multipleOutputs, inCall } : { layer, index, inputs, outputs, multipleOutputs };
  // Most layers are called once: their list is made for one (a list grown by `push` reserves room for 16).
  if (index === 0) layer.nodes = [node];
  else layer.nodes.push(node);
  return node;
}

/**
 * Keras checks a built layer's input spec on every later call, and the layers that write a size into it when
 * built (`LayerRule.specAxis`) refuse another: the weights built for the first input must fit the new one.
 * This reports the mismatch in Keras' words.
 */
function checkRebuildCompatible(layer: LayerObject, rule: LayerRule, shapes: readonly Shape[], weights: readonly WeightObject[] | null): void {
  const built = layer.built;
  if (!built || !built.weights || !weights || !rule.specAxis) return;
  const same =
    built.weights.length === weights.length &&
    built.weights.every((w, i) => w.shape.length === weights[i].shape.length && w.shape.every((d, j) => d === weights[i].shape[j]));
  if (same) return;
  const axis = rule.specAxis(new LayerArgs(layer.args, rule.className));
  const expected = built.inputShape ?? [];
  const size = expected[axis < 0 ? axis + expected.length : axis] ?? null;
  throw new KerasError(
    `Input 0 with name 'None' of layer '${layer.name}' is incompatible with the layer: expected axis ${axis} of input shape to have value ${size === null ? 'None' : size}, but received input with shape ${formatShape(shapes[0])}`,
  );
}

/**
 * The Python function a Lambda's shape comes from: its `output_shape=` when that is a function (Keras calls
 * it on the input shape); else its own function when there is no `output_shape=`, or one we cannot know
 * (Keras runs the function whenever `output_shape` is None).
 */
function lambdaFunction(layer: LayerObject): { fn: PyValue; ofShape: boolean } | null {
  if (layer.className !== 'Lambda') return null;
  const outputShape = layer.args.get('output_shape');
  if (outputShape?.kind === 'function') return { fn: outputShape, ofShape: true };
  const fn = layer.args.get('function');
  const given = outputShape && outputShape.kind !== 'none' && outputShape.kind !== 'unknown';
  return !given && fn?.kind === 'function' ? { fn, ofShape: false } : null;
}

// Helpers rather than closures in `applyLayer`, which runs for every layer call; and shared defaults.

const NO_CALL_KEYWORDS: ReadonlyMap<string, PyValue> = new Map();
const NO_TENSORS: readonly TensorObject[] = [];

/** Records the node of a call: Keras' node holds the keyword tensors (`initial_state=`) too. */
function addNode(
  state: AnalysisState,
  layer: LayerObject,
  inputs: readonly TensorObject[],
  extraInputs: readonly TensorObject[],
  shapes: readonly (Shape | null)[],
  multiple: boolean,
): LayerNode {
  // Callers hand over arrays of their own: without keyword tensors, the node keeps the one it is given.
  return recordNode(layer, extraInputs.length === 0 ? inputs : inputs.concat(extraInputs), shapes, multiple, state.layerCalls > 0);
}

/**
 * A built weight: of the layer's variable dtype unless the rule gives it its own (Normalization's `count`).
 * Float32, by far the most common, is left out.
 */
function weightObject(spec: WeightSpec, layerDtype: string | null): WeightObject {
  const dtype = spec.dtype !== undefined ? spec.dtype : layerDtype;
  const trainable = spec.trainable ?? true;
  return dtype === 'float32' ? { name: spec.name, shape: spec.shape, trainable } : { name: spec.name, shape: spec.shape, trainable, dtype };
}

/** Records the layer's first build; the layers Keras creates unnamed inside it then take their names. */
function markBuilt(state: AnalysisState, layer: LayerObject, rule: LayerRule | undefined, built: NonNullable<LayerObject['built']>): void {
  if (layer.built) return;
  layer.built = built;
  for (const className of rule?.sublayers?.build ?? []) autoName(state, className);
}

/**
 * The Keras layers a wrapper built inside it, which are the objects it was given (`LayerRule.sharesWrapped`).
 * Keras' summary prints what `compute_output_shape` gives for the shape each was built on; a cell has none.
 */
function buildWrapped(state: AnalysisState, wrapped: readonly WrappedBuild[]): void {
  for (const { layer, input, result } of wrapped) {
    if (layer.model || layer.instance) continue;
    const weights = weightObjects(result.weights, layer.variableDtype);
    const shapes = RULES.get(layer.className)?.cellStates ? {} : { outputShape: result.outputs.length === 1 ? result.outputs[0] : result.outputs };
    markBuilt(state, layer, undefined, { inputShape: input, weights, ...shapes });
  }
}

/** `weightObject` of each spec, without a closure: this runs for every layer built. */
function weightObjects(specs: readonly WeightSpec[], layerDtype: string | null): WeightObject[] {
  const weights = new Array<WeightObject>(specs.length);
  for (let i = 0; i < specs.length; i++) weights[i] = weightObject(specs[i], layerDtype);
  return weights;
}

/**
 * `layer.build(input_shape)` called by the user's code (a subclassed model's `build` building its layers):
 * the layer gets the weights its rule builds for that shape, and no node. Keras' `build_wrapper` also keeps
 * the shape, from which `model.summary()` prints the output shape of a layer that was never called. A
 * built layer is left as it is; a shape not known statically gives weights of unknown size; a shape Keras
 * rejects is its error, returned for the caller to report.
 */
export function buildLayer(state: AnalysisState, layer: LayerObject, shapes: readonly Shape[] | null): string | null {
  if (layer.built) return null;
  const rule = RULES.get(layer.className);
  const outcome = shapes && shapes.every(isKnownShape) ? ruleOutcome(layer, shapes, scopedPath(state.nameScope, layer.name)) : null;
  if (outcome && 'error' in outcome) return outcome.error;
  const weights = outcome ? weightObjects(outcome.applied.weights, layer.variableDtype) : null;
  const outputShape = outcome ? (outcome.applied.multipleOutputs ? outcome.applied.outputs : outcome.applied.outputs[0]) : undefined;
  markBuilt(state, layer, rule, { inputShape: shapes?.[0] ?? null, weights, ...(outputShape ? { outputShape } : {}) });
  return null;
}

/**
 * `layer.enable_lora(rank)` on a layer that takes `lora_rank` (Dense, EinsumDense, Embedding, the convolutions):
 * once built, its weights become those `lora_rank=rank` builds (the table frozen, two factors added); Keras'
 * error where it refuses. Null for a layer without the method, or a rank not known statically (its weights are
 * then unknown).
 */
export function enableLora(state: AnalysisState, layer: LayerObject, rank: PyValue): { error: string | null } | null {
  const rule = RULES.get(layer.className);
  if (!rule || !(rule.params.some((p) => p.name === 'lora_rank') || rule.moreKeywords?.includes('lora_rank'))) return null;
  if (!layer.built) return { error: "Cannot enable lora on a layer that isn't yet built." };
  const given = layer.args;
  const current = given.get('lora_rank');
  if (current && current.kind !== 'none' && !(current.kind === 'int' && current.value === 0)) {
    return { error: 'lora is already enabled. This can only be done once per layer.' };
  }
  layer.args = { get: (name) => (name === 'lora_rank' ? rank : given.get(name)) };
  const inputShape = layer.built.inputShape;
  const outcome = inputShape && isKnownShape(inputShape) ? ruleOutcome(layer, [inputShape], scopedPath(state.nameScope, layer.name)) : null;
  if (outcome && 'error' in outcome) {
    layer.args = given;
    return { error: outcome.error };
  }
  layer.built = { ...layer.built, weights: outcome ? weightObjects(outcome.applied.weights, layer.variableDtype) : null };
  return { error: null };
}

/**
 * `layer.compute_output_shape(input_shape)` of a Keras layer: what its rule gives for those shapes, without
 * building it; Keras' error in its words; null when not known statically.
 */
export function computeOutputShape(layer: LayerObject, shapes: readonly Shape[] | null): { outputs: readonly Shape[]; multiple: boolean } | { error: string } | null {
  const outcome = shapes && shapes.every(isKnownShape) ? ruleOutcome(layer, shapes, layer.name) : null;
  if (!outcome || 'error' in outcome) return outcome;
  return { outputs: outcome.applied.outputs, multiple: outcome.applied.multipleOutputs };
}

/** A shape of ints and Nones only (a dimension named after run-time code is not known). */
const isKnownShape = (shape: Shape): boolean => shape.every((d) => d === null || typeof d === 'number');

/** A layer's rule applied to shapes outside any call: what it gives, Keras' error, or null when not known. */
function ruleOutcome(layer: LayerObject, shapes: readonly Shape[], variablePath: string): { applied: Application } | { error: string } | null {
  const rule = RULES.get(layer.className);
  if (!rule || layer.constructionError || shapes.length === 0) return null;
  try {
    return { applied: applyRule(rule, layer.args, shapes, layer.name, RULES_ONLY, undefined, variablePath) };
  } catch (error) {
    if (error instanceof KerasError) return { error: error.message };
    if (error instanceof UnknownArgument) return null;
    throw error;
  }
}

/**
 * A layer called on something that is not a symbolic tensor (an array at run time, a value not known here):
 * Keras built it on that call, with weights whose sizes are not known here (if it makes any). A model keeps its
 * own build.
 */
export function builtOnUnknownInput(state: AnalysisState, layer: LayerObject): void {
  if (layer.model) {
    state.calledOnUnknown.add(layer);
    return;
  }
  const rule = RULES.get(layer.className);
  markBuilt(state, layer, rule, { inputShape: null, weights: weightsNotKnown(rule) });
}

/** The weights of a layer built on an input not known here: none for a rule that makes none, else unknown. */
function weightsNotKnown(rule: LayerRule | undefined): readonly WeightObject[] | null {
  return rule && !rule.weights ? NO_WEIGHTS : null;
}

const NO_WEIGHTS: readonly WeightObject[] = [];

/** Whether an input comes from a call that failed with a Keras error. */
function followsFailure(state: AnalysisState, inputs: readonly TensorObject[]): boolean {
  return inputs.some((t) => t.source && state.failedNodes.has(t.source.layer.nodes[t.source.nodeIndex]));
}

/**
 * Applies `layer` to input tensors, recording a node as Keras does. Never throws: Keras' errors are
 * returned (and reported by the caller, who knows the statement), unknowns give tensors of unknown shape.
 */
export function applyLayer(
  state: AnalysisState,
  layer: LayerObject,
  inputs: readonly TensorObject[],
  callKeywords: ReadonlyMap<string, PyValue> = NO_CALL_KEYWORDS,
  /** Tensors passed as keyword arguments (`initial_state=`, `mask=`): inputs of the node, not of the rule. */
  extraInputs: readonly TensorObject[] = NO_TENSORS,
): CallOutcome {
  if (layer.instance) {
    // A user layer or model the engine applies (a Sequential's entry): its `call` runs.
    const result = state.hooks.applyInstance(layer.instance, inputs);
    const node = addNode(state, layer, inputs, extraInputs, result.shapes, result.multiple);
    if (result.error) {
      state.failedNodes.add(node);
      return { node, error: result.error, note: null };
    }
    const followed = result.multiple || result.shapes[0] !== null;
    return { node, error: null, note: followed ? null : 'its `call` could not be followed' };
  }
  if (layer.model) {
    const result = state.hooks.applyNestedModel(layer.model, inputs);
    if (result.error) {
      const failed = addNode(state, layer, inputs, extraInputs, result.shapes, result.multiple);
      state.failedNodes.add(failed);
      return { node: failed, error: result.error, note: null };
    }
    // With a tensor argument besides the inputs (a `mask=` given among them), no mask is added.
    const masks = extraInputs.length === 0 ? modelMaskInputs(state, layer.model, inputs, callKeywords.size === 0 && inputs.length === 1) : NO_TENSORS;
    return { node: addNode(state, layer, inputs, masks.length > 0 ? masks : extraInputs, result.shapes, result.multiple), error: null, note: null };
  }
  const rule = RULES.get(layer.className);
  if (layer.constructionError) {
    return { node: addNode(state, layer, inputs, extraInputs, [null], false), error: null, note: layer.constructionError };
  }
  if (!rule) {
    // A layer we cannot see into was still built by Keras: its size is unknown, not zero.
    if (!layer.built) layer.built = { inputShape: null, weights: null };
    if (layer.className !== OPAQUE && !state.reportedNoRule.has(layer.className)) {
      state.reportedNoRule.add(layer.className);
      report(
        state,
        'information',
        'no-rule',
        `Keras Shapes has no rule for ${layer.className} yet: its output shape and parameters are shown as unknown.`,
        layer.calleeSpan,
      );
    }
    return { node: addNode(state, layer, inputs, extraInputs, [null], false), error: null, note: `no rule for ${layer.className}` };
  }
  const shapes = inputs.map((t) => t.shape);
  if (shapes.some((s) => s === null)) {
    const node = addNode(state, layer, inputs, extraInputs, [null], false);
    // After a Keras error nothing downstream gets built (Keras raised); after an unknown, Keras built it all.
    const afterError = followsFailure(state, inputs);
    if (afterError) state.failedNodes.add(node);
    else markBuilt(state, layer, rule, { inputShape: null, weights: weightsNotKnown(rule) });
    return { node, error: null, note: afterError ? 'an earlier layer fails' : 'the input shape is not known' };
  }
  const known = shapes as Shape[];
  const lambda = lambdaFunction(layer);
  if (lambda) {
    // Keras finds a Lambda's shape by running its function; we run it on symbolic shapes.
    const result = lambda.ofShape ? state.hooks.runShapeFunction(lambda.fn, known) : state.hooks.runLambda(lambda.fn, known, layer.args.get('arguments'));
    if (result && 'error' in result) {
      const node = addNode(state, layer, inputs, extraInputs, [null], false);
      state.failedNodes.add(node);
      return { node, error: result.error, note: null };
    }
    if (!layer.built) layer.built = { inputShape: known[0] ?? null, weights: [] };
    const node = addNode(state, layer, inputs, extraInputs, result ? result.shapes : [null], result?.multiple ?? false);
    return { node, error: null, note: result ? null : 'the Lambda function could not be followed' };
  }
  try {
    const applied = applyRule(rule, layer.args, known, layer.name, state.rules, callKeywords, scopedPath(state.nameScope, layer.name));
    const weights = weightObjects(applied.weights, layer.variableDtype);
    checkRebuildCompatible(layer, rule, known, weights);
    markBuilt(state, layer, rule, { inputShape: known[0] ?? null, weights });
    if (rule.sharesWrapped) buildWrapped(state, applied.wrapped);
    const mask = maskInput(state, layer, inputs, callKeywords.size === 0 && extraInputs.length === 0);
    const node = addNode(state, layer, inputs, mask ? [mask] : extraInputs, applied.outputs, applied.multipleOutputs);
    attachMasks(state, layer, inputs, node.outputs);
    return { node, error: null, note: null };
  } catch (error) {
    if (error instanceof KerasError) {
      const node = addNode(state, layer, inputs, extraInputs, [null], false);
      state.failedNodes.add(node);
      return { node, error: error.message, note: null };
    }
    if (error instanceof UnknownArgument) {
      markBuilt(state, layer, rule, { inputShape: known[0] ?? null, weights: weightsNotKnown(rule) });
      return { node: addNode(state, layer, inputs, extraInputs, [null], false), error: null, note: error.message };
    }
    throw error;
  }
}
