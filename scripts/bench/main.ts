/**
 * `npm run bench`: measures what a user feels while typing, on generated Keras files of about 100, 1,000
 * and 10,000 lines — parser start-up, parse, our analysis alone, the refresh after a one-character edit,
 * and memory after 1,000 edits — as medians after warm-up. `--json` ends with one JSON line of the figures;
 * `--grammar FILE.wasm` measures another tree-sitter-python build. Generating the files is `generate.ts`'s job.
 * When Debian's python3-keras-applications is installed, its largest file (nasnet.py) is measured too.
 *
 * The figures are taken in a worker thread with the heap the desktop extension gives its analysis worker
 * (`src/node/workerService.ts`); `--in-thread` takes them in the main thread, with Node's default heap, as
 * VS Code for the Web analyses in its extension host. The desktop's refresh through its worker, up to the hints
 * VS Code asks for, is measured from the main thread.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { isMainThread, parentPort, Worker } from 'node:worker_threads';
import { analyzeTree } from '../../src/core/analyze';
import { analyzeWithSiblings, createAnalyzer, type WasmBytes } from '../../src/core';
import type { ModuleSources } from '../../src/core/evaluate/modules';
import { SiblingTrees } from '../../src/core/siblingTrees';
import { readSibling } from '../../src/cli/main';
import { editFor, type TextChange } from '../../src/core/document';
import { createParser, loadPython, type Parser } from '../../src/core/syntax/tree';
import { generateKerasSource } from './generate';
import { ANALYSIS_RESOURCE_LIMITS, inWorker } from '../../src/node/workerService';

// Capture the wasm memory web-tree-sitter creates, to report its growth; it exposes no handle of its own.
const memories: WebAssembly.Memory[] = [];
const OriginalMemory = WebAssembly.Memory;
WebAssembly.Memory = class extends OriginalMemory {
  constructor(descriptor: WebAssembly.MemoryDescriptor) {
    super(descriptor);
    memories.push(this);
  }
} as typeof WebAssembly.Memory;

const SIZES = [100, 1_000, 10_000] as const;
const EDITS_FOR_MEMORY = 1_000;
const STARTUP_RUNS = 7;

interface SizeResult {
  readonly lines: number;
  readonly parse_ms: number;
  readonly analysis_ms: number;
  readonly edit_refresh_ms: number;
  /** The refresh after typing in a comment, which keeps the analysis (`core/inertEdits.ts`). */
  readonly comment_edit_refresh_ms: number;
  readonly analysis_ratio: number;
  readonly reparse_ms: number;
}

const args = process.argv.slice(2);
const option = (name: string): string | undefined => {
  const at = args.indexOf(name);
  return at >= 0 ? args[at + 1] : undefined;
};
const grammarPath = option('--grammar') ?? require.resolve('tree-sitter-python/tree-sitter-python.wasm');

