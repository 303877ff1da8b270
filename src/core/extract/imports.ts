/**
 * Import statements: which local names mean Keras (`import keras`, `from tensorflow.keras import
 * layers`, `from keras.layers import Dense as D`, `import keras.layers as L`...). Anything imported from
 * elsewhere is an unknown run-time value, so a user's own `Dense` is never mistaken for Keras'.
 */
import { field, fieldAll, namedChildren } from '../syntax/nodes';
import type { SyntaxNode } from '../syntax/tree';
import { fail, type Context } from '../evaluate/context';
import { unknown, type PyValue, type Scope } from '../evaluate/values';
import { canonicalModule, kerasAttribute, moduleExists } from './kerasApi';

/** The value of `from <module> import <name>`, or of an attribute of an imported module. */
export function moduleMember(module: string, name: string): PyValue {
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
      if (alias) {
        scope.names.set(alias, canonical ? { kind: 'module', path: canonical } : unknown(path));
      } else {
        // `import tensorflow.keras` binds `tensorflow`; attribute access resolves the rest.
        const root = path.split('.')[0];
        const rootCanonical = canonicalModule(root);
        scope.names.set(root, rootCanonical ? { kind: 'module', path: rootCanonical } : unknown(root));
      }
    }
    return;
  }
  if (node.type !== 'import_from_statement') return;
  const moduleNode = field(node, 'module_name');
  if (!moduleNode || moduleNode.type === 'relative_import') {
    for (const name of importedNames(node)) scope.names.set(name.local, unknown(name.local));
    return;
  }
  const path = moduleNode.text.replace(/\s+/g, '');
  const canonical = canonicalModule(path);
  if (canonical && !checkModule(ctx, canonical, moduleNode)) {
    for (const name of importedNames(node)) scope.names.set(name.local, unknown(name.local));
    return;
  }
  for (const name of importedNames(node)) {
    scope.names.set(name.local, canonical ? moduleMember(canonical, name.imported) : unknown(name.local));
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
  // `from m import *` has no name field; nothing can be bound statically.
  if (names.length === 0 && namedChildren(node).some((c) => c.type === 'wildcard_import')) return [];
  return names;
}
