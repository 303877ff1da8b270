/**
 * What calls, attributes and operators mean when Keras objects are involved: constructing layers and
 * models, calling layers on tensors, `model.add`/`pop`/`build`, `keras.Input`, merge function forms,
 * `x + y` on tensors, `x.shape`, subclassed models and layers. Plain-Python semantics stay in
 * `evaluate/`; shape arithmetic stays in the rules.
 */
import type { Dim, Shape, Span } from '../model';
import { namedChildren, spanOf } from '../syntax/nodes';
import type { SyntaxNode } from '../syntax/tree';
import { fail, inform, preconditionHolds, PyRaise, raise, sourceLabel, warn, type Context } from '../evaluate/context';
import { evaluate, type CallArguments } from '../evaluate/expressions';
import { callFunction, callMethod, findMethod, instantiate } from '../evaluate/statements';
import { callPlainMethod } from '../evaluate/methods';
import { toStr } from '../evaluate/operators';
import {
  shapesFrom,
  shapeValue,
  keyValue,
  NONE,
  repr,
  sequenceItems,
  isRaised,
  raisedValue,
  unknown,
  type InstanceObject,
  type LayerObject,
  type ModelObject,
  type PyValue,
  type Scope,
  type TensorObject,
} from '../evaluate/values';
import { applyLayer, buildLayer, builtOnUnknownInput, computeOutputShape, createLayer, enableLora, newOpaqueLayer, OPAQUE, shapeFromValue, standardizeShape, type CallInfo } from '../infer/layers';
import {
  cloneSequential,
  createFunctional,
  createInput,
  createSequential,
  finishSequential,
  sequentialAdd,
  sequentialAddUncertain,
  sequentialBuild,
  sequentialPop,
} from '../infer/models';
import { listedInputs, rerunModel } from '../infer/rerun';
import { FUNCTION_FORMS, RULES } from '../infer/rules';
import type { LayerRule } from '../infer/rules/types';
import { autoName, clearSession, isUncertainName, lastingEffect, nameArgument, recordCall, report, type AnalysisState } from '../infer/state';
import { makePolicy, setDtypePolicy, setFloatx } from '../infer/dtypes';
import { modelLayers } from '../infer/report';
import { applyOp, OPERATOR_OPS } from './ops';
import { addWeight, callInstance, KERAS_INIT, kerasInit, makeVariable } from './subclassing';
import { flattenTensors, leavesOf, nonTensorPositionalError, outputsValue, tensorPaths, tensorsIn, tensorValue } from './tensors';
import { layersHidden, namesTakenByUnseenBuilder } from './applications';
import { unbundledBuilderChecks } from './applicationChecks';
import { hasPreprocessInput, preprocessInput } from './preprocessInput';
import { countWeights } from '../infer/count';
import { LAYER_KEYWORDS, regularizerError } from '../infer/constructorChecks';
import { CALL_POSITIONALS, DUNDER_POSITIONALS, OWN_DUNDER_CALL, PLAIN_POSITIONALS_ALLOWED } from '../infer/callSignatures';
import { tooManyPositionalArguments } from '../infer/bind';

// ---------------------------------------------------------------- helpers

function callInfo(node: SyntaxNode, calleeNode: SyntaxNode, args: CallArguments): CallInfo {
  return { span: spanOf(node), calleeSpan: spanOf(calleeNode), keywordSpans: args.keywordSpans };
}

/** Positional-or-keyword argument lookup, as Python binds them. */
function argument(args: CallArguments, position: number, name: string): PyValue | undefined {
  return args.keywords.get(name) ?? args.positional[position];
}

function currentFunction(ctx: Context): string | null {
  return ctx.functionStack[0] ?? null;
}
// ---------------------------------------------------------------- calls

/**
 * A layer's keywords when `*args` or `**kwargs` spread something not known statically: every parameter not
 * written (and its name) may come from it, so each is unknown rather than its default or missing.
 */
function withUnknownRest(className: string, positional: number, keywords: ReadonlyMap<string, PyValue>, label: string): ReadonlyMap<string, PyValue> {
  const params = RULES.get(className)?.params ?? [];
  const all = new Map(keywords);
  for (const param of [...params.slice(positional), { name: 'name' }]) if (!all.has(param.name)) all.set(param.name, unknown(label));
  return all;
}

/** Calls a value that may be Keras'; returns null when the call means nothing we model (an unknown result). */
export function callKerasValue(ctx: Context, callee: PyValue, args: CallArguments, node: SyntaxNode, calleeNode: SyntaxNode): PyValue | null {
  switch (callee.kind) {
    case 'keras':
      return callKerasCallable(ctx, callee.name, args, node, calleeNode, callee.assumed ?? null);
    case 'layer':
      return callLayer(ctx, callee.layer, args, node);
    case 'model':
      return callLayer(ctx, callee.model.asLayer, args, node);
    case 'class':
      return instantiate(ctx, callee.cls, args, node);
    case 'instance': {
      // A functional subclass without a `call` of its own runs its graph, as `Functional.call` does.
      const model = callee.instance.model;
      if (model?.state.kind === 'functional' && !findMethod(callee.instance.cls, 'call')) return callLayer(ctx, model.asLayer, args, node);
      // A subclass computing as its Keras base does (`ruleBackedClass`) is called as that layer.
      if (callee.instance.layer?.displayClass) return callLayer(ctx, callee.instance.layer, args, node);
      return callInstance(ctx, callee.instance, args, node);
    }
    case 'method':
      return callMethodValue(ctx, callee.self, callee.name, args, node);
    default:
      return null;
  }
}

