/**
 * Plain result types of the analysis: what every adapter (editor, CLI, tests) consumes.
 * Nothing here computes; positions are 0-based and in UTF-16 code units, like VS Code's.
 */

/**
 * One axis of a shape. A number is a known size; `null` is Keras' own `None` (the batch axis, or a
 * length Keras itself leaves open); a string is a size that exists at run time but that we cannot
 * know statically, named after its source (`x_train.shape[1]`) or `?`.
 */
export type Dim = number | null | string;
export type Shape = readonly Dim[];

/** A parameter count, or `null` when it depends on something we cannot know. */
export type Count = number | null;

export interface Position {
  readonly line: number;
  readonly column: number;
}

/**
 * A stretch of the source: offsets in UTF-16 code units, and the lines and columns (0-based) of its ends.
 * Flat numbers rather than two position objects: an analysis keeps thousands of spans alive.
 */
export interface Span {
  readonly start: number;
  readonly end: number;
  readonly startLine: number;
  readonly startColumn: number;
  readonly endLine: number;
  readonly endColumn: number;
}

export type Severity = 'error' | 'warning' | 'information';

export interface Issue {
  readonly severity: Severity;
  /** Stable identifier, e.g. `shape-mismatch`, `deprecated-input-shape`, `syntax-error`. */
  readonly code: string;
  readonly message: string;
  readonly span: Span;
}

export interface Weight {
  readonly name: string;
  readonly shape: Shape;
  readonly trainable: boolean;
  /** The variable's dtype, which sizes it in bytes; absent: float32; null when not known statically. */
  readonly dtype?: string | null;
}

export interface Connection {
  readonly layer: string;
  readonly nodeIndex: number;
  readonly tensorIndex: number;
}

/** One row of `model.summary()`. */
export interface LayerReport {
  readonly name: string;
  readonly className: string;
  /** The constructor call that created the layer. */
  readonly span: Span;
  /** `null` when the layer is unbuilt or its shape is unknown; a list for several outputs. */
  readonly outputShape: Shape | readonly Shape[] | null;
  /**
   * Set for a model never called as a layer, whose row shows its own `output_shape`: Keras prints several as a
   * tuple, `((None, 2), (None, 2))`, where the outputs of a call print as a list.
   */
  readonly outputsAsTuple?: true;
  readonly built: boolean;
  /** Null when code not followed may have set it (or set it to a value not known statically). */
  readonly trainable: boolean | null;
  readonly params: Count;
  readonly trainableParams: Count;
  readonly nonTrainableParams: Count;
  readonly weights: readonly Weight[];
  /** Functional models only: the tensors this layer was first called on. */
  readonly connectedTo?: readonly Connection[];
}

export type ModelKind = 'sequential' | 'functional' | 'subclassed';

export interface ModelReport {
  /** The Python variable the model is bound to, if any. */
  readonly variable: string | null;
  /** Keras' name: `sequential`, `functional_1`, or the `name=` given. */
  readonly name: string;
  readonly className: string;
  readonly kind: ModelKind;
  /** The function whose body builds the model, when it is built inside one. */
  readonly function: string | null;
  readonly span: Span;
  readonly built: boolean;
  readonly layers: readonly LayerReport[];
  readonly totalParams: Count;
  readonly trainableParams: Count;
  readonly nonTrainableParams: Count;
  /** The memory the weights take, by their dtypes (Keras' `weight_memory_size`); null when not known. */
  readonly totalBytes: number | null;
  readonly trainableBytes: number | null;
  readonly nonTrainableBytes: number | null;
  /** Whether Keras' summary shows the "Connected to" column (functional, not sequential-like). */
  readonly showConnections: boolean;
}

/** One place in the source where a layer is applied: what inlay hints and hovers speak about. */
export interface LayerSite {
  /** The expression the hint follows: `Dense(4)` in `model.add(Dense(4))`, or `Dense(4)(x)`. */
  readonly span: Span;
  /** The layer constructor's callee, e.g. `layers.Dense` — hovers attach here. */
  readonly calleeSpan: Span;
  readonly layerName: string;
  readonly className: string;
  readonly inputShapes: readonly Shape[] | null;
  readonly outputShape: Shape | readonly Shape[] | null;
  readonly params: Count;
  readonly weights: readonly Weight[];
  readonly trainable: boolean | null;
  /** Set when the layer could not be applied (the error is also among the file's issues). */
  readonly error?: string;
  /** Why the shape or count is unknown, when it is: for hovers. */
  readonly note?: string;
  readonly modelName: string | null;
}

export interface FileAnalysis {
  readonly models: readonly ModelReport[];
  readonly sites: readonly LayerSite[];
  readonly issues: readonly Issue[];
  /** True when the analysis stopped early at one of its bounds (see `AnalysisOptions`). */
  readonly truncated: boolean;
  /** Sibling modules the file imports that were not provided (`AnalysisOptions.modules` keys). */
  readonly imports: readonly string[];
}
