/**
 * Parameter counts from weight shapes: the engine, not the rules, does this sum, so every count a user
 * sees can be explained by the weights behind it. A count that depends on an unknown size is unknown.
 */
import type { Count, Shape } from '../model';

/** Elements of one weight, or null when a dimension is not a known number. */
export function weightSize(shape: Shape): Count {
  let size = 1;
  for (const d of shape) {
    if (typeof d !== 'number') return null;
    size *= d;
  }
  return size;
}

export function sumCounts(counts: readonly Count[]): Count {
  let total = 0;
  for (const c of counts) {
    if (c === null) return null;
    total += c;
  }
  return total;
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
  const trainable = sumCounts(weights.filter((w) => w.trainable && layerTrainable).map((w) => weightSize(w.shape)));
  const nonTrainable = sumCounts(weights.filter((w) => !(w.trainable && layerTrainable)).map((w) => weightSize(w.shape)));
  return { params: sumCounts([trainable, nonTrainable]), trainable, nonTrainable };
}
