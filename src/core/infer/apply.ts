/**
 * Applies one layer rule to input shapes: checks Keras' input spec, computes the output shape(s) and the
 * weights `build` would create. Pure: it knows nothing of syntax, models or names beyond what it is given.
 * Parameter counting from weights lives in `count.ts`; graph bookkeeping in the interpreter.
 */
import type { Shape } from '../model';
import { formatShape, type BoundArgs, type LayerObject, type ModelObject } from '../evaluate/values';
import { layerWeights, modelOutputShape } from './report';
import { LayerArgs } from './args';
import { sameBeyondBatch, withBatchOf } from './dims';
import { rerunModel } from './rerun';
import { KerasError, UnknownArgument, type InputSpec, type LayerRule, type NestedResult, type RuleContext, type WeightSpec } from './rules/types';

export interface Application {
  readonly outputs: readonly Shape[];
  /** True when the rule produced a list of outputs (e.g. `return_state=True`), even a list of one. */
  readonly multipleOutputs: boolean;
  readonly weights: readonly WeightSpec[];
  /** The layers a wrapper applied inside it, each with the input it was given and what applying it gave. */
  readonly wrapped: readonly WrappedBuild[];
}

export interface WrappedBuild {
  readonly layer: LayerObject;
  readonly input: Shape;
  readonly result: NestedResult;
}

const NO_WRAPPED: readonly WrappedBuild[] = [];

/**
 * What applying a rule asks of its caller, so that this module stays free of the registry and the interpreter:
 * the rule of a wrapped layer's class, and a user's own RNN cell built on one step.
 */
export interface RuleLookup {
  rule(className: string): LayerRule | undefined;
  /**
   * A cell of the user's own class (`RNN(MinimalRNNCell(32))`): Keras' `RNN.build` builds it on one step, and
   * `compute_output_shape` reads its `state_size` and `output_size`. Outputs are the cell's output, then one per
   * state, as the built-in cells give them. Absent where no interpreter runs: the cell is then unknown.
   */
  userCell?(cell: LayerObject, step: Shape): NestedResult;
  /** A Sequential model not built yet, built on `input` by the wrapper that holds it; Keras' error, or null. */
  buildSequential?(model: ModelObject, input: Shape): string | null;
}

/**
 * How a layer is applied. `called`: called on tensors, Keras checks its input spec, then builds it. `wrapped`:
 * built and shaped by a wrapper (TimeDistributed, Bidirectional), without its input spec
 * (`LayerRule.shapesAnyRank`). `rerun`: built already, in a model called on other shapes, where Keras asks only
 * its `compute_output_shape` (`Function._run_through_graph` with `compute_output_spec`): no input spec, no
 * check its `build` makes (`RuleContext.rerun`).
 */
export type ApplicationMode = 'called' | 'wrapped' | 'rerun';

export function isShapeList(value: Shape | readonly Shape[]): value is readonly Shape[] {
  return value.length > 0 && Array.isArray(value[0]);
}

const NO_SHAPES: readonly Shape[] = [];

/** The default call keywords, shared: a nested layer is applied without any. */
const NO_CALL_KEYWORDS: BoundArgs = new Map();

export function inputSpecOf(rule: LayerRule, args: LayerArgs): InputSpec | undefined {
  return typeof rule.inputSpec === 'function' ? rule.inputSpec(args) : rule.inputSpec;
}

/** Keras' `assert_input_compatibility` for rank constraints, with its message. */
export function checkInputSpec(spec: InputSpec | undefined, shapes: readonly Shape[], layerName: string): void {
  if (!spec) return;
  for (let index = 0; index < shapes.length; index++) {
    const rank = shapes[index].length;
    if (spec.ndim !== undefined && rank !== spec.ndim) incompatible(index, layerName, `ndim=${spec.ndim}`, shapes[index]);
    if (spec.minNdim !== undefined && rank < spec.minNdim) incompatible(index, layerName, `min_ndim=${spec.minNdim}`, shapes[index]);
  }
}

export function fitsInputSpec(spec: InputSpec | undefined, shape: Shape): boolean {
  return !spec || ((spec.ndim === undefined || shape.length === spec.ndim) && (spec.minNdim === undefined || shape.length >= spec.minNdim));
}

/**
 * The message is built only here: the check runs for every layer applied. A layer's `InputSpec` has no name,
 * which Keras prints as 'None'.
 */
function incompatible(index: number, layerName: string, expected: string, shape: Shape): never {
  throw new KerasError(
    `Input ${index} with name 'None' of layer '${layerName}' is incompatible with the layer: expected ${expected}, found ndim=${shape.length}. Full shape received: ${formatShape(shape)}`,
  );
}

/**
 * Runs `rule` for a layer with `args` on `inputs`. Throws `KerasError` where Keras raises and
 * `UnknownArgument` where an argument we need is not statically known.
 */
export function applyRule(
  rule: LayerRule,
  args: BoundArgs,
  inputs: readonly Shape[],
  layerName: string,
  lookup: RuleLookup,
  callKeywords: BoundArgs = NO_CALL_KEYWORDS,
  variablePath: string = layerName,
  mode: ApplicationMode = 'called',
): Application {
  const layerArgs = new LayerArgs(args, rule.className);
  if (inputs.length === 0) throw new KerasError(`Layer '${layerName}' was called without inputs.`);
  // A layer with an input spec checks how many tensors it got (`assert_input_compatibility`).
  if (rule.inputSpec && (rule.call ?? 'single') === 'single' && inputs.length > 1) {
    throw new KerasError(`Layer "${layerName}" expects 1 input(s), but it received ${inputs.length} input tensors.`);
  }
  if (mode === 'called') checkInputSpec(inputSpecOf(rule, layerArgs), rule.call === 'list' ? NO_SHAPES : inputs.length === 1 ? inputs : inputs.slice(0, 1), layerName);
  const context = new ApplicationContext(inputs, layerArgs, layerName, variablePath, lookup, callKeywords, rule.className, mode === 'rerun');
  const result = rule.outputShape(context);
  const weights = rule.weights ? rule.weights(context) : [];
  const wrapped = context.wrapped ?? NO_WRAPPED;
  return isShapeList(result)
    ? { outputs: result, multipleOutputs: true, weights, wrapped }
    : { outputs: [result], multipleOutputs: false, weights, wrapped };
}

