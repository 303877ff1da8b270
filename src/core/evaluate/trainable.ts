/**
 * `layer.trainable = value` as the interpreter follows it: Keras' setter (`Layer.trainable`, which takes
 * `bool(value)` and sets every layer inside too); a value not known statically leaves those flags unknown. While
 * a branch that may not run is tried out, the flags it sets are kept aside (`Context.trainableWrites`) and merged
 * with the other branches' as names are (`branches.ts`): a layer frozen in one branch only is frozen or not.
 */
import { setterReach, setTrainabilityUnknown, setTrainable } from '../infer/report';
import { SANDBOX_ESCAPE } from '../infer/state';
import type { Context } from './context';
import type { LayerObject } from './values';

/** `layer.trainable = value`, `value` being `bool(value)` or null when not known statically. */
export function assignTrainable(ctx: Context, layer: LayerObject, value: boolean | null): void {
  const pending = ctx.trainableWrites;
  if (pending) {
    for (const reached of setterReach(layer)) pending.set(reached, value);
  } else if (value === null) {
    setTrainabilityUnknown(layer);
  } else {
    setTrainable(layer, value);
  }
}

/** Before a `trainable` flag is read in a branch being tried out: one it set would be read stale, so it gives up. */
export function readingTrainable(ctx: Context): void {
  if (ctx.trainableWrites && ctx.trainableWrites.size > 0) throw SANDBOX_ESCAPE;
}

/** A layer's own flag as the code running now sees it: null when not known statically. */
function currentFlag(ctx: Context, layer: LayerObject): boolean | null {
  const pending = ctx.trainableWrites;
  if (pending?.has(layer)) return pending.get(layer) ?? null;
  return layer.trainabilityUnknown ? null : layer.trainable;
}

/** Sets one layer's own flag (its inner layers have flags of their own in `writes`). */
function setOwnFlag(ctx: Context, layer: LayerObject, value: boolean | null): void {
  if (ctx.trainableWrites) ctx.trainableWrites.set(layer, value);
  else if (value === null) layer.trainabilityUnknown = true;
  else {
    layer.trainable = value;
    if (layer.heldTrainable !== undefined) layer.heldTrainable = value;
    layer.trainabilityUnknown = undefined;
  }
}

/**
 * Merges the flags set by branches of which one runs: a layer keeps a flag where every branch leaves it the same,
 * and its flag is unknown where they differ. Returns the layers whose flag became unknown, for the note.
 */
export function mergeTrainable(ctx: Context, branches: readonly ReadonlyMap<LayerObject, boolean | null>[]): LayerObject[] {
  const layers = new Set(branches.flatMap((writes) => [...writes.keys()]));
  const differing: LayerObject[] = [];
  for (const layer of layers) {
    const before = currentFlag(ctx, layer);
    const values = branches.map((writes) => (writes.has(layer) ? writes.get(layer) ?? null : before));
    const agreed = values.every((v) => v === values[0]) ? values[0] : null;
    if (agreed === null && before !== null) differing.push(layer);
    setOwnFlag(ctx, layer, agreed);
  }
  return differing;
}
