/**
 * Activation, shared by the desktop and web entry points (`desktop.ts`, `web.ts`), which differ only in where
 * documents are analysed: reads the parser's wasm files from the extension (through `vscode.workspace.fs`, so
 * desktop and web both work), starts the analysis service on them and checks it with an empty document, then
 * registers the providers, diagnostics, the summary document and the commands. Every registration goes into
 * `context.subscriptions`; a load failure is shown, not swallowed.
 */
import * as vscode from 'vscode';
import type { DocumentService, WasmBytes } from '../core';
import { AnalysisStore } from './analyses';
import { readSettings, SECTION, type Settings } from './config';
import { Diagnostics } from './diagnostics';
import { CodeLensProvider, HoverProvider, InlayHintsProvider, SHOW_SUMMARY_COMMAND } from './providers';
import { showModelSummary, SummaryDocuments, SUMMARY_SCHEME } from './summary';

const PYTHON: vscode.DocumentSelector = [{ language: 'python' }];

async function readWasm(context: vscode.ExtensionContext, name: string): Promise<Uint8Array> {
  return vscode.workspace.fs.readFile(vscode.Uri.joinPath(context.extensionUri, 'dist', name));
}

export async function activateWith(context: vscode.ExtensionContext, serve: (bytes: WasmBytes) => Promise<DocumentService>): Promise<void> {
  let service: DocumentService;
  try {
    const [runtime, grammar] = await Promise.all([readWasm(context, 'web-tree-sitter.wasm'), readWasm(context, 'tree-sitter-python.wasm')]);
    service = await serve({ runtime, grammar });
    const probe = service.open('', {});
    try {
      await probe.imports();
    } finally {
      probe.dispose();
    }
  } catch (error) {
    const message = `Keras Shapes could not load its Python parser: ${error instanceof Error ? error.message : String(error)}`;
    console.error(message);
    void vscode.window.showErrorMessage(message);
    return;
  }

  let settings: Settings = readSettings();
  const current = () => settings;
  const store = new AnalysisStore(service, settings);
  const hints = new InlayHintsProvider(store, current);
  const lenses = new CodeLensProvider(store);
  const diagnostics = new Diagnostics(store, current);
  const summaries = new SummaryDocuments(store);

  const commands: Readonly<Record<string, (...args: never[]) => unknown>> = {
    [SHOW_SUMMARY_COMMAND]: (uri?: vscode.Uri, modelIndex?: number) => showModelSummary(store, uri, modelIndex),
  };

  context.subscriptions.push(
    store,
    hints,
    lenses,
    diagnostics,
    summaries,
    vscode.languages.registerInlayHintsProvider(PYTHON, hints),
    vscode.languages.registerHoverProvider(PYTHON, new HoverProvider(store)),
    vscode.languages.registerCodeLensProvider(PYTHON, lenses),
    vscode.workspace.registerTextDocumentContentProvider(SUMMARY_SCHEME, summaries),
    ...Object.entries(commands).map(([id, handler]) => vscode.commands.registerCommand(id, handler)),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (!event.affectsConfiguration(SECTION)) return;
      settings = readSettings();
      store.updateSettings(settings);
      hints.refresh();
      diagnostics.refreshAll();
    }),
    // Last: the store closes its documents first.
    { dispose: () => service.dispose() },
  );
}