function callKerasCallable(
  ctx: Context,
  name: string,
  args: CallArguments,
  node: SyntaxNode,
  calleeNode: SyntaxNode,
  assumption: string | null,
): PyValue | null {
  if (name.startsWith('applications:')) return callApplications(ctx, name.slice('applications:'.length), args, node, calleeNode);
  const info = callInfo(node, calleeNode, args);
  // With arguments spread from something not known statically, only a layer is still made (of unknown
  // arguments); what Input, a model or a function would make from them is unknown, not an error.
  if (args.unknownSpread !== undefined && !name.startsWith('layer:')) return null;
  if (name === 'Input') return makeInput(ctx, args, info, node, false);
  if (name === 'Variable') return makeVariable(ctx, args);
  if (name === 'clone_model') return cloneModel(ctx, args, node);
  if (name === 'DTypePolicy') return makePolicy(ctx.state, argument(args, 0, 'name'));
  if (name === 'InputLayer') return makeInput(ctx, args, info, node, true);
  if (name === 'Sequential') return makeSequential(ctx, args, node);
  if (name === 'Model') return makeFunctional(ctx, args, node);
  if (name.startsWith('layer:')) {
    const className = name.slice('layer:'.length);
    const keywords = args.unknownSpread === undefined ? args.keywords : withUnknownRest(className, args.positional.length, args.keywords, args.unknownSpread);
    const reported = ctx.state.issues.length;
    const layer = createLayer(ctx.state, className, args.positional, keywords, info, undefined, assumption);
    if (layer.constructionError !== null && ctx.tryDepth > 0) raiseToTry(ctx, reported, layer.constructionError);
    return { kind: 'layer', layer };
  }
  if (name.startsWith('function:')) return callFunctionForm(ctx, name.slice('function:'.length), args, node, calleeNode, assumption);
  if (name === 'ops:shape') return callBackend(ctx.state, 'int_shape', args, node);
  if (name.startsWith('ops:')) return applyOp(ctx, name.slice('ops:'.length), args, node) ?? callOpaque(ctx, sourceLabel(calleeNode), args, node);
  if (name === 'backend:set_image_data_format') return setImageDataFormat(ctx, argument(args, 0, 'data_format'), node);
  if (name.startsWith('backend:')) return callBackend(ctx.state, name.slice('backend:'.length), args, node);
  if (name.startsWith('utils:')) return callUtils(ctx.state, name.slice('utils:'.length), args);
  if (name.startsWith('regularizer:')) {
    // A regularizer is a run-time object to the analysis: only arguments its class refuses matter.
    const error = regularizerError(name.slice('regularizer:'.length), args.positional, args.keywords);
    if (!error) return null;
    fail(ctx, 'invalid-argument', error, node);
    return raisedValue(sourceLabel(node));
  }
  return null;
}

/**
 * A Keras error raised inside a `try`: it goes to the `except` that catches it, not to the user, so the errors
 * reported since `reported` are taken back. Python's TypeError where the arguments did not bind to the
 * signature, else Keras' ValueError.
 */
function raiseToTry(ctx: Context, reported: number, message: string): never {
  const since = ctx.state.issues.splice(reported);
  for (const issue of since) if (issue.severity !== 'error') ctx.state.issues.push(issue);
  const binding = /^\S+\(\) (missing|got|takes)/.test(message);
  throw new PyRaise({ kind: 'builtin', name: binding ? 'TypeError' : 'ValueError' });
}

/**
 * What `keras.applications` has besides the bundled builders: `preprocess_input` of each module, as the
 * operations Keras records; a builder not bundled (`EfficientNetB0`), whose model is unknown and whose layers
 * took names of every kind, so that the numbers of all later automatic names are unknown; anything else on
 * graph tensors, a row of unknown shape.
 */
function callApplications(ctx: Context, path: string, args: CallArguments, node: SyntaxNode, calleeNode: SyntaxNode): PyValue | null {
  const dot = path.lastIndexOf('.');
  const [module, name] = dot < 0 ? ['', path] : [path.slice(0, dot), path.slice(dot + 1)];
  if (name === 'preprocess_input' && hasPreprocessInput(module) && args.unknownSpread === undefined) return preprocessInput(ctx, module, args, node);
  if (/^[A-Z]/.test(name)) {
    // Keras' checks of the arguments run before the builder makes a layer: a ValueError takes no names.
    const checked = args.unknownSpread === undefined ? unbundledBuilderChecks(name, args.positional, args.keywords, ctx.state.imageDataFormat) : null;
    if (!preconditionHolds(ctx, checked, node)) return raisedValue(sourceLabel(node));
    const taken = namesTakenByUnseenBuilder(name, args.unknownSpread === undefined ? args.keywords.get('input_tensor') : unknown(args.unknownSpread));
    for (let i = 0; i < (taken.inputLayers ?? 0); i++) autoName(ctx.state, 'InputLayer');
    lastingEffect(ctx.state);
    for (const prefix of taken.uncertain) ctx.state.uncertainPrefixes.add(prefix);
    const which = taken.uncertain.includes('*') ? 'all later automatic names' : `later names of its kinds (${taken.uncertain.map((prefix) => `\`${prefix}_?\``).join(', ')})`;
    inform(ctx, 'unknown-value', `Keras Shapes does not follow \`${sourceLabel(calleeNode)}\`: the model it builds is unknown, and so are the numbers of ${which}.`, node);
    return null;
  }
  return callOpaque(ctx, sourceLabel(calleeNode), args, node);
}

function makeInput(ctx: Context, args: CallArguments, info: CallInfo, node: SyntaxNode, asLayer: boolean): PyValue | null {
  // Input(shape, batch_size, dtype, sparse, ragged, batch_shape, name, ...); InputLayer(shape, batch_size, dtype, sparse, ragged, batch_shape, input_tensor, optional, name)
  const shapeValue = argument(args, 0, 'shape') ?? args.keywords.get('input_shape');
  const batchShapeValue = argument(args, 5, 'batch_shape') ?? args.keywords.get('batch_input_shape');
  const batchSize = argument(args, 1, 'batch_size');
  const name = nameArgument(ctx.state, 'InputLayer', asLayer ? args.keywords.get('name') : argument(args, 6, 'name'));
  if (asLayer && args.keywords.has('input_shape')) {
    warn(ctx, 'deprecated-input-shape', 'Argument `input_shape` is deprecated. Use `shape` instead.', args.keywordSpans.get('input_shape') ?? node);
  }
  let batchShape: Shape | { readonly error: string } | null = null;
  if (batchShapeValue && batchShapeValue.kind !== 'none') {
    batchShape = standardizeShape(batchShapeValue);
  } else if (shapeValue && shapeValue.kind !== 'none') {
    const shape = standardizeShape(shapeValue);
    const batch = batchSize && batchSize.kind === 'int' ? batchSize.value : null;
    batchShape = shape && 'error' in shape ? shape : shape ? [batch, ...shape] : null;
  } else {
    fail(ctx, 'input-shape-missing', 'You must pass a `shape` argument.', node);
  }
  if (batchShape && 'error' in batchShape) {
    // InputLayer took its name before `standardize_shape` raised.
    if (name === null) autoName(ctx.state, 'InputLayer');
    fail(ctx, 'invalid-shape', batchShape.error, node);
    return null;
  }
  if (shapeValue?.kind === 'unknown') inform(ctx, 'unknown-value', `The input shape \`${shapeValue.label}\` is not known statically.`, node);
  const tensor = createInput(ctx.state, batchShape, name, info);
  return asLayer && tensor.source ? { kind: 'layer', layer: tensor.source.layer } : tensorValue(tensor);
}

