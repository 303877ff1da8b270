/**
 * The mutable state of one analysis run that the engine threads through: Keras' global name counters,
 * the models and layer calls seen so far, and the issues found. Created fresh for every file.
 */
import type { Issue, Severity, Shape, Span } from '../model';
import type { InstanceObject, LayerNode, LayerObject, ModelObject, PyValue, TensorObject } from '../evaluate/values';
import type { RuleLookup } from './apply';
import { RULES_ONLY } from './rules';

/** A functional call of a layer in the source (`Dense(8)(x)`): what a hint is shown after. */
export interface CallSite {
  readonly span: Span;
  readonly layer: LayerObject;
  readonly node: LayerNode | null;
  readonly error: string | null;
  /** Why the result is unknown, when it is (for hovers). */
  readonly note: string | null;
  readonly modelName: string | null;
}

/**
 * What the engine needs from the interpreter without depending on it: running a nested model, and
 * running a `Lambda`'s Python function on symbolic shapes.
 */
export interface EngineHooks {
  /** The output shapes of a model called on `inputs`, or Keras' error when they do not fit it. */
  applyNestedModel(model: ModelObject, inputs: readonly TensorObject[]): { shapes: (Shape | null)[]; multiple: boolean; error?: string };
  /**
   * The output shapes of a Lambda's function called with `arguments` (Keras' `arguments=` dict): one, or
   * several when it returns a tuple or list of tensors; null when it cannot be followed.
   */
  runLambda(fn: PyValue, inputs: readonly Shape[], argumentsValue: PyValue | undefined): { shapes: Shape[]; multiple: boolean } | { error: string } | null;
  /** A Lambda's `output_shape=` function called on the input shape(s), as Keras' `compute_output_shape` calls it. */
  runShapeFunction(fn: PyValue, inputs: readonly Shape[]): { shapes: Shape[]; multiple: boolean } | null;
  /** A user layer or model applied by the engine (a Sequential's entry): its `call` run on the inputs. */
  applyInstance(instance: InstanceObject, inputs: readonly TensorObject[]): { shapes: (Shape | null)[]; multiple: boolean; error: string | null };
  /** A user's RNN cell built on one step, and a Sequential built by a wrapper: what rules ask the engine (`RuleLookup`). */
  userCell: NonNullable<RuleLookup['userCell']>;
  buildSequential: NonNullable<RuleLookup['buildSequential']>;
}

export interface AnalysisState {
  hooks: EngineHooks;
  /** The rules, and the user cells the hooks build, for layers applied in a call the engine follows. */
  readonly rules: RuleLookup;
  /**
   * The sibling module whose code is running (null: the analysed file itself). Positions inside a sibling
   * mean nothing in the analysed file, so what happens there is shown at `anchor`, the call that led there.
   */
  currentModule: string | null;
  anchor: Span | null;
  /**
   * Keras' configured image data format: layers whose `data_format` is None take it when made. The setting's, until
   * `keras.config.set_image_data_format` changes it; null once code not followed may have changed it.
   */
  imageDataFormat: ImageDataFormat | null;
  /** `keras.config.floatx()`; null when code not followed may have changed it. */
  floatx: string | null;
  /**
   * The global dtype policy's variable dtype (`infer/dtypes.ts`): undefined until set or first asked for,
   * null when not known statically.
   */
  dtypePolicy: string | null | undefined;
  readonly issues: Issue[];
  /** Keras' `object_name_uids`: how many objects of each snake-case prefix were named so far. */
  readonly uids: Map<string, number>;
  readonly models: ModelObject[];
  readonly calls: CallSite[];
  nextId: number;
  /** Layer classes already reported as having no rule, so the note appears once per class. */
  readonly reportedNoRule: Set<string>;
  /** Calls where Keras would have raised, and the calls fed by them: their layers stay unbuilt. */
  readonly failedNodes: WeakSet<LayerNode>;
  /**
   * Models called on something not known statically, which may have been a symbolic tensor: whether they were
   * ever called (for their `input` and `output`) is then not known.
   */
  readonly calledOnUnknown: WeakSet<LayerObject>;
  /**
   * True while a branch that may not run is tried out (`evaluate/branches.ts`): nothing it does may
   * outlive it, so every lasting effect throws `SandboxEscape` instead of happening.
   */
  sandboxed: boolean;
  /**
   * How many `call` methods of user layers and models are running: Keras runs them on its backend's
   * placeholders, so the operations inside (`x + y`, `ops.reshape`, masks) join no graph and take no names.
   */
  layerCalls: number;
  /**
   * Keras' name scope: the names of the layers and models whose build or call is running (`sequential/block`),
   * '' at the top. A variable made inside takes it as the start of its path, which Keras' errors show.
   */
  nameScope: string;
  /**
   * Name prefixes (`dense`) whose next numbers are not known, because code that may or may not have run
   * could have named objects with them; `*` stands for every prefix.
   */
  readonly uncertainPrefixes: Set<string>;
}

/** The path of `name` inside the name scope `scope` (Keras' `name_scope` joins them with '/'). */
export function scopedPath(scope: string, name: string): string {
  return scope === '' ? name : `${scope}/${name}`;
}

/** Thrown by an effect a sandboxed branch cannot undo; the branch is then not run at all. */
export class SandboxEscape extends Error {
  constructor() {
    super('a lasting effect in a branch that may not run');
  }
}

/**
 * The one escape thrown: a branch of unknown condition that builds layers escapes at its first one, in every
 * call of a builder, and capturing a stack trace each time cost more than running the branch.
 */
export const SANDBOX_ESCAPE = new SandboxEscape();

/** Called before any effect that outlives the statement running now (naming, creating, connecting). */
export function lastingEffect(state: AnalysisState): void {
  if (state.sandboxed) throw SANDBOX_ESCAPE;
}

