import Mocha from 'mocha';

export function run(): Promise<void> {
  const runner = new Mocha({ ui: 'bdd', reporter: 'spec', color: true, timeout: 20000 });
  runner.suite.emit('pre-require', globalThis, 'suite', runner);
  return import('./suite').then(
    () =>
      new Promise<void>((resolve, reject) => {
        runner.run((failures) => (failures > 0 ? reject(new Error(`${failures} tests failed.`)) : resolve()));
      }),
  );
}
