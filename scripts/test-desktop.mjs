// Runs the same real-editor suites in desktop VS Code through @vscode/test-electron. It downloads a VS Code
// build, which this project's CI machine cannot do: run it where the internet is reachable (not part of CI).
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { runTests } = require('@vscode/test-electron');

try {
  await runTests({
    extensionDevelopmentPath: root,
    extensionTestsPath: join(root, 'out', 'vscode-tests', 'desktop.js'),
    launchArgs: [join(root, 'test', 'vscode', 'workspace'), '--disable-extensions'],
  });
} catch (error) {
  console.error(`desktop tests failed: ${error}`);
  process.exit(1);
}