function makeSequential(ctx: Context, args: CallArguments, node: SyntaxNode): PyValue {
  const name = nameArgument(ctx.state, 'Sequential', argument(args, 2, 'name'));
  const model = createSequential(ctx.state, name, spanOf(node), currentFunction(ctx));
  const trainable = argument(args, 1, 'trainable');
  if (trainable?.kind === 'bool') model.asLayer.trainable = trainable.value;
  const layersValue = argument(args, 0, 'layers');
  if (layersValue && layersValue.kind !== 'none') {
    const items = sequenceItems(layersValue);
    const listNode = args.keywords.has('layers') ? null : args.firstNode;
    const elementNodes = listNode && (listNode.type === 'list' || listNode.type === 'tuple') ? namedChildren(listNode) : [];
    if (!items) {
      inform(ctx, 'unknown-value', `The layers \`${sourceLabel(listNode ?? node)}\` are not known statically.`, listNode ?? node);
      // Whatever they are, Keras added them: one row of unknown size stands for them, so the total is unknown, not 0.
      sequentialAddUncertain(ctx.state, model, sourceLabel(listNode ?? node), spanOf(listNode ?? node));
    } else {
      items.forEach((item, i) => {
        const elementNode = items.length === elementNodes.length ? elementNodes[i] : null;
        addToSequential(ctx, model, item, elementNode ? spanOf(elementNode) : spanOf(listNode ?? node), false);
      });
      finishSequential(ctx.state, model, spanOf(listNode ?? node));
    }
  }
  return { kind: 'model', model };
}

/** `keras.models.clone_model(model)` with its defaults (other arguments change what is cloned: unknown). */
function cloneModel(ctx: Context, args: CallArguments, node: SyntaxNode): PyValue | null {
  const original = argument(args, 0, 'model');
  const onlyModel = args.positional.length + args.keywords.size === 1;
  const clone = original?.kind === 'model' && onlyModel ? cloneSequential(ctx.state, original.model, spanOf(node), currentFunction(ctx)) : null;
  if (!clone && original?.kind === 'model') {
    // Keras names the clone's inputs after tensors it counts across the session (`keras_tensor_7`), not kept here.
    inform(ctx, 'unknown-value', 'Keras Shapes follows `clone_model(model)` of a Sequential model only: this copy is unknown.', node);
  }
  return clone ? { kind: 'model', model: clone } : null;
}

const notKnownStatically = (label: string): string => `\`${label}\` is not known statically: its output shape and parameters are unknown`;

function addToSequential(ctx: Context, model: ModelObject, value: PyValue, span: Span, rebuild: boolean): void {
  if (value.kind === 'layer') sequentialAdd(ctx.state, model, value.layer, span, rebuild);
  else if (value.kind === 'model') sequentialAdd(ctx.state, model, value.model.asLayer, span, rebuild);
  else if (value.kind === 'tensor') sequentialAdd(ctx.state, model, value.tensor, span, rebuild);
  else if (value.kind === 'instance' && value.instance.layer) sequentialAdd(ctx.state, model, value.instance.layer, span, rebuild);
  else if (value.kind === 'unknown') {
    const placeholder = newOpaqueLayer(ctx.state, value.label, span, notKnownStatically(value.label));
    sequentialAdd(ctx.state, model, placeholder, span, rebuild);
  } else {
    // Keras prints the value as `str()` does, then its class: `dense (of type <class 'str'>)`.
    const type = PLAIN_TYPES[value.kind];
    const received = type ? `${toStr(value)} (of type <class '${type}'>)` : repr(value);
    report(ctx.state, 'error', 'not-a-layer', `Only instances of \`keras.Layer\` can be added to a Sequential model. Received: ${received}`, span);
  }
}

/**
 * Keras' `functional_init_arguments` (keras/src/models/model.py): `Model(...)` is a functional model given two
 * positional arguments, or one and `outputs=`, or `inputs=` and `outputs=`. Otherwise `Model.__init__` is
 * `Layer.__init__`, which takes no positional argument and only its own keywords: `Model(input=x, output=y)`.
 */
function plainModelError(args: CallArguments): string | null {
  const positional = args.positional.length;
  const functional = positional === 2 || (positional === 1 && args.keywords.has('outputs')) || (args.keywords.has('inputs') && args.keywords.has('outputs'));
  if (functional) return null;
  if (positional > 0) return tooManyPositionalArguments('Layer.__init__', 0, 0, positional);
  const refused = [...args.keywords].filter(([key]) => !LAYER_KEYWORDS.has(key));
  return refused.length === 0 ? null : `Unrecognized keyword arguments passed to Model: {${refused.map(([key, value]) => `'${key}': ${repr(value)}`).join(', ')}}`;
}

/** Python's class of the values that certainly are no KerasTensor, for Keras' message; layers name none. */
const PLAIN_TYPES: Partial<Record<PyValue['kind'], string>> = { int: 'int', float: 'float', str: 'str', bool: 'bool', none: 'NoneType' };

/**
 * `Functional.__init__` (keras/src/models/functional.py): every leaf of `inputs` and `outputs` must be a
 * KerasTensor. A layer or a model (`keras.Model(x, layers.Dense(3))`, its call forgotten) or a number certainly
 * is not; a value not known statically may be one.
 */
function notTensorError(role: 'inputs' | 'outputs', value: PyValue, traced: boolean): string | null {
  const leaves = leavesOf(value);
  const invalid = leaves.find((leaf) => leaf.kind === 'layer' || leaf.kind === 'model' || PLAIN_TYPES[leaf.kind] !== undefined);
  // A tensor of no graph (`ops.ones((1, 4))`) is an array to Keras, which prints its values: we give the message up
  // to them. Inside a layer's call every tensor is traced, graph or not.
  if (!invalid && !traced && leaves.some((leaf) => leaf.kind === 'tensor' && leaf.tensor.source === null)) return `All \`${role}\` values must be KerasTensors.`;
  if (!invalid) return null;
  const type = PLAIN_TYPES[invalid.kind];
  return `All \`${role}\` values must be KerasTensors. Received: ${role}=${repr(value)} including invalid value ${repr(invalid)}${type ? ` of type <class '${type}'>` : ''}`;
}

