/**
 * The desktop extension (`main`): documents are analysed in a worker thread (`node/workerService.ts`), so that
 * typing in a large file never waits on an analysis in the extension host's thread.
 */
import { join } from 'node:path';
import type * as vscode from 'vscode';
import { inWorker } from '../node/workerService';
import { activateWith } from './activate';

export function activate(context: vscode.ExtensionContext): Promise<void> {
  return activateWith(context, async (bytes) => inWorker(bytes, join(__dirname, 'analysisWorker.js')));
}

export function deactivate(): void {
  // Everything, the worker too, is disposed through context.subscriptions.
}
