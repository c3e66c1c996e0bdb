// Shared by the integration suites: the extension's API, the expected seed facts, and waiting on VS Code's
// own events (never on the clock; the timers below only turn a hang into a readable failure).
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { LintOptions } from '../../../src/core/runner';
import type { SeedCuratorApi } from '../../../src/extension/extension';
import { uiLocale } from '../../../src/extension/settings';
import { allRules } from '../../../src/rules';

export const EXTENSION_ID = 'seed-curator.seed-curator';
const WAIT_MS = 20_000;

export interface ExpectedSeed {
  date: string;
  city: string;
  variant: 'simplified' | 'traditional' | 'mixed';
  boilerplate: number[];
  garbled: number[];
  broken: number[];
  clean: number[];
  notBoilerplate?: number[];
  notBroken?: number[];
}

export async function api(): Promise<SeedCuratorApi> {
  const ext = vscode.extensions.getExtension<SeedCuratorApi>(EXTENSION_ID);
  if (!ext) throw new Error(`${EXTENSION_ID} is not installed in this extension host`);
  const exported = await ext.activate();
  await exported.whenIdle();
  return exported;
}

export function extensionPath(): string {
  return vscode.extensions.getExtension(EXTENSION_ID)!.extensionPath;
}

/** CI keeps shared/ beside the repository. */
export function expectedSeeds(): Record<string, ExpectedSeed> {
  return JSON.parse(readFileSync(path.join(extensionPath(), '..', 'shared', 'seeds-expected.json'), 'utf8'));
}

export function workspaceRoot(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('the tests need a workspace folder (a copy of seeds/)');
  return folder.uri;
}

export function seedUri(name: string): vscode.Uri {
  return vscode.Uri.joinPath(workspaceRoot(), name);
}

export function ours(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'seed-curator');
}

export function ruleOf(d: vscode.Diagnostic): string {
  return typeof d.code === 'object' ? String(d.code.value) : String(d.code);
}

const CATEGORY = new Map<string, string>([...allRules.map((r) => [r.id, r.category] as [string, string]), ['SC001', 'garbled']]);

export function categoryOf(d: vscode.Diagnostic): string | undefined {
  return CATEGORY.get(ruleOf(d));
}

function describe(ds: vscode.Diagnostic[]): string {
  return ds.map((d) => `${d.range.start.line}:${ruleOf(d)}`).join(', ') || 'none';
}

/** Resolves with the file's diagnostics once the predicate holds for them. */
export function waitForDiagnostics(uri: vscode.Uri, predicate: (ds: vscode.Diagnostic[]) => boolean, what: string | (() => string)): Promise<vscode.Diagnostic[]> {
  return new Promise((resolve, reject) => {
    let timer: NodeJS.Timeout | undefined;
    const sub = vscode.languages.onDidChangeDiagnostics((e) => {
      if (e.uris.some((u) => u.toString() === uri.toString())) check();
    });
    const finish = () => {
      sub.dispose();
      clearTimeout(timer);
    };
    const check = () => {
      const ds = ours(uri);
      if (!predicate(ds)) return;
      finish();
      resolve(ds);
    };
    timer = setTimeout(() => {
      finish();
      reject(new Error(`${path.basename(uri.fsPath)}: still waiting for ${typeof what === 'string' ? what : what()}; diagnostics: ${describe(ours(uri))}`));
    }, WAIT_MS);
    check();
  });
}

/** Resolves once the event fires with a value the predicate accepts. */
export function waitForEvent<T>(event: vscode.Event<T>, predicate: (value: T) => boolean, what: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      sub.dispose();
      reject(new Error(`still waiting for ${what}`));
    }, WAIT_MS);
    const sub = event((value) => {
      if (!predicate(value)) return;
      clearTimeout(timer);
      sub.dispose();
      resolve(value);
    });
  });
}

/** An untitled seed document: tests may edit it freely without touching the corpus. */
export async function scratchSeed(name: string): Promise<vscode.TextDocument> {
  const content = new TextDecoder().decode(await vscode.workspace.fs.readFile(seedUri(name)));
  const doc = await vscode.workspace.openTextDocument({ language: 'seed', content });
  await vscode.window.showTextDocument(doc);
  return doc;
}

/** Closes every editor, throwing away unsaved changes (a save prompt would block the tests). */
export async function closeAll(): Promise<void> {
  for (const doc of vscode.workspace.textDocuments.filter((d) => d.isDirty)) {
    await vscode.window.showTextDocument(doc);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  }
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

export const SEED_NAMES = ['000_32fa1be59cbdf019.txt', '001_b2cf538a030ad554.txt', '002_1a045ee9db5761ec.txt', '003_b8b3af9f66439d41.txt', '004_11938ba4ffbfebfa.txt'];

/** How the extension lints an untitled seed: no corpus, no configuration, messages in the UI's language. */
export function engineOptions(): LintOptions {
  return { locale: uiLocale() };
}
