// Installs what the VS Code tests need on a machine that reaches only the npm registry and Debian:
// Debian's Chromium, a CJK font and ripgrep, and code-server (a real VS Code: workbench + Node extension
// host) into .vscode-test/. Idempotent: a working install is detected in well under a second.
// Usage: tsx scripts/vscode/install.ts
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const CODE_SERVER_VERSION = '4.100.3'; // VS Code 1.100.3, the last line that runs on Node 20
export const ROOT = resolve(__dirname, '../..');
const INSTALL_DIR = join(ROOT, '.vscode-test', `code-server-${CODE_SERVER_VERSION}`);
export const CODE_SERVER_BIN = join(INSTALL_DIR, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/lib/chromium/chromium';

// Needed to run the tests (browser, CJK glyphs in screenshots, code-server's search).
const RUNTIME_DEBS = ['chromium', 'fonts-wqy-microhei', 'ripgrep'];
// Needed only while code-server's native modules are rebuilt.
const BUILD_DEBS = ['libkrb5-dev', 'libx11-dev', 'libxkbfile-dev', 'libsecret-1-dev', 'pkg-config'];

function log(msg: string): void {
  console.log(`[vscode-install] ${msg}`);
}

function run(cmd: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): void {
  log(`${cwd === ROOT ? '' : `(in ${cwd.replace(ROOT + '/', '')}) `}${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, { cwd, stdio: ['ignore', 'inherit', 'inherit'], env: { ...process.env, ...env } });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (exit ${r.status ?? r.signal})`);
}

function missingDebs(names: string[]): string[] {
  return names.filter((n) => {
    const r = spawnSync('dpkg-query', ['-W', '-f=${Status}', n], { encoding: 'utf8' });
    return !r.stdout?.includes('install ok installed');
  });
}

function ensureDebs(names: string[]): void {
  const missing = missingDebs(names);
  if (missing.length === 0) return;
  if (process.getuid?.() !== 0) {
    throw new Error(`missing Debian packages: ${missing.join(' ')} (run: sudo apt-get install -y ${missing.join(' ')})`);
  }
  const env = { DEBIAN_FRONTEND: 'noninteractive' };
  run('apt-get', ['update', '-q'], ROOT, env);
  run('apt-get', ['install', '-y', '-q', '--no-install-recommends', ...missing], ROOT, env);
}

/** Environment that keeps code-server's config, data and marketplace traffic out of $HOME and off the net. */
export function codeServerEnv(home: string): NodeJS.ProcessEnv {
  return { ...process.env, XDG_CONFIG_HOME: join(home, 'config'), XDG_DATA_HOME: join(home, 'data'), EXTENSIONS_GALLERY: '{}' };
}

export function codeServerVersion(bin = CODE_SERVER_BIN): string | undefined {
  if (!existsSync(bin)) return undefined;
  const home = mkdtempSync(join(tmpdir(), 'code-server-version-'));
  try {
    const r = spawnSync(process.execPath, [bin, '--version'], { encoding: 'utf8', timeout: 30_000, env: codeServerEnv(home) });
    return r.status === 0 ? /^(\d+\.\d+\.\d+) /m.exec(r.stdout)?.[1] : undefined;
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
}

// Does by hand what code-server's postinstall would, minus its downloads from GitHub (which fail here).
function installCodeServer(): void {
  const tmp = `${INSTALL_DIR}.partial-${process.pid}`;
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp, { recursive: true });
  writeFileSync(join(tmp, 'package.json'), '{ "private": true }\n');
  // node-gyp must build against Node's local headers: it cannot download them here.
  const gyp = existsSync('/usr/include/node/node.h') ? { npm_config_nodedir: '/usr' } : {};
  const npm = (args: string[], cwd: string) => run('npm', [...args, '--no-audit', '--no-fund'], cwd, { ...gyp, npm_config_yes: 'true' });

  npm(['install', `code-server@${CODE_SERVER_VERSION}`, '--ignore-scripts'], tmp);
  npm(['rebuild', 'argon2'], tmp);
  const pkg = join(tmp, 'node_modules', 'code-server');
  const vscode = join(pkg, 'lib', 'vscode');
  npm(['install', '--omit=dev', '--ignore-scripts'], vscode);
  const rgBin = join(vscode, 'node_modules', '@vscode', 'ripgrep', 'bin');
  mkdirSync(rgBin, { recursive: true });
  symlinkSync('/usr/bin/rg', join(rgBin, 'rg'));
  npm(['rebuild', '@parcel/watcher', '@vscode/spdlog', 'kerberos', 'native-watchdog', 'node-pty', '@vscode/deviceid'], vscode);
  symlinkSync('node_modules', join(vscode, 'node_modules.asar'));
  symlinkSync('code-linux.sh', join(vscode, 'bin', 'remote-cli', 'code-server'));
  symlinkSync('browser-linux.sh', join(vscode, 'bin', 'helpers', 'browser.sh'));

  const version = codeServerVersion(join(pkg, 'out', 'node', 'entry.js'));
  if (version !== CODE_SERVER_VERSION) throw new Error(`code-server does not answer --version after install (got ${version})`);
  // Only a complete install gets the final name, so a half-done one is never mistaken for working.
  rmSync(INSTALL_DIR, { recursive: true, force: true });
  renameSync(tmp, INSTALL_DIR);
}

/** Makes sure code-server, Chromium and the fonts are there; returns the code-server entry script. */
export function ensureVsCode(): string {
  const started = Date.now();
  ensureDebs(RUNTIME_DEBS);
  if (codeServerVersion() !== CODE_SERVER_VERSION) {
    ensureDebs(BUILD_DEBS);
    installCodeServer();
    log(`code-server ${CODE_SERVER_VERSION} installed in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  }
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM} (set CHROMIUM_PATH)`);
  return CODE_SERVER_BIN;
}

if (require.main === module) {
  try {
    const started = Date.now();
    ensureVsCode();
    // The version from dpkg: running Chromium for it would leave a profile folder in $HOME.
    const chromium = execFileSync('dpkg-query', ['-W', '-f=${Version}', 'chromium'], { encoding: 'utf8' });
    log(`ready in ${((Date.now() - started) / 1000).toFixed(1)} s: code-server ${codeServerVersion()}, Chromium ${chromium}`);
  } catch (e) {
    console.error(`[vscode-install] ${(e as Error).message}`);
    process.exit(1);
  }
}
