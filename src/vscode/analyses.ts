/**
 * One analysis per open Python document, kept up to date as the user types: each document keeps its
 * syntax tree (incremental re-parse) where the service analyses it (a worker thread on the desktop, this
 * thread on the web), sibling modules it imports are read through `vscode.workspace.fs` (so VS Code for the
 * Web works too), and listeners hear when a document's analysis changed. Hints, hovers, diagnostics, CodeLens
 * and the summary all ask here (`core/present/answers.ts`): a document is analysed once per change.
 */
import * as vscode from 'vscode';
import type { Answer, DocumentService, Query, ServedDocument, TextChange } from '../core';
import type { Settings } from './config';

interface Entry {
  readonly document: ServedDocument;
  /** Sibling sources by module key; null where the file does not exist. */
  readonly modules: Map<string, string | null>;
  /** The editor version the pending changes lead to. */
  version: number;
  /**
   * Edits not analysed yet: typing only queues them, and the next request for the analysis (a hint, a
   * hover, the debounced diagnostics) applies them all with one incremental re-parse and one analysis.
   */
  pending: TextChange[];
  /** Set while missing siblings are being read. */
  loading: Promise<void> | null;
}

const decoder = new TextDecoder();

export class AnalysisStore implements vscode.Disposable {
  private readonly entries = new Map<string, Entry>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  private readonly subscriptions: vscode.Disposable[] = [];
  /** Fires with a document's URI whenever its analysis is replaced. */
  readonly onDidChange = this.changed.event;

  constructor(
    private readonly service: DocumentService,
    private settings: Settings,
  ) {
    this.subscriptions.push(
      this.changed,
      vscode.workspace.onDidChangeTextDocument((event) => this.applyChanges(event)),
      vscode.workspace.onDidCloseTextDocument((document) => this.forget(document.uri)),
    );
  }

  static isRelevant(document: vscode.TextDocument): boolean {
    return document.languageId === 'python';
  }

  /** New settings: analyses that depend on them are redone. */
  updateSettings(settings: Settings): void {
    const formatChanged = settings.imageDataFormat !== this.settings.imageDataFormat;
    this.settings = settings;
    if (!formatChanged) return;
    for (const [key, entry] of this.entries) {
      entry.document.update(entry.pending, this.options(entry));
      entry.pending = [];
      this.changed.fire(vscode.Uri.parse(key));
    }
  }

  /** Asks the analysis of the document's current version (opening it, and reading siblings, on first use). */
  async ask<Q extends Query>(document: vscode.TextDocument, query: Q): Promise<Answer<Q>> {
    const entry = this.entryFor(document);
    this.flush(document, entry);
    await this.settled(document.uri, entry);
    if (entry.loading) {
      await entry.loading;
      this.flush(document, entry);
      await this.settled(document.uri, entry);
    }
    return entry.document.ask(query);
  }

  /** Waits for the analysis of the entry's text, then reads the siblings it wants. */
  private async settled(uri: vscode.Uri, entry: Entry): Promise<void> {
    this.loadSiblings(uri, entry, await entry.document.imports());
  }

  private options(entry: Entry) {
    return { modules: entry.modules, imageDataFormat: this.settings.imageDataFormat };
  }

  private entryFor(document: vscode.TextDocument): Entry {
    const key = document.uri.toString();
    let entry = this.entries.get(key);
    if (entry && entry.version !== document.version) {
      // We missed a change (or it came before we opened the document): start over from the text.
      entry.pending = [];
      entry.document.update(document.getText(), this.options(entry));
      entry.version = document.version;
    }
    if (!entry) {
      const modules = new Map<string, string | null>();
      entry = {
        document: this.service.open(document.getText(), { modules, imageDataFormat: this.settings.imageDataFormat }),
        modules,
        version: document.version,
        pending: [],
        loading: null,
      };
      this.entries.set(key, entry);
    }
    return entry;
  }

  private applyChanges(event: vscode.TextDocumentChangeEvent): void {
    const key = event.document.uri.toString();
    const entry = this.entries.get(key);
    if (!entry || event.contentChanges.length === 0) return;
    for (const c of event.contentChanges) entry.pending.push({ start: c.rangeOffset, end: c.rangeOffset + c.rangeLength, text: c.text });
    entry.version = event.document.version;
    this.changed.fire(event.document.uri);
  }

  /** Applies queued edits: one incremental re-parse and one analysis for however many keystrokes. */
  private flush(document: vscode.TextDocument, entry: Entry): void {
    if (entry.pending.length === 0) return;
    const changes = entry.pending;
    entry.pending = [];
    entry.document.update(changes, this.options(entry));
    // Offsets that do not add up (they never should) must not leave a wrong tree behind.
    if (entry.document.text !== document.getText()) entry.document.update(document.getText(), this.options(entry));
  }

  /** Reads the sibling modules the analysis asked for, then analyses again with them. */
  private loadSiblings(uri: vscode.Uri, entry: Entry, imports: readonly string[]): void {
    const wanted = imports.filter((key) => !entry.modules.has(key));
    if (wanted.length === 0 || entry.loading || uri.scheme === 'untitled') return;
    const folder = vscode.Uri.joinPath(uri, '..');
    entry.loading = (async () => {
      for (const key of wanted) entry.modules.set(key, await readModule(folder, key));
      entry.loading = null;
      // The document may have closed while we read.
      if (this.entries.get(uri.toString()) !== entry) return;
      entry.document.update(entry.pending, this.options(entry));
      entry.pending = [];
      this.changed.fire(uri);
      // The modules read may import others: the next analysis asks for them.
      void this.settled(uri, entry).catch(() => undefined);
    })();
  }

  private forget(uri: vscode.Uri): void {
    const key = uri.toString();
    this.entries.get(key)?.document.dispose();
    this.entries.delete(key);
  }

  dispose(): void {
    for (const entry of this.entries.values()) entry.document.dispose();
    this.entries.clear();
    this.subscriptions.forEach((s) => s.dispose());
  }
}

async function readModule(folder: vscode.Uri, key: string): Promise<string | null> {
  for (const candidate of [`${key}.py`, `${key}/__init__.py`]) {
    try {
      return decoder.decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(folder, candidate)));
    } catch {
      // not this one
    }
  }
  return null;
}
