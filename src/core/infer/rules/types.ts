/**
 * The shape of one layer rule: everything the engine needs to know about a Keras layer class, as data.
 * Rules are pure functions of their inputs; the engine (`../apply.ts`) checks input ranks, turns weight
 * shapes into parameter counts, names layers and reports errors. A rule never reaches outside its context.
 */
import type { Shape } from '../../model';
import type { LayerObject } from '../../evaluate/values';
import type { LayerArgs } from '../args';

/** Keras' own grouping of layers (`keras/src/layers/<family>/`), used for the README's catalogue. */
export type Family =
  | 'core'
  | 'convolutional'
  | 'pooling'
  | 'recurrent'
  | 'attention'
  | 'normalization'
  | 'regularization'
  | 'reshaping'
  | 'merging'
  | 'activations'
  | 'preprocessing';

/**
 * A constructor parameter in Keras' positional order. A rule lists them all, as its class's `__init__` has them
 * (test/unit/signatures.test.ts checks them against Keras'): a keyword that is not one of them is an error.
 */
export interface Param {
  readonly name: string;
  /** Python source of the default, e.g. `'valid'`, `1`, `None`, `True`. Absent: required. */
  readonly default?: string;
}

export interface WeightSpec {
  readonly name: string;
  readonly shape: Shape;
  /** Defaults to true. Moving statistics and the like are not trainable. */
  readonly trainable?: boolean;
  /** Defaults to the layer's variable dtype (its dtype policy's); null when not known statically. */
  readonly dtype?: string | null;
}

/** What Keras' `InputSpec` checks before `build`: rank constraints, with Keras' own error message. */
export interface InputSpec {
  readonly ndim?: number;
  readonly minNdim?: number;
}

export interface RuleContext {
  /** The first (for most layers the only) input shape, batch axis included. */
  readonly input: Shape;
  /** All input shapes: merge layers and attention receive several. */
  readonly inputs: readonly Shape[];
  readonly args: LayerArgs;
  /** The layer's name, as Keras' messages give it. */
  readonly layerName: string;
  /**
   * Where Keras puts the layer's variables, which its errors name (`variable path='sequential/dense/kernel'`):
   * the names of the layers and models whose build or call is running around it, then its own.
   */
  readonly variablePath: string;
  /**
   * Keyword arguments of the call itself, e.g. `return_attention_scores=True` or `reverse=True`; an absent
   * one reads as `None`. Tensor arguments are in `inputs`, not here.
   */
  readonly callArgs: LayerArgs;
  /**
   * Set when the layer is built already and Keras only asks its `compute_output_shape` (a model called on other
   * shapes runs its graph that way): checks that Keras makes in `build` do not run then.
   */
  readonly rerun: boolean;
  /**
   * Applies a wrapped layer (`TimeDistributed`, `Bidirectional`) given as argument `argName`; `pathName` is
   * the name its variables take in the wrapper's path when Keras renames its copy (`forward_lstm`).
   */
  nested(argName: string, input: Shape, pathName?: string): NestedResult;
  /** Applies a layer taken from a list argument, e.g. each cell of `RNN([cell_1, cell_2])`. */
  nestedLayer(layer: LayerObject, input: Shape): NestedResult;
}

export interface NestedResult {
  readonly className: string;
  readonly outputs: readonly Shape[];
  readonly weights: readonly WeightSpec[];
}

