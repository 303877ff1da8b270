/**
 * Import statements: which local names mean Keras (`import keras`, `from tensorflow.keras import
 * layers`, `from keras.layers import Dense as D`, `import keras.layers as L`...). Anything imported from
 * elsewhere is an unknown run-time value, so a user's own `Dense` is never mistaken for Keras'.
 */
import { field, fieldAll, namedChildren } from '../syntax/nodes';
import type { SyntaxNode } from '../syntax/tree';
import { fail, type Context } from '../evaluate/context';
import { unknown, type PyValue, type Scope } from '../evaluate/values';
import { lazyNamespace, loadModule, moduleKey } from '../evaluate/modules';
import { canonicalModule, kerasAttribute, KERAS_LAYER_NAMES, moduleExists } from './kerasApi';
import { FUNCTION_FORMS, LAYER_ALIASES } from '../infer/rules';
import { applicationBuilder } from './applications';
import { STANDARD_MODULES } from '../evaluate/builtins';

/** The value of `from <module> import <name>`, or of an attribute of an imported module. */
export function moduleMember(ctx: Context, module: string, name: string): PyValue {
  const application = applicationBuilder(ctx, module, name);
  if (application) return application;
  const member = kerasAttribute(module, name);
  if (!member) return unknown(`${module}.${name}`);
  return 'module' in member ? { kind: 'module', path: member.module } : { kind: 'keras', name: member.callable };
}

function checkModule(ctx: Context, path: string, node: SyntaxNode): boolean {
  if (moduleExists(path)) return true;
  fail(
    ctx,
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
        scope.names.set(alias ?? path.split('.')[0], bound ? { kind: 'module', path: bound } : unknown(path));
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
  if (wildcard) {
    for (const name of wildcardNames(canonical)) scope.names.set(name, moduleMember(ctx, canonical, name));
    return;
  }
  for (const name of importedNames(node)) scope.names.set(name.local, moduleMember(ctx, canonical, name.imported));
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

function importedNames(node: SyntaxNode): { imported: string; local: string }[] {
  const names: { imported: string; local: string }[] = [];
  for (const item of fieldAll(node, 'name')) {
    if (item.type === 'aliased_import') {
      const imported = field(item, 'name')?.text ?? '';
      names.push({ imported, local: field(item, 'alias')?.text ?? imported });
    } else {
      names.push({ imported: item.text, local: item.text });
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
