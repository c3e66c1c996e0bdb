// One code-server + one headless Chromium page per e2e suite, stopped after it; a screenshot of every
// failing test's screen goes to test-results/screenshots/failed-*.png.
import type { Browser } from 'playwright-core';
import { openBrowser, screenshot, startCodeServer, type CodeServer } from '../../scripts/vscode/harness';
import { Workbench } from './workbench';

export function workbenchSession(name: string, opts: { extensionsDir?: () => string } = {}): { server: () => CodeServer; wb: () => Workbench } {
  let server: CodeServer | undefined;
  let browser: Browser | undefined;
  let wb: Workbench | undefined;
  before(async () => {
    server = await startCodeServer({ name, extensionsDir: opts.extensionsDir?.() });
    const opened = await openBrowser();
    browser = opened.browser;
    wb = new Workbench(opened.page);
  });
  afterEach(async function () {
    if (this.currentTest?.state === 'failed' && wb) await screenshot(wb.page, `failed-${name}-${this.currentTest.title}`).catch(() => undefined);
  });
  after(async () => {
    await browser?.close();
    server?.stop();
  });
  return { server: () => server!, wb: () => wb! };
}