function makeFunctional(ctx: Context, args: CallArguments, node: SyntaxNode): PyValue | null {
  const plainError = plainModelError(args);
  if (plainError) {
    fail(ctx, 'invalid-argument', plainError, node);
    return null;
  }
  const inputsValue = argument(args, 0, 'inputs');
  const outputsValue = argument(args, 1, 'outputs');
  if (!inputsValue || !outputsValue) return null;
  // An argument that raised (`seq.input` of a Sequential never called): Keras made no model, took no name.
  if (isRaised(inputsValue) || isRaised(outputsValue)) return null;
  const traced = ctx.state.layerCalls > 0;
  const notTensor = notTensorError('inputs', inputsValue, traced) ?? notTensorError('outputs', outputsValue, traced);
  if (notTensor) {
    fail(ctx, 'invalid-argument', notTensor, node);
    return null;
  }
  const inputs = tensorsIn(inputsValue);
  const outputs = tensorsIn(outputsValue);
  const name = nameArgument(ctx.state, 'Functional', argument(args, 2, 'name'));
  if (!inputs || !outputs) {
    // Keras still made a model, which took its name: a later `Model(...)` is `functional_1`.
    if (name === null) autoName(ctx.state, 'Functional');
    inform(ctx, 'unknown-value', 'The inputs or outputs of this model are not known statically.', node);
    return null;
  }
  const model = createFunctional(ctx.state, inputs, outputs, tensorPaths(outputsValue), name, spanOf(node), currentFunction(ctx));
  if (!model) return null;
  const listed = (inputsValue.kind === 'list' || inputsValue.kind === 'tuple') && inputs.length > 1 && inputsValue.items.every((item) => item.kind === 'tensor');
  if (listed && model.state.kind === 'functional') model.state = { ...model.state, inputsListed: true };
  const trainable = args.keywords.get('trainable');
  if (trainable?.kind === 'bool') model.asLayer.trainable = trainable.value;
  return { kind: 'model', model };
}

/** `layers.concatenate([a, b], axis=-1)`: builds the layer (named like the class) and applies it at once. */
function callFunctionForm(ctx: Context, formName: string, args: CallArguments, node: SyntaxNode, calleeNode: SyntaxNode, assumption: string | null): PyValue | null {
  const rule = FUNCTION_FORMS.get(formName);
  if (!rule) return null;
  // `add(inputs, **kwargs)`, `concatenate(inputs, axis=-1, **kwargs)`: Python refuses more positional arguments.
  const most = (rule.functionParams ?? rule.params).length;
  if (args.positional.length > most + 1) {
    fail(ctx, 'invalid-argument', tooManyPositionalArguments(formName, 0, most, args.positional.length - 1), node);
    return raisedValue(sourceLabel(node));
  }
  const inputs = args.positional[0] ?? args.keywords.get('inputs');
  const keywords = new Map(args.keywords);
  keywords.delete('inputs');
  const layer = createLayer(ctx.state, rule.className, args.positional.slice(1), keywords, callInfo(node, calleeNode, args), rule.functionParams, assumption);
  if (!inputs) return null;
  return applyToValues(ctx, layer, [inputs], new Map(), node);
}

/**
 * `keras.config.set_image_data_format`: layers made from here on take it. Keras lower-cases what it is given and
 * refuses anything but the two formats; a value not known statically makes the format unknown.
 */
function setImageDataFormat(ctx: Context, value: PyValue | undefined, node: SyntaxNode): PyValue {
  const state = ctx.state;
  lastingEffect(state);
  const given = value?.kind === 'str' ? value.value.toLowerCase() : null;
  if (given === 'channels_last' || given === 'channels_first') {
    state.imageDataFormat = given;
    return NONE;
  }
  if (given === null) {
    state.imageDataFormat = null;
    return NONE;
  }
  fail(ctx, 'invalid-argument', `The \`data_format\` argument must be one of {'channels_first', 'channels_last'}. Received: data_format=${given}`, node);
  return raisedValue(sourceLabel(node));
}

function callBackend(state: AnalysisState, name: string, args: CallArguments, node: SyntaxNode): PyValue | null {
  if (name === 'image_data_format') return state.imageDataFormat === null ? null : { kind: 'str', value: state.imageDataFormat };
  if (name === 'floatx') return state.floatx === null ? null : { kind: 'str', value: state.floatx };
  if (name === 'clear_session') {
    clearSession(state);
    return NONE;
  }
  if (name === 'set_floatx' || name === 'set_dtype_policy') {
    lastingEffect(state);
    (name === 'set_floatx' ? setFloatx : setDtypePolicy)(state, argument(args, 0, name === 'set_floatx' ? 'value' : 'policy'));
    return NONE;
  }
  if (name === 'int_shape') {
    const x = args.positional[0];
    if (x?.kind === 'tensor' && x.tensor.shape) return shapeValue(x.tensor.shape);
    return unknown(sourceLabel(node));
  }
  return null;
}

/** `keras.utils` functions that matter to graph building; the rest (`get_file`...) are run-time values. */
function callUtils(state: AnalysisState, name: string, args: CallArguments): PyValue | null {
  if (name === 'clear_session') {
    clearSession(state);
    return NONE;
  }
  if (name === 'get_source_inputs') {
    const value = args.positional[0];
    const tensors = value ? tensorsIn(value) : null;
    return tensors ? { kind: 'list', items: sourceInputs(tensors).map(tensorValue) } : null;
  }
  if (name === 'pad_sequences') return paddedSequences(argument(args, 0, 'sequences'), argument(args, 1, 'maxlen'));
  return null;
}

/**
 * `keras.utils.pad_sequences(sequences, maxlen=None, ...)`: an array of one row per sequence, each `maxlen` long,
 * or as long as the longest without it. A count not known statically is `?`.
 */
function paddedSequences(sequences: PyValue | undefined, maxlen: PyValue | undefined): PyValue | null {
  const rows = sequences ? sequenceItems(sequences) : null;
  let length: Dim = '?';
  if (maxlen?.kind === 'int') length = maxlen.value;
  else if ((!maxlen || maxlen.kind === 'none') && rows) {
    const lengths = rows.map((row) => sequenceItems(row)?.length ?? null);
    if (lengths.every((n) => n !== null)) length = Math.max(0, ...(lengths as number[]));
  } else if (maxlen && maxlen.kind !== 'none') {
    return null;
  }
  return tensorValue({ shape: [rows ? rows.length : '?', length], source: null });
}

/**
 * `keras.utils.get_source_inputs`: the `Input` tensors the given ones are computed from, each once, in the order
 * met walking back through the graph; a given tensor with no history is its own source.
 */
