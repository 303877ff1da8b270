// Bundles the extension for Node (`main`, with its analysis worker) and for the browser (`browser`), the CLI, and
// copies the two wasm files the parser needs into dist/. `--tests` also bundles the real-editor test suites; `--watch` rebuilds.
import * as esbuild from 'esbuild';
import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = dirname(fileURLToPath(import.meta.url));
const args = new Set(process.argv.slice(2));
const watch = args.has('--watch');
const withTests = args.has('--tests');
const production = args.has('--production');

const common = {
  bundle: true,
  format: 'cjs',
  target: 'es2022',
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
  absWorkingDir: root,
};

/**
 * Node bundles must take web-tree-sitter's CommonJS build: its ES build locates itself through
 * `import.meta.url`, which is empty once bundled to CommonJS, and fails at `Parser.init`.
 */
const nodeTreeSitter = { 'web-tree-sitter': './node_modules/web-tree-sitter/web-tree-sitter.cjs' };

/** web-tree-sitter reaches for Node modules only on paths the web worker never takes. */
const nodeOnly = ['fs', 'fs/promises', 'path', 'module', 'url', 'crypto', 'worker_threads'];

const builds = [
  {
    ...common,
    entryPoints: ['src/vscode/desktop.ts'],
    outfile: 'dist/extension.js',
    platform: 'node',
    alias: nodeTreeSitter,
    external: ['vscode'],
  },
  {
    // The desktop extension's analysis worker, which dist/extension.js starts from its own folder.
    ...common,
    entryPoints: ['src/node/analysisWorker.ts'],
    outfile: 'dist/analysisWorker.js',
    platform: 'node',
    alias: nodeTreeSitter,
  },
  {
    ...common,
    entryPoints: ['src/vscode/web.ts'],
    outfile: 'dist/web/extension.js',
    platform: 'browser',
    external: ['vscode', ...nodeOnly],
  },
];

// The CLI is written alongside; build it once it exists.
if (existsSync(join(root, 'src/cli/main.ts'))) {
  builds.push({
    ...common,
    entryPoints: ['src/cli/main.ts'],
    outfile: 'dist/cli.js',
    platform: 'node',
    alias: nodeTreeSitter,
    banner: { js: '#!/usr/bin/env node' },
  });
}

if (withTests) {
  builds.push(
    {
      ...common,
      entryPoints: ['test/vscode/web.ts'],
      outfile: 'out/vscode-tests/web.js',
      platform: 'browser',
      external: ['vscode', ...nodeOnly],
      // mocha's browser build expects these Node globals to exist.
      define: { global: 'globalThis' },
    },
    {
      ...common,
      entryPoints: ['test/vscode/desktop.ts'],
      outfile: 'out/vscode-tests/desktop.js',
      platform: 'node',
      external: ['vscode', 'mocha'],
    },
  );
}

function copyWasm() {
  mkdirSync(join(root, 'dist'), { recursive: true });
  for (const file of ['web-tree-sitter/web-tree-sitter.wasm', 'tree-sitter-python/tree-sitter-python.wasm']) {
    copyFileSync(join(root, 'node_modules', file), join(root, 'dist', file.split('/')[1]));
  }
}

copyWasm();
if (watch) {
  const contexts = await Promise.all(builds.map((options) => esbuild.context(options)));
  await Promise.all(contexts.map((context) => context.watch()));
  console.log('esbuild: watching for changes');
} else {
  await Promise.all(builds.map((options) => esbuild.build(options)));
}
