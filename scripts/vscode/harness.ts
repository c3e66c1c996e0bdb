// Shared pieces of the VS Code test runners: an isolated code-server, headless Chromium showing its
// workbench, a fresh copy of the corpus as workspace, screenshots, and cleanup that always happens.
import { spawn } from 'node:child_process';
import { cpSync, createWriteStream, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { chromium, type Browser, type Page } from 'playwright-core';
import { CHROMIUM, ROOT, codeServerEnv, ensureVsCode } from './install';

/** The extension under test: this repository, unless SEED_CURATOR_EXTENSION_DIR names another folder. */
export const EXTENSION_DIR = resolve(process.env.SEED_CURATOR_EXTENSION_DIR ?? ROOT);
export const RESULTS_DIR = join(ROOT, 'test-results');
export const SCREENSHOT_DIR = join(RESULTS_DIR, 'screenshots');

// Cleanups run on normal exit, on Ctrl+C and on errors, so no code-server or Chromium outlives a run.
const cleanups: (() => void)[] = [];
export function onCleanup(fn: () => void): void {
  cleanups.push(fn);
}
export function cleanupAll(): void {
  for (const fn of cleanups.splice(0).reverse()) {
    try {
      fn();
    } catch {
      // best effort: the process is going away
    }
  }
}
process.on('exit', cleanupAll);
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.on(sig, () => {
    cleanupAll();
    process.exit(128 + (sig === 'SIGINT' ? 2 : sig === 'SIGTERM' ? 15 : 1));
  });
}

export function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), `seed-curator-${prefix}-`));
  onCleanup(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** A fresh copy of seeds/, so tests may edit files freely. */
export function copyCorpus(): string {
  const dir = join(tempDir('workspace'), 'seeds');
  cpSync(join(ROOT, 'seeds'), dir, { recursive: true });
  return dir;
}

const USER_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'workbench.reduceMotion': 'on',
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'security.workspace.trust.enabled': false,
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'git.enabled': false,
};

export interface CodeServer {
  port: number;
  /** http://127.0.0.1:PORT */
  origin: string;
  stop(): void;
}

export async function startCodeServer(opts: { name: string; env?: Record<string, string>; extensionsDir?: string }): Promise<CodeServer> {
  const bin = ensureVsCode();
  const home = tempDir('code-server');
  const userData = join(home, 'user-data');
  mkdirSync(join(userData, 'User'), { recursive: true });
  writeFileSync(join(userData, 'User', 'settings.json'), JSON.stringify(USER_SETTINGS, null, 2));
  const args = [
    bin, '--auth', 'none', '--bind-addr', '127.0.0.1:0', '--disable-telemetry', '--disable-update-check',
    '--disable-workspace-trust', '--disable-getting-started-override', '--ignore-last-opened',
    '--user-data-dir', userData, '--extensions-dir', opts.extensionsDir ?? join(home, 'extensions'),
  ];
  // Own process group: one kill ends code-server, its extension host and anything they started.
  const child = spawn(process.execPath, args, { detached: true, stdio: ['ignore', 'pipe', 'pipe'], env: { ...codeServerEnv(home), ...opts.env } });
  const stop = () => {
    try {
      process.kill(-child.pid!, 'SIGKILL');
    } catch {
      // already gone
    }
  };
  onCleanup(stop);
  mkdirSync(join(RESULTS_DIR, 'logs'), { recursive: true });
  const logFile = join(RESULTS_DIR, 'logs', `code-server-${opts.name}.log`);
  const log = createWriteStream(logFile);
  child.stderr.pipe(log);
  const lines = createInterface({ input: child.stdout });
  const origin = await new Promise<string>((resolvePort, reject) => {
    const timer = setTimeout(() => reject(new Error(`code-server did not start within 60 s (log: ${logFile})`)), 60_000);
    child.on('exit', (code) => reject(new Error(`code-server exited with ${code} before listening (log: ${logFile})`)));
    lines.on('line', (line) => {
      log.write(line + '\n');
      const m = /HTTP server listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(line);
      if (m) {
        clearTimeout(timer);
        resolvePort(m[1]);
      }
    });
  });
  const health = await fetch(`${origin}/healthz`);
  if (!health.ok) throw new Error(`code-server /healthz answered ${health.status}`);
  return { port: Number(new URL(origin).port), origin, stop };
}

/** Runs code-server's CLI (e.g. --install-extension) with the same isolation; returns its output. */
export async function codeServerCli(args: string[]): Promise<string> {
  const bin = ensureVsCode();
  const home = tempDir('code-server-cli');
  return new Promise((resolveOut, reject) => {
    const child = spawn(process.execPath, [bin, ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: codeServerEnv(home) });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('exit', (code) => (code === 0 ? resolveOut(out) : reject(new Error(`code-server ${args.join(' ')} failed (${code}):\n${out}`))));
  });
}

/** The workbench URL for a folder, with the settings code-server takes only from the URL payload. */
export function workbenchUrl(server: CodeServer, folder: string, payload: Record<string, string> = {}): string {
  const remote = (path: string) => `vscode-remote://127.0.0.1:${server.port}${path}`;
  const entries: [string, string][] = [['skipWelcome', 'true']];
  if (payload.extensionDevelopmentPath) entries.push(['extensionDevelopmentPath', remote(payload.extensionDevelopmentPath)]);
  if (payload.extensionTestsPath) entries.push(['extensionTestsPath', remote(payload.extensionTestsPath)]);
  return `${server.origin}/?folder=${encodeURIComponent(folder)}&payload=${encodeURIComponent(JSON.stringify(entries))}`;
}

export async function openBrowser(): Promise<{ browser: Browser; page: Page }> {
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    env: { ...process.env, XDG_CONFIG_HOME: tempDir('chromium'), XDG_CACHE_HOME: tempDir('chromium-cache') }, // keeps crash reports out of $HOME
    // This machine has no network beyond loopback: keep Chromium from trying (and from waiting on it).
    args: [
      '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage',
      '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1',
    ],
  });
  // playwright-core itself kills the browsers it launched when this process exits or is signalled.
  const context = await browser.newContext({ viewport: { width: 1400, height: 860 }, reducedMotion: 'reduce' });
  return { browser, page: await context.newPage() };
}

/** Saves a PNG of the page (or of one element) under test-results/screenshots/; returns its path. */
export async function screenshot(page: Page, name: string, selector?: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const path = join(SCREENSHOT_DIR, `${name.replace(/[^\w.-]+/g, '-')}.png`);
  const opts = { path, animations: 'disabled' as const };
  await (selector ? page.locator(selector).first().screenshot(opts) : page.screenshot(opts));
  return path;
}

/** A tiny HTTP hook: GET /?name=NAME saves a screenshot of the page; the answer is the file's path. */
export async function startScreenshotHook(getPage: () => Page | undefined): Promise<string> {
  const server = createServer(async (req, res) => {
    const name = new URL(req.url ?? '/', 'http://x').searchParams.get('name') ?? 'screenshot';
    const page = getPage();
    try {
      if (!page) throw new Error('no page yet');
      const path = await screenshot(page, name);
      res.writeHead(200).end(path);
    } catch (e) {
      res.writeHead(500).end(String(e));
    }
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  onCleanup(() => server.close());
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
}