function sourceInputs(tensors: readonly TensorObject[]): TensorObject[] {
  const found: TensorObject[] = [];
  const seen = new Set<TensorObject>();
  const visit = (tensor: TensorObject): void => {
    if (seen.has(tensor)) return;
    seen.add(tensor);
    const node = tensor.source ? tensor.source.layer.nodes[tensor.source.nodeIndex] : undefined;
    if (!node || node.inputs.length === 0) {
      found.push(tensor);
      return;
    }
    // A constant operand (`x - mean`) is no input of the node's: Keras' nodes hold KerasTensors only.
    for (const input of node.inputs) if (input.source !== null) visit(input);
  };
  tensors.forEach(visit);
  return found;
}

/** `layer(x)`, `layer([a, b])`, `mha(query, value)`: the call site, its node and its diagnostics. */
function callLayer(ctx: Context, layer: LayerObject, args: CallArguments, node: SyntaxNode): PyValue {
  return applyToValues(ctx, layer, args.positional, args.keywords, node);
}

const NO_TENSORS: readonly TensorObject[] = [];

/**
 * The tensor arguments of a call of a `multi` layer (attention: query, value, key), given by name or position.
 * Helpers rather than closures in `applyToValues`, which runs for every layer call: a closure would make V8 keep
 * its parameters in a context made on every call.
 */
function tensorArguments(names: readonly string[], positional: readonly PyValue[], keywords: ReadonlyMap<string, PyValue>): PyValue[] {
  const values: PyValue[] = [];
  for (let i = 0; i < names.length; i++) {
    const value = keywords.get(names[i]) ?? positional[i];
    if (value !== undefined && value.kind !== 'none') values.push(value);
  }
  return values;
}

/** The keywords of a call other than its tensor arguments. */
function withoutTensorArguments(keywords: ReadonlyMap<string, PyValue>, rule: LayerRule | undefined): Map<string, PyValue> {
  const tensorNames = new Set(['inputs', ...(rule?.tensorArgs ?? [])]);
  return new Map([...keywords].filter(([key]) => !tensorNames.has(key)));
}

/**
 * `Layer.__call__`'s checks of the positional arguments, before anything else: each must be a tensor or None
 * (step 2; the data layers, which take plain data, allow any); they must bind to `call`'s signature
 * (`CallSpec`: a merging layer's `call(inputs)` takes one, the list, so `Concatenate()(a, b)` is 'too many
 * positional arguments'); and one bound to `training` is then passed twice, as Keras also hands `training=`
 * on (`Dense(4)(x, y)`). Keras' message, or null.
 */
function positionalCallError(layer: LayerObject, rule: LayerRule, positional: readonly PyValue[]): string | null {
  if (positional.length === 0) return null;
  // A class's own `__call__` (the data layers': `DataLayer.__call__(self, inputs, **kwargs)`) binds first.
  const dunder = OWN_DUNDER_CALL.get(rule.className);
  const dunderParams = dunder ? DUNDER_POSITIONALS.get(dunder) : null;
  if (dunder && dunderParams && positional.length > dunderParams.length) {
    return tooManyPositionalArguments(dunder, dunderParams.length, dunderParams.length, positional.length);
  }
  if (!PLAIN_POSITIONALS_ALLOWED.has(rule.className)) {
    const notTensor = nonTensorPositionalError(positional);
    if (notTensor) return notTensor;
  }
  const params = CALL_POSITIONALS.get(rule.className);
  if (!params) return null;
  if (positional.length > params.length) return 'too many positional arguments';
  const training = params.indexOf('training');
  const given = training >= 0 ? positional[training] : undefined;
  if (!given || given.kind === 'none' || given.kind === 'unknown') return null;
  return `Exception encountered when calling ${layer.displayClass ?? rule.className}.call().\n\nmultiple values for argument 'training'`;
}

function applyToValues(
  ctx: Context,
  layer: LayerObject,
  positional: readonly PyValue[],
  keywords: ReadonlyMap<string, PyValue>,
  node: SyntaxNode,
): PyValue {
  const rule = RULES.get(layer.className);
  // A layer only assumed to be Keras' (`m.add(...)` on an `m` not known, read as `layers.add`) is not held to it.
  const positionalError = rule && !layer.constructionError && !layer.assumption ? positionalCallError(layer, rule, positional) : null;
  if (positionalError) {
    fail(ctx, 'invalid-argument', positionalError, node);
    return raisedValue(sourceLabel(node));
  }
  const bare = rule?.call === 'list' ? positional[0] ?? keywords.get('inputs') : undefined;
  if (bare?.kind === 'tensor' && bare.tensor.shape && rule?.singleTensor) {
    // A merge layer called on one tensor, not a list: its `build` refuses the one shape it gets.
    fail(ctx, 'shape-error', rule.singleTensor(bare.tensor.shape), node);
    return raisedValue(sourceLabel(node));
  }
  let inputs: TensorObject[] | null;
  if (rule?.call === 'multi') {
    inputs = flattenTensors(tensorArguments(rule.tensorArgs ?? [], positional, keywords));
  } else {
    const first = positional[0] ?? keywords.get('inputs');
    // A model of several inputs checks them one by one, and takes a dict's by name.
    const listed = first && layer.model ? listedInputs(layer.model, first) : null;
    if (listed && 'error' in listed) {
      fail(ctx, 'shape-error', listed.error, node);
      return raisedValue(sourceLabel(node));
    }
    inputs = listed ? listed.tensors : first ? tensorsIn(first) : null;
  }
  const span = spanOf(node);
  if (!inputs || inputs.length === 0) {
    // Called on something that is not a symbolic tensor (arrays at run time): nothing to show, but the layer
    // is built now, with weights of sizes not known here.
    builtOnUnknownInput(ctx.state, layer);
    return unknown(sourceLabel(node));
  }
  // Most layer calls pass no keywords: then there is nothing to sort out.
  const callKeywords = keywords.size > 0 ? withoutTensorArguments(keywords, rule) : keywords;
  // Keras' node holds every tensor of the call, positional ones first (`LSTM(4)(x, [h, c])`, bound to
  // `initial_state`), then keyword ones (`initial_state=`): they connect the graph.
  const positionalExtras = rule?.call !== 'multi' && positional.length > 1 ? positional.slice(1).flatMap((value) => tensorsIn(value) ?? []) : NO_TENSORS;
  const keywordExtras = keywords.size > 0 ? [...callKeywords.values()].flatMap((value) => tensorsIn(value) ?? []) : NO_TENSORS;
  const extraInputs = positionalExtras.length === 0 ? keywordExtras : positionalExtras.concat(keywordExtras);
  const outcome = applyLayer(ctx.state, layer, inputs, callKeywords, extraInputs);
  if (outcome.error && ctx.tryDepth > 0) raiseToTry(ctx, ctx.state.issues.length, outcome.error);
  if (outcome.error) report(ctx.state, 'error', 'shape-error', outcome.error, span);
  if (ctx.state.layerCalls === 0 && allConstant(inputs)) {
    // Called on arrays (`model(np.zeros((1, 32)))`), not on symbolic tensors: Keras builds the layer and computes
    // the output at once, and records no node, so the call leaves no row and no connection.
    layer.nodes.pop();
    return layerCallValue(rule, outcome.node.outputs.map((t) => ({ shape: t.shape, source: null })), outcome.node.multipleOutputs, positional, keywords);
  }
  recordCall(ctx.state, { span, layer, node: outcome.node, error: outcome.error, note: outcome.note, modelName: null });
  return layerCallValue(rule, outcome.node.outputs, outcome.node.multipleOutputs, positional, keywords);
}

