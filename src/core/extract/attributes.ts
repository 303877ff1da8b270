/**
 * Attribute access on values: Keras modules (`layers.Dense`), sibling modules, tensors (`x.shape`),
 * layers (`layer.output`), models (`model.layers`), instances, and unresolved objects whose attribute
 * can only be Keras' (`layers.Conv2D` where `layers` is bound at run time). Calls are `kerasCalls.ts`.
 */
import type { Shape, Weight } from '../model';
import type { SyntaxNode } from '../syntax/tree';
import { raise, sourceLabel, type Context } from '../evaluate/context';
import { loadModule, namespaceValue } from '../evaluate/modules';
import { callMethod, findMethod } from '../evaluate/statements';
import { boundMethod, findInClass, layerOf, type ClassObject } from '../evaluate/values';
import { raisedValue, shapeValue, unknown, type LayerObject, type ModelObject, type PyValue, type TensorObject } from '../evaluate/values';
import { missingMember, moduleMember } from './imports';
import { unresolvedKerasName } from './kerasApi';
import { layersHidden } from './applications';
import { tensorValue } from './tensors';
import { layerValue } from './kerasCalls';
import { typeOf } from '../evaluate/builtins';
import { nameOf } from './kerasClasses';
import { readingTrainable } from '../evaluate/trainable';
import { modelLayers } from '../infer/report';
import { OPAQUE } from '../infer/layers';
import { RULES } from '../infer/rules';

export function attributeOf(ctx: Context, value: PyValue, name: string, node: SyntaxNode): PyValue {
  // Every object's class, and every class's name: `layer.__class__.__name__`.
  if (name === '__class__' && value.kind !== 'unknown') return typeOf(value) ?? unknown(sourceLabel(node));
  if (name === '__name__' && CLASS_LIKE.has(value.kind)) {
    const className = nameOf(value);
    return className === null ? unknown(sourceLabel(node)) : { kind: 'str', value: className };
  }
  const layer = name === 'trainable' ? layerOf(value) : null;
  if (layer) {
    readingTrainable(ctx);
    return layer.trainabilityUnknown ? unknown(sourceLabel(node)) : { kind: 'bool', value: layer.trainable };
  }
  switch (value.kind) {
    case 'module':
      return missingMember(ctx, value, name, node, false) ? raisedValue(sourceLabel(node)) : moduleMember(ctx, value, name);
    case 'namespace':
      return value.scope.names.get(name) ?? namespaceMember(ctx, value.name, name) ?? unknown(sourceLabel(node));
    case 'tensor':
      return tensorAttribute(value.tensor, name, node);
    case 'layer':
      // A layer of the user's (as `model.layers` and `get_layer` give it) has the attributes its instance was given.
      if (value.layer.instance) return attributeOf(ctx, { kind: 'instance', instance: value.layer.instance }, name, node);
      return removedAttribute(ctx, value.layer.displayClass ?? value.layer.className, name, !value.layer.model, node) ?? layerAttribute(value.layer, name, value, node);
    case 'model':
      if (value.model.state.kind === 'sequential' && (name === 'input' || name === 'output')) return sequentialEnd(ctx, value.model, name, node);
      return removedAttribute(ctx, value.model.className, name, false, node) ?? modelAttribute(ctx, value.model, name, value, node);
    case 'instance': {
      const set = value.instance.attributes.get(name);
      if (set) return set;
      // An `__init__` not followed may have set it: the class attribute of the same name would be a guess.
      if (value.instance.attributesUnknown && !findMethod(value.instance.cls, name)) return unknown(sourceLabel(node));
      const own = classAttribute(value.instance.cls, name);
      if (own) return own;
      const method = findMethod(value.instance.cls, name);
      if (method) {
        if (method.binding) return boundMethod(method, value.instance.cls, value);
        if (!hasProperty(value.instance.cls, name)) return { kind: 'method', self: value, name };
        const noArguments = { positional: [], firstNode: null, keywords: new Map(), keywordSpans: new Map() };
        return callMethod(ctx, value.instance, name, noArguments, node) ?? unknown(sourceLabel(node));
      }
      const removed = value.instance.layer && removedAttribute(ctx, value.instance.cls.name, name, !value.instance.model, node);
      if (removed) return removed;
      if (value.instance.model) return modelAttribute(ctx, value.instance.model, name, value, node);
      // Keras' own attributes of a layer of the user's: its name, its output...; a method stays the instance's.
      if (value.instance.layer) return layerAttribute(value.instance.layer, name, value, node);
      return unknown(sourceLabel(node));
    }
    case 'class': {
      const method = findMethod(value.cls, name);
      return classAttribute(value.cls, name) ?? (method ? boundMethod(method, value.cls, null) : unknown(sourceLabel(node)));
    }
    case 'unknown':
      // Python went no further than what raised.
      if (value.raised) return value;
      return assumedKerasAttribute(value, name) ?? unknown(sourceLabel(node));
    case 'none':
      return assumedKerasAttribute(value, name) ?? unknown(sourceLabel(node));
    case 'list':
    case 'dict':
    case 'set':
    case 'str':
      return { kind: 'method', self: value, name };
    default:
      return unknown(sourceLabel(node));
  }
}

