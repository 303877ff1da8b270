import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULTS, SECTION } from '../../src/vscode/settingKeys';

interface Manifest {
  contributes: { configuration: { properties: Record<string, { default: unknown }> }; commands: { command: string }[] };
  activationEvents: string[];
}

const manifest = JSON.parse(readFileSync(join(__dirname, '..', '..', '..', 'package.json'), 'utf8')) as Manifest;

test('the settings package.json declares are exactly those the extension reads, with the same defaults', () => {
  const declared = Object.fromEntries(Object.entries(manifest.contributes.configuration.properties).map(([key, p]) => [key, p.default]));
  const read = Object.fromEntries(Object.entries(DEFAULTS).map(([key, value]) => [`${SECTION}.${key}`, value]));
  assert.deepEqual(declared, read);
});

test('the extension activates on Python files only and contributes the summary command', () => {
  assert.deepEqual(manifest.activationEvents, ['onLanguage:python']);
  assert.deepEqual(manifest.contributes.commands.map((c) => c.command), ['kerasShapes.showModelSummary']);
});
