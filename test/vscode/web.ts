/**
 * Entry of the real-editor suites in VS Code for the Web: the workbench loads this bundle in the extension host
 * worker and awaits `run()`. Mocha's browser build with the spec reporter (the HTML one needs a document).
 */
import 'mocha/mocha';

export async function run(): Promise<void> {
  mocha.setup({ ui: 'bdd', reporter: 'spec', color: false, timeout: 30000 });
  // Suites register their `describe`s on import, so they load only after setup.
  await import('./suite');
  return new Promise<void>((resolve, reject) => {
    const runner = mocha.run((failures) => {
      // The runner script reads this line for the final count.
      console.log(`vscode-web-result: ${runner.stats?.passes ?? 0} ${failures}`);
      if (failures > 0) reject(new Error(`${failures} tests failed.`));
      else resolve();
    });
  });
}
