/**
 * The CLI's `--json` contract (issue "Analysis core and CLI"): field names and meanings are fixed, since
 * the project is measured through them against real Keras output. Fields may be added, never renamed.
 * Lines and columns are 1-based; a dimension is an integer, `null` for Keras' None, or a string for a
 * value that cannot be known statically; a count that cannot be known is `null`.
 */
import type { FileAnalysis, LayerReport, ModelReport, Shape } from '../core';

export interface JsonDiagnostic {
  readonly severity: 'error' | 'warning' | 'information';
  readonly line: number;
  readonly column: number;
  readonly end_line: number;
  readonly end_column: number;
  readonly code: string;
  readonly message: string;
}

export interface JsonFile {
  /** The object printed by `--json`. */
  readonly contract: Record<string, unknown>;
  readonly report: FileAnalysis;
  readonly diagnostics: readonly JsonDiagnostic[];
}

function shapeJson(shape: Shape | readonly Shape[] | null): unknown {
  if (shape === null) return null;
  return shape.map((d) => (Array.isArray(d) ? [...d] : d));
}

function layerJson(layer: LayerReport): Record<string, unknown> {
  return {
    name: layer.name,
    class_name: layer.className,
    line: layer.span.startLine + 1,
    column: layer.span.startColumn + 1,
    output_shape: shapeJson(layer.outputShape),
    params: layer.params,
    trainable_params: layer.trainableParams,
    non_trainable_params: layer.nonTrainableParams,
    weights: layer.weights.map((w) => ({ name: w.name, shape: [...w.shape], trainable: w.trainable })),
    built: layer.built,
    trainable: layer.trainable,
    ...(layer.connectedTo
      ? { connected_to: layer.connectedTo.map((c) => ({ layer: c.layer, node_index: c.nodeIndex, tensor_index: c.tensorIndex })) }
      : {}),
  };
}

function modelJson(model: ModelReport): Record<string, unknown> {
  return {
    variable: model.variable,
    name: model.name,
    class_name: model.className,
    kind: model.kind,
    function: model.function,
    line: model.span.startLine + 1,
    built: model.built,
    layers: model.layers.map(layerJson),
    total_params: model.totalParams,
    trainable_params: model.trainableParams,
    non_trainable_params: model.nonTrainableParams,
  };
}

export function toJson(file: string, analysis: FileAnalysis): JsonFile {
  const diagnostics: JsonDiagnostic[] = analysis.issues.map((issue) => ({
    severity: issue.severity,
    line: issue.span.startLine + 1,
    column: issue.span.startColumn + 1,
    end_line: issue.span.endLine + 1,
    end_column: issue.span.endColumn + 1,
    code: issue.code,
    message: issue.message,
  }));
  return {
    contract: { file, models: analysis.models.map(modelJson), diagnostics, truncated: analysis.truncated },
    report: analysis,
    diagnostics,
  };
}