/** What a rule is given: a class, so that applying a layer (thousands per analysis) makes no closures. */
class ApplicationContext implements RuleContext {
  readonly input: Shape;
  private call: LayerArgs | undefined;
  /** What `nested` and `nestedLayer` applied, made on the first (few layers wrap others). */
  wrapped: WrappedBuild[] | undefined;

  constructor(
    readonly inputs: readonly Shape[],
    readonly args: LayerArgs,
    readonly layerName: string,
    readonly variablePath: string,
    private readonly lookup: RuleLookup,
    private readonly callKeywords: BoundArgs,
    private readonly className: string,
    readonly rerun: boolean,
  ) {
    this.input = inputs[0];
  }

  /** Made when a rule asks: few read the call's own keywords. */
  get callArgs(): LayerArgs {
    return (this.call ??= new LayerArgs(this.callKeywords, this.className));
  }

  // Functions handed out on request (rules destructure them: `({ input, nested }) => ...`), so only the
  // wrappers and stacked cells that ask make one.
  get nested(): RuleContext['nested'] {
    return (argName, input, pathName) => {
      const inner = this.args.layer(argName);
      return this.applied(inner, input, applyNested(inner, input, this.lookup, `${this.variablePath}/${pathName ?? inner.name}`, true));
    };
  }

  get nestedLayer(): RuleContext['nestedLayer'] {
    return (layer, input) => this.applied(layer, input, applyNested(layer, input, this.lookup, `${this.variablePath}/${layer.name}`, false));
  }

  private applied(layer: LayerObject, input: Shape, result: NestedResult): NestedResult {
    (this.wrapped ??= []).push({ layer, input, result });
    return result;
  }
}

/**
 * A layer applied by another: `wrapped` by TimeDistributed or Bidirectional, which build and shape it without
 * its input spec (`LayerRule.shapesAnyRank`), or called by a Pipeline or an RNN of stacked cells, which checks it.
 */
function applyNested(inner: LayerObject, input: Shape, lookup: RuleLookup, variablePath: string, wrapped: boolean): NestedResult {
  if (inner.model) {
    const s = inner.model.state;
    if (s.kind === 'sequential' && !s.input && lookup.buildSequential) {
      const error = lookup.buildSequential(inner.model, input);
      if (error) throw new KerasError(error);
    }
    return nestedModel(inner.model, input);
  }
  if (inner.instance && !wrapped && lookup.userCell) return lookup.userCell(inner, input);
  const rule = lookup.rule(inner.className);
  if (!rule) throw new UnknownArgument('layer', `${inner.className} (no rule)`);
  if (wrapped && !rule.shapesAnyRank && !fitsInputSpec(inputSpecOf(rule, new LayerArgs(inner.args, rule.className)), input)) {
    throw new UnknownArgument('layer', `${inner.className} wrapped, on ${formatShape(input)}`);
  }
  const applied = applyRule(rule, inner.args, [input], inner.name, lookup, NO_CALL_KEYWORDS, variablePath, wrapped ? 'wrapped' : 'called');
  // The wrapped layer's weights are of its own dtype policy, not the wrapper's.
  const weights = applied.weights.map((w) => (w.dtype !== undefined ? w : { ...w, dtype: inner.variableDtype }));
  return { className: inner.className, outputs: applied.outputs, weights };
}

/**
 * A model wrapped by another layer (`TimeDistributed(frame_cnn)`): Keras computes its output for the input it
 * is given by running its graph (`Function.compute_output_shape`). Its outputs are known here for the input
 * it was built on, with any batch size; for another input its graph runs again (`rerun.ts`), and where that
 * cannot be redone they are not known. Its weights are its layers'.
 */
function nestedModel(model: ModelObject, input: Shape): NestedResult {
  const s = model.state;
  const inputs = s.kind === 'functional' ? s.inputs : s.kind === 'sequential' && s.input ? [s.input] : [];
  const built = inputs.length === 1 ? inputs[0].shape : null;
  const output = built === null ? null : sameBeyondBatch(built, input) ? builtOutput(model, input) : rerunOutput(model, input);
  const weights = layerWeights(model.asLayer);
  if (!output || !weights) throw new UnknownArgument('layer', `${model.name} on ${formatShape(input)}`);
  return { className: model.className, outputs: [output], weights };
}

/** The single output the model was built with, on the batch of `input`. */
function builtOutput(model: ModelObject, input: Shape): Shape | null {
  const output = modelOutputShape(model);
  return output && !isShapeList(output) ? withBatchOf(output, input) : null;
}

/** The single output of the model's graph run again on `input`; Keras' error where that raises. */
function rerunOutput(model: ModelObject, input: Shape): Shape | null {
  const rerun = rerunModel(model, [input]);
  if (rerun && 'error' in rerun) throw new KerasError(rerun.error);
  return rerun && rerun.shapes.length === 1 ? rerun.shapes[0] : null;
}
