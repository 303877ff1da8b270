/**
 * Models as Keras 3 builds them: `Input`, Sequential (add, pop, build; an InputLayer from the legacy
 * `input_shape=`), functional `Model(inputs, outputs)` with Keras' own graph ordering (`map_graph` in
 * `keras/src/ops/function.py`), subclassed models, and a model used as a layer. Errors are reported
 * here, at the statement Keras would raise from.
 */
import type { Shape, Span } from '../model';
import {
  formatShape,
  type FunctionalState,
  type InstanceObject,
  type LayerNode,
  type LayerObject,
  type ModelObject,
  type ModelState,
  type SequentialEntry,
  type SequentialState,
  type TensorObject,
} from '../evaluate/values';
import { applyLayer, newLayerObject, newOpaqueLayer, OPAQUE, recordNode, type CallInfo, type CallOutcome } from './layers';
import { autoName, CLONED_INPUT_NAME, isUncertainName, localSpan, report, scopedPath, toSnakeCase, type AnalysisState } from './state';
import { modelInputError, rerunModel } from './rerun';
import { sameBeyondBatch, withBatchOf } from './dims';

const noKeywords: ReadonlyMap<string, Span> = new Map();

/** `keras.Input(shape=..., batch_size=..., name=...)` or `InputLayer(...)`: an InputLayer and its tensor. */
export function createInput(state: AnalysisState, batchShape: Shape | null, name: string | null, info: CallInfo): TensorObject {
  const layer = newLayerObject(state, 'InputLayer', name, new Map(), info);
  const tensor = recordNode(layer, [], [batchShape], false).outputs[0];
  layer.built = { inputShape: null, weights: [] };
  return tensor;
}

function newModel(
  state: AnalysisState,
  className: string,
  name: string | null,
  span: Span,
  state_: ModelState,
  functionName: string | null,
): ModelObject {
  const modelName = name ?? autoName(state, className);
  const info: CallInfo = { span, calleeSpan: span, keywordSpans: noKeywords };
  const model = {
    id: state.nextId++,
    name: modelName,
    className,
    span: localSpan(state, span),
    inAnalysedFile: state.currentModule === null,
    module: state.currentModule,
    trainabilityUnknown: false,
    state: state_,
    variable: null,
    functionName,
  } as Omit<ModelObject, 'asLayer'> & { asLayer?: LayerObject };
  model.asLayer = newLayerObject(state, className, modelName, new Map(), info, { model: model as ModelObject });
  state.models.push(model as ModelObject);
  return model as ModelObject;
}

// ---------------------------------------------------------------- Sequential

export function createSequential(state: AnalysisState, name: string | null, span: Span, functionName: string | null): ModelObject {
  return newModel(state, 'Sequential', name, span, { kind: 'sequential', entries: [], input: null, outputs: [], functionalName: null }, functionName);
}

function sequentialState(model: ModelObject) {
  if (model.state.kind !== 'sequential') throw new Error('not a Sequential model');
  return model.state;
}

/**
 * Applies the next layer of the chain. Keras rebuilds the whole model on every `add` once its input is
 * known, and a layer that cannot take its input raises there; each successful rebuild creates a
 * `Functional` (and so takes a `functional` name).
 */
function applyEntry(state: AnalysisState, model: ModelObject, index: number, reportErrors = true): void {
  const seq = sequentialState(model);
  const entry = seq.entries[index];
  const inputs = index === 0 ? (seq.input ? [seq.input] : []) : seq.outputs;
  if (inputs.length === 0) return;
  // Keras applies the chain in `Sequential.build`, inside the model's name scope.
  const scope = state.nameScope;
  state.nameScope = scopedPath(scope, model.name);
  let outcome: CallOutcome;
  try {
    outcome = applyLayer(state, entry.layer, inputs);
  } finally {
    state.nameScope = scope;
  }
  entry.node = outcome.node;
  setEntryError(seq, entry, outcome.error);
  seq.outputs = outcome.node.outputs;
  if (outcome.error && reportErrors) report(state, 'error', 'shape-error', outcome.error, entry.span);
}

/**
 * Per Sequential model: how many entries carry each layer name and how many failed, kept in step with
 * `entries` so that the 50,000th `add` costs what the first does. Rebuilt whenever it is out of step.
 */
