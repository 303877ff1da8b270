/**
 * Fuzzing in CI: a fixed seed, a few thousand mutated fixtures, examples and oracle cases. The analysis must
 * never throw, must finish within a bound, must keep every span inside the document and must print valid
 * JSON; incremental updates must equal fresh analyses; JS-built statement trees must equal tree-sitter's.
 * `npm run fuzz -- --minutes N` runs the same checks longer with fresh seeds (`scripts/fuzz.ts`).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { fuzzCorpus, runFuzz } from './support/fuzz';
import { testAnalyzer } from './support/analyzer';
import { checkStatements, testParser } from './support/trees';

const ROOT = join(__dirname, '..', '..');
const CASES = Number(process.env.KERAS_SHAPES_FUZZ_CASES ?? 2500);

test(`fuzz: ${CASES} mutated files analyse without a throw, a hang or a broken result`, { timeout: 300_000 }, async () => {
  const analyzer = await testAnalyzer();
  const corpus = fuzzCorpus(ROOT);
  assert.ok(corpus.length > 10, 'the corpus has files');
  const parser = await testParser();
  const checkText = (text: string): string[] => {
    const tree = parser.parse(text);
    if (!tree) return ['tree-sitter returned no tree'];
    try {
      return checkStatements(tree.rootNode, text).failures;
    } finally {
      tree.delete();
    }
  };
  const failures = runFuzz(analyzer, corpus, { seed: 20_261_122, count: CASES, maxMilliseconds: 3_000, documentEvery: 10, checkText });
  const report = failures.slice(0, 5).map((f) => `case ${f.index} (${f.source}, ${f.applied.join('+')}): ${f.problem}\n${JSON.stringify(f.text.slice(0, 300))}`);
  assert.deepEqual(report, []);
});