/** A layer call's Python value, from its output tensors. */
function layerCallValue(
  rule: LayerRule | undefined,
  outputs: readonly TensorObject[],
  multiple: boolean,
  positional: readonly PyValue[],
  keywords: ReadonlyMap<string, PyValue>,
): PyValue {
  if (!rule?.cellStates || outputs.length < 2) return outputsValue(outputs, multiple);
  return cellCallValue(rule.cellStates, outputs, positional[1] ?? keywords.get('states'));
}

/** What an RNN cell's `call` returns: `(output, new_states)`, the states as a list or as it was given them. */
function cellCallValue(form: 'list' | 'as-given', outputs: readonly TensorObject[], states: PyValue | undefined): PyValue {
  const [output, ...newStates] = outputs.map(tensorValue);
  const nested = form === 'list' || states === undefined || states.kind === 'list' || states.kind === 'tuple';
  return { kind: 'tuple', items: [output, nested ? { kind: 'list', items: newStates } : newStates[0]] };
}
/** Whether no tensor comes from a graph: arrays, constants. */
function allConstant(inputs: readonly TensorObject[]): boolean {
  for (const input of inputs) if (input.source !== null) return false;
  return true;
}

/**
 * Something we cannot see (a `keras.applications` model, a library function) called on graph tensors: it
 * stays in the graph as one row of unknown shape and size, so the layers around it keep their place and
 * names, and nothing after it is guessed.
 */
export function callOpaque(ctx: Context, label: string, args: CallArguments, node: SyntaxNode): PyValue | null {
  const inputs = flattenTensors([...args.positional, ...args.keywords.values()].filter((v) => v.kind === 'tensor' || v.kind === 'list' || v.kind === 'tuple'));
  if (!inputs || !inputs.some((t) => t.source !== null)) return null;
  const span = spanOf(node);
  const layer = newOpaqueLayer(ctx.state, label, span, notKnownStatically(label));
  const outcome = applyLayer(ctx.state, layer, inputs.filter((t) => t.source !== null));
  recordCall(ctx.state, { span, layer, node: outcome.node, error: null, note: outcome.note, modelName: null });
  return outputsValue(outcome.node.outputs, false);
}

// ---------------------------------------------------------------- methods

function callMethodValue(ctx: Context, self: PyValue, name: string, args: CallArguments, node: SyntaxNode): PyValue | null {
  switch (self.kind) {
    case 'model':
      return callModelMethod(ctx, self.model, name, args, node);
    case 'instance': {
      const result = callMethod(ctx, self.instance, name, args, node);
      if (result && name === 'build') builtByCall(self.instance, args);
      if (result) return result;
      if (name === 'add_weight' && self.instance.layer) return addWeight(self.instance, args);
      if (name === KERAS_INIT) return kerasInit(ctx, self.instance, args, node);
      return self.instance.model ? callModelMethod(ctx, self.instance.model, name, args, node) : null;
    }
    case 'list':
    case 'dict':
    case 'set':
    case 'str':
      return callPlainMethod(self, name, args, node);
    case 'layer':
      if (name === '__call__') return callLayer(ctx, self.layer, args, node);
      if (name === 'build') return buildKerasLayer(ctx, self.layer, args, node);
      if (name === 'compute_output_shape') return layerOutputShape(ctx, self.layer, args, node);
      if (name === 'count_params' && args.positional.length === 0) return countParams(self.layer);
      if (name === 'enable_lora') return loraEnabled(ctx, self.layer, args, node);
      return null;
    default:
      return null;
  }
}

/** `layer.enable_lora(rank)`: None, after Keras' error where it refuses (`infer/layers.ts` `enableLora`). */
function loraEnabled(ctx: Context, layer: LayerObject, args: CallArguments, node: SyntaxNode): PyValue | null {
  const rank = argument(args, 0, 'rank');
  const outcome = rank ? enableLora(ctx.state, layer, rank) : null;
  if (!outcome) return null;
  if (outcome.error) raise(ctx, 'ValueError', 'invalid-argument', outcome.error, node);
  return NONE;
}

/** The shapes `build(input_shape)` is given: one shape (`(None, 8)`), or a list of them for a layer of several inputs. */
function buildShapes(value: PyValue | undefined): Shape[] | null {
  const items = value ? sequenceItems(value) : null;
  if (!value || !items) return null;
  if (items.length > 0 && items.every((item) => sequenceItems(item) !== null)) {
    const shapes = items.map(shapeFromValue);
    return shapes.every((shape) => shape !== null) ? (shapes as Shape[]) : null;
  }
  const shape = shapeFromValue(value);
  return shape ? [shape] : null;
}

/** `layer.build(input_shape)` on a Keras layer: its weights for that shape, as Keras' `build` makes them. */
function buildKerasLayer(ctx: Context, layer: LayerObject, args: CallArguments, node: SyntaxNode): PyValue {
  const error = buildLayer(ctx.state, layer, buildShapes(argument(args, 0, 'input_shape')));
  if (error) report(ctx.state, 'error', 'shape-error', error, spanOf(node));
  return NONE;
}

/** `layer.compute_output_shape(input_shape)` on a Keras layer: a shape tuple, or a list of them. */
function layerOutputShape(ctx: Context, layer: LayerObject, args: CallArguments, node: SyntaxNode): PyValue | null {
  const outcome = computeOutputShape(layer, buildShapes(argument(args, 0, 'input_shape')));
  if (!outcome) return null;
  if ('error' in outcome) {
    report(ctx.state, 'error', 'shape-error', outcome.error, spanOf(node));
    return null;
  }
  const shapes = outcome.outputs.map(shapeValue);
  return outcome.multiple ? { kind: 'list', items: shapes } : shapes[0];
}

/**
 * A user class's own `build` called by the user's code (`net.build((None, 8))`): Keras' `build_wrapper` marks
 * the layer (or model) built once it returns, with the layers it built inside.
 */