interface ChainIndex {
  readonly names: Map<string, number>;
  size: number;
  errors: number;
}

const chainIndexes = new WeakMap<SequentialState, ChainIndex>();

function chainIndex(seq: SequentialState): ChainIndex {
  let index = chainIndexes.get(seq);
  if (!index || index.size !== seq.entries.length) {
    index = { names: new Map(), size: 0, errors: 0 };
    for (const entry of seq.entries) {
      index.names.set(entry.layer.name, (index.names.get(entry.layer.name) ?? 0) + 1);
      if (entry.error !== null) index.errors++;
    }
    index.size = seq.entries.length;
    chainIndexes.set(seq, index);
  }
  return index;
}

function setEntryError(seq: SequentialState, entry: SequentialEntry, error: string | null): void {
  const index = chainIndex(seq);
  index.errors += (error !== null ? 1 : 0) - (entry.error !== null ? 1 : 0);
  entry.error = error;
}

function chainHealthy(model: ModelObject): boolean {
  return chainIndex(sequentialState(model)).errors === 0;
}

/**
 * Builds (or rebuilds) the chain from the input; Keras does this on `add` when the input is known. Without
 * `reportErrors` an entry's error is left for the caller, whose statement Keras raises from.
 */
function rebuild(state: AnalysisState, model: ModelObject, reportErrors = true): void {
  const seq = sequentialState(model);
  seq.functionalName = null;
  if (!seq.input || seq.entries.length === 0) return;
  seq.outputs = [];
  for (let i = 0; i < seq.entries.length; i++) {
    seq.entries[i].node = null;
    setEntryError(seq, seq.entries[i], null);
  }
  for (let i = 0; i < seq.entries.length; i++) applyEntry(state, model, i, reportErrors);
  if (chainHealthy(model)) seq.functionalName = autoName(state, 'Functional');
}

/**
 * `model.add(x)`: a layer, a model, or the tensor of an `Input`. The constructor `Sequential([...])`
 * adds without rebuilding and rebuilds once at the end (`finishSequential`), as Keras does.
 */
export function sequentialAdd(
  state: AnalysisState,
  model: ModelObject,
  added: LayerObject | TensorObject,
  span: Span,
  rebuildNow = true,
): void {
  const seq = sequentialState(model);
  // An `InputLayer(...)` object stands for its tensor, as `Input(...)` does.
  if ('className' in added && added.className === 'InputLayer' && added.nodes[0]) added = added.nodes[0].outputs[0];
  if (!('className' in added)) {
    const origin = added.source?.layer;
    if (!origin || origin.className !== 'InputLayer') {
      report(state, 'error', 'not-a-layer', 'Only instances of `keras.Layer` can be added to a Sequential model.', span);
      return;
    }
    if (seq.input) {
      report(
        state,
        'error',
        'input-twice',
        `Sequential model '${model.name}' has already been configured to use input shape ${formatShape(seq.input.shape ?? [])}. You cannot add a different Input layer to it.`,
        span,
      );
      return;
    }
    if (seq.entries.length > 0) {
      report(state, 'error', 'input-not-first', 'An Input must be the first element of a Sequential model.', span);
      return;
    }
    seq.input = added;
    return;
  }
  // Keras' `_is_layer_name_unique`: another layer of the same name is refused, the same layer again is not. An
  // unknown row's name is a label of ours (the code it stands for), not a name Keras gave.
  const named = added.className !== OPAQUE && !isUncertainName(added.name);
  if (named && (chainIndex(seq).names.get(added.name) ?? 0) > 0 && seq.entries.some((e) => e.layer.name === added.name && e.layer !== added && e.layer.className !== OPAQUE)) {
    report(
      state,
      'error',
      'duplicate-layer-name',
      `All layers added to a Sequential model should have unique names. Name '${added.name}' is already the name of a layer in this model. Update the \`name\` argument to pass a unique name.`,
      span,
    );
    return;
  }
  const legacyShape = seq.entries.length === 0 && !seq.input ? added.inputShapeArg : null;
  if (legacyShape && legacyShape !== 'not known' && 'error' in legacyShape) {
    // The InputLayer took its name before `standardize_shape` raised; the layer is not added.
    autoName(state, 'InputLayer');
    report(state, 'error', 'invalid-shape', legacyShape.error, span);
    return;
  }
  if (legacyShape === 'not known') {
    report(state, 'information', 'unknown-value', 'The `input_shape` given here is not known statically: the shapes and parameters of this model are unknown.', span);
  }
  if (legacyShape) {
    // Keras 3 turns the legacy argument into an InputLayer of its own (and so names one).
    seq.input = createInput(state, legacyShape === 'not known' ? null : [null, ...legacyShape], null, { span, calleeSpan: span, keywordSpans: noKeywords });
  }
  const index = chainIndex(seq);
  seq.entries.push({ layer: added, span: localSpan(state, span), node: null, error: null });
  index.names.set(added.name, (index.names.get(added.name) ?? 0) + 1);
  index.size++;
  // Whether Keras builds the model from a first layer not known (a model it may be) is not known either, nor,
  // then, the numbers of the InputLayer and Functional it would name.
  if (index.size === 1 && !seq.input && added.className === OPAQUE) {
    state.uncertainPrefixes.add(toSnakeCase('InputLayer'));
    state.uncertainPrefixes.add(toSnakeCase('Functional'));
  }
  if (!rebuildNow) return;
  if (!seq.input && buildFromFirstModel(state, model, span)) return;
  if (!seq.input) return;
  const healthyBefore = chainHealthy(model);
  applyEntry(state, model, seq.entries.length - 1);
  seq.functionalName = healthyBefore && chainHealthy(model) ? autoName(state, 'Functional') : null;
}