export type ImageDataFormat = 'channels_last' | 'channels_first';

export function createState(hooks: EngineHooks, imageDataFormat: ImageDataFormat = 'channels_last'): AnalysisState {
  const rules: RuleLookup = { ...RULES_ONLY, userCell: hooks.userCell, buildSequential: hooks.buildSequential };
  return { hooks, rules, imageDataFormat, floatx: 'float32', dtypePolicy: undefined, currentModule: null, anchor: null, issues: [], uids: new Map(), models: [], calls: [], nextId: 1, reportedNoRule: new Set(), failedNodes: new WeakSet(), calledOnUnknown: new WeakSet(), sandboxed: false, layerCalls: 0, nameScope: '', uncertainPrefixes: new Set() };
}

/** A span of the analysed file: the span itself, or the call that led into the sibling module running now. */
export function localSpan(state: AnalysisState, span: Span): Span {
  return state.currentModule === null ? span : state.anchor ?? span;
}

/** The folder the bundled Keras Applications modules are keyed under (`extract/applications.ts`): no file of the user's can be in it. */
export const BUNDLED_APPLICATIONS = '<keras.applications>';

/** Whether the code running is a bundled Keras Applications builder's, not the user's. */
export function inBundledApplication(state: AnalysisState): boolean {
  return state.currentModule !== null && state.currentModule.startsWith(`${BUNDLED_APPLICATIONS}/`);
}

export function report(state: AnalysisState, severity: Severity, code: string, message: string, span: Span): void {
  if (state.currentModule === null) state.issues.push({ severity, code, message, span });
  else state.issues.push({ severity, code, message: `${message} (in ${state.currentModule}.py)`, span: localSpan(state, span) });
}

/** Records a layer call for hints, unless it happens in a sibling module. */
export function recordCall(state: AnalysisState, call: CallSite): void {
  if (state.currentModule === null) state.calls.push(call);
}

const snakeCases = new Map<string, string>();

/** Keras' `to_snake_case` (`keras/src/utils/naming.py`): `Conv2D` → `conv2d`, `PReLU` → `p_re_lu`. */
export function toSnakeCase(name: string): string {
  // Every layer's name goes through here: remember the few class names a program uses.
  let snake = snakeCases.get(name);
  if (snake === undefined) {
    snake = name
      .replace(/\W+/g, '')
      .replace(/(.)([A-Z][a-z]+)/g, '$1_$2')
      .replace(/([a-z])([A-Z])/g, '$1_$2')
      .toLowerCase();
    if (snakeCases.size < 10_000) snakeCases.set(name, snake);
  }
  return snake;
}

/**
 * Keras' `auto_name`: `dense`, then `dense_1`, `dense_2`, ... per prefix; `dense_?` once code that may or
 * may not have run could have taken a `dense` name.
 */
export function autoName(state: AnalysisState, className: string): string {
  lastingEffect(state);
  const prefix = toSnakeCase(className);
  const count = state.uids.get(prefix) ?? 0;
  state.uids.set(prefix, count + 1);
  return numberedName(state, prefix, count);
}

/** The name `autoName` would give next, without taking it: for an object Python never made. */
export function peekName(state: AnalysisState, className: string): string {
  const prefix = toSnakeCase(className);
  return numberedName(state, prefix, state.uids.get(prefix) ?? 0);
}

function numberedName(state: AnalysisState, prefix: string, count: number): string {
  if (state.uncertainPrefixes.size > 0 && (state.uncertainPrefixes.has(prefix) || state.uncertainPrefixes.has('*'))) return `${prefix}${UNCERTAIN_NUMBER}`;
  return count === 0 ? prefix : `${prefix}_${count}`;
}

/**
 * `keras.backend.clear_session()` (also `keras.utils.clear_session()`): Keras forgets its global state
 * (`GLOBAL_STATE_TRACKER`): every name it gave (`object_name_uids`), so the next Dense is `dense` again and
 * numbers that were unknown are known again, and the global dtype policy, which `floatx` (kept in the backend's
 * config) gives again.
 */
export function clearSession(state: AnalysisState): void {
  lastingEffect(state);
  state.uids.clear();
  state.uncertainPrefixes.clear();
  state.dtypePolicy = undefined;
}

const UNCERTAIN_NUMBER = '_?';

/** The name of a layer or model whose `name=` is not known statically. */
const UNKNOWN_NAME = '?';

/**
 * The name of the `Input` Keras makes for an intermediate tensor given as a model input (`clone_graph_nodes`):
 * the tensor's name with `CLONE` (`keras_tensor_1CLONE`). Tensor names are numbered by a counter of every
 * KerasTensor Keras makes, its hidden ones included (each rebuild of a Sequential model, the outputs of the
 * operations inside a nested model's `compute_output_spec`...): the number is not known here.
 */
export const CLONED_INPUT_NAME = 'keras_tensor_?CLONE';

/** Whether a name is unknown, or one whose number is: such names are not compared for uniqueness. */
export function isUncertainName(name: string): boolean {
  return name === UNKNOWN_NAME || name.endsWith(UNCERTAIN_NUMBER) || name === CLONED_INPUT_NAME;
}

/**
 * The name a `name=` argument gives, or null for Keras' automatic one (absent, or None). One not known
 * statically may be either: the name shows as unknown, and it takes the automatic number None would have
 * taken, which makes the numbers of later automatic names of its kind unknown too.
 */
export function nameArgument(state: AnalysisState, className: string, value: PyValue | undefined): string | null {
  if (value === undefined || value.kind === 'none') return null;
  if (value.kind === 'str') return value.value;
  autoName(state, className);
  state.uncertainPrefixes.add(toSnakeCase(className));
  return UNKNOWN_NAME;
}
