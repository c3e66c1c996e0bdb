// Drives the VS Code workbench in the browser the way a person does: keyboard shortcuts, the command
// palette, clicks on the activity bar. Every step waits for what it needs to appear on screen.
import { copyFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { EXTENSION_DIR, screenshot } from '../../scripts/vscode/harness';
import { ROOT } from '../../scripts/vscode/install';

const DOCS_DIR = join(ROOT, 'docs', 'screenshots');

interface CommandContribution {
  command: string;
  title: string;
  category?: string;
}

/** The palette label of a command, as the extension's package.json contributes it (English strings). */
export function commandLabel(id: string): string {
  const read = (name: string) => JSON.parse(readFileSync(join(EXTENSION_DIR, name), 'utf8'));
  const pkg = read('package.json');
  const cmd = (pkg.contributes?.commands ?? []).find((c: CommandContribution) => c.command === id) as CommandContribution | undefined;
  if (!cmd) throw new Error(`package.json contributes no command ${id}`);
  // "%key%" titles come from package.nls.json, as a string or as { message }.
  const nls = existsSync(join(EXTENSION_DIR, 'package.nls.json')) ? read('package.nls.json') : {};
  const text = (s: string) => s.replace(/^%(.+)%$/, (m, key: string) => nls[key]?.message ?? nls[key] ?? m);
  return cmd.category ? `${text(cmd.category)}: ${text(cmd.title)}` : text(cmd.title);
}

export class Workbench {
  constructor(readonly page: Page) {}

  async open(url: string): Promise<void> {
    await this.page.goto(url);
    await this.page.locator('.monaco-workbench .part.statusbar').waitFor({ timeout: 60_000 });
    await this.page.locator('.part.sidebar .monaco-list-row').first().waitFor({ timeout: 60_000 }); // explorer filled
  }

  /** Opens a file of the workspace through Quick Open (Ctrl+P), like a person typing part of its name. */
  async openFile(namePart: string): Promise<void> {
    await this.page.keyboard.press('Control+P');
    const input = this.page.locator('.quick-input-widget input');
    await input.waitFor();
    await input.fill(namePart);
    await this.page.locator('.quick-input-list .monaco-list-row', { hasText: namePart }).first().waitFor();
    await this.page.keyboard.press('Enter');
    await this.page.locator('.tabs-container .tab.active', { hasText: namePart }).waitFor();
    await this.editor().locator('.view-line').first().waitFor();
  }

  /** Runs a contributed command by its palette label (read from package.json), as a person would. */
  async runCommand(id: string): Promise<void> {
    const label = commandLabel(id);
    await this.page.keyboard.press('F1');
    const input = this.page.locator('.quick-input-widget input');
    await input.waitFor();
    await input.fill(`>${label}`);
    const row = this.page.locator('.quick-input-list .monaco-list-row').filter({ has: this.page.getByText(label, { exact: true }) });
    await row.first().click();
    await this.page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
  }

  editor(): Locator {
    return this.page.locator('.part.editor .editor-group-container.active .monaco-editor').first();
  }

  async editorText(): Promise<string> {
    return this.editor().locator('.view-lines').innerText();
  }

  /** Opens the Problems panel and waits until it lists a finding matching `expect`; returns its text. */
  async problems(expect: RegExp, timeout = 30_000): Promise<string> {
    const panel = this.page.locator('.markers-panel');
    if (!(await panel.isVisible())) await this.page.keyboard.press('Control+Shift+M');
    await panel.waitFor();
    const rows = panel.locator('.monaco-list-rows');
    await rows.filter({ hasText: expect }).waitFor({ timeout }).catch(async () => {
      throw new Error(`no finding matching ${expect} in the Problems panel within ${timeout / 1000} s (did the extension activate?); it shows:\n${await panel.innerText()}`);
    });
    return rows.innerText();
  }

  /** Waits until the active editor's visible text differs from `previous`. */
  async editorTextChanged(previous: string, timeout = 15_000): Promise<string> {
    for (const until = Date.now() + timeout; Date.now() < until; await this.page.waitForTimeout(200)) {
      const text = await this.editorText();
      if (text !== previous) return text;
    }
    throw new Error(`the editor's text did not change within ${timeout / 1000} s`);
  }

  /**
   * Walks the editor's problems with F8 until one offers a quick fix, opens the menu with Ctrl+. and
   * returns the menu's text. The menu ignores mouse clicks (an overlay sits on top): use applyQuickFix().
   */
  async openQuickFixMenu(maxProblems = 10): Promise<string> {
    const menu = this.page.locator('.action-widget .monaco-list-row.action');
    await this.editor().click();
    await this.page.keyboard.press('Control+Home');
    for (let i = 0; i < maxProblems; i++) {
      await this.page.keyboard.press('F8');
      await this.closeMarkerWidget();
      await this.page.keyboard.press('Control+.');
      try {
        await menu.first().waitFor({ timeout: 3_000 });
        return this.page.locator('.action-widget').innerText();
      } catch {
        await this.page.keyboard.press('Escape'); // "No code actions available" here: try the next problem
      }
    }
    throw new Error(`none of the first ${maxProblems} problems offers a quick fix`);
  }

  /** F8's problem peek must be gone before Ctrl+. (and out of the screenshots); an early Escape can be lost. */
  private async closeMarkerWidget(): Promise<void> {
    const widget = this.page.locator('.marker-widget');
    await widget.waitFor();
    for (let i = 0; i < 5 && (await widget.isVisible()); i++) {
      await this.page.keyboard.press('Escape');
      await widget.waitFor({ state: 'hidden', timeout: 1_000 }).catch(() => undefined);
    }
  }

  /** Applies the focused (first) entry of the open quick-fix menu with the keyboard. */
  async applyQuickFix(): Promise<void> {
    await this.page.keyboard.press('Enter');
    await this.page.locator('.action-widget').waitFor({ state: 'hidden' });
  }

  /** Shows the view container titled `title` in the side bar (click on its activity-bar icon). */
  async showContainer(title: string): Promise<Locator> {
    const item = this.page.locator(`.part.activitybar .action-item [aria-label^="${title}"], .part.activitybar .action-item[aria-label^="${title}"]`).first();
    await item.waitFor({ timeout: 30_000 });
    const sidebar = this.page.locator('.part.sidebar');
    if (!(await sidebar.locator('.composite.title', { hasText: new RegExp(title, 'i') }).isVisible())) await item.click();
    await sidebar.locator('.composite.title', { hasText: new RegExp(title, 'i') }).waitFor();
    return sidebar;
  }

  /** Text of the side bar's tree rows once it has some, and once it differs from `previous` if given. */
  async sidebarTreeText(previous?: string): Promise<string> {
    const rows = this.page.locator('.part.sidebar .monaco-list-rows');
    await rows.locator('.monaco-list-row').first().waitFor();
    for (const until = Date.now() + 15_000; Date.now() < until; await this.page.waitForTimeout(200)) {
      const text = await rows.innerText();
      if (text.trim() && text !== previous) return text;
    }
    throw new Error(`the tree did not change within 15 s; it shows:\n${previous}`);
  }

  /** Screenshot into test-results/screenshots/; with SEED_CURATOR_DOCS_SCREENSHOTS=1 also into docs/screenshots/. */
  async shot(name: string, opts: { docs?: boolean } = {}): Promise<string> {
    await this.page.mouse.move(0, 0); // no hover highlights or tooltips in the picture
    // Let notification toasts (e.g. a progress report) fade rather than cover the picture; shoot anyway after 10 s.
    await this.page.locator('.notification-toast').first().waitFor({ state: 'hidden', timeout: 10_000 }).catch(() => undefined);
    const path = await screenshot(this.page, name);
    if (opts.docs && process.env.SEED_CURATOR_DOCS_SCREENSHOTS === '1') {
      mkdirSync(DOCS_DIR, { recursive: true });
      copyFileSync(path, join(DOCS_DIR, `${name}.png`));
    }
    return path;
  }
}
