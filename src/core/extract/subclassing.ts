/**
 * User subclasses of Keras classes: `class MLP(keras.Model)` instances become models whose rows are the
 * layers assigned to their attributes; `class Block(layers.Layer)` instances become layers. Calling one
 * runs its `call` method on the tensors and records a node, as Keras does.
 */
import type { Span } from '../model';
import { spanOf } from '../syntax/nodes';
import type { SyntaxNode } from '../syntax/tree';
import { fail, inform, sourceLabel, type Context } from '../evaluate/context';
import type { CallArguments } from '../evaluate/expressions';
import { callMethod, findMethod } from '../evaluate/statements';
import { arrayShape, NONE, raisedValue, sequenceItems, shapesFrom, shapeValue, toDim, unknown, type ClassObject, type FunctionObject, type InstanceObject, type LayerObject, type PyValue, type TensorObject } from '../evaluate/values';
import { field, namedChildren } from '../syntax/nodes';
import type { Shape } from '../model';
import { createLayer, recordNode, newLayerObject } from '../infer/layers';
import { RULES } from '../infer/rules';
import { becomeFunctional, createSubclassed } from '../infer/models';
import { layerVariableDtype, variableDtype } from '../infer/dtypes';
import { nameArgument, recordCall, scopedPath, toSnakeCase, type EngineHooks } from '../infer/state';
import { layerWeights, trackedLayers } from '../infer/report';
import { callFailure, UnknownArgument, type NestedResult } from '../infer/rules/types';
import { callTensors, nonTensorPositionalError, outputsValue, tensorPaths, tensorsIn, tensorValue } from './tensors';

/** The Keras base a user class derives from (`Model`, `Layer`), directly or through another user class. */
export function kerasBaseOf(bases: readonly PyValue[]): string | null {
  for (const base of bases) {
    if (base.kind === 'keras' && (base.name === 'Model' || base.name === 'Layer' || base.name === 'Sequential')) return base.name;
    // A Keras layer class (`layers.Dense`): kept, as its rule may still compute for the subclass.
    if (base.kind === 'keras' && base.name.startsWith('layer:')) return base.name;
    if (base.kind === 'class' && base.cls.kerasBase) return base.cls.kerasBase;
  }
  return null;
}

/**
 * Instances named automatically when made: Keras names them in `super().__init__`, whose own `name=` may
 * still take the name instead (`renameFromInit`).
 */
const autoNamed = new WeakSet<InstanceObject>();

/** Methods with which a subclass of a Keras layer changes what it computes, or the weights it builds. */
const COMPUTING_METHODS = ['call', 'build', 'compute_output_shape', 'compute_output_spec', 'compute_mask'];

/**
 * The Keras layer class whose rule computes for a user class: a subclass of it (directly or through user
 * classes) that defines none of `COMPUTING_METHODS` (`class HTTPDense(layers.Dense): pass`, or one adding only
 * `get_config`). Null for any other class.
 */
export function ruleBackedClass(cls: ClassObject): string | null {
  const base = cls.kerasBase?.startsWith('layer:') ? cls.kerasBase.slice('layer:'.length) : null;
  if (!base || !RULES.has(base)) return null;
  return COMPUTING_METHODS.some((method) => findMethod(cls, method)) ? null : base;
}

/**
 * The layer of a rule-backed class made with these arguments (those of the class call, or of its
 * `super().__init__`): Keras' layer under the user's class name.
 */
function ruleBackedLayer(ctx: Context, cls: ClassObject, base: string, args: CallArguments, span: Span, name?: string): LayerObject {
  const keywords = name === undefined ? args.keywords : new Map(args.keywords).set('name', { kind: 'str', value: name });
  return createLayer(ctx.state, base, args.positional, keywords, { span, calleeSpan: span, keywordSpans: name === undefined ? args.keywordSpans : new Map() }, undefined, null, cls.name);
}