function builtByCall(instance: InstanceObject, args: CallArguments): void {
  const layer = instance.layer;
  if (!layer) return;
  if (instance.model?.state.kind === 'subclassed') instance.model.state.built = true;
  if (!layer.built) layer.built = { inputShape: buildShapes(argument(args, 0, 'input_shape'))?.[0] ?? null, weights: [] };
}

/**
 * `layer.count_params()` of a layer of Keras' own: the size of its weights once built (Keras raises before). A model's
 * or a user layer's would need Keras' sharing of weights between layers: not modelled.
 */
function countParams(layer: LayerObject): PyValue | null {
  if (layer.model || layer.instance || !layer.built?.weights) return null;
  const params = countWeights(layer.built.weights).params;
  return params === null ? null : { kind: 'int', value: params };
}

const QUANTIZED: ReadonlySet<string> = new Set(['Dense', 'EinsumDense', 'Embedding']);

/** The names `keras.optimizers.get` takes, in any case (Keras 3.15's `ALL_OBJECTS_DICT`). */
const OPTIMIZERS: ReadonlySet<string> = new Set([
  'adadelta', 'adafactor', 'adagrad', 'adam', 'adamax', 'adamw', 'ftrl', 'lion', 'lossscaleoptimizer', 'multioptimizer', 'muon', 'nadam',
  'optimizer', 'optimizermap', 'rmsprop', 'schedulefreeadamw', 'sgd',
]);

/** The built weights of the layers `model.quantize(...)` changes, in the model and the models inside it, made unknown. */
function forgetQuantizedWeights(model: ModelObject): void {
  for (const layer of modelLayers(model)) {
    if (layer.model) forgetQuantizedWeights(layer.model);
    else if (QUANTIZED.has(layer.className) && layer.built) layer.built = { ...layer.built, weights: null };
  }
}

function callModelMethod(ctx: Context, model: ModelObject, name: string, args: CallArguments, node: SyntaxNode): PyValue | null {
  const s = model.state;
  const span = spanOf(node);
  switch (name) {
    case 'add': {
      if (s.kind !== 'sequential') return null;
      const value = argument(args, 0, 'layer');
      const argumentNode = args.firstNode;
      if (value) addToSequential(ctx, model, value, argumentNode ? spanOf(argumentNode) : span, true);
      return NONE;
    }
    case 'pop': {
      if (s.kind !== 'sequential') return null;
      const layer = sequentialPop(ctx.state, model, span);
      return layer ? { kind: 'layer', layer } : NONE;
    }
    case 'build': {
      const shapeValue = argument(args, 0, 'input_shape');
      const shape = shapeValue ? shapeFromValue(shapeValue) : null;
      if (s.kind === 'sequential') sequentialBuild(ctx.state, model, shape, span);
      else if (s.kind === 'subclassed') s.built = true;
      return NONE;
    }
    case 'get_layer':
      return getLayer(ctx, model, args, node);
    case 'compute_output_shape':
      return modelComputeOutputShape(ctx, model, args, node);
    case '__call__':
      return callLayer(ctx, model.asLayer, args, node);
    case 'quantize':
      // Keras quantizes the weights of its Dense, EinsumDense and Embedding layers, each mode its own way, which
      // changes their counts and what is trainable: not modelled, so their sizes are unknown from here on.
      forgetQuantizedWeights(model);
      inform(ctx, 'unknown-value', 'Keras Shapes does not follow `quantize`: the parameter counts of the Dense, EinsumDense and Embedding layers it quantizes are unknown.', node);
      return NONE;
    case 'compile': {
      // Shapes do not change; an optimizer named by a string Keras does not know is its error.
      const optimizer = argument(args, 0, 'optimizer');
      if (optimizer?.kind === 'str' && !OPTIMIZERS.has(optimizer.value.toLowerCase())) {
        raise(ctx, 'ValueError', 'invalid-argument', `Could not interpret optimizer identifier: ${optimizer.value}`, node);
      }
      return NONE;
    }
    default:
      // summary, fit, predict, save...: no effect on shapes.
      return null;
  }
}

/**
 * `model.compute_output_shape(input_shape)` of a functional or Sequential model: its graph run on that shape
 * (`infer/rerun.ts`), Keras' error where that raises; unknown where it cannot be redone.
 */
function modelComputeOutputShape(ctx: Context, model: ModelObject, args: CallArguments, node: SyntaxNode): PyValue | null {
  const shapes = buildShapes(argument(args, 0, 'input_shape'));
  const rerun = shapes ? rerunModel(model, shapes) : null;
  if (!rerun) return null;
  if ('error' in rerun) {
    report(ctx.state, 'error', 'shape-error', rerun.error, spanOf(node));
    return null;
  }
  const tuples = rerun.shapes.map(shapeValue);
  return tuples.length === 1 ? tuples[0] : { kind: 'list', items: tuples };
}

/**
 * `model.get_layer(name=None, index=None)` as Keras' `Model.get_layer`: by index into `model.layers` (Python's
 * indexing), else by name, with Keras' errors; unknown where names or arguments are not known statically.
 */
function getLayer(ctx: Context, model: ModelObject, args: CallArguments, node: SyntaxNode): PyValue | null {
  if (layersHidden(ctx.state, model)) {
    model.trainabilityUnknown = true;
    return null;
  }
  const name = argument(args, 0, 'name') ?? NONE;
  const index = argument(args, 1, 'index') ?? NONE;
  // Keras looks in `model.layers`, which leaves out the graph's operations (`x * 2` is a Multiply row).
  const layers = modelLayers(model).filter((layer) => !layer.operation);
  const error = (message: string): null => {
    report(ctx.state, 'error', 'no-such-layer', message, spanOf(node));
    return null;
  };
  if (index.kind !== 'none' && name.kind !== 'none') return error(`Provide only a layer name or a layer index. Received: index=${toStr(index)}, name=${toStr(name)}.`);
  // A row we cannot see into may be any number of layers: only a name found among the others is certain.
  if (layers.some((layer) => layer.className === OPAQUE)) return name.kind === 'str' ? mapFound(layers.find((layer) => layer.name === name.value)) : null;
  if (index.kind === 'int') {
    if (layers.length <= index.value) return error(`Was asked to retrieve layer at index ${index.value} but model only has ${layers.length} layers.`);
    const found = layers[index.value < 0 ? index.value + layers.length : index.value];
    return found ? layerValue(found) : error('list index out of range');
  }
  if (name.kind === 'str') {
    const found = layers.find((layer) => layer.name === name.value);
    if (found) return layerValue(found);
    // A name not known statically may be the one asked for.
    if (layers.some((layer) => isUncertainName(layer.name))) return null;
    return error(`No such layer: ${name.value}. Existing layers are: [${layers.map((layer) => repr({ kind: 'str', value: layer.name })).join(', ')}].`);
  }
  if (index.kind === 'none' && name.kind === 'none') return error('Provide either a layer name or layer index at `get_layer`.');
  return null;
}

