/**
 * Skipping plain Python (`extract/relevance.ts`): the name scan, which statements are kept, and that on
 * every fixture, oracle case and example the models and layer sites are exactly those of interpreting all.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { scanNames } from '../src/core/extract/relevance';
import { testAnalyzer } from './support/analyzer';

const ROOT = join(__dirname, '..', '..');

test('scanNames separates names, attributes and bound names, skipping strings and comments', () => {
  const scan = scanNames('x, y[i] = f(a, key=b).c  # d\nz += "e" + f"{g}" + r"h"\nfor k in range(n): del m\nif (w := v): pass');
  assert.deepEqual([...scan.names].sort(), ['a', 'b', 'f', 'g', 'i', 'k', 'm', 'n', 'range', 'v', 'w', 'x', 'y', 'z']);
  assert.deepEqual([...scan.attributes], ['c']);
  assert.deepEqual([...scan.bound].sort(), ['i', 'k', 'm', 'w', 'x', 'y', 'z']);
  const imports = scanNames('import a.b as c\nfrom d import e, f as g\nwith h() as j:\n    global q\n');
  assert.deepEqual([...imports.bound].sort(), ['a', 'c', 'e', 'f', 'g', 'j', 'q']);
  assert.deepEqual([...imports.globals], ['q']);
  assert.deepEqual([...scanNames('a == b; c <= d; e != f; g <<= h').bound], ['g']);
});

async function sitesAndModels(text: string, interpretAll: boolean) {
  const analysis = (await testAnalyzer()).analyze(text, { interpretAll });
  return { models: analysis.models, sites: analysis.sites, errors: analysis.issues.filter((i) => i.severity !== 'information') };
}

const KEEP_CASES: readonly [string, string][] = [
  ['a value defined before use', 'import keras\nUNITS = 4\nm = keras.Sequential([keras.Input((3,)), keras.layers.Dense(UNITS)])\n'],
  ['a mutation through a shared name', 'import keras\nsizes = [2]\nsizes.append(5)\nm = keras.Sequential([keras.Input((3,)), keras.layers.Dense(sizes[-1])])\n'],
  ['a value set by a function through global', 'import keras\ndef setup():\n    global WIDTH\n    WIDTH = 6\nsetup()\nm = keras.Sequential([keras.Input((3,)), keras.layers.Dense(WIDTH)])\n'],
  ['an f-string name', 'import keras\nPREFIX = "enc"\nname = f"{PREFIX}_dense"\nm = keras.Sequential([keras.Input((3,)), keras.layers.Dense(2, name=name)])\n'],
  ['a walrus target', 'import keras\nprint(n := 7)\nm = keras.Sequential([keras.Input((3,)), keras.layers.Dense(n)])\n'],
  ['Keras names on an unknown object', 'import numpy as np\nlayers = None\ndef build():\n    return layers.Dense(3)\nm = np.stack([build()])\n'],
  ['a builder only called from plain-looking code', 'from keras import layers, Sequential\ndef build():\n    return Sequential([layers.Input((2,)), layers.Dense(1)])\nresults = [build() for _ in range(2)]\n'],
];

for (const [name, source] of KEEP_CASES) {
  test(`relevance keeps ${name}`, async () => {
    assert.deepEqual(await sitesAndModels(source, false), await sitesAndModels(source, true));
  });
}

test('relevance skips plain Python, and its notes with it', async () => {
  const source = 'import keras\nimport os\n\ndef read():\n    for line in open(os.environ["DATA"]):\n        pass\n\nm = keras.Sequential([keras.Input((3,)), keras.layers.Dense(2)])\n';
  const analyzer = await testAnalyzer();
  assert.equal(analyzer.analyze(source).issues.length, 0);
  assert.ok(analyzer.analyze(source, { interpretAll: true }).issues.some((i) => i.code === 'unknown-iterable'));
});

function corpus(): string[] {
  const files: string[] = [];
  const add = (dir: string) => {
    if (!existsSync(dir)) return;
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.py'))) files.push(join(dir, file));
  };
  add(join(ROOT, 'test', 'fixtures'));
  add(join(ROOT, 'examples'));
  add(join(ROOT, '..', 'shared', 'oracle-cases'));
  return files;
}

test('on every fixture, example and oracle case, skipping changes no model, site or error', async () => {
  const files = corpus();
  assert.ok(files.length > 10);
  for (const file of files) {
    const source = readFileSync(file, 'utf8');
    assert.deepEqual(await sitesAndModels(source, false), await sitesAndModels(source, true), file);
  }
});
