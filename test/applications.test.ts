/**
 * The real-world target: Debian's python3-keras-applications holds the Keras Applications builders as
 * third-party source. The CLI, run on those files as they are, must reproduce the published parameter
 * counts (keras.io, Keras Applications table) of the model each entry function builds with its defaults.
 * CI installs the package with apt; elsewhere the test is skipped when it is missing.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { APPLICATION_SOURCES } from '../src/core/applications/sources';

const SOURCES = process.env.KERAS_APPLICATIONS_DIR ?? '/usr/lib/python3/dist-packages/keras_applications';
const CLI = join(__dirname, '..', '..', 'dist', 'cli.js');

const PUBLISHED: readonly [file: string, entry: string, params: number][] = [
  ['vgg16.py', 'VGG16', 138_357_544],
  ['vgg19.py', 'VGG19', 143_667_240],
  ['resnet50.py', 'ResNet50', 25_636_712],
  ['resnet_common.py', 'ResNet101', 44_707_176],
  ['mobilenet.py', 'MobileNet', 4_253_864],
  ['mobilenet_v2.py', 'MobileNetV2', 3_538_984],
  ['inception_v3.py', 'InceptionV3', 23_851_784],
  ['inception_resnet_v2.py', 'InceptionResNetV2', 55_873_736],
  ['xception.py', 'Xception', 22_910_480],
  ['densenet.py', 'DenseNet121', 8_062_504],
];

interface JsonModel {
  function: string | null;
  total_params: number | null;
  trainable_params: number | null;
  layers: unknown[];
}

const available = existsSync(join(SOURCES, 'vgg16.py'));
const skip = available ? false : process.env.CI ? false : `no ${SOURCES} (apt-get install python3-keras-applications)`;

for (const [file, entry, params] of PUBLISHED) {
  test(`Keras Applications: ${entry} from ${file} has ${params.toLocaleString('en-US')} parameters`, { skip }, () => {
    const result = spawnSync(process.execPath, [CLI, '--json', join(SOURCES, file)], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
    assert.equal(result.status, 0, result.stderr);
    const json = JSON.parse(result.stdout) as { models: JsonModel[]; diagnostics: { severity: string; message: string }[] };
    const model = json.models.find((m) => m.function === entry);
    assert.ok(model, `a model built by ${entry}() among ${json.models.map((m) => m.function).join(', ')}`);
    assert.equal(model.total_params, params);
    assert.deepEqual(json.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message), []);
  });
}

// The same builders as a user calls them (`keras.applications.VGG16()`), run from the copy bundled with the
// analyzer (`src/core/applications/sources.ts`, which must be the installed package's files verbatim), as a
// row of the user's model. A builder whose layers differ from Keras 3's own shows no summary of its own.
const BUNDLED: readonly [call: string, size: number, params: number, ownSummary: boolean][] = [
  ['keras.applications.VGG16()', 224, 138_357_544, true],
  ['keras.applications.VGG19()', 224, 143_667_240, true],
  ['keras.applications.ResNet50()', 224, 25_636_712, false],
  ['keras.applications.resnet.ResNet101()', 224, 44_707_176, false],
  ['keras.applications.mobilenet_v2.MobileNetV2()', 224, 3_538_984, false],
  ['keras.applications.InceptionV3()', 299, 23_851_784, true],
  ['keras.applications.InceptionResNetV2()', 299, 55_873_736, false],
  ['keras.applications.Xception()', 299, 22_910_480, true],
  ['keras.applications.DenseNet121()', 224, 8_062_504, false],
];

function analyseSource(source: string): { models: (JsonModel & { name: string })[]; diagnostics: { severity: string; message: string }[] } {
  const directory = mkdtempSync(join(tmpdir(), 'keras-shapes-'));
  const file = join(directory, 'model.py');
  writeFileSync(file, source);
  const result = spawnSync(process.execPath, [CLI, '--json', file], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  rmSync(directory, { recursive: true });
  assert.equal(result.status, 0, result.stderr);
  return JSON.parse(result.stdout);
}

for (const [call, size, params, ownSummary] of BUNDLED) {
  test(`${call} as a row of a user's model has ${params.toLocaleString('en-US')} parameters`, () => {
    const json = analyseSource(`import keras\n\ninputs = keras.Input(shape=(${size}, ${size}, 3))\noutputs = ${call}(inputs)\nmodel = keras.Model(inputs, outputs)\n`);
    assert.deepEqual(json.models.map((m) => m.name === 'functional' && m.total_params), [...(ownSummary ? [false] : []), params]);
    assert.deepEqual(json.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message), []);
  });
}

test('MobileNet and NASNet, whose bundled builders differ from Keras 3 in shapes or name, stay unknown', () => {
  for (const call of ['keras.applications.MobileNet()', 'keras.applications.NASNetMobile()']) {
    const json = analyseSource(`import keras\n\ninputs = keras.Input(shape=(224, 224, 3))\nmodel = keras.Model(inputs, ${call}(inputs))\n`);
    assert.deepEqual(json.models.map((m) => m.total_params), [null], call);
  }
});

test('the bundled Keras Applications sources are the installed package verbatim', { skip }, () => {
  for (const [name, source] of APPLICATION_SOURCES) assert.equal(source, readFileSync(join(SOURCES, `${name}.py`), 'utf8'), name);
});

test("freezing part of a bundled model whose layers are not shown leaves the trainable split unknown, never stale", () => {
  const build = (freeze: string) =>
    analyseSource(
      `import keras\n\nbase = keras.applications.MobileNetV2(input_shape=(160, 160, 3), include_top=False)\n${freeze}\n` +
        `inputs = keras.Input(shape=(160, 160, 3))\nmodel = keras.Model(inputs, keras.layers.Dense(1)(keras.layers.GlobalAveragePooling2D()(base(inputs))))\n`,
    ).models.map((m) => [m.total_params, m.trainable_params]);
  // TensorFlow's tutorial: the whole base frozen, then its first 100 layers only (which Keras 3 counts differently).
  assert.deepEqual(build('base.trainable = False'), [[2_259_265, 1_281]]);
  assert.deepEqual(build('for layer in base.layers[:100]:\n    layer.trainable = False'), [[2_259_265, null]]);
});
