/**
 * Parameter counts beyond 2**53 − 1: the report holds them as unknown (null), since no JS number nor JSON
 * reader keeps them exact; this pass adds a note with the exact count (computed with BigInt from the weight
 * shapes) on each layer and model concerned. Counting itself is `count.ts`'s job.
 */
import type { Issue, LayerReport, ModelReport } from '../model';
import { exactWeightSize } from './count';

const LIMIT = BigInt(Number.MAX_SAFE_INTEGER);

/** Python's `f"{n:,}"`. */
const grouped = (n: bigint) => n.toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');

/** The exact count of a layer whose count is unknown only because it is too large; null otherwise. */
function exactLayerCount(layer: LayerReport): bigint | null {
  if (layer.params !== null || !layer.built || layer.weights.length === 0) return null;
  let total = 0n;
  for (const weight of layer.weights) {
    const size = exactWeightSize(weight.shape);
    if (size === null) return null;
    total += size;
  }
  return total > LIMIT ? total : null;
}

function exactModelCount(model: ModelReport): bigint | null {
  if (model.totalParams !== null) return null;
  let total = 0n;
  for (const layer of model.layers) {
    const exact = layer.params !== null ? BigInt(layer.params) : exactLayerCount(layer);
    if (exact === null) return null;
    total += exact;
  }
  return total > LIMIT ? total : null;
}

export function countOverflowIssues(models: readonly ModelReport[]): Issue[] {
  const issues: Issue[] = [];
  const noted = new Set<string>();
  for (const model of models) {
    for (const layer of model.layers) {
      const exact = exactLayerCount(layer);
      const key = `${layer.span.start}:${layer.name}`;
      if (exact === null || noted.has(key)) continue;
      noted.add(key);
      issues.push({
        severity: 'information',
        code: 'count-overflow',
        message: `\`${layer.name}\` has ${grouped(exact)} parameters: more than 2**53 − 1, too many to report exactly, so its count is shown as unknown.`,
        span: layer.span,
      });
    }
    const total = exactModelCount(model);
    if (total !== null) {
      issues.push({
        severity: 'information',
        code: 'count-overflow',
        message: `Model \`${model.name}\` has ${grouped(total)} parameters: more than 2**53 − 1, too many to report exactly, so its total is shown as unknown.`,
        span: model.span,
      });
    }
  }
  return issues;
}
