/**
 * Turns the engine's live objects into the plain result data of `model.ts`: the rows `model.summary()`
 * prints (with Keras' rules for which rows, which shape and which connections), the totals, and one
 * site per place a layer is applied in the source. Presentation (text, hints) is left to `present/`.
 */
import type { Connection, LayerReport, LayerSite, ModelReport, Shape, Weight } from '../model';
import { appendAll, findInClass, modelBuilt, type InstanceObject, type LayerNode, type LayerObject, type ModelObject, type PyValue } from '../evaluate/values';
import { countWeights, memorySizes, type MemorySizes, type ParamCounts } from './count';
import type { AnalysisState } from './state';
import { RULES } from './rules';
import { heldLayers, OPAQUE } from './layers';

/**
 * A layer's weights as Keras' `layer.weights` lists them: its own, then those of the layers it holds, each
 * variable once (`Layer.weights` skips a variable it has seen, by identity). `seen` holds the layers already
 * walked, whose weights are already listed: a layer used directly and inside a nested model, or shared by two
 * nested models, adds nothing the second time. Null when unknown.
 */
export function layerWeights(layer: LayerObject, seen: Set<LayerObject> | null = null): readonly Weight[] | null {
  if (seen) {
    if (seen.has(layer)) return [];
    seen.add(layer);
  }
  if (layer.model) {
    // Made only where there are inner layers: a plain layer (nearly every row and site) needs none.
    seen ??= new Set([layer]);
    // A subclassed model's own variables (`self.add_weight` in its `build`) come first, as in `Layer.weights`.
    const weights: Weight[] = ownWeights(layer);
    // Each variable's own flag counts, as Keras flattens the variables of the layers inside: a model made with
    // `trainable=False` still holds trainable variables, which count as such in a model that uses it.
    for (const inner of modelLayers(layer.model)) {
      const w = layerWeights(inner, seen);
      if (w === null) return null;
      appendAll(weights, w);
    }
    return weights;
  }
  if (layer.instance) {
    // A user's Layer subclass owns the weights it adds and those of the layers it tracks (assigned to its
    // attributes), which keep their own flags: `trainable=False` given to its constructor freezes only the
    // variables it creates itself (`Layer._track_variable`), as for a model.
    seen ??= new Set([layer]);
    // A subclass of a Keras layer with weights that computes in its own way: what its base builds is not known.
    if (builtInBaseWeights(layer.instance.cls.kerasBase)) return null;
    const weights: Weight[] = ownWeights(layer);
    for (const inner of trackedLayers(layer.instance.attributes)) {
      const w = layerWeights(inner, seen);
      if (w === null) return null;
      appendAll(weights, w);
    }
    return weights;
  }
  // What stands for code not followed (a builder we do not know) may hold weights, built or not.
  if (layer.className === OPAQUE) return null;
  if (!layer.built) return [];
  if (!layer.built.weights) return null;
  const shared = sharedLayers(layer);
  if (shared) {
    // The very layers it wraps hold its weights, with their own flags: once each in a model that tracks them too.
    seen ??= new Set([layer]);
    const weights: Weight[] = [];
    for (const inner of shared) {
      const w = layerWeights(inner, seen);
      if (w === null) return null;
      appendAll(weights, w);
    }
    return weights;
  }
  // Built weights are never changed afterwards: shared as they are unless freezing changes them. A wrapper's
  // are its wrapped layers' variables, whose flags its constructor's `trainable=False` leaves as they are.
  if (layer.heldTrainable ?? layer.trainable) return layer.built.weights;
  return layer.built.weights.map(frozen);
}

/**
 * The variables a user's layer or model creates itself (`add_weight`, `keras.Variable`): `trainable=False`
 * given to its constructor freezes these, not those of the layers it holds (`Layer._track_variable`).
 */
function ownWeights(layer: LayerObject): Weight[] {
  const instance = layer.instance ?? (layer.model?.state.kind === 'subclassed' ? layer.model.state.instance : null);
  const own = instance?.weights ?? [];
  return layer.trainable ? [...own] : own.map(frozen);
}

/**
 * The layers whose weights are all of a wrapper's, when they are the objects it was given and it built them
 * (`LayerRule.sharesWrapped`); null for any other layer.
 */
function sharedLayers(layer: LayerObject): LayerObject[] | null {
  const rule = RULES.get(layer.className);
  if (!rule?.sharesWrapped) return null;
  const inner = heldLayers(rule, layer.args);
  return inner.length > 0 && inner.every((l) => !l.model && !l.instance && l.built !== null) ? inner : null;
}

function frozen(weight: Weight): Weight {
  const { name, shape } = weight;
  return weight.dtype === undefined ? { name, shape, trainable: false } : { name, shape, trainable: false, dtype: weight.dtype };
}