/**
 * What code that may or may not run would add (an `if` on an unknown condition): one entry of unknown
 * shape and size named after that code, so the layers after it are shown as unknown rather than guessed.
 */
export function sequentialAddUncertain(state: AnalysisState, model: ModelObject, label: string, span: Span): void {
  const seq = sequentialState(model);
  const layer = newOpaqueLayer(state, label, span, `what \`${label}\` adds is not known statically`);
  seq.entries.push({ layer, span: localSpan(state, span), node: null, error: null, uncertain: true });
  if (seq.input) applyEntry(state, model, seq.entries.length - 1);
}

/** Ends `Sequential([...])`: one build for the whole list. */
export function finishSequential(state: AnalysisState, model: ModelObject, span: Span): void {
  if (!sequentialState(model).input && buildFromFirstModel(state, model, span)) return;
  rebuild(state, model);
}

/**
 * `keras.models.clone_model(model)` of a Sequential model: a Sequential of the same name whose layers are new
 * ones of the same classes, names and arguments (`from_config(get_config())`), given an `InputLayer` like the
 * original's and so built as it is. Null for what is not cloned here: a functional model, or nested models,
 * custom layers or unknown rows inside.
 */
export function cloneSequential(state: AnalysisState, model: ModelObject, span: Span, functionName: string | null): ModelObject | null {
  const s = model.state;
  if (s.kind !== 'sequential' || s.entries.some((e) => e.uncertain || e.layer.model || e.layer.instance || e.layer.className === OPAQUE)) return null;
  const info: CallInfo = { span, calleeSpan: span, keywordSpans: noKeywords };
  const clone = createSequential(state, model.name, span, functionName);
  clone.inAnalysedFile = false;
  clone.asLayer.trainable = model.asLayer.trainable;
  const seq = sequentialState(clone);
  if (s.input) seq.input = createInput(state, s.input.shape, s.input.source?.layer.name ?? null, info);
  for (const { layer } of s.entries) {
    const copy = newLayerObject(state, layer.className, layer.name, layer.args, info, {
      trainable: layer.trainable,
      constructionError: layer.constructionError,
      variableDtype: layer.variableDtype,
    });
    sequentialAdd(state, clone, copy, span, false);
  }
  finishSequential(state, clone, span);
  return clone;
}

/**
 * Keras' `_maybe_rebuild`: a Sequential model whose first layer is a model with a known input shape (a
 * functional model, a built Sequential one) is built from that shape once it has a second layer, which gives
 * it an `InputLayer` of its own. Whether it did.
 */
