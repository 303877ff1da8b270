/**
 * "Keras: Show Model Summary": Keras' `model.summary()` table of the model at the cursor (a quick pick
 * when that is ambiguous, a message when there is none), in a read-only document beside the editor that
 * refreshes as the source changes. The document's language `keras-summary` is coloured by a grammar.
 */
import * as vscode from 'vscode';
import type { ModelEntry } from '../core';
import { AnalysisStore } from './analyses';

export const SUMMARY_SCHEME = 'keras-summary';

/** `keras-summary:/<model>.summary?<source uri>#<model index>`: the source and which of its models. */
export function summaryUri(source: vscode.Uri, modelIndex: number, modelName: string): vscode.Uri {
  return vscode.Uri.from({ scheme: SUMMARY_SCHEME, path: `/${modelName}.summary`, query: source.toString(), fragment: String(modelIndex) });
}

export class SummaryDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  private readonly subscription: vscode.Disposable;

  constructor(private readonly store: AnalysisStore) {
    // When a source changes, every open summary of it is rendered again.
    this.subscription = store.onDidChange((source) => {
      for (const document of vscode.workspace.textDocuments) {
        if (document.uri.scheme === SUMMARY_SCHEME && document.uri.query === source.toString()) this.changed.fire(document.uri);
      }
    });
  }

  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    const source = vscode.Uri.parse(uri.query);
    const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === source.toString());
    const summary = document ? await this.store.ask(document, { kind: 'summary', model: Number(uri.fragment) }) : null;
    return summary ?? 'This model is no longer in the file.\n';
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}

/** The model whose definition surrounds the cursor: from its creation to its last layer. */
function modelAt(models: readonly ModelEntry[], line: number): number | null {
  let best: number | null = null;
  models.forEach((model, index) => {
    if (model.firstLine <= line && line <= model.lastLine && (best === null || model.firstLine >= models[best].line)) best = index;
  });
  return best;
}

/** The command: `(uri, modelIndex)` from a CodeLens, or nothing from the palette (the active editor). */
export async function showModelSummary(store: AnalysisStore, uri?: vscode.Uri, modelIndex?: number): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  const document = uri ? await vscode.workspace.openTextDocument(uri) : editor?.document;
  if (!document || !AnalysisStore.isRelevant(document)) {
    void vscode.window.showInformationMessage('Keras Shapes: open a Python file with a Keras model to see its summary.');
    return;
  }
  const models = await store.ask(document, { kind: 'models' });
  if (models.length === 0) {
    void vscode.window.showInformationMessage('Keras Shapes: no Keras model found in this file.');
    return;
  }
  let index = modelIndex ?? (models.length === 1 ? 0 : editor && editor.document === document ? modelAt(models, editor.selection.active.line) : null);
  if (index === null || index === undefined) {
    const picked = await vscode.window.showQuickPick(
      models.map((model, i) => ({
        label: model.label,
        description: `${model.name} · ${model.className}`,
        detail: `line ${model.line + 1}${model.function ? ` · in ${model.function}()` : ''}`,
        index: i,
      })),
      { placeHolder: 'Which model?' },
    );
    if (!picked) return;
    index = picked.index;
  }
  const model = models[index];
  const summary = await vscode.workspace.openTextDocument(summaryUri(document.uri, index, model.name));
  await vscode.languages.setTextDocumentLanguage(summary, 'keras-summary');
  await vscode.window.showTextDocument(summary, { viewColumn: vscode.ViewColumn.Beside, preview: true, preserveFocus: true });
}
