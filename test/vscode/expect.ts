/**
 * A few assertions for the real-editor suites. Node's `assert` does not exist in the web worker, so these
 * are written out; failures say what was expected and what the editor gave.
 */

export function ok(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(message);
}

export function equal<T>(actual: T, expected: T, what = 'value'): void {
  if (actual !== expected) throw new Error(`${what}: expected ${show(expected)}, got ${show(actual)}`);
}

export function deepEqual(actual: unknown, expected: unknown, what = 'value'): void {
  if (JSON.stringify(actual) !== JSON.stringify(expected)) {
    throw new Error(`${what}: expected ${show(expected)}, got ${show(actual)}`);
  }
}

export function includes(text: string, part: string, what = 'text'): void {
  if (!text.includes(part)) throw new Error(`${what} should contain ${show(part)}; it is ${show(text)}`);
}

export function excludes(text: string, part: string, what = 'text'): void {
  if (text.includes(part)) throw new Error(`${what} should not contain ${show(part)}; it is ${show(text)}`);
}

function show(value: unknown): string {
  return typeof value === 'string' ? JSON.stringify(value) : JSON.stringify(value, null, 0) ?? String(value);
}