/**
 * Keras 2's attributes of layers and models that Keras 3 no longer has (`layer.output_shape`, `get_output_at`):
 * Python's AttributeError. A model keeps `input_shape` and `output_shape`.
 */
const REMOVED_ATTRIBUTES: ReadonlySet<string> = new Set([
  'get_input_at', 'get_input_mask_at', 'get_input_shape_at', 'get_losses_for', 'get_output_at', 'get_output_mask_at',
  'get_output_shape_at', 'get_updates_for', 'inbound_nodes', 'input_mask', 'outbound_nodes', 'output_mask', 'state_updates', 'updates',
]);
const REMOVED_LAYER_ATTRIBUTES: ReadonlySet<string> = new Set(['input_shape', 'output_shape']);

/** The AttributeError of a removed attribute (raised to an enclosing `try`, else reported), or null. */
function removedAttribute(ctx: Context, className: string, name: string, isLayer: boolean, node: SyntaxNode): PyValue | null {
  if (!REMOVED_ATTRIBUTES.has(name) && !(isLayer && REMOVED_LAYER_ATTRIBUTES.has(name))) return null;
  raise(ctx, 'AttributeError', 'no-such-name', `'${className}' object has no attribute '${name}'`, node);
  return raisedValue(sourceLabel(node));
}

/**
 * The methods of Keras' layers and models the interpreter calls (`kerasCalls.ts`). Any other attribute (`units`,
 * `activation`, `fit`) is unknown: a stand-in for a method would be truthy and unequal to any number, which
 * `if layer.use_bias:` or `layer.units == 64` would take for Python's answer.
 */
const LAYER_METHODS: ReadonlySet<string> = new Set(['__call__', 'build', 'compute_output_shape', 'count_params', 'add_weight', 'enable_lora']);
const MODEL_METHODS: ReadonlySet<string> = new Set(['__call__', 'add', 'pop', 'build', 'get_layer', 'compute_output_shape', 'add_weight', 'quantize', 'compile']);

/** The values whose `__name__` is their class's or function's name. */
const CLASS_LIKE: ReadonlySet<PyValue['kind']> = new Set(['keras', 'class', 'builtin', 'function']);

/**
 * Code that binds Keras modules at run time (`layers = None`, then `get_submodules_from_kwargs(kwargs)`)
 * uses `layers.Conv2D`, `backend.int_shape`...: where the object is unknown and the name is unmistakably
 * Keras', take it as Keras' and remember that it was an assumption.
 */
function assumedKerasAttribute(object: PyValue, name: string): PyValue | null {
  const callable = unresolvedKerasName(name);
  if (!callable) return null;
  const owner = object.kind === 'unknown' ? `\`${object.label}\`` : 'this module';
  return { kind: 'keras', name: callable, assumed: `${owner} is not known statically; \`${name}\` is taken to be Keras' own.` };
}

/** `package.submodule` where the package's `__init__` does not bind it: the sibling module itself. */
function namespaceMember(ctx: Context, key: string, name: string): PyValue | null {
  if (!key.endsWith('__init__')) return null;
  const subKey = [...key.split('/').slice(0, -1), name].join('/');
  const scope = loadModule(ctx, subKey);
  return scope ? namespaceValue(subKey, scope) : null;
}

function classAttribute(cls: ClassObject, name: string): PyValue | undefined {
  return findInClass(cls, (c) => c.attributes.get(name));
}

function hasProperty(cls: ClassObject, name: string): boolean {
  return findInClass(cls, (c) => (c.properties.has(name) ? true : undefined)) ?? false;
}

function tensorAttribute(tensor: TensorObject, name: string, node: SyntaxNode): PyValue {
  if (name === 'shape') {
    if (!tensor.shape) return unknown(sourceLabel(node));
    return shapeValue(tensor.shape);
  }
  if (name === 'ndim') return tensor.shape ? { kind: 'int', value: tensor.shape.length } : unknown(sourceLabel(node));
  if (name === 'name' && tensor.source) return { kind: 'str', value: tensor.source.layer.name };
  return unknown(sourceLabel(node));
}

function layerAttribute(layer: LayerObject, name: string, self: PyValue, node: SyntaxNode): PyValue {
  switch (name) {
    case 'name':
      return { kind: 'str', value: layer.name };
    case 'output':
    case 'input':
      return firstCallTensors(layer, name) ?? unknown(sourceLabel(node));
    default: {
      if (LAYER_METHODS.has(name)) return { kind: 'method', self, name };
      const weight = ownWeight(layer, name);
      return weight ? tensorValue({ shape: weight.shape, source: null }) : unknown(sourceLabel(node));
    }
  }
}