/** Whether a user class's Keras base is a layer class whose `build` makes weights (`layer:Dense`). */
function builtInBaseWeights(kerasBase: string | null): boolean {
  return kerasBase !== null && kerasBase.startsWith('layer:') && RULES.get(kerasBase.slice('layer:'.length))?.weights !== undefined;
}

/**
 * `layer.trainable = value`: Keras' setter, which sets the layers inside too, down to every variable. The
 * `trainable=` argument of a constructor sets only the layer's own flag (`Layer.__init__`).
 */
export function setTrainable(layer: LayerObject, value: boolean): void {
  for (const reached of setterReach(layer)) {
    reached.trainable = value;
    // Keras' setter sets the wrapped layers too.
    if (reached.heldTrainable !== undefined) reached.heldTrainable = value;
    reached.trainabilityUnknown = undefined;
  }
}

/** `layer.trainable = value` with a value not known statically (or code not followed that may set it). */
export function setTrainabilityUnknown(layer: LayerObject): void {
  for (const reached of setterReach(layer)) reached.trainabilityUnknown = true;
}

/** The layers the `trainable` setter of `layer` sets: the layer and, recursively, the layers inside it. */
export function setterReach(layer: LayerObject, seen: Set<LayerObject> = new Set()): Set<LayerObject> {
  if (seen.has(layer)) return seen;
  seen.add(layer);
  const inner = layer.model ? modelLayers(layer.model) : layer.instance ? trackedLayers(layer.instance.attributes) : sharedLayers(layer) ?? [];
  for (const sublayer of inner) setterReach(sublayer, seen);
  return seen;
}

/**
 * Whether the flags that split a layer's weights are all known: its own, and, for a trainable one, those of the
 * layers inside it (a model whose layers code not followed was handed has them unknown).
 */
function trainabilityKnown(layer: LayerObject, seen: Set<LayerObject> | null = null): boolean {
  if (layer.trainabilityUnknown) return false;
  // A layer known to be frozen has no trainable weights, whatever the flags inside. Most layers hold none.
  if (!layer.trainable || (!layer.model && !layer.instance)) return true;
  if (layer.model?.trainabilityUnknown) return false;
  const visited = seen ?? new Set<LayerObject>();
  if (visited.has(layer)) return true;
  visited.add(layer);
  const inner = layer.model ? modelLayers(layer.model) : trackedLayers((layer.instance as InstanceObject).attributes);
  for (const sublayer of inner) if (!trainabilityKnown(sublayer, visited)) return false;
  return true;
}

/** Whether a layer counts as built for the summary (`0 (unbuilt)` otherwise). */
function isBuilt(layer: LayerObject): boolean {
  if (layer.model) return modelBuilt(layer.model);
  return layer.built !== null;
}

/** The layers a model's summary lists, in order (Sequential and subclassed hide the InputLayer). */
export function modelLayers(model: ModelObject): LayerObject[] {
  const s = model.state;
  switch (s.kind) {
    case 'sequential':
      return s.entries.map((e) => e.layer);
    case 'functional':
      return [...s.operations];
    case 'subclassed':
      return trackedLayers(s.instance.attributes);
  }
}

/** Layers assigned to attributes of a subclassed model, in assignment order, lists included. */
export function trackedLayers(attributes: ReadonlyMap<string, PyValue>): LayerObject[] {
  const layers: LayerObject[] = [];
  const visit = (value: PyValue): void => {
    if (value.kind === 'layer' && !layers.includes(value.layer)) layers.push(value.layer);
    else if (value.kind === 'model' && !layers.includes(value.model.asLayer)) layers.push(value.model.asLayer);
    else if (value.kind === 'instance' && value.instance.layer && !layers.includes(value.instance.layer)) layers.push(value.instance.layer);
    else if (value.kind === 'list' || value.kind === 'tuple') value.items.forEach(visit);
  };
  attributes.forEach(visit);
  return layers;
}

/**
 * Keras' `format_layer_shape`: the outputs of the layer's last inbound node. A layer without one shows
 * `compute_output_shape` of the shapes its build was given (`_build_shapes_dict`): those `layer.build(shape)`
 * was called with, or, for a layer called only inside a subclassed model's `call`, those of its first call;
 * none for a layer built in `__init__`, and `?` for a user layer that does not define `compute_output_shape`
 * (Keras' raises NotImplementedError). A built Functional or Sequential model shows its own `output_shape`.
 */
function outputShapeOf(layer: LayerObject): Shape | readonly Shape[] | null {
  const node = lastGraphNode(layer);
  if (node) return nodeOutputShape(node);
  if (layer.model) return modelOutputShape(layer.model);
  if (layer.built?.outputShape !== undefined) return layer.built.outputShape;
  const first = layer.nodes[0];
  if (!first || RULES.get(layer.className)?.builtAtInit) return null;
  if (layer.instance && !findInClass(layer.instance.cls, (cls) => cls.methods.get('compute_output_shape'))) return null;
  return nodeOutputShape(first);
}

