/**
 * Sibling modules: `from .imagenet_utils import _obtain_input_shape`, `from . import helpers`,
 * `import mymodule`. The core does no I/O: the adapter passes the sources it has (`AnalysisOptions.modules`,
 * keyed by path relative to the analysed file without `.py`, e.g. `imagenet_utils`, `pkg/__init__`), and the
 * analysis lists the keys it wanted but did not get, so the adapter can read them and analyse again.
 */
import type { SyntaxNode } from '../syntax/tree';
import { namedChildren } from '../syntax/nodes';
import { newScope, type Context } from './context';
import { executeBlock } from './statements';
import type { PyValue, Scope } from './values';

/** A module's source, or null when the adapter looked and there is no such file. */
export type ModuleSources = ReadonlyMap<string, string | null>;

export interface ModuleRegistry {
  readonly sources: ModuleSources;
  /** Keys asked for that `sources` does not mention: the adapter should look them up. */
  readonly requested: Set<string>;
  readonly loaded: Map<string, Scope>;
  /** Parses a sibling's text (the tree may be shared with later analyses: it must not be changed). */
  readonly parse: (text: string) => SyntaxNode | null;
}

/** Top-level packages that are never siblings worth asking for. */
const NOT_SIBLINGS = new Set([
  '__future__', 'os', 'sys', 're', 'math', 'json', 'random', 'warnings', 'collections', 'typing', 'functools',
  'itertools', 'pathlib', 'copy', 'time', 'logging', 'argparse', 'numpy', 'pandas', 'scipy', 'sklearn',
  'matplotlib', 'torch', 'tensorflow', 'keras', 'tf_keras', 'six', 'abc', 'dataclasses', 'enum', 'glob',
]);

function directoryOf(key: string | null): string[] {
  if (!key) return [];
  const parts = key.split('/');
  parts.pop();
  return parts;
}

/** The module key for `from <dots><dotted> import ...` written in module `from` (null: the analysed file). */
export function moduleKey(from: string | null, dots: number, dotted: string): string | null {
  if (dots === 0) {
    const top = dotted.split('.')[0];
    if (NOT_SIBLINGS.has(top)) return null;
    return dotted.split('.').join('/');
  }
  const dir = directoryOf(from);
  for (let i = 1; i < dots; i++) {
    if (dir.length === 0 || dir[dir.length - 1] === '..') dir.push('..');
    else dir.pop();
  }
  const tail = dotted ? dotted.split('.') : ['__init__'];
  return [...dir, ...tail].join('/');
}

/** The key of the package `__init__` that `from . import x` reads first. */
export function packageInitKey(from: string | null, dots: number): string {
  return moduleKey(from, dots, '') as string;
}

/**
 * The scope of a sibling module, executing it on first use (a cycle sees the partly run module, as in
 * Python). Null when it is not available, after noting that it was wanted.
 */
export function loadModule(ctx: Context, key: string): Scope | null {
  const registry = ctx.modules;
  const cached = registry.loaded.get(key);
  if (cached) return cached;
  const source = registry.sources.get(key);
  if (source === undefined) {
    registry.requested.add(key);
    return null;
  }
  if (source === null) return null;
  const root = registry.parse(source);
  if (!root) return null;
  const scope = newScope(null);
  scope.names.set('__name__', { kind: 'str', value: key.split('/').join('.') });
  registry.loaded.set(key, scope);
  const previous = { module: ctx.state.currentModule, sandboxed: ctx.state.sandboxed };
  ctx.state.currentModule = key;
  // A module first used inside a branch that is being tried out is still imported for good.
  ctx.state.sandboxed = false;
  try {
    executeBlock(ctx, namedChildren(root), scope);
  } finally {
    ctx.state.currentModule = previous.module;
    ctx.state.sandboxed = previous.sandboxed;
  }
  return scope;
}

/** A loaded module as a value (`imagenet_utils.preprocess_input`). */
export function namespaceValue(key: string, scope: Scope): PyValue {
  return { kind: 'namespace', name: key, scope };
}

/**
 * A submodule bound by `from . import m` or `import m`, run only when something of it is used: a package's
 * `__init__` that imports all its modules (Keras Applications' does) would otherwise parse and run every
 * one of them on each keystroke. Modules almost only define things; one that builds Keras layers when
 * imported would take Keras names at another moment than in Python (a known limit, noted in the README).
 * Null when the module is known not to exist.
 */
export function lazyNamespace(ctx: Context, key: string): PyValue | null {
  // Known to be missing: an unknown name. Not read yet: asked for when first used.
  if (!ctx.modules.loaded.has(key) && ctx.modules.sources.get(key) === null) return null;
  let scope: Scope | undefined;
  return {
    kind: 'namespace',
    name: key,
    get scope(): Scope {
      return (scope ??= loadModule(ctx, key) ?? newScope(null));
    },
  };
}
