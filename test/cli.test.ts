/**
 * The CLI as a user runs it (the built `dist/cli.js`): text output against golden files (rewrite them
 * with UPDATE_EXPECT=1), the `--json` contract, and exit statuses for files it cannot read.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');
const CLI = join(ROOT, 'dist', 'cli.js');

function run(...args: string[]) {
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function golden(name: string, actual: string): void {
  const file = join(ROOT, 'test', 'golden', name);
  if (process.env.UPDATE_EXPECT === '1' || !existsSync(file)) writeFileSync(file, actual);
  assert.equal(actual, readFileSync(file, 'utf8'), `golden ${name} (UPDATE_EXPECT=1 rewrites it)`);
}

test('the CLI is built', () => assert.ok(existsSync(CLI), 'run `npm run build` first'));

test('summary text of the bundled example matches its golden file', () => {
  const result = run('examples/seed.py');
  assert.equal(result.status, 0, result.stderr);
  golden('seed.txt', result.stdout);
});

test('diagnostics follow the summaries as FILE:LINE:COL: severity: message', () => {
  const result = run('test/fixtures/invalid.py');
  assert.equal(result.status, 0);
  assert.match(result.stdout, /^test\/fixtures\/invalid\.py:7:5: error: Input 0 with name 'None' of layer 'conv2d' is incompatible with the layer: expected min_ndim=4, found ndim=2\. Full shape received: \(None, 784\)$/m);
  golden('invalid.txt', result.stdout);
});

test('--json prints the contract: models, layers, weights and diagnostics with 1-based positions', () => {
  const result = run('--json', 'test/fixtures/seeds.py');
  assert.equal(result.status, 0, result.stderr);
  const json = JSON.parse(result.stdout);
  assert.equal(json.file, 'test/fixtures/seeds.py');
  assert.deepEqual(Object.keys(json).slice(0, 3), ['file', 'models', 'diagnostics']);
  const model = json.models[1];
  for (const key of ['variable', 'name', 'kind', 'line', 'built', 'layers', 'total_params', 'trainable_params', 'non_trainable_params']) {
    assert.ok(key in model, `model has ${key}`);
  }
  assert.equal(model.variable, 'model2');
  assert.equal(model.kind, 'sequential');
  assert.equal(model.line, 12);
  const dense = model.layers[0];
  assert.deepEqual(
    { name: dense.name, class_name: dense.class_name, line: dense.line, column: dense.column, output_shape: dense.output_shape },
    { name: 'dense_2', class_name: 'Dense', line: 13, column: 12, output_shape: [null, 784, 4] },
  );
  assert.deepEqual([dense.params, dense.trainable_params, dense.non_trainable_params], [8, 8, 0]);
  assert.deepEqual(dense.weights.map((w: { name: string; shape: unknown }) => [w.name, w.shape]), [['kernel', [1, 4]], ['bias', [4]]]);
  const warning = json.diagnostics[0];
  assert.deepEqual(
    { severity: warning.severity, line: warning.line, column: warning.column, code: warning.code },
    { severity: 'warning', line: 6, column: 47, code: 'deprecated-input-shape' },
  );
});

test('--json marks what cannot be known: string dimensions and null counts', () => {
  const json = JSON.parse(run('--json', 'test/fixtures/values.py').stdout);
  const model = json.models.find((m: { variable: string }) => m.variable === 'unknown_width');
  assert.deepEqual(model.layers[0].output_shape, [null, 4]);
  assert.equal(model.layers[0].params, null);
  assert.deepEqual(model.layers[0].weights[0].shape, ['x_train.shape[1]', 4]);
  assert.equal(model.total_params, null);
});

test('a file that is not Python, or cannot be read, is one line on stderr and exit status 2', () => {
  const dir = mkdtempSync(join(tmpdir(), 'keras-shapes-'));
  const text = join(dir, 'notes.txt');
  writeFileSync(text, 'hello');
  const notPython = run(text);
  assert.equal(notPython.status, 2);
  assert.equal(notPython.stderr.trim().split('\n').length, 1);
  assert.match(notPython.stderr, /not a Python file/);
  const missing = run(join(dir, 'missing.py'));
  assert.equal(missing.status, 2);
  assert.match(missing.stderr, /cannot read the file \(ENOENT\)/);
  const binary = join(dir, 'binary.py');
  writeFileSync(binary, Buffer.from([0x00, 0x01, 0x02]));
  assert.equal(run(binary).status, 2);
});

test('a file with a syntax error is still analysed where it parses', () => {
  const result = run('test/fixtures/syntax_error.py');
  assert.equal(result.status, 0);
  assert.match(result.stdout, /Model: "sequential"/);
  assert.match(result.stdout, /Model: "sequential_1"/);
  assert.match(result.stdout, /syntax_error\.py:7:5: error: Syntax error/);
});

test('--help and no arguments', () => {
  assert.equal(run('--help').status, 0);
  assert.equal(run().status, 2);
});

test('a reader that stops early (`| head`) ends the CLI quietly, with status 0', async () => {
  const child = spawn(process.execPath, [CLI, 'test/fixtures/applications.py'], { cwd: ROOT });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  // Gone after its first read, as `head -c 10` is, while the CLI still has a long summary to write.
  child.stdout.once('data', () => child.stdout.destroy());
  const status = await new Promise<number | null>((resolve) => child.on('close', resolve));
  assert.equal(stderr, '');
  assert.equal(status, 0);
});
