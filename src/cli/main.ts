/**
 * `keras-shapes`: the command-line face of the analysis core. Reads Python files, prints each model's
 * summary exactly as Keras 3's `model.summary()` and the diagnostics, or the JSON contract with `--json`.
 * The only I/O of the project outside the editor adapter lives here.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { analyzeWithSiblings, createAnalyzer, type AnalysisOptions, type Analyzer } from '../core';
import { renderSummary } from '../core/present/summary';
import { toJson, type JsonFile } from './json';

const USAGE = `Usage: keras-shapes [--json] [--channels-first] FILE.py [FILE.py ...]

Prints the Keras 3 model.summary() of every model defined in each file, without running Python,
followed by the diagnostics as FILE:LINE:COL: severity: message.

  --json             print one JSON object per file instead (one line each)
  --channels-first   assume keras.config.image_data_format() is 'channels_first' (default: 'channels_last')
  --help             show this help
`;

/** The wasm files sit next to the bundle (dist/), or in node_modules when run from compiled sources. */
function readWasm(name: 'web-tree-sitter.wasm' | 'tree-sitter-python.wasm'): Uint8Array {
  const candidates = [
    join(__dirname, name),
    join(__dirname, '..', 'dist', name),
    join(__dirname, '..', '..', '..', 'dist', name),
    join(process.cwd(), 'node_modules', name === 'web-tree-sitter.wasm' ? 'web-tree-sitter' : 'tree-sitter-python', name),
  ];
  for (const candidate of candidates) {
    try {
      return readFileSync(candidate);
    } catch {
      // try the next place
    }
  }
  throw new Error(`cannot find ${name} next to the CLI (looked in ${candidates.join(', ')})`);
}

export async function loadAnalyzer(): Promise<Analyzer> {
  return createAnalyzer({ runtime: readWasm('web-tree-sitter.wasm'), grammar: readWasm('tree-sitter-python.wasm') });
}

/** Reads a Python source file; null (after a one-line error) when it cannot be used. */
function readSource(file: string, errors: string[]): string | null {
  if (!/\.pyi?$/i.test(file)) {
    errors.push(`keras-shapes: ${file}: not a Python file (expected a .py file)`);
    return null;
  }
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (error) {
    const reason = error instanceof Error && 'code' in error ? String((error as NodeJS.ErrnoException).code) : 'unreadable';
    errors.push(`keras-shapes: ${file}: cannot read the file (${reason})`);
    return null;
  }
  if (bytes.includes(0)) {
    errors.push(`keras-shapes: ${file}: not a text file`);
    return null;
  }
  return bytes.toString('utf8').replace(/^\uFEFF/, '');
}

/** A sibling module `key` of a file in `directory`: `key.py` or the package `key/__init__.py`. */
export function readSibling(directory: string, key: string): string | null {
  for (const candidate of [join(directory, `${key}.py`), join(directory, key, '__init__.py')]) {
    try {
      return readFileSync(candidate, 'utf8');
    } catch {
      // not this one
    }
  }
  return null;
}

export function formatText(file: string, json: JsonFile): string {
  const parts: string[] = [];
  for (const model of json.report.models) parts.push(renderSummary(model));
  const diagnostics = json.diagnostics.map((d) => `${file}:${d.line}:${d.column}: ${d.severity}: ${d.message}`);
  if (parts.length === 0) parts.push('No Keras model found.\n');
  return parts.join('\n') + (diagnostics.length ? `\n${diagnostics.join('\n')}\n` : '');
}

export async function main(argv: readonly string[]): Promise<number> {
  const files = argv.filter((a) => !a.startsWith('--'));
  const flags = new Set(argv.filter((a) => a.startsWith('--')));
  if (flags.has('--help') || files.length === 0) {
    (files.length === 0 && !flags.has('--help') ? process.stderr : process.stdout).write(USAGE);
    return files.length === 0 && !flags.has('--help') ? 2 : 0;
  }
  const unknownFlags = [...flags].filter((f) => !['--json', '--help', '--channels-first'].includes(f));
  if (unknownFlags.length > 0) {
    process.stderr.write(`keras-shapes: unknown option ${unknownFlags[0]}\n${USAGE}`);
    return 2;
  }
  const analyzer = await loadAnalyzer();
  const errors: string[] = [];
  for (const file of files) {
    const source = readSource(file, errors);
    if (source === null) continue;
    const options: AnalysisOptions = { imageDataFormat: flags.has('--channels-first') ? 'channels_first' : 'channels_last' };
    const analysis = await analyzeWithSiblings((text, o) => analyzer.analyze(text, o), source, (key) => readSibling(dirname(file), key), options);
    const json = toJson(file, analysis);
    process.stdout.write(flags.has('--json') ? `${JSON.stringify(json.contract)}\n` : formatText(file, json));
  }
  for (const error of errors) process.stderr.write(`${error}\n`);
  return errors.length > 0 ? 2 : 0;
}

if (require.main === module) {
  // A reader that stops early (`keras-shapes big.py | head`) has what it wanted: stop quietly, as Unix tools do.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    process.exit(0);
  });
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`keras-shapes: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 2;
    },
  );
}
