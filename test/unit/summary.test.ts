/**
 * `renderSummary` against the text real Keras 3.16 printed for every model of every oracle case, plus the cases
 * the oracle cannot contain (static unknowns, overlong names, large sizes, several outputs).
 */

import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Connection, Count, LayerReport, ModelKind, ModelReport, Shape, Span } from '../../src/core/model';
import { formatCount, formatOutputShape, readableMemorySize, renderSummary } from '../../src/core/present/summary';

// ---------------------------------------------------------------------------------------------------------------
// The oracle cases, converted to `ModelReport`s.

type OracleDim = number | null;

interface OracleLayer {
  readonly name: string;
  readonly class_name: string;
  readonly output_shape: OracleDim[] | OracleDim[][] | null;
  readonly params: number;
  readonly trainable_params: number;
  readonly non_trainable_params: number;
  readonly built: boolean;
  readonly trainable: boolean;
  readonly connected_to?: { layer: string; node_index: number; tensor_index: number }[];
}

interface OracleModel {
  readonly variable: string | null;
  readonly name: string;
  readonly class_name: string;
  readonly kind: ModelKind;
  readonly built: boolean;
  readonly layers: OracleLayer[];
  readonly total_params: number;
  readonly trainable_params: number;
  readonly non_trainable_params: number;
  readonly summary_text: string;
}

const NO_SPAN: Span = {
  start: 0,
  end: 0,
  startLine: 0,
  startColumn: 0,
  endLine: 0,
  endColumn: 0,
};

/** Where the recorded Keras output lives: `KERAS_SHAPES_ORACLE_DIR`, a copy under test/, or the shared folder. */
function oracleDirectory(): string | null {
  const candidates = [
    process.env.KERAS_SHAPES_ORACLE_DIR,
    path.resolve(__dirname, '../../../test/oracle-cases'),
    '/work/shared/oracle-cases',
  ];
  for (const candidate of candidates) {
    if (candidate && fs.existsSync(candidate)) {
      return candidate;
    }
  }
  return null;
}

function toLayerReport(layer: OracleLayer): LayerReport {
  const connectedTo: Connection[] | undefined = layer.connected_to?.map((c) => ({
    layer: c.layer,
    nodeIndex: c.node_index,
    tensorIndex: c.tensor_index,
  }));
  return {
    name: layer.name,
    className: layer.class_name,
    span: NO_SPAN,
    outputShape: layer.output_shape,
    built: layer.built,
    trainable: layer.trainable,
    params: layer.params,
    trainableParams: layer.trainable_params,
    nonTrainableParams: layer.non_trainable_params,
    weights: [],
    ...(connectedTo ? { connectedTo } : {}),
  };
}

function toModelReport(model: OracleModel): ModelReport {
  return {
    variable: model.variable,
    name: model.name,
    className: model.class_name,
    kind: model.kind,
    function: null,
    span: NO_SPAN,
    built: model.built,
    layers: model.layers.map(toLayerReport),
    totalParams: model.total_params,
    trainableParams: model.trainable_params,
    nonTrainableParams: model.non_trainable_params,
    // The shared cases' weights are all float32.
    totalBytes: model.total_params * 4,
    trainableBytes: model.trainable_params * 4,
    nonTrainableBytes: model.non_trainable_params * 4,
    // The engine decides this elsewhere; here the recorded text tells.
    showConnections: /┃ Connected to +┃/.test(model.summary_text),
  };
}

test('every oracle model summary matches what Keras printed', async (t) => {
  const directory = oracleDirectory();
  if (directory === null) {
    t.skip('no oracle cases found (set KERAS_SHAPES_ORACLE_DIR)');
    return;
  }
  const files = fs.readdirSync(directory).filter((file) => file.endsWith('.json')).sort();
  let checked = 0;
  for (const file of files) {
    const recorded = JSON.parse(fs.readFileSync(path.join(directory, file), 'utf8')) as { models?: OracleModel[] };
    for (const model of recorded.models ?? []) {
      await t.test(`${file}: ${model.name}`, () => {
        assert.equal(renderSummary(toModelReport(model)), model.summary_text);
      });
      checked++;
    }
  }
  assert.ok(checked > 0, `no models in ${directory}`);
});