function buildFromFirstModel(state: AnalysisState, model: ModelObject, span: Span): boolean {
  const seq = sequentialState(model);
  const first = seq.entries[0]?.layer.model;
  if (!first || seq.entries.length < 2) return false;
  const inputs = first.state.kind === 'functional' ? first.state.inputs : first.state.kind === 'sequential' && first.state.input ? [first.state.input] : [];
  if (inputs.length !== 1) return false;
  sequentialBuild(state, model, inputs[0].shape, span);
  return true;
}

/** `model.pop()`. */
export function sequentialPop(state: AnalysisState, model: ModelObject, span: Span): LayerObject | null {
  const seq = sequentialState(model);
  const index = chainIndex(seq);
  const entry = seq.entries.pop();
  if (entry) {
    index.names.set(entry.layer.name, (index.names.get(entry.layer.name) ?? 1) - 1);
    index.size--;
    if (entry.error !== null) index.errors--;
  }
  if (!entry) {
    report(state, 'error', 'pop-empty', 'list index out of range', span);
    return null;
  }
  rebuild(state, model);
  return entry.layer;
}

/** `model.build(input_shape)` (batch axis included). */
export function sequentialBuild(state: AnalysisState, model: ModelObject, batchShape: Shape | null, span: Span): void {
  const seq = sequentialState(model);
  if (seq.input) {
    const current = seq.input.shape;
    if (batchShape && current && formatShape(current) !== formatShape(batchShape)) {
      report(
        state,
        'error',
        'build-mismatch',
        `Sequential model '${model.name}' has already been configured to use input shape ${formatShape(current)}. You cannot build it with input_shape ${formatShape(batchShape)}`,
        span,
      );
    }
    return;
  }
  if (seq.entries.length === 0) {
    report(state, 'error', 'build-empty', `Sequential model ${model.name} cannot be built because it has no layers. Call \`model.add(layer)\`.`, span);
    return;
  }
  // Keras raises from `build`, not from the layer that fails.
  const error = buildOnFirstUse(state, model, batchShape, span);
  if (error) report(state, 'error', 'shape-error', error, span);
}

// ---------------------------------------------------------------- Functional

/** The node that produced a tensor, if we traced it. */
function producer(tensor: TensorObject): LayerNode | null {
  const source = tensor.source;
  return source ? source.layer.nodes[source.nodeIndex] ?? null : null;
}

/**
 * Items grouped by depth, deepest first, each group in the order given. Depths are small integers (at most
 * one per node), so the groups are counted out by depth rather than sorted, and made at their exact size,
 * since the model keeps them.
 */
function groupedByDepth<T extends { readonly depth: number }>(items: readonly T[]): T[][] {
  let deepest = -1;
  for (const item of items) deepest = Math.max(deepest, item.depth);
  const sizes = new Array<number>(deepest + 1).fill(0);
  for (const item of items) sizes[item.depth]++;
  const groups = sizes.map((size) => new Array<T>(size));
  const nextFree = sizes.fill(0);
  for (const item of items) groups[item.depth][nextFree[item.depth]++] = item;
  return groups.filter((group) => group.length > 0).reverse();
}

/** What `mapGraph` knows of a node it reached. */
interface ReachedNode {
  readonly node: LayerNode;
  /** -1 until a depth is given (from the node itself or from a node that consumes its output). */
  depth: number;
  /** Ordered once its inputs were, rather than cut off as the producer of one of the given inputs. */
  inGraph: boolean;
}

/** What `mapGraph` knows of an operation (a layer) it reached. */
interface ReachedOperation {
  readonly layer: LayerObject;
  /** Order of first traversal; -1 for an input layer that no output depends on. */
  readonly index: number;
  depth: number;
}

/**
 * Keras' `map_graph`: nodes in depth-first order from the outputs, depths from the outputs back, and
 * operations ordered by decreasing depth, ties broken by first traversal. Keras keys its bookkeeping by
 * node and by operation; here each gets one record, found with one map lookup, where a dozen would be spent
 * per node of models of thousands of layers.
 */