/**
 * A built layer's own variable by its attribute name (`embedding.embeddings`, `dense.kernel`), read as a tensor of
 * its shape (tied weights: `ops.matmul(x, ops.transpose(self.embedding.embeddings))`). Not a recurrent layer's,
 * whose variables are its cell's attributes.
 */
function ownWeight(layer: LayerObject, name: string): Weight | null {
  if (layer.model || layer.instance || !layer.built?.weights || RULES.get(layer.className)?.family === 'recurrent') return null;
  return layer.built.weights.find((weight) => weight.name === name) ?? null;
}

/** `layer.input` / `layer.output`: the tensors of its first call (Keras' node 0), null when it has none. */
function firstCallTensors(layer: LayerObject, name: 'input' | 'output'): PyValue | null {
  const first = layer.nodes[0];
  if (!first) return null;
  const tensors = name === 'output' ? first.outputs : first.inputs;
  return tensors.length === 1 ? tensorValue(tensors[0]) : { kind: 'list', items: tensors.map(tensorValue) };
}

/**
 * A Sequential model's `input` and `output` are Layer's (keras/src/ops/operation.py): the tensors of its first
 * call, and an AttributeError while it was never called, even when it was built from an `Input` (its own
 * tensors are `inputs` and `outputs`). Unknown when it was called on something not known statically.
 */
function sequentialEnd(ctx: Context, model: ModelObject, name: 'input' | 'output', node: SyntaxNode): PyValue {
  const tensors = firstCallTensors(model.asLayer, name);
  if (tensors) return tensors;
  if (!ctx.state.calledOnUnknown.has(model.asLayer)) {
    raise(ctx, 'AttributeError', 'never-called', `The layer ${model.name} has never been called and thus has no defined ${name}.`, node);
    return raisedValue(sourceLabel(node));
  }
  return unknown(sourceLabel(node));
}

function modelAttribute(ctx: Context, model: ModelObject, name: string, self: PyValue, node: SyntaxNode): PyValue {
  const s = model.state;
  switch (name) {
    case 'name':
      return { kind: 'str', value: model.name };
    case 'layers': {
      if (layersHidden(ctx.state, model)) {
        model.trainabilityUnknown = true;
        return unknown(sourceLabel(node));
      }
      // Keras' `Model.layers` leaves out the operations of the graph (`x + y` is an `Add` row, not a layer). A row
      // we cannot see into may be a layer, several operations or both: then which layers there are is unknown.
      const layers = modelLayers(model).filter((l) => !l.operation);
      if (layers.some((l) => l.className === OPAQUE)) {
        model.trainabilityUnknown = true;
        return unknown(sourceLabel(node));
      }
      return { kind: 'list', items: layers.map(layerValue) };
    }
    case 'output':
    case 'outputs':
    case 'input':
    case 'inputs': {
      const tensors =
        s.kind === 'functional'
          ? name.startsWith('output')
            ? s.outputs
            : s.inputs
          : s.kind === 'sequential'
            ? name.startsWith('output')
              ? s.outputs
              : [s.input].filter((t): t is TensorObject => t !== null)
            : [];
      if (tensors.length === 0) return unknown(sourceLabel(node));
      if (name.endsWith('s')) return { kind: 'list', items: tensors.map(tensorValue) };
      return tensors.length === 1 ? tensorValue(tensors[0]) : { kind: 'list', items: tensors.map(tensorValue) };
    }
    case 'output_shape': {
      // `Functional.output_shape`: its outputs' shapes, a list of them for several.
      const shapes = s.kind === 'functional' || s.kind === 'sequential' ? s.outputs.map((tensor) => tensor.shape) : [];
      if (shapes.length === 0 || shapes.some((shape) => shape === null)) return unknown(sourceLabel(node));
      const tuples = (shapes as Shape[]).map(shapeValue);
      return tuples.length === 1 ? tuples[0] : { kind: 'list', items: tuples };
    }
    default:
      if (SEQUENTIAL_ONLY.has(name) && s.kind === 'functional' && model.className === 'Functional') {
        raise(ctx, 'AttributeError', 'no-such-name', `'Functional' object has no attribute '${name}'`, node);
        return raisedValue(sourceLabel(node));
      }
      return MODEL_METHODS.has(name) ? { kind: 'method', self, name } : unknown(sourceLabel(node));
  }
}

/** Methods of Sequential that a functional model does not have (`model.add` on `keras.Model(inputs, outputs)`). */
const SEQUENTIAL_ONLY: ReadonlySet<string> = new Set(['add', 'pop']);