// ---------------------------------------------------------------------------------------------------------------
// Cases the oracle does not contain. Expected texts were checked against rich's own table rendering.

function layer(
  name: string,
  className: string,
  outputShape: Shape | readonly Shape[] | null,
  params: Count,
  extra: Partial<LayerReport> = {},
): LayerReport {
  return {
    name,
    className,
    span: NO_SPAN,
    outputShape,
    built: true,
    trainable: true,
    params,
    trainableParams: params,
    nonTrainableParams: params === null ? null : 0,
    weights: [],
    ...extra,
  };
}

/** A model of float32 weights, unless `totals` gives other sizes. */
function model(layers: LayerReport[], totals: Partial<ModelReport> = {}): ModelReport {
  const float32 = (count: Count | undefined): number | null => (count === undefined ? 0 : count === null ? null : count * 4);
  return {
    variable: 'model',
    name: 'sequential',
    className: 'Sequential',
    kind: 'sequential',
    function: null,
    span: NO_SPAN,
    built: true,
    layers,
    totalParams: 0,
    trainableParams: 0,
    nonTrainableParams: 0,
    totalBytes: float32(totals.totalParams),
    trainableBytes: float32(totals.trainableParams),
    nonTrainableBytes: float32(totals.nonTrainableParams),
    showConnections: false,
    ...totals,
  };
}

/** The table body rows of a rendered summary (between the header rule and the bottom border). */
function bodyLines(summary: string): string[] {
  const lines = summary.split('\n');
  return lines.slice(lines.findIndex((line) => line.startsWith('┡')) + 1, lines.findIndex((line) => line.startsWith('└')));
}

test('a dimension known only at run time is printed as written', () => {
  assert.equal(formatOutputShape([null, '?', 4]), '(None, ?, 4)');
  assert.equal(formatOutputShape([null, 'x_train.shape[1]']), '(None, x_train.shape[1])');
  const text = renderSummary(model([layer('dense', 'Dense', [null, 'x_train.shape[1]', 4], 20)], { totalParams: 20, trainableParams: 20 }));
  assert.deepEqual(bodyLines(text), [
    '│ dense (Dense)                        │ (None, x_train.shape[1], 4) │              20 │',
  ]);
});

test('a rank-1 shape prints without a trailing comma, as Keras joins the dims itself', () => {
  assert.equal(formatOutputShape([null]), '(None)');
});

test('an unknown count is printed as ?, in the row and in the footer', () => {
  const text = renderSummary(
    model([layer('dense', 'Dense', [null, 4], null)], { totalParams: null, trainableParams: null, nonTrainableParams: 0 }),
  );
  assert.equal(
    text,
    [
      'Model: "sequential"',
      '┏━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━┓',
      '┃ Layer (type)                         ┃ Output Shape                ┃         Param # ┃',
      '┡━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━┩',
      '│ dense (Dense)                        │ (None, 4)                   │               ? │',
      '└──────────────────────────────────────┴─────────────────────────────┴─────────────────┘',
      ' Total params: ?',
      ' Trainable params: ?',
      ' Non-trainable params: 0 (0.00 B)',
      '',
    ].join('\n'),
  );
});

test('long names and shapes wrap at spaces and are cut with … when a word is wider than the column', () => {
  const text = renderSummary(
    model([
      layer('a_very_long_layer_name_that_does_not_fit_at_all', 'Dense', [null, 'some_dataset.shape[1]', 'other.shape[2]', 1024], 1),
      layer('block1_conv', 'AVeryLongCustomLayerClassNameThatKeepsGoing', [123456789, 123456789, 123456789, 1234], 1_234_567_890),
    ]),
  );
  assert.deepEqual(bodyLines(text), [
    '│ a_very_long_layer_name_that_does_no… │ (None,                      │               1 │',
    '│ (Dense)                              │ some_dataset.shape[1],      │                 │',
    '│                                      │ other.shape[2], 1024)       │                 │',
    '├──────────────────────────────────────┼─────────────────────────────┼─────────────────┤',
    '│ block1_conv                          │ (123456789, 123456789,      │   1,234,567,890 │',
    '│ (AVeryLongCustomLayerClassNameThatK… │ 123456789, 1234)            │                 │',
  ]);
});

