/**
 * What a user sees in a real VS Code: hints, hovers, CodeLens, diagnostics and the summary command, on
 * the files of `test/vscode/workspace`, queried through VS Code's own command API. Runs in VS Code for
 * the Web (`npm run test:vscode`) and, where it can be downloaded, desktop VS Code (`npm run test:desktop`).
 */
import * as vscode from 'vscode';
import * as assert from './expect';

const SUMMARY_784 = `Model: "sequential"
┏━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━┓
┃ Layer (type)                         ┃ Output Shape                ┃         Param # ┃
┡━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━┩
│ dense (Dense)                        │ (None, 4)                   │           3,140 │
├──────────────────────────────────────┼─────────────────────────────┼─────────────────┤
│ dense_1 (Dense)                      │ (None, 10)                  │              50 │
└──────────────────────────────────────┴─────────────────────────────┴─────────────────┘
 Total params: 3,190 (12.46 KB)
 Trainable params: 3,190 (12.46 KB)
 Non-trainable params: 0 (0.00 B)
`;

function fileUri(name: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'a workspace folder is open');
  return vscode.Uri.joinPath(folder.uri, name);
}

async function open(name: string): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument(fileUri(name));
  return vscode.window.showTextDocument(document, { viewColumn: vscode.ViewColumn.One });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls until `check` holds: providers and diagnostics settle asynchronously. */