/** The last inbound node of a layer, leaving out those made inside a subclassed model's `call`. */
function lastGraphNode(layer: LayerObject): LayerNode | null {
  const nodes = layer.nodes;
  for (let i = nodes.length - 1; i >= 0; i--) if (!nodes[i].inCall) return nodes[i];
  return null;
}

/** `Functional.output_shape` and `Sequential.output_shape`: one shape, or a list for several outputs. */
export function modelOutputShape(model: ModelObject): Shape | readonly Shape[] | null {
  const s = model.state;
  const outputs = s.kind === 'functional' ? s.outputs : s.kind === 'sequential' && s.input ? s.outputs : [];
  const shapes = outputs.map((tensor) => tensor?.shape ?? null);
  if (shapes.length === 0 || shapes.some((shape) => shape === null)) return null;
  return shapes.length === 1 ? shapes[0] : (shapes as Shape[]);
}

/** A node's output shape (a list of them for a layer with several outputs), null when one is unknown. */
function nodeOutputShape(node: LayerNode): Shape | readonly Shape[] | null {
  // Most layers have one output: no list is made for it.
  if (node.outputs.length === 1) return node.outputs[0].shape;
  const shapes = node.outputs.map((t) => t.shape);
  if (shapes.some((s) => s === null)) return null;
  return node.multipleOutputs && shapes.length > 1 ? (shapes as Shape[]) : (shapes[0] as Shape);
}

function connectionsOf(layer: LayerObject, relevant: ReadonlySet<LayerNode>): Connection[] {
  const connections: Connection[] = [];
  for (const node of layer.nodes) {
    if (relevant.size > 0 && !relevant.has(node)) continue;
    for (const tensor of node.inputs) {
      if (!tensor.source) continue;
      connections.push({ layer: tensor.source.layer.name, nodeIndex: tensor.source.nodeIndex, tensorIndex: tensor.source.tensorIndex });
    }
  }
  return connections;
}

/**
 * Keras' `sequential_like` test of `print_summary` for functional models. A node's `input_tensors` are its
 * symbolic inputs only: a constant operand (`ops.matmul(x, ops.ones((8, 3)))`) is not one.
 */
function isSequentialLike(model: ModelObject): boolean {
  const s = model.state;
  if (s.kind !== 'functional') return true;
  const nodes = new Set<LayerNode>();
  for (const group of s.nodesByDepth) {
    if (group.length > 1 || (group.length === 1 && symbolicInputs(group[0]) > 1)) return false;
    group.forEach((n) => nodes.add(n));
  }
  for (const layer of s.operations) {
    if (layer.nodes.filter((n) => nodes.has(n)).length > 1) return false;
  }
  return true;
}

function symbolicInputs(node: LayerNode): number {
  let count = 0;
  for (const tensor of node.inputs) if (tensor.source) count++;
  return count;
}

/** `open`: code not followed was handed the model's layers (`model.layers`), so any of them may be frozen. */
function layerRow(layer: LayerObject, relevant: ReadonlySet<LayerNode> | null, open: boolean, buildUnknown: boolean): LayerReport {
  const weights = layerWeights(layer);
  const built = isBuilt(layer);
  const known = weights === null ? { params: null, trainable: null, nonTrainable: null } : countWeights(weights);
  // The row is the layer's own view (`layer.trainable_weights`): nothing of a frozen layer is trainable. Code we
  // could not follow may have frozen the layer or layers inside it: then how its weights split is unknown.
  const counts =
    open || !trainabilityKnown(layer)
      ? { ...known, trainable: null, nonTrainable: null }
      : layer.trainable
        ? known
        : { ...known, trainable: 0, nonTrainable: known.params };
  return {
    name: layer.name,
    className: layer.displayClass ?? layer.className,
    span: layer.span,
    outputShape: outputShapeOf(layer),
    ...(layer.model && !lastGraphNode(layer) ? { outputsAsTuple: true as const } : {}),
    built,
    trainable: layer.trainabilityUnknown ? null : layer.trainable,
    params: built ? counts.params : buildUnknown ? null : 0,
    trainableParams: built ? counts.trainable : buildUnknown ? null : 0,
    nonTrainableParams: built ? counts.nonTrainable : buildUnknown ? null : 0,
    weights: weights ?? [],
    ...(relevant ? { connectedTo: connectionsOf(layer, relevant) } : {}),
  };
}

/**
 * Keras' totals (`print_summary`): `model.trainable_weights` and `non_trainable_weights`, which flatten the
 * variables of every layer inside by each one's own flag and list each variable once, however many rows hold it.
 * A frozen model has no trainable weights at all (`Layer.trainable_weights` is empty when not trainable).
 */