export function mapGraph(
  inputs: readonly TensorObject[],
  outputs: readonly TensorObject[],
): { operations: LayerObject[]; nodesByDepth: LayerNode[][]; disconnected: boolean; unconnectedOutput: number } {
  const reached = new Map<LayerNode, ReachedNode>();
  const operationsReached = new Map<LayerObject, ReachedOperation>();
  const ordered: ReachedNode[] = [];
  let disconnected = false;

  const visit = (tensor: TensorObject): void => {
    const node = producer(tensor);
    if (!node) return;
    // A node reached before is finished, or in progress (a cycle): nothing more to learn from it.
    if (reached.has(node)) return;
    const record: ReachedNode = { node, depth: -1, inGraph: false };
    reached.set(node, record);
    const isInput = node.layer.className === 'InputLayer';
    if (!isInput && inputs.includes(tensor)) return;
    if (!operationsReached.has(node.layer)) operationsReached.set(node.layer, { layer: node.layer, index: operationsReached.size, depth: -1 });
    if (!isInput) for (const input of node.inputs) visit(input);
    record.inGraph = true;
    ordered.push(record);
  };
  outputs.forEach(visit);

  // Depths in the order Keras first sets them, which orders the nodes and operations of equal depth.
  const nodesWithDepth: ReachedNode[] = [];
  const operationsWithDepth: ReachedOperation[] = [];
  const deepen = (record: ReachedNode, depth: number): void => {
    if (record.depth < 0) nodesWithDepth.push(record);
    record.depth = Math.max(depth, record.depth);
  };
  for (let i = ordered.length - 1; i >= 0; i--) {
    const record = ordered[i];
    const operation = operationsReached.get(record.node.layer) as ReachedOperation;
    deepen(record, Math.max(0, operation.depth));
    if (operation.depth < 0) operationsWithDepth.push(operation);
    operation.depth = record.depth;
    for (const input of record.node.inputs) {
      const parent = producer(input);
      const parentRecord = parent && reached.get(parent);
      if (parentRecord && parentRecord.inGraph) deepen(parentRecord, record.depth + 1);
    }
  }
  for (const input of inputs) {
    const node = producer(input);
    if (!node || node.layer.className !== 'InputLayer') continue;
    const known = operationsReached.get(node.layer);
    if (known && known.depth >= 0) continue;
    const operation: ReachedOperation = { layer: node.layer, index: -1, depth: 0 };
    operationsReached.set(node.layer, operation);
    operationsWithDepth.push(operation);
    let record = reached.get(node);
    if (!record) reached.set(node, (record = { node, depth: -1, inGraph: false }));
    if (record.depth < 0) nodesWithDepth.push(record);
    record.depth = 0;
  }

  const operations: LayerObject[] = [];
  for (const group of groupedByDepth(operationsWithDepth)) {
    if (group.length > 1) group.sort((a, b) => a.index - b.index);
    for (const operation of group) operations.push(operation.layer);
  }
  const nodesByDepth = groupedByDepth(nodesWithDepth).map((group) => group.map((record) => record.node));

  // Every symbolic tensor a node consumes must come from the inputs or from a node of the graph; a constant
  // (`ops.ones((1, 3))`, no source) is a value, not part of the graph.
  const computable = new Set<TensorObject>(inputs);
  for (const group of nodesByDepth) {
    for (const node of group) {
      for (const input of node.inputs) if (input.source !== null && !computable.has(input)) disconnected = true;
      for (const output of node.outputs) computable.add(output);
    }
  }
  return { operations, nodesByDepth, disconnected, unconnectedOutput: disconnected ? -1 : firstUnconnected(inputs, outputs, nodesByDepth) };
}

/**
 * Keras' check that every output is connected to the inputs (`Function._run_through_graph` on placeholders):
 * from the inputs, each node whose symbolic inputs are all reached reaches its outputs, an `Input`'s node
 * never, so an output computed from an `Input` that is not among the model's inputs is not reached. The index
 * of the first output not reached, or -1.
 */
function firstUnconnected(inputs: readonly TensorObject[], outputs: readonly TensorObject[], nodesByDepth: readonly (readonly LayerNode[])[]): number {
  const reached = new Set<TensorObject>(inputs);
  for (const group of nodesByDepth) {
    for (const node of group) {
      if (node.layer.className === 'InputLayer' && node.inputs.length === 0) continue;
      if (node.inputs.every((input) => input.source === null || reached.has(input))) for (const output of node.outputs) reached.add(output);
    }
  }
  return outputs.findIndex((output) => !reached.has(output));
}

