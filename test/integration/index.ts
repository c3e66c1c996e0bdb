// extensionTestsPath module: VS Code (code-server or @vscode/test-electron) calls run() inside the
// extension host; it loads every compiled suite/**/*.test.js into mocha and rejects when a test fails.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import Mocha from 'mocha';

export async function run(): Promise<void> {
  // No colours: under code-server the output travels through the workbench's console to the runner.
  const mocha = new Mocha({ ui: 'bdd', reporter: 'spec', color: false, timeout: 60_000 });
  const suite = join(__dirname, 'suite');
  const files = (readdirSync(suite, { recursive: true }) as string[]).filter((f) => f.endsWith('.test.js')).sort();
  for (const f of files) mocha.addFile(join(suite, f));
  if (files.length === 0) throw new Error(`no *.test.js under ${suite}: build the tests first`);
  const failures = await new Promise<number>((done) => mocha.run(done));
  if (failures > 0) throw new Error(`${failures} integration test(s) failed`);
}