async function eventually<T>(read: () => Promise<T> | T, check: (value: T) => boolean, what: string, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let value = await read();
  while (!check(value)) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; last value: ${JSON.stringify(value)}`);
    await sleep(100);
    value = await read();
  }
  return value;
}

function labelOf(hint: vscode.InlayHint): string {
  return typeof hint.label === 'string' ? hint.label : hint.label.map((part) => part.value).join('');
}

async function hints(document: vscode.TextDocument): Promise<{ line: number; label: string }[]> {
  const range = new vscode.Range(0, 0, document.lineCount, 0);
  const found = await vscode.commands.executeCommand<vscode.InlayHint[]>('vscode.executeInlayHintProvider', document.uri, range);
  return (found ?? []).map((hint) => ({ line: hint.position.line, label: labelOf(hint) }));
}

async function hoverText(document: vscode.TextDocument, needle: string, offsetInNeedle = 1): Promise<string> {
  const position = document.positionAt(document.getText().indexOf(needle) + offsetInNeedle);
  const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, position);
  return (hovers ?? [])
    .flatMap((hover) => hover.contents.map((content) => (typeof content === 'string' ? content : 'value' in content ? content.value : '')))
    .join('\n');
}

async function lensTitles(document: vscode.TextDocument): Promise<string[]> {
  const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', document.uri);
  return (lenses ?? []).map((lens) => lens.command?.title ?? '');
}

function diagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'Keras Shapes');
}

/** The text of the summary shown beside the editor. */
async function summaryText(): Promise<string> {
  const summary = await eventually(
    () => vscode.window.visibleTextEditors.find((e) => e.document.uri.scheme === 'keras-summary'),
    (e) => e !== undefined,
    'the summary beside the editor',
  );
  return (summary as vscode.TextEditor).document.getText();
}

async function closeSummaries(): Promise<void> {
  for (const group of vscode.window.tabGroups.all) {
    for (const tab of group.tabs) {
      if (tab.input instanceof vscode.TabInputText && tab.input.uri.scheme === 'keras-summary') await vscode.window.tabGroups.close(tab);
    }
  }
}

async function setSetting(key: string, value: unknown): Promise<void> {
  await vscode.workspace.getConfiguration('kerasShapes').update(key, value, vscode.ConfigurationTarget.Global);
}

describe('Keras Shapes in VS Code', () => {
  before(async () => {
    await vscode.extensions.getExtension('keras-shapes.keras-shapes')?.activate();
  });

  describe('the four seed examples', () => {
    const seeds: [file: string, first: string, second: string][] = [
      ['seed_784.py', '→ (None, 4) · 3,140 params', '→ (None, 10) · 50 params'],
      ['seed_784_1.py', '→ (None, 784, 4) · 8 params', '→ (None, 784, 10) · 50 params'],
      ['seed_32_28.py', '→ (None, 32, 4) · 116 params', '→ (None, 32, 10) · 50 params'],
      ['seed_32_28_1.py', '→ (None, 32, 28, 4) · 8 params', '→ (None, 32, 28, 10) · 50 params'],
    ];
    for (const [file, first, second] of seeds) {
      it(`${file}: a hint after each layer`, async () => {
        const editor = await open(file);
        const found = await eventually(() => hints(editor.document), (h) => h.length === 2, 'two hints');
        assert.deepEqual(found, [
          { line: 5, label: first },
          { line: 6, label: second },
        ]);
      });
    }
  });

  it('the hover on Dense explains the last-axis rule with the numbers', async () => {
    const editor = await open('seed_784_1.py');
    const text = await hoverText(editor.document, 'Dense(4');
    assert.includes(text, '`(None, 784, 1)` → `(None, 784, 4)`');
    assert.includes(text, '`kernel 1×4 = 4` + `bias 4` → **8 params**');
    assert.includes(text, 'last axis');
    assert.includes(text, 'put `Flatten()` first');
    assert.includes(text, '3,140 params');
  });

  it('the hover on input_shape= explains the batch axis', async () => {
    const editor = await open('seed_784_1.py');
    const text = await hoverText(editor.document, 'input_shape=(784, 1)))', 3);
    assert.includes(text, 'excludes the batch axis');
    assert.includes(text, 'receives `(None, 784, 1)`');
  });

  it('the hover on a model variable shows its totals', async () => {
    const editor = await open('seed_784.py');
    const text = await hoverText(editor.document, 'model.add');
    assert.includes(text, 'Total params: **3,190**');
  });

  it('Keras 3 deprecations are warnings', async () => {
    const editor = await open('seed_784.py');
    const found = await eventually(() => diagnostics(editor.document.uri), (d) => d.length > 0, 'a diagnostic');
    assert.equal(found[0].severity, vscode.DiagnosticSeverity.Warning, 'severity');
    assert.includes(found[0].message, 'Do not pass an `input_shape`/`input_dim` argument to a layer');
    assert.equal(found[0].range.start.line, 5, 'line');
  });

  it('a functional model: a hint after every call, with a constant from a sibling module', async () => {
    const editor = await open('functional.py');
    const found = await eventually(() => hints(editor.document), (h) => h.some((x) => x.label.includes('528')), 'hints with the sibling constant');
    assert.deepEqual(
      found.map((h) => h.label),
      ['→ (None, 16) · 528 params', '→ (None, 16) · 272 params', '→ (None, 32) · 0 params', '→ (None, 1) · 33 params'],
    );
  });

  it('a syntax error is reported and the models around it keep their hints', async () => {
    const editor = await open('syntax_error.py');
    const errors = await eventually(
      () => diagnostics(editor.document.uri).filter((d) => d.severity === vscode.DiagnosticSeverity.Error),
      (d) => d.length > 0,
      'a syntax error',
    );
    assert.includes(errors[0].message, 'Syntax error');
    assert.deepEqual((await hints(editor.document)).map((h) => h.label), ['→ (None, 4) · 36 params', '→ (None, 2) · 10 params']);
  });

  it('an invalid model gets Keras\' error on the offending layer', async () => {
    const editor = await open('invalid.py');
    const errors = await eventually(() => diagnostics(editor.document.uri), (d) => d.length > 0, 'an error');
    assert.equal(errors[0].range.start.line, 5, 'line');
    assert.includes(errors[0].message, 'expected min_ndim=4, found ndim=2. Full shape received: (None, 784)');
    assert.ok((await hints(editor.document)).some((h) => h.label === '→ ⚠ shape error'), 'the hint says so');
  });

  it('a file without Keras gets nothing', async () => {
    const editor = await open('plain.py');
    await sleep(500);
    assert.deepEqual(await hints(editor.document), []);
    assert.deepEqual(await lensTitles(editor.document), []);
    assert.deepEqual(diagnostics(editor.document.uri), []);
  });

  it('a CodeLens above each model gives its total', async () => {
    const editor = await open('two_models.py');
    assert.deepEqual(await lensTitles(editor.document), [
      'Keras: sequential — 33 params (132.00 B) · Show summary',
      'Keras: sequential_1 — 40 params (160.00 B) · Show summary',
    ]);
  });

  it('Show Model Summary prints exactly what Keras prints', async () => {
    await closeSummaries();
    await open('seed_784.py');
    await vscode.commands.executeCommand('kerasShapes.showModelSummary');
    assert.equal(await summaryText(), SUMMARY_784, 'summary');
  });

  it('the summary follows the cursor\'s model and refreshes as the source changes', async () => {
    await closeSummaries();
    const editor = await open('two_models.py');
    editor.selection = new vscode.Selection(4, 5, 4, 5);
    await vscode.commands.executeCommand('kerasShapes.showModelSummary');
    assert.includes(await summaryText(), 'Model: "sequential_1"');
    const line = editor.document.lineAt(4);
    await editor.edit((edit) => edit.replace(line.range, 'decoder = models.Sequential([Input(shape=(3,)), layers.Dense(10), layers.Dense(2)])'));
    await eventually(summaryText, (text) => text.includes('Total params: 62'), 'the refreshed summary');
    await vscode.commands.executeCommand('undo');
  });

  it('diagnostics follow the typing and settings are honoured live', async () => {
    const editor = await open('two_models.py');
    const line = editor.document.lineAt(2);
    await editor.edit((edit) => edit.replace(line.range, 'encoder = models.Sequential([Input(shape=(10,)), layers.Conv2D(3, 3)])'));
    await eventually(() => diagnostics(editor.document.uri), (d) => d.some((x) => x.message.includes('min_ndim=4')), 'the new error');
    await vscode.commands.executeCommand('undo');
    await eventually(() => diagnostics(editor.document.uri), (d) => d.length === 0, 'the error gone');

    await setSetting('inlayHints.showParams', false);
    await eventually(() => hints(editor.document), (h) => h.length > 0 && h.every((x) => !x.label.includes('params')), 'hints without counts');
    await setSetting('inlayHints.enabled', false);
    await eventually(() => hints(editor.document), (h) => h.length === 0, 'no hints');
    await setSetting('inlayHints.enabled', undefined);
    await setSetting('inlayHints.showParams', undefined);
  });

  it('a size known only at run time is ? in the hint and named in its tooltip', async () => {
    const editor = await open('run_time_sizes.py');
    const range = new vscode.Range(0, 0, editor.document.lineCount, 0);
    const found = await eventually(
      () => vscode.commands.executeCommand<vscode.InlayHint[]>('vscode.executeInlayHintProvider', editor.document.uri, range),
      (h) => (h ?? []).length === 1,
      'one hint',
    );
    assert.equal(labelOf(found[0]), '→ (None, ?, 4) · 16 params', 'label');
    const tooltip = typeof found[0].tooltip === 'string' ? found[0].tooltip : found[0].tooltip?.value ?? '';
    assert.includes(tooltip, '(None, x_train.shape[1], 4)', 'tooltip');
  });

  it('diagnostics are cleared when the file closes (back on reopening) and when turned off', async () => {
    const editor = await open('run_time_sizes.py');
    const uri = editor.document.uri;
    await eventually(() => diagnostics(uri), (d) => d.length > 0, 'the input_dim warning');
    await setSetting('diagnostics.enabled', false);
    await eventually(() => diagnostics(uri), (d) => d.length === 0, 'no diagnostics while turned off');
    await setSetting('diagnostics.enabled', undefined);
    await eventually(() => diagnostics(uri), (d) => d.length > 0, 'the warning back');
    await vscode.window.showTextDocument(editor.document);
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    await eventually(() => diagnostics(uri), (d) => d.length === 0, 'no diagnostics after closing');
    await open('run_time_sizes.py');
    await eventually(() => diagnostics(uri), (d) => d.length > 0, 'the warning back after reopening');
  });

  after(async () => {
    // Leave the seed open with its hints and the Dense hover showing: the harness takes the README screenshot.
    await closeSummaries();
    const editor = await open('seed_784_1.py');
    await eventually(() => hints(editor.document), (h) => h.length === 2, 'the hints');
    await sleep(1500);
    // Hovering the second layer keeps both lines' hints in view above the hover.
    const position = editor.document.positionAt(editor.document.getText().indexOf('Dense(10') + 2);
    editor.selection = new vscode.Selection(position, position);
    await vscode.commands.executeCommand('editor.action.showHover');
    await sleep(1000);
  });
});
