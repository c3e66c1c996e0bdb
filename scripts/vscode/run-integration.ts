// npm run test:integration — the extension's integration tests (out/test/integration) in a real VS Code:
// code-server's Node extension host, its workbench in headless Chromium, a fresh copy of seeds/ as the
// workspace. Streams the extension host's console, exits with the tests' result, times out on its own.
import { createWriteStream, existsSync } from 'node:fs';
import { join } from 'node:path';
import { format } from 'node:util';
import type { Page } from 'playwright-core';
import { EXTENSION_DIR, RESULTS_DIR, cleanupAll, copyCorpus, openBrowser, startCodeServer, startScreenshotHook, workbenchUrl } from './harness';
import { ROOT } from './install';

const TIMEOUT_S = Number(process.env.SEED_CURATOR_TEST_TIMEOUT ?? 300);
const TESTS = join(ROOT, 'out', 'test', 'integration', 'index.js');

// The workbench's own start-up chatter arrives through the same channel as the extension host's console:
// it goes to the log file only, so the terminal shows what the extension and the tests print.
const CHATTER = /^(Resolving connection token|Resolved connection token|Creating a socket|Ignoring fetching additional builtin|Updating additional builtin|Creation of workbench contribution|\[Service Worker\]|ChatSessionStore)/;

/** Log entries are console calls: an array of format arguments (occasionally a plain string). */
function formatLog(msg: unknown): string {
  return Array.isArray(msg) ? format(...msg) : String(msg);
}

async function main(): Promise<number> {
  if (!existsSync(TESTS)) throw new Error(`${TESTS} is missing: run "node scripts/build-tests.mjs" first`);
  const started = Date.now();
  let page: Page | undefined;
  const hook = await startScreenshotHook(() => page);
  const server = await startCodeServer({ name: 'integration', env: { SEED_CURATOR_SCREENSHOT_URL: hook } });
  const opened = await openBrowser();
  page = opened.page;
  const result = new Promise<number>((done) => void page!.exposeFunction('codeAutomationExit', (code: number) => done(code)));
  const consoleLog = createWriteStream(join(RESULTS_DIR, 'logs', 'integration-console.log'));
  await page.exposeFunction('codeAutomationLog', (level: string, msg: unknown) => {
    const text = formatLog(msg);
    consoleLog.write(`[${level}] ${text}\n`);
    if (!CHATTER.test(text)) (level === 'error' ? process.stderr : process.stdout).write(text + '\n');
  });
  page.on('pageerror', (e) => console.error(`[workbench] ${e.message}`));
  const url = workbenchUrl(server, copyCorpus(), { extensionDevelopmentPath: EXTENSION_DIR, extensionTestsPath: TESTS });
  await page.goto(url);
  const code = await result;
  console.log(`[integration] tests finished with ${code} after ${((Date.now() - started) / 1000).toFixed(1)} s`);
  await opened.browser.close();
  return code;
}

// The whole run, start-up included, is bounded: a hung workbench or extension host fails the run.
setTimeout(() => {
  console.error(`[integration] timed out after ${TIMEOUT_S} s without a result from the extension host (SEED_CURATOR_TEST_TIMEOUT sets the limit)`);
  cleanupAll();
  process.exit(1);
}, TIMEOUT_S * 1000).unref();

main()
  .then((code) => {
    cleanupAll();
    process.exit(code);
  })
  .catch((e: Error) => {
    console.error(`[integration] ${e.message}`);
    cleanupAll();
    process.exit(1);
  });