function modelTotals(model: ModelObject, layers: readonly LayerObject[]): { readonly counts: ParamCounts; readonly bytes: MemorySizes } {
  const seen = new Set<LayerObject>([model.asLayer]);
  const weights: Weight[] = ownWeights(model.asLayer);
  // Code not followed may have set the model's flag, or the flags of layers inside (handed them by `model.layers`).
  let trainabilityUnknown = model.trainabilityUnknown;
  for (const layer of layers) {
    const w = layerWeights(layer, seen);
    if (w === null) return UNKNOWN_TOTALS;
    appendAll(weights, w);
    if (!trainabilityKnown(layer)) trainabilityUnknown = true;
  }
  const trainable = model.asLayer.trainable;
  const counts = countWeights(weights, trainable);
  const bytes = memorySizes(weights, trainable);
  if (!model.asLayer.trainabilityUnknown && (!trainabilityUnknown || !trainable)) return { counts, bytes };
  return { counts: { ...counts, trainable: null, nonTrainable: null }, bytes: { ...bytes, trainable: null, nonTrainable: null } };
}

const UNKNOWN_TOTALS = {
  counts: { params: null, trainable: null, nonTrainable: null },
  bytes: { total: null, trainable: null, nonTrainable: null },
} as const;

export function reportModel(model: ModelObject): ModelReport {
  const s = model.state;
  const relevant = s.kind === 'functional' ? nodesOf(s.nodesByDepth) : null;
  const inner = modelLayers(model);
  // A Sequential whose first layer is not known may or may not have been built from it.
  const buildUnknown = s.kind === 'sequential' && !s.input && s.entries[0]?.layer.className === OPAQUE;
  const layers = inner.map((layer) => layerRow(layer, relevant, model.trainabilityUnknown, buildUnknown));
  const totals = modelTotals(model, inner);
  return {
    variable: model.variable,
    name: model.name,
    className: model.className,
    // A `keras.Model` subclass given a graph by `super().__init__` is functional inside, and still the user's class.
    kind: s.kind === 'functional' && model.className !== 'Functional' ? 'subclassed' : s.kind,
    function: model.functionName,
    span: model.span,
    built: modelBuilt(model),
    layers,
    totalParams: totals.counts.params,
    trainableParams: totals.counts.trainable,
    nonTrainableParams: totals.counts.nonTrainable,
    totalBytes: totals.bytes.total,
    trainableBytes: totals.bytes.trainable,
    nonTrainableBytes: totals.bytes.nonTrainable,
    showConnections: !isSequentialLike(model),
  };
}

/** The nodes of a functional model's graph, as a set: by a loop, where `Array.prototype.flat` takes V8's slow generic path. */
function nodesOf(byDepth: readonly (readonly LayerNode[])[]): Set<LayerNode> {
  const nodes = new Set<LayerNode>();
  for (const group of byDepth) for (const node of group) nodes.add(node);
  return nodes;
}

function site(
  layer: LayerObject,
  node: LayerNode | null,
  span: LayerSite['span'],
  modelName: string | null,
  error: string | null,
  note: string | null,
): LayerSite {
  const outputShape = node ? nodeOutputShape(node) : null;
  const inputs = node ? node.inputs.map((t) => t.shape) : null;
  const weights = layerWeights(layer);
  return {
    span,
    calleeSpan: layer.calleeSpan,
    layerName: layer.name,
    className: layer.displayClass ?? layer.className,
    inputShapes: inputs && inputs.every((i) => i !== null) ? (inputs as Shape[]) : null,
    outputShape,
    params: node && isBuilt(layer) && weights ? countWeights(weights).params : null,
    weights: weights ?? [],
    trainable: layer.trainabilityUnknown ? null : layer.trainable,
    ...(error ? { error } : {}),
    ...(note ?? layer.assumption ? { note: note ?? layer.assumption ?? '' } : {}),
    modelName,
  };
}

/** Every place a layer is applied: Sequential entries (where added) and functional calls. */
export function collectSites(state: AnalysisState): LayerSite[] {
  const sites: LayerSite[] = [];
  for (const model of state.models) {
    if (model.state.kind !== 'sequential' || !model.inAnalysedFile) continue;
    for (const entry of model.state.entries) {
      if (entry.uncertain) continue;
      const note = model.state.input ? null : 'the model has no input shape yet (unbuilt)';
      sites.push(site(entry.layer, entry.node, entry.span, model.name, entry.error, note));
    }
  }
  for (const call of state.calls) sites.push(site(call.layer, call.node, call.span, call.modelName, call.error, call.note));
  return sites.sort((a, b) => a.span.start - b.span.start);
}