/** Gives a new instance of a Keras subclass its model (for `Model`) or its layer (for `Layer`). */
export function instantiateKerasClass(ctx: Context, instance: InstanceObject, args: CallArguments, span: Span): void {
  const ruleBase = ruleBackedClass(instance.cls);
  if (ruleBase && !findMethod(instance.cls, '__init__') && args.unknownSpread === undefined) {
    instance.layer = ruleBackedLayer(ctx, instance.cls, ruleBase, args, span);
    return;
  }
  const name = nameArgument(ctx.state, instance.cls.name, args.keywords.get('name'));
  if (name === null) autoNamed.add(instance);
  // `trainable=` and `dtype=` are handed on to `Layer.__init__` as `name=` is: the flag of the layer itself (the
  // variables it adds), and the policy of the weights it adds.
  const trainableValue = args.keywords.get('trainable');
  const trainable = trainableValue?.kind === 'bool' ? trainableValue.value : true;
  if (instance.cls.kerasBase === 'Model') {
    instance.model = createSubclassed(ctx.state, instance.cls.name, name, span, instance, ctx.functionStack[0] ?? null);
    instance.layer = instance.model.asLayer;
    instance.layer.trainable = trainable;
  } else {
    const variableDtype = layerVariableDtype(ctx.state, args.keywords.get('dtype'));
    instance.layer = newLayerObject(ctx.state, instance.cls.name, name, new Map(), { span, calleeSpan: span, keywordSpans: new Map() }, { instance, variableDtype, trainable });
  }
}

/** The name under which `super().__init__` of a Keras subclass is called (no user method has it). */
export const KERAS_INIT = 'keras.Layer.__init__';

/** `super().name` that reaches Keras' own base: its `__init__`, for an instance of a Keras layer or model subclass. */
export function kerasBaseMethod(self: PyValue, name: string): PyValue | null {
  return name === '__init__' && self.kind === 'instance' && self.instance.layer ? { kind: 'method', self, name: KERAS_INIT } : null;
}

/**
 * `super().__init__(...)` in a Keras subclass. `Operation.__init__` names the object there: a `name=` given
 * there is its name. For a `keras.Model` subclass given `inputs` and `outputs`, Keras' `Model.__new__` made
 * the instance a `Functional` (`functional_init_arguments`), whose graph these arguments give, as
 * `Model(inputs, outputs)` does.
 */
export function kerasInit(ctx: Context, instance: InstanceObject, args: CallArguments, node: SyntaxNode): PyValue {
  const inputsValue = args.keywords.get('inputs') ?? args.positional[0];
  const outputsValue = args.keywords.get('outputs') ?? args.positional[1];
  const model = instance.model;
  renameFromInit(ctx, instance, args.keywords.get('name') ?? (model ? args.positional[2] : undefined));
  // A subclass computing as its Keras base does is that layer, with these arguments (and the name it has).
  const ruleBase = ruleBackedClass(instance.cls);
  if (ruleBase && instance.layer && !instance.layer.displayClass && args.unknownSpread === undefined) {
    // Made where the instance was, which is where Keras raises for its arguments.
    instance.layer = ruleBackedLayer(ctx, instance.cls, ruleBase, args, instance.layer.span, instance.layer.name);
  }
  if (!model || !inputsValue || !outputsValue) return NONE;
  const inputs = tensorsIn(inputsValue);
  const outputs = tensorsIn(outputsValue);
  if (inputs && outputs) becomeFunctional(ctx.state, model, inputs, outputs, tensorPaths(outputsValue), spanOf(node));
  else inform(ctx, 'unknown-value', 'The inputs or outputs of this model are not known statically.', node);
  return NONE;
}

/**
 * The name `super().__init__(name=...)` gives (`Operation.__init__`). For an instance named automatically when
 * it was made, the number it took then is given back when no later object of its kind took one (the next
 * `Block()` is `block` again, as in Keras, which named nothing); a name not known statically keeps it and makes
 * the later numbers unknown, as `nameArgument` does.
 */