/** `keras.Model(inputs, outputs)`. Returns null (after reporting) when Keras would refuse the graph. */
export function createFunctional(
  state: AnalysisState,
  inputs: readonly TensorObject[],
  outputs: readonly TensorObject[],
  /** Where each output is in the structure given (`tensorPaths`), for Keras' error about it. */
  outputPaths: readonly string[],
  name: string | null,
  span: Span,
  functionName: string | null,
): ModelObject | null {
  const graph = functionalState(state, inputs, outputs, outputPaths, span);
  return graph && newModel(state, 'Functional', name, span, graph, functionName);
}

/**
 * A `keras.Model` subclass whose `__init__` hands inputs and outputs to `super().__init__`: Keras made it a
 * `Functional` of its own class, which holds that graph. Left as it was when Keras would refuse the graph.
 */
export function becomeFunctional(
  state: AnalysisState,
  model: ModelObject,
  inputs: readonly TensorObject[],
  outputs: readonly TensorObject[],
  outputPaths: readonly string[],
  span: Span,
): void {
  const graph = functionalState(state, inputs, outputs, outputPaths, span);
  if (graph) model.state = graph;
}

/** The graph of a functional model, in Keras' order; null (after reporting) when Keras would refuse it. */
function functionalState(
  state: AnalysisState,
  inputs: readonly TensorObject[],
  outputs: readonly TensorObject[],
  outputPaths: readonly string[],
  span: Span,
): FunctionalState | null {
  if (inputs.length === 0) {
    report(state, 'error', 'empty-inputs', '`inputs` argument cannot be empty.', span);
    return null;
  }
  if (inputs.some((input) => !isGraphInput(input))) ({ inputs, outputs } = cloneGraphNodes(state, inputs, outputs, span));
  const graph = mapGraph(inputs, outputs);
  if (graph.disconnected) {
    report(state, 'error', 'graph-disconnected', 'Graph disconnected: an output cannot be computed from the given inputs.', span);
  } else if (graph.unconnectedOutput >= 0) {
    report(state, 'error', 'graph-disconnected', `Output with path \`${outputPaths[graph.unconnectedOutput] ?? ''}\` is not connected to \`inputs\``, span);
  }
  // An unknown row's name is a label of ours (the code it stands for), not a name Keras gave.
  const names = graph.operations.filter((l) => l.className !== OPAQUE).map((l) => l.name).filter((name) => !isUncertainName(name));
  const seen = new Set<string>();
  const duplicate = names.find((n) => seen.size === seen.add(n).size);
  if (duplicate !== undefined) {
    report(
      state,
      'error',
      'duplicate-layer-name',
      `The name "${duplicate}" is used ${names.filter((n) => n === duplicate).length} times in the model. All operation names should be unique.`,
      span,
    );
  }
  return { kind: 'functional', inputs, outputs, operations: graph.operations, nodesByDepth: graph.nodesByDepth };
}

/** Keras' `is_input_keras_tensor`: a tensor made by a node without symbolic inputs (an `Input`'s). */
function isGraphInput(tensor: TensorObject): boolean {
  const node = producer(tensor);
  return !!node && node.layer.className === 'InputLayer' && node.inputs.length === 0;
}

/**
 * Keras' `clone_graph_nodes`, run when a model's inputs are not all `Input`s (`keras.Model(layer.input,
 * layer.output)`): each intermediate input becomes a new `Input` of its shape, and every node between the inputs
 * and the outputs is called again on the copies, in the order `_build_map` finds them, so each of those layers
 * (and an `Input` among the inputs) gets one more node.
 */
function cloneGraphNodes(
  state: AnalysisState,
  inputs: readonly TensorObject[],
  outputs: readonly TensorObject[],
  span: Span,
): { inputs: TensorObject[]; outputs: TensorObject[] } {
  const copies = new Map<TensorObject, TensorObject>();
  const info: CallInfo = { span, calleeSpan: span, keywordSpans: noKeywords };
  for (const input of inputs) {
    if (!copies.has(input)) copies.set(input, isGraphInput(input) ? input : createInput(state, input.shape, CLONED_INPUT_NAME, info));
  }
  for (const node of nodesBetween(inputs, outputs)) {
    const layer = node.layer;
    const copy = recordNode(layer, node.inputs.map((t) => copies.get(t) ?? t), node.outputs.map((t) => t.shape), node.multipleOutputs);
    // An `Input`'s tensor is its own copy: Keras points its history at the new node.
    if (node.inputs.length === 0) node.outputs.forEach((t, i) => (t.source = copy.outputs[i].source));
    else node.outputs.forEach((t, i) => copies.set(t, copy.outputs[i]));
  }
  return { inputs: inputs.map((t) => copies.get(t) ?? t), outputs: outputs.map((t) => copies.get(t) ?? t) };
}

