/**
 * Import statements: which local names mean Keras (`import keras`, `from tensorflow.keras import
 * layers`, `from keras.layers import Dense as D`, `import keras.layers as L`...). Anything imported from
 * elsewhere is an unknown run-time value, so a user's own `Dense` is never mistaken for Keras'.
 */
import { field, fieldAll, namedChildren } from '../syntax/nodes';
import type { SyntaxNode } from '../syntax/tree';
import { raise, type Context } from '../evaluate/context';
import { unknown, type PyValue, type Scope } from '../evaluate/values';
import { lazyNamespace, loadModule, moduleKey } from '../evaluate/modules';
import { canonicalModule, kerasAttribute, KERAS_LAYER_NAMES, lacksMember, moduleExists } from './kerasApi';
import { FUNCTION_FORMS, LAYER_ALIASES } from '../infer/rules';
import { applicationBuilder } from './applications';
import { STANDARD_MODULES } from '../evaluate/builtins';

type KerasModule = Extract<PyValue, { kind: 'module' }>;

/** A Keras module by its canonical path, marked when the code reached it through `tf.keras`. */
function kerasModule(path: string, viaTensorflow: boolean): KerasModule {
  return viaTensorflow ? { kind: 'module', path, viaTensorflow } : { kind: 'module', path };
}

/** The value of `from <module> import <name>`, or of an attribute of an imported module. */
export function moduleMember(ctx: Context, module: KerasModule, name: string): PyValue {
  const application = applicationBuilder(ctx, module.path, name);
  if (application) return application;
  const member = kerasAttribute(module.path, name);
  if (!member) return unknown(`${module.path}.${name}`);
  if ('callable' in member) return { kind: 'keras', name: member.callable };
  return kerasModule(member.module, module.viaTensorflow === true || module.path === 'tensorflow');
}

/**
 * `module.name`, or `from module import name`, where a Keras module listed in full has no such name: Python's
 * AttributeError (ImportError), raised to an enclosing `try` (whose `except` may expect it: a Keras 2 fallback)
 * or reported. Whether the name is missing.
 */
export function missingMember(ctx: Context, module: KerasModule, name: string, node: SyntaxNode, importing: boolean): boolean {
  if (module.viaTensorflow || !lacksMember(module.path, name)) return false;
  const message = importing ? `cannot import name '${name}' from '${module.path}'` : `module '${module.path}' has no attribute '${name}'`;
  raise(ctx, importing ? 'ImportError' : 'AttributeError', 'no-such-name', message, node);
  return true;
}

function checkModule(ctx: Context, path: string, node: SyntaxNode): boolean {
  if (moduleExists(path)) return true;
  // Inside a `try`, the ImportError may be expected: `except ImportError:` then imports it as Keras 3 has it.
  raise(
    ctx,
    'ModuleNotFoundError',
    'no-such-module',
    `No module named '${path}'. Keras 3 has no such module: import layers from \`keras.layers\` and models from \`keras.models\` (or \`keras\`).`,
    node,
  );
  return false;
}

