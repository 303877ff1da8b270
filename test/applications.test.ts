/**
 * The real-world target: Debian's python3-keras-applications holds the Keras Applications builders as
 * third-party source. The CLI, run on those files as they are, must reproduce the published parameter
 * counts (keras.io, Keras Applications table) of the model each entry function builds with its defaults.
 * CI installs the package with apt; elsewhere the test is skipped when it is missing.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

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