/** `_build_map`'s nodes from the outputs back to the inputs, finished first: the producers of the inputs excluded. */
function nodesBetween(inputs: readonly TensorObject[], outputs: readonly TensorObject[]): LayerNode[] {
  const finished = new Set<LayerNode>();
  const ordered: LayerNode[] = [];
  const visit = (tensor: TensorObject): void => {
    const node = producer(tensor);
    if (!node || finished.has(node)) return;
    finished.add(node);
    if (node.inputs.length > 0 && inputs.includes(tensor)) return;
    for (const input of node.inputs) visit(input);
    ordered.push(node);
  };
  outputs.forEach(visit);
  return ordered;
}

// ---------------------------------------------------------------- Subclassed

export function createSubclassed(
  state: AnalysisState,
  className: string,
  name: string | null,
  span: Span,
  instance: InstanceObject,
  functionName: string | null,
): ModelObject {
  return newModel(state, className, name, span, { kind: 'subclassed', instance, built: false }, functionName);
}

// ---------------------------------------------------------------- A model used as a layer

/**
 * A Sequential model not built yet, built for the input it is first called on, by its `build(shape)` (`span`), or by a
 * wrapper (`TimeDistributed` builds it on one step): Keras' error where that fails, raised from the call that builds it.
 */
export function buildOnFirstUse(state: AnalysisState, model: ModelObject, shape: Shape | null, span: Span = model.span): string | null {
  const s = sequentialState(model);
  s.input = createInput(state, shape, null, { span, calleeSpan: span, keywordSpans: noKeywords });
  rebuild(state, model, false);
  return s.entries.find((entry) => entry.error !== null)?.error ?? null;
}

/** The output tensors' shapes of `model` applied to `inputs` (a nested model call, `model(x)`). */
export function applyNestedModel(
  state: AnalysisState,
  model: ModelObject,
  inputs: readonly TensorObject[],
): { shapes: (Shape | null)[]; multiple: boolean; error?: string } {
  const error = modelInputError(model, inputs.length === 1 ? inputs[0].shape : null);
  if (error) return { shapes: [null], multiple: false, error };
  const s = model.state;
  if (s.kind === 'sequential') {
    const failed = s.input ? null : buildOnFirstUse(state, model, inputs[0]?.shape ?? null);
    if (failed) return { shapes: [null], multiple: false, error: failed };
    if (s.outputs.length === 0) return { shapes: [null], multiple: false };
  }
  if (s.kind !== 'functional' && s.kind !== 'sequential') return { shapes: [null], multiple: false };
  const outputs = s.outputs;
  const built = s.kind === 'functional' ? s.inputs : [s.input as TensorObject];
  const given = inputs.map((tensor) => tensor.shape);
  if (given.every((shape) => shape !== null) && !builtOn(built.map((tensor) => tensor.shape), given)) {
    const rerun = rerunModel(model, given as Shape[]);
    if (rerun && 'error' in rerun) return { shapes: [null], multiple: false, error: rerun.error };
    if (rerun) return { shapes: [...rerun.shapes], multiple: rerun.shapes.length > 1 };
  }
  return { shapes: outputs.map((o) => withBatchOf(o.shape, inputs[0]?.shape ?? null)), multiple: outputs.length > 1 };
}

/**
 * Whether a model's call gets the shapes it was built on, but for the batch axis: then its outputs are those
 * it was built with. Unknown shapes count as the same: nothing better is known.
 */
function builtOn(built: readonly (Shape | null)[], given: readonly (Shape | null)[]): boolean {
  if (built.length !== given.length) return true;
  return built.every((shape, i) => {
    const other = given[i];
    return !shape || !other || sameBeyondBatch(shape, other);
  });
}