export function executeImport(ctx: Context, node: SyntaxNode, scope: Scope): void {
  if (node.type === 'import_statement') {
    for (const item of fieldAll(node, 'name')) {
      const dotted = item.type === 'aliased_import' ? (field(item, 'name') as SyntaxNode) : item;
      const alias = item.type === 'aliased_import' ? field(item, 'alias')?.text ?? null : null;
      const path = dotted.text.replace(/\s+/g, '');
      const canonical = canonicalModule(path);
      if (canonical && !checkModule(ctx, canonical, dotted)) continue;
      if (canonical) {
        // `import tensorflow.keras` binds `tensorflow`; attribute access resolves the rest.
        const bound = alias ? canonical : canonicalModule(path.split('.')[0]);
        scope.names.set(alias ?? path.split('.')[0], bound ? kerasModule(bound, alias !== null && path.startsWith('tensorflow')) : unknown(path));
        continue;
      }
      const local = alias ?? path.split('.')[0];
      // `import numpy.random` binds `numpy`; `import numpy.random as npr` binds the submodule.
      const bound = alias ? path : local;
      const standard = STANDARD_MODULES.get(bound);
      if (standard) {
        scope.names.set(local, { kind: 'namespace', name: bound, scope: { names: new Map(standard), parent: null } });
        continue;
      }
      const key = moduleKey(ctx.state.currentModule, 0, alias ? path : local);
      scope.names.set(local, (key ? lazyNamespace(ctx, key) : null) ?? unknown(local));
    }
    return;
  }
  if (node.type !== 'import_from_statement') return;
  const moduleNode = field(node, 'module_name');
  if (!moduleNode) return;
  const wildcard = namedChildren(node).some((c) => c.type === 'wildcard_import');
  if (moduleNode.type === 'relative_import') {
    const dots = namedChildren(moduleNode).find((c) => c.type === 'import_prefix')?.text.length ?? 1;
    const dotted = namedChildren(moduleNode).find((c) => c.type === 'dotted_name')?.text.replace(/\s+/g, '') ?? '';
    importFromSibling(ctx, node, scope, dots, dotted, wildcard);
    return;
  }
  const path = moduleNode.text.replace(/\s+/g, '');
  const canonical = canonicalModule(path);
  if (!canonical) {
    const standard = STANDARD_MODULES.get(path);
    if (standard && !wildcard) {
      for (const name of importedNames(node)) scope.names.set(name.local, standard.get(name.imported) ?? unknown(name.local));
      return;
    }
    importFromSibling(ctx, node, scope, 0, path, wildcard);
    return;
  }
  if (!checkModule(ctx, canonical, moduleNode)) {
    for (const name of importedNames(node)) scope.names.set(name.local, unknown(name.local));
    return;
  }
  const module = kerasModule(canonical, path.startsWith('tensorflow'));
  if (wildcard) {
    for (const name of wildcardNames(canonical)) scope.names.set(name, moduleMember(ctx, module, name));
    return;
  }
  for (const name of importedNames(node)) {
    const missing = missingMember(ctx, module, name.imported, name.node, true);
    scope.names.set(name.local, missing ? unknown(name.local) : moduleMember(ctx, module, name.imported));
  }
}

/**
 * `from .m import a`, `from . import m`, `from helpers import f`: names from a sibling module when the
 * adapter provided it, unknown otherwise (and the sibling is asked for).
 */
function importFromSibling(ctx: Context, node: SyntaxNode, scope: Scope, dots: number, dotted: string, wildcard: boolean): void {
  const from = ctx.state.currentModule;
  const key = moduleKey(from, dots, dotted);
  const source = key ? loadModule(ctx, key) : null;
  if (wildcard) {
    source?.names.forEach((value, name) => {
      if (!name.startsWith('_')) scope.names.set(name, value);
    });
    return;
  }
  for (const name of importedNames(node)) {
    let value: PyValue | undefined = source?.names.get(name.imported);
    if (value === undefined && dotted === '' && dots > 0) {
      // `from . import m`: a name of the package's __init__, or else its submodule m.
      const subKey = moduleKey(from, dots, name.imported);
      value = (subKey ? lazyNamespace(ctx, subKey) : null) ?? undefined;
    }
    scope.names.set(name.local, value ?? unknown(name.local));
  }
}

function importedNames(node: SyntaxNode): { imported: string; local: string; node: SyntaxNode }[] {
  const names: { imported: string; local: string; node: SyntaxNode }[] = [];
  for (const item of fieldAll(node, 'name')) {
    if (item.type === 'aliased_import') {
      const imported = field(item, 'name')?.text ?? '';
      names.push({ imported, local: field(item, 'alias')?.text ?? imported, node: item });
    } else {
      names.push({ imported: item.text, local: item.text, node: item });
    }
  }
  return names;
}

/** What `from <keras module> import *` binds, as far as the interpreter models it. */
function wildcardNames(module: string): string[] {
  switch (module) {
    case 'keras.layers':
      return [...KERAS_LAYER_NAMES, ...LAYER_ALIASES.keys(), ...FUNCTION_FORMS.keys(), 'Input', 'InputLayer', 'Layer'];
    case 'keras.models':
      return ['Sequential', 'Model'];
    case 'keras':
      return ['Sequential', 'Model', 'Input', 'Layer', 'layers', 'models', 'ops', 'backend', 'utils'];
    default:
      return [];
  }
}