function renameFromInit(ctx: Context, instance: InstanceObject, value: PyValue | undefined): void {
  const layer = instance.layer;
  if (!layer || value === undefined || value.kind === 'none') return;
  const prefix = toSnakeCase(instance.cls.name);
  if (autoNamed.has(instance)) {
    autoNamed.delete(instance);
    const taken = layer.name === prefix ? 0 : Number(layer.name.slice(prefix.length + 1));
    if (value.kind !== 'str') ctx.state.uncertainPrefixes.add(prefix);
    else if (ctx.state.uids.get(prefix) === taken + 1) ctx.state.uids.set(prefix, taken);
  }
  const name = value.kind === 'str' ? value.value : '?';
  layer.name = name;
  if (instance.model) instance.model.name = name;
}

/**
 * `self.add_weight(shape=..., trainable=...)` in a user layer: the weight joins the layer's count and is
 * returned as a tensor of that shape, so `call` can compute with it.
 */
export function addWeight(instance: InstanceObject, args: CallArguments): PyValue {
  const shapeValue = args.keywords.get('shape') ?? args.positional[0];
  const items = shapeValue ? sequenceItems(shapeValue) : null;
  const shape: Shape = items ? items.map(toDim) : shapeValue?.kind === 'int' ? [shapeValue.value] : ['?'];
  const trainable = args.keywords.get('trainable');
  const name = args.keywords.get('name');
  // add_weight(shape, initializer, dtype, trainable, ...): the layer's variable dtype unless given.
  const dtype = variableDtype(args.keywords.get('dtype') ?? args.positional[2], instance.layer?.variableDtype ?? null);
  instance.weights.push({
    name: name?.kind === 'str' ? name.value : `weight_${instance.weights.length}`,
    shape,
    trainable: trainable?.kind === 'bool' ? trainable.value : true,
    ...(dtype === 'float32' ? {} : { dtype }),
  });
  return { kind: 'tensor', tensor: { shape, source: null } };
}

/**
 * `keras.Variable(initializer, shape=None, dtype=None, trainable=True, ...)` made by a user layer's method
 * (`self.index = keras.Variable(...)` in `__init__`): a weight of that layer, which Keras tracks on the
 * attribute it is assigned to. Its shape is `shape=`, or the initial value's.
 */
export function makeVariable(ctx: Context, args: CallArguments): PyValue {
  const initializer = args.keywords.get('initializer') ?? args.positional[0];
  const shapeValue = args.keywords.get('shape') ?? args.positional[1];
  const shape = (shapeValue && shapeValue.kind !== 'none' ? shapeOfArgument(shapeValue) : initializer ? arrayShape(initializer) : null) ?? ['?'];
  const trainable = args.keywords.get('trainable') ?? args.positional[3];
  const name = args.keywords.get('name') ?? args.positional[7];
  const frame = ctx.methodFrames[ctx.methodFrames.length - 1];
  const owner = frame?.self.kind === 'instance' && frame.self.instance.layer ? frame.self.instance : null;
  // Without `dtype=`, Keras takes `floatx()` for an initializer by name, and the dtype of an initial array,
  // which jax makes 32-bit (ints and floats alike) while floatx is float32: float32's size, else unknown.
  const given = initializer !== undefined && initializer.kind !== 'str' && initializer.kind !== 'keras';
  const fallback = !given || ctx.state.floatx === 'float32' ? ctx.state.floatx : null;
  const dtype = variableDtype(args.keywords.get('dtype') ?? args.positional[2], fallback);
  if (owner) {
    const weight = { name: name?.kind === 'str' ? name.value : 'variable', shape, trainable: trainable?.kind === 'bool' ? trainable.value : true };
    owner.weights.push(dtype === 'float32' ? weight : { ...weight, dtype });
  }
  return { kind: 'tensor', tensor: { shape, source: null } };
}

function shapeOfArgument(value: PyValue): Shape | null {
  if (value.kind === 'int') return [value.value];
  const items = sequenceItems(value);
  return items ? items.map(toDim) : null;
}

