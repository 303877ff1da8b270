/**
 * Diagnostics: the core's issues in the Problems panel and as squiggles, refreshed shortly after the
 * user stops typing (debounced), cleared when the file's last tab closes (VS Code disposes the document
 * itself only much later) or the setting is turned off.
 */
import * as vscode from 'vscode';
import { AnalysisStore } from './analyses';
import type { Settings } from './config';
import { toDiagnostic } from './convert';

const DEBOUNCE_MS = 250;

export class Diagnostics implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('keras-shapes');
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly subscriptions: vscode.Disposable[];

  constructor(
    private readonly store: AnalysisStore,
    private settings: () => Settings,
  ) {
    this.subscriptions = [
      this.collection,
      store.onDidChange((uri) => this.schedule(uri)),
      vscode.workspace.onDidOpenTextDocument((document) => void this.refresh(document)),
      vscode.workspace.onDidCloseTextDocument((document) => this.clear(document.uri)),
      vscode.window.tabGroups.onDidChangeTabs((event) => this.followTabs(event)),
    ];
    vscode.workspace.textDocuments.forEach((document) => void this.refresh(document));
  }

  /** Re-reads every open document (after a settings change). */
  refreshAll(): void {
    if (!this.settings().diagnostics) this.collection.clear();
    else vscode.workspace.textDocuments.forEach((document) => void this.refresh(document));
  }

  private schedule(uri: vscode.Uri): void {
    const key = uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === key);
        if (document) void this.refresh(document);
      }, DEBOUNCE_MS),
    );
  }

  private async refresh(document: vscode.TextDocument): Promise<void> {
    if (!AnalysisStore.isRelevant(document)) return;
    if (!this.settings().diagnostics) {
      this.collection.delete(document.uri);
      return;
    }
    const issues = await this.store.ask(document, { kind: 'issues' });
    this.collection.set(document.uri, issues.map(toDiagnostic));
  }

  /** Closing its last tab is what a user calls closing the file; reopening it brings the problems back. */
  private followTabs(event: vscode.TabChangeEvent): void {
    const stillOpen = new Set(vscode.window.tabGroups.all.flatMap((group) => group.tabs.map(tabUri)).filter((key) => key !== null));
    for (const key of event.closed.map(tabUri)) {
      if (key !== null && !stillOpen.has(key)) this.clear(vscode.Uri.parse(key));
    }
    for (const key of event.opened.map(tabUri)) {
      const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === key);
      if (document) void this.refresh(document);
    }
  }

  private clear(uri: vscode.Uri): void {
    clearTimeout(this.timers.get(uri.toString()));
    this.timers.delete(uri.toString());
    this.collection.delete(uri);
  }

  dispose(): void {
    this.timers.forEach((timer) => clearTimeout(timer));
    this.subscriptions.forEach((s) => s.dispose());
  }
}

function tabUri(tab: vscode.Tab): string | null {
  return tab.input instanceof vscode.TabInputText ? tab.input.uri.toString() : null;
}
