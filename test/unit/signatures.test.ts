/**
 * Every rule's constructor against Keras' own, as `scripts/record-signatures.py` recorded them from Keras
 * (test/unit/data/keras-signatures.json): the same parameters in the same order with the same defaults, and the
 * same keywords taken through `**kwargs`. A keyword a rule does not know is reported as Keras' "Unrecognized
 * keyword arguments" error, so a parameter missing here would be an error on valid code; so would a name missing
 * from the Keras modules listed in full.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ALL_RULES } from '../../src/core/infer/rules';
import { parseDefault } from '../../src/core/infer/bind';
import { ACTIVATION_NAMES, IDENTIFIERS, LAYER_KEYWORDS, REGULARIZERS } from '../../src/core/infer/constructorChecks';
import { kerasModuleExports } from '../../src/core/extract/kerasApi';
import { CALL_POSITIONALS } from '../../src/core/infer/callSignatures';

interface KerasSignature {
  readonly params: readonly [string, string | null][];
  readonly keyword_only: readonly string[];
  readonly var_positional: boolean;
  readonly var_keyword: boolean;
  readonly kwargs_taken?: readonly string[];
  readonly kwargs_undecided?: readonly string[];
  readonly kwargs_read?: readonly string[];
}

const recorded = JSON.parse(readFileSync(join(__dirname, '../../../test/unit/data/keras-signatures.json'), 'utf8')) as {
  readonly activations: readonly string[];
  readonly identifiers: Readonly<Record<string, readonly string[]>>;
  readonly exports: Readonly<Record<string, readonly string[]>>;
  readonly regularizers: Readonly<Record<string, readonly [string, readonly [string, string | null][]]>>;
  readonly layers: Readonly<Record<string, KerasSignature>>;
};

/** Rules for classes newer than the recorded Keras (3.15.1), checked by hand against Keras' source. */
const NEWER_THAN_RECORDED = new Set(['TernaryDense']);

const rulesWithSignature = ALL_RULES.filter((rule) => !NEWER_THAN_RECORDED.has(rule.className));

/** A default as a comparable value: `1e-3` and `0.001` are the same float. */
function defaultValue(source: string | null | undefined): unknown {
  return source === null || source === undefined ? 'required' : parseDefault(source);
}

test('every rule is for a class Keras has, but those newer than the recording', () => {
  assert.deepEqual(rulesWithSignature.filter((rule) => !recorded.layers[rule.className]).map((rule) => rule.className), []);
  assert.deepEqual([...NEWER_THAN_RECORDED].filter((name) => recorded.layers[name]), [], 'now recorded: drop it from NEWER_THAN_RECORDED');
});

test('the call signatures (src/core/infer/callSignatures.ts) cover every rule and the classes Keras exports', () => {
  // A rule without an entry would skip Layer.__call__'s binding checks; an export without one means the
  // table was recorded from another Keras than the constructors were.
  assert.deepEqual(rulesWithSignature.filter((rule) => !CALL_POSITIONALS.has(rule.className)).map((rule) => rule.className), []);
  assert.deepEqual([...CALL_POSITIONALS.keys()].filter((name) => !recorded.layers[name] && name !== 'Layer'), []);
});

test("every rule lists its class's __init__ parameters, in order, with Keras' defaults", () => {
  for (const rule of rulesWithSignature) {
    const keras = recorded.layers[rule.className];
    assert.deepEqual(
      rule.params.map((p) => [p.name, defaultValue(p.default)]),
      keras.params.map(([name, source]) => [name, defaultValue(source)]),
      rule.className,
    );
    // Positional binding assumes what every one of these classes has: no `*args`, no keyword-only parameter.
    assert.deepEqual([keras.var_positional, keras.keyword_only], [false, []], rule.className);
  }
});

test('every rule takes the keywords its class takes through **kwargs', () => {
  for (const rule of rulesWithSignature) {
    const keras = recorded.layers[rule.className];
    assert.equal(rule.noKwargs ?? false, !keras.var_keyword, `${rule.className}: **kwargs`);
    assert.deepEqual(keras.kwargs_undecided ?? [], [], `${rule.className}: recorded without what it needs (see the script)`);
    assert.deepEqual([...(rule.moreKeywords ?? [])].sort(), [...(keras.kwargs_taken ?? [])].sort(), rule.className);
  }
});

test("Layer.__init__'s keywords are Keras'", () => {
  const layer = recorded.layers.Layer;
  assert.deepEqual([...LAYER_KEYWORDS].sort(), [...layer.params.map(([name]) => name), ...(layer.kwargs_read ?? [])].sort());
});

test("the activation names are keras.activations.get's", () => {
  assert.deepEqual([...ACTIVATION_NAMES].sort(), [...recorded.activations].sort());
});

test('the initializer, regularizer and constraint names we accept are those their get() knows', () => {
  const ours = Object.fromEntries(IDENTIFIERS.map((table) => [`${table.kind}s`, [...table.names].sort()]));
  assert.deepEqual(ours, recorded.identifiers);
});

test('the Keras modules listed in full have the names Keras exports, and only those', () => {
  assert.deepEqual([...kerasModuleExports().keys()].sort(), Object.keys(recorded.exports).sort());
  for (const [module, names] of Object.entries(recorded.exports)) {
    const ours = kerasModuleExports().get(module) ?? new Set<string>();
    assert.deepEqual(names.filter((name) => !ours.has(name)), [], `${module}: missing`);
    assert.deepEqual([...ours].filter((name) => !names.includes(name) && !NEWER_THAN_RECORDED.has(name)), [], `${module}: not Keras'`);
  }
});

test("keras.regularizers' classes take the parameters Keras' do, by every name Keras exports them", () => {
  const ours = [...REGULARIZERS].map(([name, r]) => [name, r.className, r.params.map((p) => [p.name, defaultValue(p.default)])]);
  const keras = Object.entries(recorded.regularizers).map(([name, [className, params]]) => [name, className, params.map(([n, d]) => [n, defaultValue(d)])]);
  assert.deepEqual(ours.sort(), keras.sort());
});