/** Calling an instance: a subclassed model or layer runs its `call` on the tensors; other classes their `__call__`. */
export function callInstance(ctx: Context, instance: InstanceObject, args: CallArguments, node: SyntaxNode): PyValue | null {
  if (!instance.layer) return callMethod(ctx, instance, '__call__', args, node);
  const layer = instance.layer;
  const allowsData = instance.attributes.get('_allow_non_tensor_positional_args');
  const notTensor = allowsData?.kind === 'bool' && allowsData.value ? null : nonTensorPositionalError(args.positional);
  if (notTensor) {
    fail(ctx, 'invalid-argument', notTensor, node);
    return raisedValue(sourceLabel(node));
  }
  const first = args.positional[0] ?? args.keywords.get('inputs');
  // Keras' node holds every tensor of the call (`CTCLayer()(labels, logits)`): each connects the graph.
  const inputs = callTensors(args.positional, args.keywords);
  const inGraph = ctx.state.layerCalls === 0;
  const populated = inGraph && first ? populatedMask(instance, args, first) : null;
  const { value: result, error } = runCall(ctx, instance, layer, populated ? withMask(args, populated) : args, node);
  if (error) fail(ctx, 'layer-call-error', error, node);
  if (inputs.length === 0) return result;
  const { shapes, multiple } = outputShapes(result);
  const previousMask = populated ?? args.keywords.get('mask') ?? (first ? masksOf(first) : NONE);
  const outputMask = inGraph && first ? computeMask(ctx, instance, first, previousMask, node) : null;
  // The node keeps the keyword arguments of a call of one tensor alone, the mask given to it among them
  // (Layer.__call__ copies them otherwise, before step 6 adds it).
  const alone = args.positional.length === 1 && args.keywords.size === 0 && first?.kind === 'tensor';
  const maskInputs = populated && alone ? tensorsIn(populated) ?? [] : [];
  const layerNode = recordNode(layer, maskInputs.length > 0 ? inputs.concat(maskInputs) : inputs, shapes, multiple, !inGraph);
  // Each output takes the mask at its place in the flattened masks (None a leaf, as Keras' tree has it).
  const masks = outputMask ? flatLeaves(outputMask) : [];
  layerNode.outputs.forEach((output, i) => {
    const mask = masks[i];
    if (mask?.kind === 'tensor') output.mask = mask.tensor;
  });
  // After Keras' error nothing it feeds is built: Keras raised.
  if (error) ctx.state.failedNodes.add(layerNode);
  const note = error || shapes[0] !== null || multiple ? null : 'its `call` could not be followed';
  recordCall(ctx.state, { span: spanOf(node), layer, node: layerNode, error, note, modelName: null });
  return outputsValue(layerNode.outputs, multiple);
}

/**
 * Keras' `Layer.__call__` step 6: a call of one tensor argument (a tensor or a structure of them) to a `call`
 * that takes `mask=`, not given, is given the masks of that argument (its structure, None where a tensor has
 * none). Null when it is not, or when no tensor of it has a mask.
 */
function populatedMask(instance: InstanceObject, args: CallArguments, first: PyValue): PyValue | null {
  if (args.keywords.has('mask') || !takesParameter(findMethod(instance.cls, 'call'), 'mask')) return null;
  const tensorArguments = [...args.positional, ...args.keywords.values()].filter((value) => (tensorsIn(value)?.length ?? 0) > 0);
  if (tensorArguments.length !== 1 || tensorArguments[0] !== first) return null;
  const masks = masksOf(first);
  return (tensorsIn(masks)?.length ?? 0) > 0 ? masks : null;
}

/** `tree.map_structure(backend.get_keras_mask, value)`: the masks of a tensor or a structure of them. */
function masksOf(value: PyValue): PyValue {
  if (value.kind === 'tensor') return value.tensor.mask ? tensorValue(value.tensor.mask) : NONE;
  if (value.kind === 'list' || value.kind === 'tuple') return { kind: value.kind, items: value.items.map(masksOf) };
  return NONE;
}

function flatLeaves(value: PyValue): PyValue[] {
  return value.kind === 'list' || value.kind === 'tuple' ? value.items.flatMap(flatLeaves) : [value];
}

function withMask(args: CallArguments, mask: PyValue): CallArguments {
  return { ...args, keywords: new Map([...args.keywords, ['mask', mask]]) };
}

