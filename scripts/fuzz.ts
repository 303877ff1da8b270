/**
 * `npm run fuzz -- --minutes N [--seed S]`: the CI fuzz checks (`test/support/fuzz.ts`) for longer, seed after
 * seed, until the time is up. Each failing input is written to out/fuzz-failures/ with its seed and case
 * number so it can be replayed; the exit status is 1 when anything failed.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createAnalyzer } from '../src/core';
import { fuzzCorpus, runFuzz, type FuzzFailure } from '../test/support/fuzz';

const ROOT = join(__dirname, '..', '..');
const args = process.argv.slice(2);
const option = (name: string, fallback: number): number => {
  const at = args.indexOf(name);
  return at >= 0 ? Number(args[at + 1]) : fallback;
};

async function main(): Promise<number> {
  const minutes = option('--minutes', 1);
  let seed = option('--seed', Date.now() % 1_000_000);
  const analyzer = await createAnalyzer({
    runtime: readFileSync(require.resolve('web-tree-sitter/web-tree-sitter.wasm')),
    grammar: readFileSync(require.resolve('tree-sitter-python/tree-sitter-python.wasm')),
  });
  const corpus = fuzzCorpus(ROOT);
  const deadline = Date.now() + minutes * 60_000;
  const failures: FuzzFailure[] = [];
  let cases = 0;
  while (Date.now() < deadline) {
    const batch = runFuzz(analyzer, corpus, { seed, count: 500, maxMilliseconds: 3_000, documentEvery: 10 });
    failures.push(...batch);
    cases += 500;
    process.stdout.write(`seed ${seed}: ${cases} cases, ${failures.length} failures\n`);
    seed++;
  }
  if (failures.length > 0) {
    const dir = join(ROOT, 'out', 'fuzz-failures');
    mkdirSync(dir, { recursive: true });
    for (const failure of failures.slice(0, 50)) {
      const name = `seed-${failure.seed}-case-${failure.index}.py`;
      writeFileSync(join(dir, name), failure.text);
      process.stdout.write(`${name} (${failure.source}, ${failure.applied.join('+')}): ${failure.problem.split('\n')[0]}\n`);
    }
  }
  process.stdout.write(`fuzz: ${cases} cases in ${minutes} min, ${failures.length} failures\n`);
  return failures.length > 0 ? 1 : 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`fuzz: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exitCode = 2;
  },
);