test('a model without layers still draws the header and both borders', () => {
  const lines = renderSummary(model([])).split('\n');
  assert.deepEqual(lines.slice(1, 5), [
    '┏━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━┓',
    '┃ Layer (type)                         ┃ Output Shape                ┃         Param # ┃',
    '┡━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━┩',
    '└──────────────────────────────────────┴─────────────────────────────┴─────────────────┘',
  ]);
});

test('sizes use a 1024 scale from B to PB, with halves rounded to even like Python', () => {
  assert.equal(readableMemorySize(0), '0.00 B');
  assert.equal(readableMemorySize(1023), '1023.00 B');
  assert.equal(readableMemorySize(1024), '1.00 KB');
  assert.equal(readableMemorySize(1152), '1.12 KB'); // 1.125 exactly: Python rounds to even
  assert.equal(readableMemorySize(1168), '1.14 KB'); // 1.140625
  assert.equal(readableMemorySize(4 * 1_199_882), '4.58 MB');
  assert.equal(readableMemorySize(4 * 138_357_544), '527.79 MB'); // VGG16
  assert.equal(readableMemorySize(4 * 1_000_000_000), '3.73 GB');
  assert.equal(readableMemorySize(2 ** 50), '1.00 PB');
  assert.equal(formatCount(1_234_567_890), '1,234,567,890');
  assert.equal(formatCount(999), '999');
  const text = renderSummary(model([], { totalParams: 1_000_000_000, trainableParams: 999_000_000, nonTrainableParams: 1_000_000 }));
  assert.deepEqual(text.split('\n').slice(-4), [
    ' Total params: 1,000,000,000 (3.73 GB)',
    ' Trainable params: 999,000,000 (3.72 GB)',
    ' Non-trainable params: 1,000,000 (3.81 MB)',
    '',
  ]);
});

test('a layer with several outputs lists their shapes in brackets', () => {
  const lstm = layer('lstm', 'LSTM', [[null, 32], [null, 32], [null, 32]], 8320);
  assert.equal(formatOutputShape(lstm.outputShape), '[(None, 32), (None, 32), (None, 32)]');
  assert.equal(formatOutputShape([[null, 10, 64]]), '(None, 10, 64)');
  const text = renderSummary(
    model(
      [
        layer('input_layer', 'InputLayer', [null, 10, 8], 0, { connectedTo: [] }),
        layer('lstm', 'LSTM', [[null, 32], [null, 32], [null, 32]], 5248, {
          connectedTo: [{ layer: 'input_layer', nodeIndex: 0, tensorIndex: 0 }],
        }),
        layer('concatenate', 'Concatenate', [null, 64], 0, {
          connectedTo: [
            { layer: 'lstm', nodeIndex: 0, tensorIndex: 1 },
            { layer: 'lstm', nodeIndex: 0, tensorIndex: 2 },
          ],
        }),
      ],
      { name: 'functional', kind: 'functional', showConnections: true, totalParams: 5248, trainableParams: 5248 },
    ),
  );
  assert.deepEqual(bodyLines(text), [
    '│ input_layer (InputLayer)      │ (None, 10, 8)             │               0 │ -                          │',
    '├───────────────────────────────┼───────────────────────────┼─────────────────┼────────────────────────────┤',
    '│ lstm (LSTM)                   │ [(None, 32), (None, 32),  │           5,248 │ input_layer[0][0]          │',
    '│                               │ (None, 32)]               │                 │                            │',
    '├───────────────────────────────┼───────────────────────────┼─────────────────┼────────────────────────────┤',
    '│ concatenate (Concatenate)     │ (None, 64)                │               0 │ lstm[0][1], lstm[0][2]     │',
  ]);
});