/** Whether a function has a parameter of that name (not counting `**kwargs`). */
function takesParameter(fn: FunctionObject | undefined, name: string): boolean {
  const parameters = fn ? field(fn.node, 'parameters') : null;
  return !!parameters && namedChildren(parameters).some((p) => (p.type === 'identifier' ? p.text : field(p, 'name')?.text) === name);
}

/**
 * The mask Keras attaches to the outputs (`Layer._set_mask_metadata`) of a user layer that supports masking:
 * its own `compute_mask(inputs, previous_mask)`, run on the graph's tensors (its operations are rows of the
 * model, as `ops.not_equal` in keras.io's PositionalEmbedding), or, with `self.supports_masking = True`, the
 * previous mask. Null for a layer that does not support masking.
 */
function computeMask(ctx: Context, instance: InstanceObject, first: PyValue, previousMask: PyValue, node: SyntaxNode): PyValue | null {
  if (findMethod(instance.cls, 'compute_mask')) {
    return callMethod(ctx, instance, 'compute_mask', { positional: [first, previousMask], firstNode: null, keywords: new Map(), keywordSpans: new Map() }, node);
  }
  const supports = instance.attributes.get('supports_masking');
  return supports?.kind === 'bool' && supports.value ? previousMask : null;
}

/**
 * A user layer or model that a Sequential model applies to its input (`keras.Sequential([Block(), ...])`):
 * its `call` runs on the tensor as when called directly; the caller records the node.
 */
export function applyInstance(ctx: Context, instance: InstanceObject, inputs: readonly TensorObject[]): ReturnType<EngineHooks['applyInstance']> {
  const layer = instance.layer;
  if (!layer || inputs.length === 0) return { shapes: [null], multiple: false, error: null };
  const args: CallArguments = { positional: [tensorValue(inputs[0])], firstNode: null, keywords: new Map(), keywordSpans: new Map() };
  const { value, error } = runCall(ctx, instance, layer, args, instance.cls.node);
  return { ...outputShapes(value), error };
}

function outputShapes(result: PyValue | null): { shapes: (Shape | null)[]; multiple: boolean } {
  const outputs = result ? tensorsIn(result) : null;
  return { shapes: outputs ? outputs.map((t) => t.shape) : [null], multiple: !!outputs && !!result && result.kind !== 'tensor' };
}

/** What running a user layer's or model's `call` gave, and Keras' error when it raised there. */
interface CallResult {
  readonly value: PyValue | null;
  readonly error: string | null;
}

/**
 * An error reported while `call` ran (the first, where Python stopped) is raised from the statement that called
 * the layer, wrapped as Keras wraps it (`callFailure`).
 */
function callError(ctx: Context, instance: InstanceObject, layer: LayerObject, issuesBefore: number): string | null {
  const issues = ctx.state.issues;
  for (let i = issuesBefore; i < issues.length; i++) {
    const issue = issues[i];
    if (issue.severity !== 'error' || issue.code === 'syntax-error') continue;
    return callFailure(instance.cls.name, layer.name, issue.message);
  }
  return null;
}

/**
 * Keras' `Layer.__call__`: `build` with the input shape(s) on the first call, then the outputs: what `call`
 * returns, or, for a class with its own `compute_output_shape` called on the KerasTensors of a functional graph,
 * tensors of the shapes that returns (Keras then does not run `call` at all). Inside another layer's call, which
 * the backend traces with arrays, its `call` runs, and builds what it holds.
 */
