// npm run test:electron — the same integration suite through @vscode/test-electron, which downloads a
// desktop VS Code (cached in .vscode-test/). For machines with internet; offline it fails in one line.
import { ProgressReportStage, runTests, type ProgressReport } from '@vscode/test-electron';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { EXTENSION_DIR, cleanupAll, copyCorpus } from './harness';
import { ROOT } from './install';

// Quieter than the default console reporter: one line per download, none for the failed attempts.
let announced = false;
const reporter = {
  report(r: ProgressReport): void {
    if (r.stage === ProgressReportStage.FoundMatchingInstall) console.log(`[electron] VS Code at ${r.downloadedPath}`);
    if (r.stage === ProgressReportStage.Downloading && !announced) {
      announced = true;
      console.log(`[electron] downloading ${r.url}`);
    }
  },
  error(): void {},
};

async function main(): Promise<number> {
  const tests = join(ROOT, 'out', 'test', 'integration', 'index.js');
  if (!existsSync(tests)) throw new Error(`${tests} is missing: run "node scripts/build-tests.mjs" first`);
  return runTests({
    extensionDevelopmentPath: EXTENSION_DIR,
    extensionTestsPath: tests,
    reporter,
    launchArgs: [copyCorpus(), '--disable-extensions', '--disable-workspace-trust', '--skip-welcome'],
  });
}

main()
  .then((code) => {
    cleanupAll();
    process.exit(code);
  })
  .catch((e: unknown) => {
    const msg = (e instanceof Error ? e.message : String(e)).split('\n')[0];
    console.error(`[electron] cannot run VS Code through @vscode/test-electron: ${msg} (offline? use npm run test:integration)`);
    cleanupAll();
    process.exit(1);
  });
