/**
 * The fuzzer's parts, shared by `test/fuzz.test.ts` (fixed seed, in CI) and `scripts/fuzz.ts` (longer runs):
 * a seeded generator, mutations of real Python files (tokens, lines, truncation, random bytes and unicode,
 * CRLF, tabs, BOM), and the checks every analysis must pass whatever its input. Finding inputs is this
 * file's job; fixing what they break is the core's.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Analyzer, FileAnalysis, Span } from '../../src/core';
import { seededRandom } from '../../scripts/bench/generate';
import { toJson } from '../../src/cli/json';

export type Random = () => number;

const below = (random: Random, n: number) => Math.floor(random() * n);
const pick = <T>(random: Random, items: readonly T[]): T => items[below(random, items.length)];

/** The seed corpus: fixtures, examples and oracle cases (when the shared folder is present). */
export function fuzzCorpus(root: string): { name: string; text: string }[] {
  const files: { name: string; text: string }[] = [];
  for (const dir of [join(root, 'test', 'fixtures'), join(root, 'examples'), join(root, '..', 'shared', 'oracle-cases')]) {
    if (!existsSync(dir)) continue;
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.py')).sort()) files.push({ name: file, text: readFileSync(join(dir, file), 'utf8') });
  }
  return files;
}

/** Python-ish tokens (names, numbers, strings, operators, whitespace) so mutations stay plausible. */
function tokens(text: string): string[] {
  return text.match(/[A-Za-z_]\w*|\d+(?:\.\d*)?|"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|\s+|./gsu) ?? [];
}

const ODD_TEXT = [
  '\u0000', '\u0001', '\u001b', '\u007f', '\uFEFF', '\u200B', '\u2060', '\u00A0', '\u2028', '\u2029', '\r', '\t', '\f', '\v',
  '\uD800', '\uDFFF', '\u{1F600}', 'é', 'ñ', '\u0301', '\u202E', '日本', 'λ', '∑', '\\', '\\\n', '"""', "'''", '#', '(', ')', '[', ']',
  '{', '}', ':', ',', '=', '==', '**', '*', '@', '...', 'lambda', 'yield', 'await', 'None', '10**30', '-1', '1e309', '0x', '1_',
  'f"{', 'keras.', 'layers.Dense(', 'model.add(', 'Input(shape=(', ')' .repeat(20), '('.repeat(20), '\n    ', '\n\t', 'def f(', 'class C(',
];

export type Mutation = (text: string, random: Random) => string;

const lineMutation = (change: (lines: string[], i: number, random: Random) => void): Mutation => (text, random) => {
  const lines = text.split('\n');
  change(lines, below(random, lines.length), random);
  return lines.join('\n');
};

const tokenMutation = (change: (parts: string[], i: number, random: Random) => void): Mutation => (text, random) => {
  const parts = tokens(text);
  if (parts.length === 0) return text;
  change(parts, below(random, parts.length), random);
  return parts.join('');
};

export const MUTATIONS: Readonly<Record<string, Mutation>> = {
  deleteToken: tokenMutation((parts, i) => parts.splice(i, 1)),
  duplicateToken: tokenMutation((parts, i) => parts.splice(i, 0, parts[i])),
  swapTokens: tokenMutation((parts, i, random) => {
    const j = below(random, parts.length);
    [parts[i], parts[j]] = [parts[j], parts[i]];
  }),
  replaceToken: tokenMutation((parts, i, random) => {
    parts[i] = parts[below(random, parts.length)];
  }),
  deleteLine: lineMutation((lines, i) => lines.splice(i, 1)),
  duplicateLine: lineMutation((lines, i) => lines.splice(i, 0, lines[i])),
  swapLines: lineMutation((lines, i, random) => {
    const j = below(random, lines.length);
    [lines[i], lines[j]] = [lines[j], lines[i]];
  }),
  truncate: (text, random) => text.slice(0, below(random, text.length + 1)),
  insertOdd: (text, random) => {
    const at = below(random, text.length + 1);
    return text.slice(0, at) + pick(random, ODD_TEXT) + text.slice(at);
  },
  insertBytes: (text, random) => {
    const at = below(random, text.length + 1);
    const bytes = Array.from({ length: 1 + below(random, 8) }, () => String.fromCharCode(below(random, 0x10000)));
    return text.slice(0, at) + bytes.join('') + text.slice(at);
  },
  crlf: (text) => text.replace(/\r?\n/g, '\r\n'),
  lonelyCr: (text) => text.replace(/\r?\n/g, '\r'),
  tabs: (text) => text.replace(/^( {4})+/gm, (spaces) => '\t'.repeat(spaces.length / 4)),
  mixedIndent: (text, random) => text.replace(/^ {4}/gm, () => (random() < 0.5 ? '\t' : '    ')),
  bom: (text) => `\uFEFF${text}`,
};

/** One case: a corpus file with one to four mutations applied. */
export function mutate(text: string, random: Random): { text: string; applied: string[] } {
  const names = Object.keys(MUTATIONS);
  const applied: string[] = [];
  let result = text;
  for (let n = 1 + below(random, 4); n > 0; n--) {
    const name = pick(random, names);
    applied.push(name);
    result = MUTATIONS[name](result, random);
  }
  return { text: result, applied };
}

function spanProblem(span: Span, text: string, lineCount: number, what: string): string | null {
  const { start, end } = span;
  const startPosition = { line: span.startLine, column: span.startColumn };
  const endPosition = { line: span.endLine, column: span.endColumn };
  if (!(Number.isInteger(start) && Number.isInteger(end) && start >= 0 && start <= end && end <= text.length)) {
    return `${what}: offsets [${start}, ${end}) outside the document of length ${text.length}`;
  }
  for (const p of [startPosition, endPosition]) {
    if (!(Number.isInteger(p.line) && Number.isInteger(p.column) && p.line >= 0 && p.column >= 0 && p.line < lineCount)) {
      return `${what}: position ${p.line}:${p.column} outside the document's ${lineCount} lines`;
    }
  }
  if (startPosition.line > endPosition.line || (startPosition.line === endPosition.line && startPosition.column > endPosition.column)) {
    return `${what}: start ${startPosition.line}:${startPosition.column} after end ${endPosition.line}:${endPosition.column}`;
  }
  return null;
}

/** Every number in a JSON value is finite, and every count is a safe integer or null. */
function jsonProblem(value: unknown, path: string): string | null {
  if (typeof value === 'number') return Number.isFinite(value) ? null : `${path} is ${value}`;
  if (typeof value === 'bigint' || typeof value === 'function' || typeof value === 'symbol') return `${path} is a ${typeof value}`;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const problem = jsonProblem(value[i], `${path}[${i}]`);
      if (problem) return problem;
    }
    return null;
  }
  if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      if (/params$/.test(key) && item !== null && !Number.isSafeInteger(item)) return `${path}.${key} is ${String(item)}, not a safe integer or null`;
      const problem = jsonProblem(item, `${path}.${key}`);
      if (problem) return problem;
    }
  }
  return null;
}

