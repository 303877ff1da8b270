/**
 * Arithmetic on shape dimensions that keeps Keras' `None` and our unknowns honest, plus the
 * convolution and pooling size formulas of `keras/src/ops/operation_utils.py` shared by every rule.
 */
import type { Dim } from '../model';
import { KerasError } from './rules/types';

/** The unknown that results from arithmetic on a named unknown: we keep the `?` rather than invent an expression. */
const UNKNOWN = '?';

export const isKnown = (d: Dim): d is number => typeof d === 'number';

/** Combines dimensions with `op` when all are numbers; `None` if any is `None`; otherwise unknown. */
export function dimOp(op: (...values: number[]) => number, ...dims: Dim[]): Dim {
  if (dims.some((d) => d === null)) return null;
  if (dims.every(isKnown)) return op(...(dims as number[]));
  return UNKNOWN;
}

export const dimAdd = (a: Dim, b: Dim): Dim => dimOp((x, y) => x + y, a, b);
export const dimMul = (a: Dim, b: Dim): Dim => dimOp((x, y) => x * y, a, b);

/** The product of dimensions: a number, `None` if any is `None`, or unknown. */
export function dimProduct(dims: readonly Dim[]): Dim {
  return dimOp((...values) => values.reduce((p, v) => p * v, 1), ...dims);
}

/** Normalises a possibly negative axis against a rank, as Python indexing does. */
export function normalizeAxis(axis: number, rank: number): number {
  return axis < 0 ? axis + rank : axis;
}

export type Padding = 'valid' | 'same' | 'causal';

/**
 * Output length of one spatial axis of a convolution or pooling window (`compute_conv_output_shape`
 * and `compute_pooling_output_shape`): valid `floor((n - d(k-1) - 1)/s) + 1`, same/causal `floor((n-1)/s) + 1`.
 */
export function windowOutputLength(input: Dim, kernel: Dim, stride: Dim, padding: Padding, dilation: Dim = 1): Dim {
  if (input === null) return null;
  if (!isKnown(input) || !isKnown(kernel) || !isKnown(stride) || !isKnown(dilation)) return UNKNOWN;
  if (padding === 'valid') return Math.floor((input - dilation * (kernel - 1) - 1) / stride) + 1;
  return Math.floor((input - 1) / stride) + 1;
}

/**
 * Output length of a transposed convolution axis (`compute_conv_transpose_output_length` in
 * `keras/src/utils/conv_utils.py` via `deconv_output_length`).
 */
export function transposeOutputLength(
  input: Dim,
  kernel: Dim,
  stride: Dim,
  padding: Padding,
  outputPadding: Dim | null,
  dilation: Dim = 1,
): Dim {
  if (input === null) return null;
  if (!isKnown(input) || !isKnown(kernel) || !isKnown(stride) || !isKnown(dilation)) return UNKNOWN;
  if (outputPadding !== null && !isKnown(outputPadding)) return UNKNOWN;
  const k = kernel + (kernel - 1) * (dilation - 1);
  if (outputPadding === null) {
    if (padding === 'valid') return input * stride + Math.max(k - stride, 0);
    return input * stride;
  }
  const pad = padding === 'same' ? Math.floor(k / 2) : 0;
  return (input - 1) * stride + k - 2 * pad + outputPadding;
}

/** Raises Keras' error when a computed spatial size is zero or negative. */
export function checkPositiveSizes(
  sizes: readonly Dim[],
  describe: () => string,
): void {
  if (sizes.some((s) => isKnown(s) && s <= 0)) {
    throw new KerasError(`Computed output size would be zero or negative. Received ${describe()}.`);
  }
}
