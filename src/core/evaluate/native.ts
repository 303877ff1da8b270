/**
 * How a function the interpreter implements itself is described: a Python builtin (`builtins.ts`) or a function
 * of a library module it models (`library.ts`). Each is modelled for some positional arguments and keywords
 * only: another one changes what it computes (`int("12", 16)`), so the result is then unknown.
 */
import { int, unknown, type PyValue } from './values';
import type { Caller } from './methods';

/** `label` names an unknown result; `call` runs a Python callable given as an argument (`key=`, `reduce`'s). */
export type NativeCall = (args: readonly PyValue[], keywords: ReadonlyMap<string, PyValue>, label: string, call: Caller) => PyValue;

export interface NativeFunction {
  readonly positional: number;
  readonly keywords: readonly string[] | 'any';
  readonly call: NativeCall;
}

/** An int's (or a bool's) value; null for anything else. */
export const asInt = (v: PyValue | undefined): number | null =>
  v && (v.kind === 'int' || v.kind === 'bool') ? (v.kind === 'int' ? v.value : Number(v.value)) : null;

/** A number's value (a bool is 0 or 1); null for anything else. */
export const asNumber = (v: PyValue | undefined): number | null =>
  v && (v.kind === 'int' || v.kind === 'float') ? v.value : v?.kind === 'bool' ? Number(v.value) : null;

/** An int known exactly: past 2**53 a JS number has lost digits Python keeps. */
export const exactInt = (value: number, label: string): PyValue => (Number.isSafeInteger(value) ? int(value) : unknown(label));

/** A float, unless it is not finite (Python raises `OverflowError` or gives `inf`, which is not modelled). */
export const finiteFloat = (value: number, label: string, numpy = false): PyValue =>
  !Number.isFinite(value) ? unknown(label) : numpy ? { kind: 'float', value, numpy: true } : { kind: 'float', value };

/** Calls `native` if the arguments are ones it is modelled for; an unknown result otherwise. */
export function callNative(native: NativeFunction | undefined, args: readonly PyValue[], keywords: ReadonlyMap<string, PyValue>, label: string, call: Caller): PyValue {
  if (!native || args.length > native.positional) return unknown(label);
  if (native.keywords !== 'any') for (const keyword of keywords.keys()) if (!native.keywords.includes(keyword)) return unknown(label);
  return native.call(args, keywords, label, call);
}
