import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { withCatalogue } from '../../src/core/present/catalogue';

test('the README lists exactly the layers of the rule table (npm run readme:layers rewrites it)', () => {
  const readme = readFileSync(join(__dirname, '..', '..', '..', 'README.md'), 'utf8');
  const regenerated = withCatalogue(readme);
  assert.ok(regenerated !== null, 'README.md has the layers:begin/layers:end markers');
  assert.equal(readme, regenerated);
});
