/**
 * Typed access to a layer's constructor arguments for the rules: `args.int('units')`,
 * `args.ints('kernel_size', 2)`, `args.str('padding')`. Conversions follow Keras' own argument
 * standardisation (an int where a tuple is expected is repeated); values we cannot know raise
 * `UnknownArgument` (or, for sizes, come back as an unknown dimension), never a guess.
 */
import type { Dim, Shape } from '../model';
import { layerOf, repr, sequenceItems, type BoundArgs, type LayerObject, type PyValue } from '../evaluate/values';
import { KerasError, UnknownArgument } from './rules/types';
import { truthy } from '../evaluate/operators';
import { repeated } from './dims';

const OPAQUE_KINDS: ReadonlySet<PyValue['kind']> = new Set(['instance', 'method', 'module', 'namespace', 'builtin', 'class']);

export class LayerArgs {
  constructor(
    private readonly values: BoundArgs,
    readonly className: string,
  ) {}

  has(name: string): boolean {
    const v = this.values.get(name);
    return v !== undefined;
  }

  /**
   * The value, or `None` when absent. Objects the analysis cannot see into (an instance, a bound method,
   * a module) read as unknown: a property or a numpy scalar may well be a valid size at run time.
   */
  value(name: string): PyValue {
    const v = this.values.get(name) ?? { kind: 'none' };
    // A numpy int is no `int` to the layers that check `isinstance(units, int)` (Dense, Embedding), but is a size
    // to those that convert it (Conv2D): which one a layer does is not modelled.
    if (v.kind === 'int' && v.numpy) return { kind: 'unknown', label: repr(v) };
    return OPAQUE_KINDS.has(v.kind) && !(v.kind === 'instance' && v.instance.layer) ? { kind: 'unknown', label: repr(v) } : v;
  }

  isNone(name: string): boolean {
    return this.value(name).kind === 'none';
  }

  /** A size-like integer: a number, or an unknown dimension label when it is not statically known. */
  int(name: string): number | string {
    const v = this.value(name);
    if (v.kind === 'int') return v.value;
    if (v.kind === 'float' && Number.isInteger(v.value)) return v.value;
    if (v.kind === 'unknown') return v.label;
    if (v.kind === 'bool') return v.value ? 1 : 0;
    throw new KerasError(`Invalid value for argument \`${name}\` of ${this.className}: expected an integer, received ${repr(v)}`);
  }

  /** Like `int`, but a value we cannot know makes the rule give up (for things that are not sizes). */
  knownInt(name: string): number {
    const v = this.int(name);
    if (typeof v === 'string') throw new UnknownArgument(name, v);
    return v;
  }

  /** `None` or an integer. */
  optionalInt(name: string): number | string | null {
    return this.isNone(name) ? null : this.int(name);
  }

  float(name: string): number {
    const v = this.value(name);
    if (v.kind === 'int' || v.kind === 'float') return v.value;
    if (v.kind === 'unknown') throw new UnknownArgument(name, v.label);
    throw new KerasError(`Invalid value for argument \`${name}\` of ${this.className}: expected a number, received ${repr(v)}`);
  }

  bool(name: string): boolean {
    const v = this.value(name);
    const t = truthy(v);
    if (t === null) throw new UnknownArgument(name, v.kind === 'unknown' ? v.label : repr(v));
    return t;
  }


  str(name: string): string {
    const v = this.value(name);
    if (v.kind === 'str') return v.value;
    if (v.kind === 'unknown') throw new UnknownArgument(name, v.label);
    throw new KerasError(`Invalid value for argument \`${name}\` of ${this.className}: expected a string, received ${repr(v)}`);
  }

  optionalStr(name: string): string | null {
    return this.isNone(name) ? null : this.str(name);
  }

  /** A lower-cased string option checked against Keras' allowed values, e.g. padding. */
  choice<T extends string>(name: string, allowed: readonly T[]): T {
    const s = this.str(name).toLowerCase();
    if (!(allowed as readonly string[]).includes(s)) {
      throw new KerasError(
        `Invalid value for argument \`${name}\`. Expected one of {${allowed.map((a) => `'${a}'`).join(', ')}}. Received: ${name}=${repr(this.value(name))}`,
      );
    }
    return s as T;
  }

  /**
   * An int or a tuple of `rank` ints, as Keras' `standardize_tuple`: `3` becomes `(3, 3)` for rank 2.
   */
  ints(name: string, rank: number): (number | string)[] {
    const v = this.value(name);
    const items = sequenceItems(v);
    if (items === null) {
      const one = this.int(name);
      return repeated<number | string>(one, rank);
    }
    if (items.length !== rank) {
      throw new KerasError(`The \`${name}\` argument must be a tuple of ${rank} integers. Received ${name}=${repr(v)}`);
    }
    return items.map((item) => {
      if (item.kind === 'int') return item.value;
      if (item.kind === 'unknown') return item.label;
      throw new KerasError(`The \`${name}\` argument must be a tuple of ${rank} integers. Received ${name}=${repr(v)}`);
    });
  }

  /** A sequence of ints of any length (e.g. `Permute.dims`, an axis list), or a single int as a one-item list. */
  intList(name: string): number[] {
    const v = this.value(name);
    const items = sequenceItems(v) ?? [v];
    return items.map((item) => {
      if (item.kind === 'int') return item.value;
      if (item.kind === 'unknown') throw new UnknownArgument(name, item.label);
      throw new KerasError(`Invalid value for argument \`${name}\` of ${this.className}: expected integers, received ${repr(v)}`);
    });
  }

  /** A shape tuple such as `target_shape=(7, 7, 16)`: ints, `None`, or unknown labels. */
  shape(name: string): Shape {
    const v = this.value(name);
    const items = sequenceItems(v);
    if (items === null) {
      if (v.kind === 'int') return [v.value];
      if (v.kind === 'unknown') throw new UnknownArgument(name, v.label);
      throw new KerasError(`Invalid value for argument \`${name}\` of ${this.className}: expected a shape tuple, received ${repr(v)}`);
    }
    return items.map((item): Dim => {
      if (item.kind === 'int') return item.value;
      if (item.kind === 'none') return null;
      if (item.kind === 'unknown') return item.label;
      throw new KerasError(`Invalid value for argument \`${name}\` of ${this.className}: expected a shape tuple, received ${repr(v)}`);
    });
  }

  /** Layers passed as a list or tuple (`RNN([cell_1, cell_2])`), or a single layer as a one-item list. */
  layers(name: string): LayerObject[] {
    const items = sequenceItems(this.value(name));
    if (items === null) return [this.layer(name)];
    return items.map((item) => {
      const layer = layerOf(item);
      if (layer) return layer;
      if (item.kind === 'unknown') throw new UnknownArgument(name, item.label);
      throw new KerasError(`Invalid value for argument \`${name}\` of ${this.className}: expected layers, received ${repr(item)}`);
    });
  }

  /** A layer passed as an argument (`TimeDistributed(layer)`, `Bidirectional(layer)`). */
  layer(name: string): LayerObject {
    const v = this.value(name);
    const layer = layerOf(v);
    if (layer) return layer;
    if (v.kind === 'unknown') throw new UnknownArgument(name, v.label);
    throw new KerasError(`Please initialize \`${this.className}\` layer with a \`keras.layers.Layer\` instance. Received: ${repr(v)}`);
  }
}