/** What every analysis must satisfy: spans inside the document, and a contract that is valid JSON. */
export function analysisProblems(text: string, analysis: FileAnalysis): string[] {
  const problems: string[] = [];
  // Rows as tree-sitter counts them (at \n only), which is what spans use.
  const lineCount = text.split('\n').length;
  const check = (span: Span, what: string) => {
    const problem = spanProblem(span, text, lineCount, what);
    if (problem) problems.push(problem);
  };
  analysis.issues.forEach((issue) => check(issue.span, `issue ${issue.code}`));
  analysis.sites.forEach((site) => {
    check(site.span, `site ${site.layerName}`);
    check(site.calleeSpan, `site ${site.layerName} callee`);
  });
  analysis.models.forEach((model) => {
    check(model.span, `model ${model.name}`);
    model.layers.forEach((layer) => check(layer.span, `layer ${layer.name}`));
  });
  const contract = toJson('fuzz.py', analysis).contract;
  const problem = jsonProblem(contract, 'contract');
  if (problem) problems.push(problem);
  try {
    JSON.parse(JSON.stringify(contract));
  } catch (error) {
    problems.push(`contract is not JSON: ${String(error)}`);
  }
  return problems;
}

export interface FuzzFailure {
  readonly seed: number;
  readonly index: number;
  readonly source: string;
  readonly applied: readonly string[];
  readonly text: string;
  readonly problem: string;
}

/** Analyses one text, timing it; a throw, a slow analysis or a broken result is a problem. */
export function checkOne(analyzer: Analyzer, text: string, maxMilliseconds: number): string[] {
  const start = performance.now();
  let analysis: FileAnalysis;
  try {
    analysis = analyzer.analyze(text);
  } catch (error) {
    return [`analyze threw: ${error instanceof Error ? error.stack ?? error.message : String(error)}`];
  }
  const elapsed = performance.now() - start;
  const problems = analysisProblems(text, analysis);
  if (elapsed > maxMilliseconds) problems.push(`took ${elapsed.toFixed(0)} ms (bound ${maxMilliseconds} ms)`);
  return problems;
}

/**
 * Runs `count` cases from `seed`; every `documentEvery`th case also checks that an incremental document
 * update gives the same analysis as a fresh one.
 */
export function runFuzz(
  analyzer: Analyzer,
  corpus: readonly { name: string; text: string }[],
  options: {
    seed: number;
    count: number;
    maxMilliseconds: number;
    documentEvery?: number;
    onCase?: (index: number) => void;
  },
): FuzzFailure[] {
  const random = seededRandom(options.seed);
  const failures: FuzzFailure[] = [];
  for (let index = 0; index < options.count; index++) {
    options.onCase?.(index);
    const source = corpus[below(random, corpus.length)];
    const { text, applied } = mutate(source.text, random);
    const fail = (problem: string) => failures.push({ seed: options.seed, index, source: source.name, applied, text, problem });
    checkOne(analyzer, text, options.maxMilliseconds).forEach(fail);
    if (options.documentEvery && index % options.documentEvery === 0) {
      try {
        const document = analyzer.openDocument(source.text);
        const at = below(random, source.text.length + 1);
        const updated = document.update({ start: at, end: Math.min(source.text.length, at + below(random, 20)), text: pick(random, ODD_TEXT) });
        const fresh = analyzer.analyze(document.text);
        if (JSON.stringify(updated) !== JSON.stringify(fresh)) fail('incremental update differs from a fresh analysis');
        // Then typing just after a `#`: in a comment, where the document keeps its analysis, moved.
        const hashes = [...document.text.matchAll(/#/g)].map((match) => match.index);
        if (hashes.length > 0) {
          const after = pick(random, hashes) + 1 + below(random, 3);
          const typed = document.update({ start: after, end: after + below(random, 2), text: pick(random, ODD_TEXT) });
          if (JSON.stringify(typed) !== JSON.stringify(analyzer.analyze(document.text))) fail('an update in a comment differs from a fresh analysis');
        }
        document.dispose();
      } catch (error) {
        fail(`document threw: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
      }
    }
  }
  return failures;
}
