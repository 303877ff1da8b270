/**
 * Inlay hints, hovers and CodeLens over the shared analyses: each provider converts the core's
 * editor-neutral items (`core/present`) to VS Code types and announces changes when analyses or
 * settings change.
 */
import * as vscode from 'vscode';
import { AnalysisStore } from './analyses';
import type { Settings } from './config';
import { toPosition, toRange } from './convert';

export const SHOW_SUMMARY_COMMAND = 'kerasShapes.showModelSummary';

export class InlayHintsProvider implements vscode.InlayHintsProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeInlayHints = this.changed.event;
  private readonly subscription: vscode.Disposable;

  constructor(
    private readonly store: AnalysisStore,
    private settings: () => Settings,
  ) {
    this.subscription = store.onDidChange(() => this.changed.fire());
  }

  refresh(): void {
    this.changed.fire();
  }

  async provideInlayHints(document: vscode.TextDocument, range: vscode.Range, token: vscode.CancellationToken): Promise<vscode.InlayHint[]> {
    const settings = this.settings();
    if (!settings.inlayHints || !AnalysisStore.isRelevant(document)) return [];
    const hints = await this.store.ask(document, { kind: 'hints', showParams: settings.showParams, fromLine: range.start.line, toLine: range.end.line });
    if (token.isCancellationRequested) return [];
    return hints
      .map((item) => {
        const hint = new vscode.InlayHint(toPosition(item.position), item.label, vscode.InlayHintKind.Type);
        hint.tooltip = item.tooltip;
        hint.paddingLeft = true;
        return hint;
      })
      .filter((hint) => range.contains(hint.position));
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}

export class HoverProvider implements vscode.HoverProvider {
  constructor(private readonly store: AnalysisStore) {}

  async provideHover(document: vscode.TextDocument, position: vscode.Position, token: vscode.CancellationToken): Promise<vscode.Hover | null> {
    if (!AnalysisStore.isRelevant(document)) return null;
    const hover = await this.store.ask(document, { kind: 'hover', offset: document.offsetAt(position) });
    if (token.isCancellationRequested) return null;
    return hover ? new vscode.Hover(new vscode.MarkdownString(hover.markdown), toRange(hover.span)) : null;
  }
}

export class CodeLensProvider implements vscode.CodeLensProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;
  private readonly subscription: vscode.Disposable;

  constructor(private readonly store: AnalysisStore) {
    this.subscription = store.onDidChange(() => this.changed.fire());
  }

  async provideCodeLenses(document: vscode.TextDocument, token: vscode.CancellationToken): Promise<vscode.CodeLens[]> {
    if (!AnalysisStore.isRelevant(document)) return [];
    const lenses = await this.store.ask(document, { kind: 'lenses' });
    if (token.isCancellationRequested) return [];
    return lenses.map((lens) => {
      const at = toPosition(lens.position);
      return new vscode.CodeLens(new vscode.Range(at, at), {
        title: lens.title,
        command: SHOW_SUMMARY_COMMAND,
        arguments: [document.uri, lens.modelIndex],
      });
    });
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}