function wasmBytes(): WasmBytes {
  return { runtime: readFileSync(require.resolve('web-tree-sitter/web-tree-sitter.wasm')), grammar: readFileSync(grammarPath) };
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

function time(run: () => void): number {
  const start = performance.now();
  run();
  return performance.now() - start;
}

const round = (ms: number, digits = 2): number => Number(ms.toFixed(digits));

/** Runs `measure` `warmup` times unrecorded, then `runs` times; the median of the recorded ones. */
function medianOf(runs: number, warmup: number, measure: () => number): number {
  for (let i = 0; i < warmup; i++) measure();
  return median(Array.from({ length: runs }, measure));
}

/** Like `medianOf` for two measurements taken in turn, run after run. */
function pairedMedians(runs: number, warmup: number, first: () => number, second: () => number): [number, number] {
  for (let i = 0; i < warmup; i++) {
    first();
    second();
  }
  const a: number[] = [];
  const b: number[] = [];
  for (let i = 0; i < runs; i++) {
    a.push(first());
    b.push(second());
  }
  return [median(a), median(b)];
}

/** An offset in the middle of the file where typing is realistic: just after the digits of a `Dense(` units. */
function middleEditOffset(text: string): number {
  const at = text.indexOf('Dense(', text.length >> 1);
  const from = at >= 0 ? at : text.length >> 1;
  return text.slice(from).search(/\d/) + from + 1;
}

/**
 * An offset in the middle of a real file where typing leaves the models as they are: just inside the first
 * call's parentheses after the middle, where a space changes no value. A digit typed into NASNet's
 * `num_blocks=6` would measure an 8,466-layer model every other keystroke instead.
 */
function neutralCodeOffset(text: string): number {
  const at = text.indexOf('(', text.length >> 1);
  return at >= 0 ? at + 1 : text.length;
}

/** The end of the first line after the middle that is only a comment: where one types a comment. */
function commentEditOffset(text: string): number {
  const line = /^[ \t]*#.*$/m.exec(text.slice(text.length >> 1));
  return line ? (text.length >> 1) + line.index + line[0].length : text.length;
}

/** Alternately types `typed` at `offset` and deletes it again, so the file keeps its size over many edits. */
function typingChanges(offset: number, typed = '1'): (i: number) => TextChange {
  return (i) => (i % 2 === 0 ? { start: offset, end: offset, text: typed } : { start: offset, end: offset + typed.length, text: '' });
}

function measureSize(parser: Parser, analyzer: Awaited<ReturnType<typeof createAnalyzer>>, lines: number): SizeResult {
  // Warm-up long enough for the JIT to settle, as it has in an editor after the first few keystrokes; enough
  // runs that a burst of load on this shared machine does not move the median: 31 at 10,000 lines (about 4 s),
  // 301 at 1,000 (as long; 51 runs took under a second, and one busy second moved its ratio by 0.1).
  const runs = lines >= 10_000 ? 31 : lines >= 1_000 ? 301 : 101;
  const warmup = lines >= 10_000 ? 20 : lines >= 1_000 ? 100 : 300;
  return measureText(parser, analyzer, generateKerasSource(lines), runs, warmup);
}

/**
 * Parse, analysis alone, incremental re-parse and edit refresh of one text; `siblings` are the modules it
 * imports (a real-world file), parsed once as the editor keeps them.
 */
function measureText(
  parser: Parser,
  analyzer: Awaited<ReturnType<typeof createAnalyzer>>,
  text: string,
  runs: number,
  warmup: number,
  modules: ModuleSources = new Map(),
  codeEdit: (text: string) => (i: number) => TextChange = (text) => typingChanges(middleEditOffset(text)),
): SizeResult {
  const siblings = new SiblingTrees(parser);

  // Parse and analysis alternate, so that both see the same state of this shared machine and their
  // ratio does not drift with its load between two separate series. Each analysis reads the tree the parse
  // before it made, as the editor's refresh does: a tree parsed long before, with other parses since, would
  // be measured colder in the processor's caches than any the editor analyses.
  let parsed: ReturnType<Parser['parse']> = null;
  const [parseMs, analysisMs] = pairedMedians(
    runs,
    warmup,
    () => {
      const start = performance.now();
      parsed = parser.parse(text);
      return performance.now() - start;
    },
    () => {
      const tree = parsed;
      if (!tree) throw new Error('no tree');
      const ms = time(() => analyzeTree(tree.rootNode, text, { modules }, siblings));
      tree.delete();
      return ms;
    },
  );

  // The incremental re-parse alone, with a correct edit, for the README's grammar comparison.
  const change = codeEdit(text);
  let current = text;
  let previous = parser.parse(current);
  let edits = 0;
  const reparseMs = medianOf(runs, warmup, () => {
    if (!previous) throw new Error('no tree');
    const c = change(edits++);
    previous.edit(editFor(current, c));
    current = current.slice(0, c.start) + c.text + current.slice(c.end);
    const start = performance.now();
    const next = parser.parse(current, previous);
    const ms = performance.now() - start;
    previous.delete();
    previous = next;
    return ms;
  });
  previous?.delete();

  const document = analyzer.openDocument(text, { modules });
  edits = 0;
  const refreshMs = medianOf(runs, warmup, () => time(() => document.update(change(edits++))));
  const comment = typingChanges(commentEditOffset(text), 'x');
  edits = 0;
  const commentRefreshMs = medianOf(runs, warmup, () => time(() => document.update(comment(edits++))));
  document.dispose();
  siblings.dispose();

  return {
    lines: text.split('\n').length,
    parse_ms: round(parseMs),
    analysis_ms: round(analysisMs),
    edit_refresh_ms: round(refreshMs),
    comment_edit_refresh_ms: round(commentRefreshMs),
    analysis_ratio: round(analysisMs / parseMs, 3),
    reparse_ms: round(reparseMs, 3),
  };
}

function gc(): void {
  const collect = (globalThis as { gc?: () => void }).gc;
  if (collect) {
    collect();
    collect();
  }
}

const megabytes = (bytes: number): number => round(bytes / (1024 * 1024), 1);
const wasmBytesInUse = (): number => memories.reduce((sum, m) => sum + m.buffer.byteLength, 0);

/** Heap and wasm memory growth over 1,000 consecutive edits of the 10,000-line file (after 10 warm-up edits). */
function measureMemory(analyzer: Awaited<ReturnType<typeof createAnalyzer>>): { heap_mb: number; wasm_mb: number; total_mb: number; wasm_total_mb: number } {
  const text = generateKerasSource(10_000);
  const document = analyzer.openDocument(text);
  const change = typingChanges(middleEditOffset(text));
  let i = 0;
  for (; i < 10; i++) document.update(change(i));
  gc();
  const heapBefore = process.memoryUsage().heapUsed;
  const wasmBefore = wasmBytesInUse();
  for (; i < 10 + EDITS_FOR_MEMORY; i++) document.update(change(i));
  gc();
  const heap = process.memoryUsage().heapUsed - heapBefore;
  const wasm = wasmBytesInUse() - wasmBefore;
  document.dispose();
  return { heap_mb: megabytes(heap), wasm_mb: megabytes(wasm), total_mb: megabytes(heap + wasm), wasm_total_mb: megabytes(wasmBytesInUse()) };
}

/** Start-up in a fresh process each time: web-tree-sitter initialises once per process. */
function measureStartup(): number {
  const times = Array.from({ length: STARTUP_RUNS }, () =>
    Number(execFileSync(process.execPath, [__filename, '--startup-child', '--grammar', grammarPath], { encoding: 'utf8' }).trim()),
  );
  return median(times);
}

async function startupChild(): Promise<void> {
  const bytes = wasmBytes();
  const start = performance.now();
  await loadPython(bytes);
  process.stdout.write(`${performance.now() - start}\n`);
}

/**
 * The largest Keras Applications builder as Debian ships it (`python3-keras-applications`), with the
 * sibling modules it imports: three NASNet models of 771 to 1,041 layers, built by its entry functions.
 */
const REAL_WORLD = '/usr/lib/python3/dist-packages/keras_applications/nasnet.py';

interface RealWorldResult extends SizeResult {
  readonly file: string;
  readonly layers: number;
}

async function measureRealWorld(parser: Parser, analyzer: Awaited<ReturnType<typeof createAnalyzer>>): Promise<RealWorldResult | null> {
  if (!existsSync(REAL_WORLD)) return null;
  const text = readFileSync(REAL_WORLD, 'utf8');
  const modules = new Map<string, string | null>();
  const analysis = await analyzeWithSiblings((source, options) => analyzer.analyze(source, options), text, (key) => {
    const source = readSibling(dirname(REAL_WORLD), key);
    modules.set(key, source);
    return source;
  });
  const layers = analysis.models.reduce((sum, model) => sum + model.layers.length, 0);
  return { file: basename(REAL_WORLD), layers, ...measureText(parser, analyzer, text, 21, 20, modules, (source) => typingChanges(neutralCodeOffset(source), ' ')) };
}

function table({ sizes, startup_ms: startup, memory, real_world: realWorld, thread, worker_edit_refresh_ms: workerRefresh }: Figures): string {
  const rows = sizes.map(
    (s) =>
      `| ${s.lines.toLocaleString('en-US')} | ${s.parse_ms} | ${s.analysis_ms} | ${s.analysis_ratio} | ${s.reparse_ms} | ${s.edit_refresh_ms} | ${s.comment_edit_refresh_ms} |`,
  );
  if (realWorld) {
    const r = realWorld;
    rows.push(`| ${r.lines} (${r.file}, ${r.layers.toLocaleString('en-US')} layers) | ${r.parse_ms} | ${r.analysis_ms} | ${r.analysis_ratio} | ${r.reparse_ms} | ${r.edit_refresh_ms} | ${r.comment_edit_refresh_ms} |`);
  }
  return [
    `grammar: ${grammarPath}`,
    `measured in: the ${thread} thread`,
    '',
    '| lines | parse (ms) | analysis (ms) | analysis / parse | incremental re-parse (ms) | edit refresh (ms) | comment edit refresh (ms) |',
    '|---:|---:|---:|---:|---:|---:|---:|',
    ...rows,
    '',
    `parser start-up (runtime + grammar): ${round(startup, 1)} ms`,
    `edit refresh of the 1,000-line file through the desktop's analysis worker, up to the inlay hints of the 50 lines around the edit: ${workerRefresh} ms`,
    `memory growth after ${EDITS_FOR_MEMORY.toLocaleString('en-US')} edits of the 10,000-line file: ${memory.total_mb} MB (heap ${memory.heap_mb} MB, wasm ${memory.wasm_mb} MB; wasm in use ${memory.wasm_total_mb} MB)`,
  ].join('\n');
}

/**
 * The refresh of a 1,000-line file as the desktop extension gives it: the edit goes to its analysis worker, which
 * analyses and answers the inlay hints of the 50 lines around the edit, as VS Code asks them for what is on screen.
 */
async function measureWorkerRefresh(): Promise<number> {
  const text = generateKerasSource(1_000);
  const service = inWorker(wasmBytes(), join(__dirname, '../../src/node/analysisWorker.js'));
  try {
    const document = service.open(text, {});
    await document.imports();
    const offset = middleEditOffset(text);
    const line = text.slice(0, offset).split('\n').length - 1;
    const change = typingChanges(offset);
    const times: number[] = [];
    for (let i = 0; i < 220; i++) {
      const start = performance.now();
      document.update([change(i)], {});
      await document.ask({ kind: 'hints', showParams: true, fromLine: line - 25, toLine: line + 25 });
      if (i >= 20) times.push(performance.now() - start);
    }
    return round(median(times));
  } finally {
    service.dispose();
  }
}

/** Everything but start-up, in the thread it runs in. */
async function measureHere(): Promise<Measured> {
  const analyzer = await createAnalyzer(wasmBytes());
  const parser = createParser(await loadPython(wasmBytes()));
  const sizes = SIZES.map((lines) => measureSize(parser, analyzer, lines));
  const realWorld = await measureRealWorld(parser, analyzer);
  const memory = measureMemory(analyzer);
  return { sizes, memory_growth_mb: memory.total_mb, memory, grammar: grammarPath, real_world: realWorld, thread: isMainThread ? 'main' : 'analysis worker' };
}

interface Figures {
  readonly sizes: readonly SizeResult[];
  readonly startup_ms: number;
  readonly memory_growth_mb: number;
  readonly memory: ReturnType<typeof measureMemory>;
  readonly grammar: string;
  readonly real_world: RealWorldResult | null;
  /** Where parse and analysis were measured: the desktop's analysis worker or the main thread. */
  readonly thread: string;
  readonly worker_edit_refresh_ms: number;
}

/** What one thread measures; start-up (fresh processes) and the refresh through a worker are the main thread's. */
type Measured = Omit<Figures, 'startup_ms' | 'worker_edit_refresh_ms'>;

/** The figures measured in a worker thread with the analysis worker's heap. */
function measureInWorker(): Promise<Measured> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(__filename, { argv: args, resourceLimits: ANALYSIS_RESOURCE_LIMITS });
    worker.once('message', resolve);
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`the measuring worker stopped (exit code ${code})`)));
  });
}

async function main(): Promise<void> {
  if (args.includes('--startup-child')) return startupChild();
  if (!isMainThread) {
    parentPort?.postMessage(await measureHere());
    return;
  }
  if (!(globalThis as { gc?: () => void }).gc) process.stderr.write('bench: run with --expose-gc for exact memory figures\n');
  const startup = measureStartup();
  const measured = args.includes('--in-thread') ? await measureHere() : await measureInWorker();
  const figures: Figures = { ...measured, startup_ms: round(startup, 1), worker_edit_refresh_ms: await measureWorkerRefresh() };
  process.stdout.write(`${table(figures)}\n`);
  if (args.includes('--json')) process.stdout.write(`${JSON.stringify(figures)}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`bench: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exitCode = 1;
});
