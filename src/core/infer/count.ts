/**
 * Parameter counts from weight shapes: the engine, not the rules, does this sum, so every count a user
 * sees can be explained by the weights behind it. A count that depends on an unknown size is unknown.
 */
import type { Count, Shape, Weight } from '../model';
import { dtypeBits } from './dtypes';

/**
 * Elements of one weight, or null when a dimension is not a known number. A count beyond 2**53 cannot be
 * held exactly in a JS number (nor read back exactly from JSON), so it is null too: `exactWeightSize`
 * gives the true value, for the diagnostic that says so.
 */
export function weightSize(shape: Shape): Count {
  // Indexed loops: every weight of every report comes through here, and `for...of` allocated iterators.
  let size = 1;
  let zero = false;
  for (let i = 0; i < shape.length; i++) {
    const d = shape[i];
    if (typeof d !== 'number') return null;
    if (d === 0) zero = true;
    size *= d;
  }
  if (zero) return 0;
  return Number.isSafeInteger(size) ? size : null;
}

/** The exact number of elements of a weight whose dimensions are all known integers, else null. */
export function exactWeightSize(shape: Shape): bigint | null {
  let size = 1n;
  for (const d of shape) {
    if (typeof d !== 'number' || !Number.isSafeInteger(d)) return null;
    size *= BigInt(d);
  }
  return size;
}

/** The sum of known counts; null when one is unknown or the sum is beyond 2**53. */
export function sumCounts(counts: readonly Count[]): Count {
  let total = 0;
  for (const c of counts) {
    if (c === null) return null;
    total += c;
  }
  return Number.isSafeInteger(total) ? total : null;
}

export interface ParamCounts {
  readonly params: Count;
  readonly trainable: Count;
  readonly nonTrainable: Count;
}

/** Splits weights into Keras' trainable / non-trainable totals; `layerTrainable=false` moves all to non-trainable. */
export function countWeights(
  weights: readonly { readonly shape: Shape; readonly trainable: boolean }[],
  layerTrainable = true,
): ParamCounts {
  // One pass without intermediate arrays: every layer of every report comes through here.
  let trainable: Count = 0;
  let nonTrainable: Count = 0;
  for (let i = 0; i < weights.length; i++) {
    const weight = weights[i];
    const size = weightSize(weight.shape);
    if (weight.trainable && layerTrainable) trainable = trainable === null || size === null ? null : trainable + size;
    else nonTrainable = nonTrainable === null || size === null ? null : nonTrainable + size;
  }
  // Sizes are never negative, so a sum beyond 2**53 somewhere is beyond it at the end.
  const exact = (count: Count): Count => (count !== null && Number.isSafeInteger(count) ? count : null);
  trainable = exact(trainable);
  nonTrainable = exact(nonTrainable);
  return { params: trainable === null || nonTrainable === null ? null : exact(trainable + nonTrainable), trainable, nonTrainable };
}

export interface MemorySizes {
  readonly total: number | null;
  readonly trainable: number | null;
  readonly nonTrainable: number | null;
}

/**
 * Keras' `weight_memory_size` of a model's trainable and non-trainable weights: elements times their dtype's
 * bits, over 8. Null when a size or a dtype is unknown; `modelTrainable=false` moves all to non-trainable.
 */
export function memorySizes(weights: readonly Weight[], modelTrainable: boolean): MemorySizes {
  let trainableBits: number | null = 0;
  let nonTrainableBits: number | null = 0;
  for (const weight of weights) {
    const size = weightSize(weight.shape);
    const bits = dtypeBits(weight.dtype);
    const weightBits = size === null || bits === null ? null : size * bits;
    if (weight.trainable && modelTrainable) trainableBits = trainableBits === null || weightBits === null ? null : trainableBits + weightBits;
    else nonTrainableBits = nonTrainableBits === null || weightBits === null ? null : nonTrainableBits + weightBits;
  }
  const bytes = (bits: number | null): number | null => (bits !== null && Number.isSafeInteger(bits) ? bits / 8 : null);
  const trainable = bytes(trainableBits);
  const nonTrainable = bytes(nonTrainableBits);
  return { total: trainable === null || nonTrainable === null ? null : trainable + nonTrainable, trainable, nonTrainable };
}
