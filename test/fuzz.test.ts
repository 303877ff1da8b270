/**
 * Fuzzing in CI: a fixed seed, a few thousand mutated fixtures, examples and oracle cases. The analysis must
 * never throw, must finish within a bound, must keep every span inside the document and must print valid
 * JSON; incremental updates must equal fresh analyses.
 * `npm run fuzz -- --minutes N` runs the same checks longer with fresh seeds (`scripts/fuzz.ts`).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { fuzzCorpus, runFuzz } from './support/fuzz';
import { testAnalyzer } from './support/analyzer';

const ROOT = join(__dirname, '..', '..');
const CASES = Number(process.env.KERAS_SHAPES_FUZZ_CASES ?? 2500);

test(`fuzz: ${CASES} mutated files analyse without a throw, a hang or a broken result`, { timeout: 300_000 }, async () => {
  const analyzer = await testAnalyzer();
  const corpus = fuzzCorpus(ROOT);
  assert.ok(corpus.length > 10, 'the corpus has files');
  const failures = runFuzz(analyzer, corpus, { seed: 20_261_122, count: CASES, maxMilliseconds: 3_000, documentEvery: 10 });
  const report = failures.slice(0, 5).map((f) => `case ${f.index} (${f.source}, ${f.applied.join('+')}): ${f.problem}\n${JSON.stringify(f.text.slice(0, 300))}`);
  assert.deepEqual(report, []);
});
