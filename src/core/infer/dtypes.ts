/**
 * Dtype policies as Keras 3 resolves them (`keras/src/dtype_policies/dtype_policy.py`): which dtype a layer's
 * weights take, from its `dtype=` argument or the global policy, and how many bytes a weight of a dtype takes
 * (`keras/src/utils/dtype_utils.py`), for the sizes the summary prints. Counting is `count.ts`'s.
 */
import type { PyValue } from '../evaluate/values';
import type { AnalysisState } from './state';

/** Keras' `DTYPE_TO_SIZE`: bits per element of each dtype the summary can size. */
const DTYPE_BITS: ReadonlyMap<string, number> = new Map([
  ['float16', 16],
  ['float32', 32],
  ['float64', 64],
  ['bfloat16', 16],
  ['int8', 8],
  ['int16', 16],
  ['int32', 32],
  ['int64', 64],
  ['uint8', 8],
  ['uint16', 16],
  ['uint32', 32],
  ['uint64', 64],
  ['bool', 1],
]);

/** Bits per element of a weight's dtype (absent: float32); null when the dtype is not known or not sized. */
export function dtypeBits(dtype: string | null | undefined): number | null {
  if (dtype === undefined) return 32;
  return dtype === null ? null : DTYPE_BITS.get(dtype) ?? null;
}

/**
 * `backend.standardize_dtype` of a dtype name: the names Keras allows, and Python's `int` (int32 on the jax
 * backend Keras Shapes follows, int64 on TensorFlow's). Null for anything else.
 */
function standardDtype(name: string): string | null {
  if (name === 'int') return 'int32';
  return DTYPE_BITS.has(name) ? name : null;
}

/** Keras' `QUANTIZATION_MODES`: a policy name starting with one is a quantized policy's. */
const QUANTIZATION_MODES = /^(int8|float8|int4|gptq|awq)/;

/**
 * The variable dtype of the policy a name makes (`DTypePolicy._parse_name`): `mixed_float16` and
 * `mixed_bfloat16` compute in half precision and keep float32 variables; a dtype name is both. Quantized
 * policies (`int8_from_float32`) keep variables of several dtypes: null, as for a name Keras rejects.
 */
export function policyVariableDtype(name: string): string | null {
  if (name === 'mixed_float16' || name === 'mixed_bfloat16') return 'float32';
  return QUANTIZATION_MODES.test(name) ? null : standardDtype(name);
}

/**
 * The dtype of the weights a layer makes, from its `dtype=` argument (`dtype_policies.get`): a policy name
 * or a `DTypePolicy`; absent or None, the global policy. Null when not known statically.
 */
export function layerVariableDtype(state: AnalysisState, dtype: PyValue | undefined): string | null {
  if (dtype === undefined || dtype.kind === 'none') return globalVariableDtype(state);
  if (dtype.kind === 'str') return policyVariableDtype(dtype.value);
  if (dtype.kind === 'policy') return dtype.variableDtype;
  return null;
}

/**
 * The dtype of a variable made with `dtype=` (`add_weight`, `keras.Variable`): `standardize_dtype` of a name;
 * `fallback` when absent or None. Null when not known statically.
 */
export function variableDtype(dtype: PyValue | undefined, fallback: string | null): string | null {
  if (dtype === undefined || dtype.kind === 'none') return fallback;
  return dtype.kind === 'str' ? standardDtype(dtype.value) : null;
}

/**
 * The global policy's variable dtype (`keras.config.dtype_policy()`). Keras makes the policy from `floatx()`
 * the first time a layer asks for it and keeps it: a later `set_floatx` changes only later `keras.Variable`s.
 */
export function globalVariableDtype(state: AnalysisState): string | null {
  if (state.dtypePolicy === undefined) state.dtypePolicy = state.floatx;
  return state.dtypePolicy;
}

/** `keras.DTypePolicy(name)`: None means the global policy's name. */
export function makePolicy(state: AnalysisState, name: PyValue | undefined): PyValue | null {
  if (name === undefined || name.kind === 'none') {
    const variableDtype = globalVariableDtype(state);
    return variableDtype === null ? null : { kind: 'policy', name: variableDtype, variableDtype };
  }
  return name.kind === 'str' ? { kind: 'policy', name: name.value, variableDtype: policyVariableDtype(name.value) } : null;
}

/** `keras.config.set_dtype_policy(policy)` (also `keras.mixed_precision.set_global_policy`). */
export function setDtypePolicy(state: AnalysisState, policy: PyValue | null | undefined): void {
  state.dtypePolicy = policyDtype(policy);
}

function policyDtype(policy: PyValue | null | undefined): string | null {
  return policy?.kind === 'str' ? policyVariableDtype(policy.value) : policy?.kind === 'policy' ? policy.variableDtype : null;
}

/** `keras.config.set_floatx(value)`: Keras accepts the four float dtypes. */
export function setFloatx(state: AnalysisState, value: PyValue | null | undefined): void {
  state.floatx = floatxOf(value);
}

function floatxOf(value: PyValue | null | undefined): string | null {
  return value?.kind === 'str' && ['bfloat16', 'float16', 'float32', 'float64'].includes(value.value) ? value.value : null;
}

/** Whether calling a setter with `argument` (null: not known) would leave the dtypes as they are. */
export function setsCurrentDtypes(state: AnalysisState, setter: 'set_floatx' | 'set_dtype_policy', argument: PyValue | null): boolean {
  if (setter === 'set_floatx') return state.floatx !== null && floatxOf(argument) === state.floatx;
  const current = state.dtypePolicy === undefined ? state.floatx : state.dtypePolicy;
  return current !== null && policyDtype(argument) === current;
}

/** Code not followed may have set either: the dtypes of later weights are unknown. */
export function forgetDtypes(state: AnalysisState): void {
  state.floatx = null;
  state.dtypePolicy = null;
}
