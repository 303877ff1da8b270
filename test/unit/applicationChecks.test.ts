/**
 * Keras 3's checks of a Keras Applications builder's arguments (`src/core/extract/applicationChecks.ts`) against
 * what Keras 3 itself raised and warned for 1,883 calls (`scripts/record-application-checks.py` stops each builder
 * where it would make its first layer). Each call is analysed with a small step budget: the checks run before the
 * builder's body, and the body is not what this test is about.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { testAnalyzer } from '../support/analyzer';

interface RecordedCase {
  readonly image_data_format: 'channels_last' | 'channels_first';
  readonly call: string;
  /** `ValueError: message`, or of another error class Keras raised before its first layer. */
  readonly error?: string;
  readonly warnings?: readonly string[];
}

const recorded = JSON.parse(readFileSync(join(__dirname, '../../../test/unit/data/application-checks.json'), 'utf8')) as { cases: RecordedCase[] };

test('the argument checks of keras.applications builders say what Keras 3 says, call by call', async () => {
  const analyzer = await testAnalyzer();
  const mismatches: string[] = [];
  for (const c of recorded.cases) {
    const analysis = analyzer.analyze(`import keras\nmodel = ${c.call}\n`, { imageDataFormat: c.image_data_format, bounds: { maxSteps: 3_000 } });
    const at = (severity: string) => analysis.issues.filter((i) => i.severity === severity && i.span.startLine === 1).map((i) => i.message);
    // A ValueError or TypeError is Keras' message as an error; another (an IndexError for `input_shape=()`) is not claimed.
    const claimed = /^(ValueError|TypeError): /.exec(c.error ?? '');
    const error = claimed && c.error ? [c.error.slice(claimed[0].length)] : [];
    const found = { errors: at('error'), warnings: at('warning') };
    const expected = { errors: error, warnings: [...(c.warnings ?? [])] };
    if (JSON.stringify(found) !== JSON.stringify(expected)) mismatches.push(`${c.image_data_format} ${c.call}: ${JSON.stringify(found)} where Keras gives ${JSON.stringify(expected)}`);
  }
  assert.deepEqual(mismatches, []);
});