export interface LayerRule {
  readonly className: string;
  readonly family: Family;
  /** `__init__` parameters in positional order (the ones after `self`). */
  readonly params: readonly Param[];
  /**
   * Keywords `__init__` takes through `**kwargs` besides `Layer.__init__`'s: its base classes' parameters
   * (Conv2D hands `lora_rank` on to BaseConv) and legacy ones it reads itself (LeakyReLU's `alpha`). Any other
   * keyword not in `params` is Keras' "Unrecognized keyword arguments" error.
   */
  readonly moreKeywords?: readonly string[];
  /** Set when `__init__` has no `**kwargs` (SpatialDropout1D): even `Layer`'s keywords are refused, by Python. */
  readonly noKwargs?: true;
  /** `list`: called on a list of tensors (merging layers). `multi`: called with several tensor arguments (attention). */
  readonly call?: 'single' | 'list' | 'multi';
  /** For a `list` rule: Keras' error when it is called on one tensor rather than a list (its `build` refuses the shape). */
  readonly singleTensor?: (shape: Shape) => string;
  /**
   * Set for an RNN cell, whose rule lists its outputs flat, `[output, ...new_states]`, while its `call` returns
   * `(output, new_states)`: `list` where the new states are always a list (LSTMCell's `[h, c]`), `as-given` where
   * they take the form of the states it was called with, a list or one tensor (GRUCell, SimpleRNNCell).
   */
  readonly cellStates?: 'list' | 'as-given';
  /** Names of the tensor arguments for `multi` rules, in positional order (`query`, `value`, `key`). */
  readonly tensorArgs?: readonly string[];
  /** The lower-case function form, e.g. `concatenate` for `Concatenate`, taking the inputs list first. */
  readonly functionForm?: string;
  /**
   * The function form's own parameters after `inputs`, where they differ from the class's:
   * `dot(inputs, axes=-1)` defaults `axes` although `Dot(axes)` requires it. Absent: the class's `params`.
   */
  readonly functionParams?: readonly Param[];
  readonly inputSpec?: InputSpec | ((args: LayerArgs) => InputSpec);
  /**
   * Set when `outputShape` raises what Keras raises on an input of any rank. A wrapper (`TimeDistributed`) builds
   * and shapes its layer without the layer's input spec, so that on a rank the spec refuses Keras computes or
   * raises what `compute_output_shape` does ("Kernel shape must have the same length as input"): a wrapped
   * layer without this flag is then an honest unknown, never an error Keras would not raise.
   */
  readonly shapesAnyRank?: true;
  /**
   * The checks of the class's own `__init__`, in Keras' order: throw `KerasError` where the constructor raises.
   * The error is reported where the layer is made, called or not, and the layer is then never applied.
   */
  readonly init?: (args: LayerArgs) => void;
  /** Output shape(s), batch axis included. Throw `KerasError` with Keras' message when Keras would raise. */
  readonly outputShape: (ctx: RuleContext) => Shape | readonly Shape[];
  /**
   * Arguments holding the layers whose variables this one holds rather than its own (Keras' `Wrapper`s and RNN's
   * cell): their flags, and the `trainable` setter, decide whether those are trainable; `trainable=False` given
   * to this layer's constructor freezes only its own row (`LayerObject.heldTrainable`).
   */
  readonly wraps?: readonly string[];
  /**
   * Set where the wrapped layers are the very objects given (TimeDistributed's layer, RNN's cells), not copies
   * (Bidirectional's), and hold every weight: building this one builds them, and a model that also tracks them
   * (a subclassed model's `self.cell` beside `self.rnn = RNN(self.cell)`) counts their weights once.
   */
  readonly sharesWrapped?: true;
  /**
   * The axis whose size `build` writes into the layer's input spec (Dense's last, a convolution's channels): a
   * later call with another size there is Keras' input-spec error. A layer without one (LSTM, LayerNormalization,
   * MultiHeadAttention...) takes another size on a later call, and keeps the weights of its first.
   */
  readonly specAxis?: (args: LayerArgs) => number;
  /** The weights `build` creates, in Keras' order. Absent: the layer has none. */
  readonly weights?: (ctx: RuleContext) => readonly WeightSpec[];
  /** One paragraph for hovers: the rule in words (what changes, what the weights are). */
  readonly explain: string;
  /**
   * Layers Keras creates inside this one without a name, so that they take the next automatic names of their
   * classes: when it is constructed (`init`) or first built (`build`). A later `Dropout()` after a built
   * `MultiHeadAttention` is `dropout_1`. Which layers a constructor builds may depend on its arguments.
   */
  readonly sublayers?: { readonly init?: readonly string[] | ConstructedSublayers; readonly build?: readonly string[] };
  /**
   * Keras builds it in `__init__` (`Layer._build_at_init`, or `self.built = True` for Reshape): in a model not
   * built yet, its row is `0`, not `0 (unbuilt)`.
   */
  readonly builtAtInit?: true;
}

/**
 * The layers a constructor builds, from its arguments and whether it was given a `name=` (which some hand on
 * to what they build, which then takes no automatic name); `named` is null when that is not known statically.
 * `maybe` lists the classes it may or may not build, as an argument that decides is not known statically: their
 * later automatic numbers are unknown.
 */
export type ConstructedSublayers = (args: LayerArgs, named: boolean | null) => { readonly built: readonly string[]; readonly maybe?: readonly string[] };

/** Raised by a rule where Keras raises: the message is shown to the user as an error. */
export class KerasError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'KerasError';
  }
}

/**
 * Keras' message for an error raised inside a layer's `call` while it runs on symbolic inputs
 * (`Operation.compute_output_spec`): a user layer's own code, or the layers a `Pipeline` calls. Keras then lists
 * the call's arguments by their KerasTensor names, a global count not kept here.
 */
export function callFailure(className: string, layerName: string, message: string): string {
  return (
    `Exception encountered when calling ${className}.call().\n\nCould not automatically infer the output shape / dtype of '${layerName}' (of type ${className}). ` +
    `Either the \`${className}.call()\` method is incorrect, or you need to implement the \`${className}.compute_output_spec() / compute_output_shape()\` method. ` +
    `Error encountered:\n\n${message}`
  );
}

/** Raised when an argument the rule needs is not statically known; the engine then reports an honest unknown. */
export class UnknownArgument extends Error {
  constructor(readonly argName: string, readonly label: string) {
    super(`${argName} is not known statically (${label})`);
    this.name = 'UnknownArgument';
  }
}

/**
 * A parameter list written like the Python signature it mirrors: `signature('filters', 'strides=1',
 * "padding='valid'")`. Text after the first `=` is the default's Python source.
 */
export function signature(...specs: readonly string[]): Param[] {
  return specs.map((spec) => {
    const eq = spec.indexOf('=');
    return eq < 0 ? { name: spec } : { name: spec.slice(0, eq), default: spec.slice(eq + 1) };
  });
}
