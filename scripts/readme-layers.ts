/**
 * Rewrites the supported-layers block of README.md from the rule table (`npm run readme:layers`).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { withCatalogue } from '../src/core/present/catalogue';

const readmePath = join(__dirname, '..', '..', 'README.md');
const updated = withCatalogue(readFileSync(readmePath, 'utf8'));
if (updated === null) {
  process.stderr.write('README.md has no layers:begin/layers:end markers\n');
  process.exitCode = 1;
} else {
  writeFileSync(readmePath, updated);
}
