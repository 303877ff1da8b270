/**
 * Formatting shared by the editor views: shapes as Python tuples, counts with thousands separators,
 * weights with their arithmetic. Pure string work; which view shows what is decided by its module.
 */
import type { Count, Shape, Weight } from '../model';
import { formatShape } from '../evaluate/values';
import { formatCount } from './summary';

export { formatCount, formatShape };

/** One shape, or a list of shapes for a layer with several outputs; `?` when unknown. */
export function formatOutput(shape: Shape | readonly Shape[] | null, format: (shape: Shape) => string = formatShape): string {
  if (shape === null) return '?';
  if (shape.length > 0 && Array.isArray(shape[0])) return `[${(shape as readonly Shape[]).map(format).join(', ')}]`;
  return format(shape as Shape);
}

/**
 * A shape for a short label: a size we cannot know statically is `?` rather than its source
 * (`x_train.shape[1]`), which the tooltip and the hover name instead.
 */
export function formatShortShape(shape: Shape): string {
  return formatShape(shape.map((d) => (typeof d === 'string' ? '?' : d)));
}

export function paramsLabel(count: Count): string {
  return count === 1 ? '1 param' : `${formatCount(count)} params`;
}

/** `kernel 1×4 = 4`: a weight's size written out, so a count can be checked by hand. */
export function weightArithmetic(weight: Weight): string {
  const dims = weight.shape.map((d) => (d === null ? 'None' : String(d)));
  const size = weight.shape.every((d) => typeof d === 'number') ? (weight.shape as number[]).reduce((p, d) => p * d, 1) : null;
  const product = dims.length <= 1 ? dims[0] ?? '1' : dims.join('×');
  const result = dims.length <= 1 ? '' : ` = ${formatCount(size)}`;
  return `${weight.name} ${product}${result}${weight.trainable ? '' : ' (non-trainable)'}`;
}