function runCall(ctx: Context, instance: InstanceObject, layer: LayerObject, args: CallArguments, node: SyntaxNode): CallResult {
  const first = args.positional[0] ?? args.keywords.get('inputs');
  const inputs = first ? tensorsIn(first) : null;
  const shapeOf = (t: TensorObject): PyValue => (t.shape ? shapeValue(t.shape) : unknown('input_shape'));
  const inputShape: PyValue = first?.kind === 'tensor' ? shapeOf(first.tensor) : inputs ? { kind: 'list', items: inputs.map(shapeOf) } : unknown('input_shape');
  const shapeArgs = (): CallArguments => ({ positional: [inputShape], firstNode: null, keywords: new Map(), keywordSpans: new Map() });
  const shapedByMethod = !!first && ctx.state.layerCalls === 0 && !!findMethod(instance.cls, 'compute_output_shape');
  let result: PyValue | null;
  let error: string | null = null;
  ctx.state.layerCalls++;
  const scope = ctx.state.nameScope;
  ctx.state.nameScope = scopedPath(scope, layer.name);
  try {
    if (!layer.built && first && findMethod(instance.cls, 'build')) callMethod(ctx, instance, 'build', shapeArgs(), node);
    // Without a `build` of its own, Keras traces `call` to build the layers it holds before asking for shapes.
    else if (!layer.built && shapedByMethod && trackedLayers(instance.attributes).some((inner) => !inner.built)) callMethod(ctx, instance, 'call', args, node);
    if (shapedByMethod) {
      result = shapedOutputs(callMethod(ctx, instance, 'compute_output_shape', shapeArgs(), node));
    } else {
      const issuesBefore = ctx.state.issues.length;
      result = callMethod(ctx, instance, 'call', args, node);
      error = callError(ctx, instance, layer, issuesBefore);
    }
  } finally {
    ctx.state.layerCalls--;
    ctx.state.nameScope = scope;
  }
  if (instance.model && instance.model.state.kind === 'subclassed') instance.model.state.built = true;
  // Called on anything (an array at run time too), Keras built it; its weights are its instance's.
  if (first && !layer.built) layer.built = { inputShape: inputs?.[0]?.shape ?? null, weights: [] };
  return { value: result, error };
}

/**
 * A user's RNN cell (`RNN(MinimalRNNCell(32))`) as Keras' `RNN` uses it: `build` run on one step, as
 * `RNN.build` runs it, then `compute_output_shape`'s reading of the cell: `state_size` (an int, or one int per
 * state) and `output_size` (the first state's size when absent). Its weights are the cell's. Unknown where a
 * size is not a plain int attribute (a property, nested state sizes) or its weights are not known.
 */
export function userCell(ctx: Context, cell: LayerObject, step: Shape): NestedResult {
  const instance = cell.instance as InstanceObject;
  if (!cell.built) {
    if (findMethod(instance.cls, 'build')) {
      ctx.state.layerCalls++;
      try {
        callMethod(ctx, instance, 'build', { positional: [shapeValue(step)], firstNode: null, keywords: new Map(), keywordSpans: new Map() }, instance.cls.node);
      } finally {
        ctx.state.layerCalls--;
      }
    }
    cell.built = { inputShape: step, weights: [] };
  }
  const stateSizes = intsOf(instance.attributes.get('state_size'));
  const given = instance.attributes.get('output_size');
  const outputSize = given === undefined || given.kind === 'none' ? stateSizes?.[0] : given.kind === 'int' ? given.value : undefined;
  const weights = layerWeights(cell);
  if (!stateSizes || stateSizes.length === 0 || outputSize === undefined || !weights) throw new UnknownArgument('cell', `${cell.className}'s state_size, output_size or weights`);
  const batch = step[0];
  return { className: cell.className, outputs: [[batch, outputSize], ...stateSizes.map((size): Shape => [batch, size])], weights };
}

/** An int as a list of one, or a list or tuple of ints; null for anything else. */
function intsOf(value: PyValue | undefined): number[] | null {
  if (value?.kind === 'int') return [value.value];
  const items = value ? sequenceItems(value) : null;
  return items && items.every((item) => item.kind === 'int') ? items.map((item) => (item as { value: number }).value) : null;
}

/** Tensors of the shapes `compute_output_shape` returned: one shape, or a list of them; null when not known. */
function shapedOutputs(value: PyValue | null): PyValue | null {
  const found = shapesFrom(value);
  if (!found) return null;
  const tensors = found.shapes.map((shape): PyValue => ({ kind: 'tensor', tensor: { shape, source: null } }));
  return found.multiple ? { kind: 'list', items: tensors } : tensors[0];
}