const mapFound = (layer: LayerObject | undefined): PyValue | null => (layer ? layerValue(layer) : null);

/** A layer as user code holds it: a model as the model, a user layer as its instance. */
export function layerValue(layer: LayerObject): PyValue {
  if (layer.model) return { kind: 'model', model: layer.model };
  if (layer.instance) return { kind: 'instance', instance: layer.instance };
  return { kind: 'layer', layer };
}

// ---------------------------------------------------------------- Lambda

/**
 * Runs a Lambda's function on tensors outside any graph, with the keywords of its `arguments=` dict, as
 * `Lambda.call` does; the shapes of what it returns (a tensor, or a tuple or list of them) are the layer's
 * outputs. Null when they are not known.
 */
export function runLambda(
  ctx: Context,
  fn: PyValue,
  inputs: readonly Shape[],
  argumentsValue: PyValue | undefined,
): { shapes: Shape[]; multiple: boolean } | { error: string } | null {
  if (fn.kind !== 'function') return null;
  const keywords = argumentsValue?.kind === 'dict' ? lambdaKeywords(argumentsValue.entries) : argumentsValue === undefined || argumentsValue.kind === 'none' ? new Map() : null;
  if (!keywords) return null;
  const argument: PyValue =
    inputs.length === 1 ? tensorValue({ shape: inputs[0], source: null }) : { kind: 'list', items: inputs.map((shape) => tensorValue({ shape, source: null })) };
  const args: CallArguments = { positional: [argument], firstNode: null, keywords, keywordSpans: new Map() };
  // Keras runs the function on symbolic tensors, as inside any layer's call.
  const issues = ctx.state.issues.length;
  ctx.state.layerCalls++;
  let result: PyValue;
  try {
    result = callFunction(ctx, fn.fn, args, fn.fn.node);
  } finally {
    ctx.state.layerCalls--;
  }
  // What the function raises, Keras replaces by its own error, raised from the Lambda's call.
  if (ctx.state.issues.slice(issues).some((issue) => issue.severity === 'error')) {
    ctx.state.issues.length = issues;
    return { error: LAMBDA_NOT_INFERRED };
  }
  if (result.kind === 'tensor') return result.tensor.shape ? { shapes: [result.tensor.shape], multiple: false } : null;
  const items = result.kind === 'tuple' || result.kind === 'list' ? result.items : null;
  const shapes = items?.map((item) => (item.kind === 'tensor' ? item.tensor.shape : null));
  return shapes && shapes.length > 0 && shapes.every((shape) => shape !== null) ? { shapes: shapes as Shape[], multiple: true } : null;
}

/** `Lambda.compute_output_shape` when running the function raised. */
const LAMBDA_NOT_INFERRED =
  "Exception encountered when calling Lambda.call().\n\nWe could not automatically infer the shape of the Lambda's output. Please specify the `output_shape` argument for this Lambda layer.";

/**
 * `Lambda(output_shape=f)`: Keras takes `f(input_shape)` as the output shape (`Lambda.compute_output_shape`),
 * whatever the function itself returns. The input shape is a tuple with its batch axis, a list of them for
 * several inputs; the result a shape, or a list or tuple of shapes for several outputs.
 */
export function runShapeFunction(ctx: Context, fn: PyValue, inputs: readonly Shape[]): { shapes: Shape[]; multiple: boolean } | null {
  if (fn.kind !== 'function') return null;
  const argument: PyValue = inputs.length === 1 ? shapeValue(inputs[0]) : { kind: 'list', items: inputs.map(shapeValue) };
  return shapesFrom(callFunction(ctx, fn.fn, { positional: [argument], firstNode: null, keywords: new Map(), keywordSpans: new Map() }, fn.fn.node));
}

/** An `arguments=` dict as keyword arguments: its keys must be names (strings). */
function lambdaKeywords(entries: ReadonlyMap<string, PyValue>): Map<string, PyValue> | null {
  const keywords = new Map<string, PyValue>();
  for (const [key, value] of entries) {
    const name = keyValue(key);
    if (name.kind !== 'str') return null;
    keywords.set(name.value, value);
  }
  return keywords;
}

// ---------------------------------------------------------------- operators on tensors

/**
 * An operator on tensors (`x + y`, `-x`, `x > 0`, `abs(x)`): Keras 3 records the operation `KerasTensor`
 * dispatches it to (`Add`, `Negative`, `Greater`, `Absolute`...) in the functional graph.
 */
export function tensorOperator(ctx: Context, opName: string, operands: PyValue[], node: SyntaxNode): PyValue {
  const args: CallArguments = { positional: operands, firstNode: null, keywords: new Map(), keywordSpans: new Map() };
  return applyOp(ctx, opName, args, node) ?? unknown(sourceLabel(node));
}

/** `x + y`, `x * 2`, `mask & other`. */
export function tensorBinary(ctx: Context, op: string, left: PyValue, right: PyValue, node: SyntaxNode): PyValue {
  const opName = OPERATOR_OPS.get(op);
  return opName ? tensorOperator(ctx, opName, [left, right], node) : unknown(sourceLabel(node));
}

/** `x[:, 0]`, `x[..., :3]`: numpy indexing on a symbolic tensor. */
export function subscriptTensorValue(ctx: Context, tensor: PyValue & { kind: 'tensor' }, subscripts: readonly SyntaxNode[], scope: Scope, node: SyntaxNode): PyValue {
  const keys: PyValue[] = subscripts.map((sub) => (sub.type === 'slice' ? sliceValue(ctx, sub, scope) : evaluate(ctx, sub, scope)));
  const index = keys.length === 1 ? keys[0] : { kind: 'tuple' as const, items: keys };
  return tensorOperator(ctx, 'get_item', [tensor, index], node);
}

function sliceValue(ctx: Context, node: SyntaxNode, scope: Scope): PyValue {
  const parts: PyValue[] = [NONE, NONE, NONE];
  let position = 0;
  for (const child of node.children) {
    if (!child) continue;
    if (child.type === ':') position++;
    else if (child.type !== 'comment') parts[position] = evaluate(ctx, child, scope);
  }
  return { kind: 'slice', start: parts[0], stop: parts[1], step: parts[2] };
}

