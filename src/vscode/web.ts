/**
 * The extension for VS Code for the Web (`browser`): its extension host is already a web worker, so documents
 * are analysed in it, in this thread (`core/documentService.ts`).
 */
import type * as vscode from 'vscode';
import { createAnalyzer, inThread } from '../core';
import { activateWith } from './activate';

export function activate(context: vscode.ExtensionContext): Promise<void> {
  return activateWith(context, async (bytes) => inThread(await createAnalyzer(bytes)));
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
