/**
 * The workspace's corpora: which files are seeds, which `.seedcurator.json` governs each, and one
 * CorpusIndex per corpus root, kept current from a file watcher and cached in workspace storage so a
 * reopened window shows the tree and the Problems pane at once.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { CONFIG_FILE_NAME, parseConfig, type ConfigProblem, type SeedConfig } from '../core/config';
import { hashHex } from '../core/hash';
import type { LintOptions } from '../core/runner';
import type { Locale } from '../core/types';
import { CorpusIndex, type FileStamp, type IndexedFile } from '../indexer/corpusIndex';
import { removeStaleCaches } from '../indexer/indexCache';
import { anyGlobMatches } from './glob';
import { effectiveLocale, readSettings, type Settings } from './settings';

export interface Root {
  /** Folder of the corpus: where its `.seedcurator.json` is or would be created. */
  readonly path: string;
  readonly uri: vscode.Uri;
  readonly configUri: vscode.Uri;
  /** Text of the configuration on disk; null when there is none. */
  configText: string | null;
  config: SeedConfig;
  problems: ConfigProblem[];
  index: CorpusIndex;
  readonly stamps: Map<string, FileStamp>;
}

type RootBase = Omit<Root, 'index'>;

export interface CorpusChange {
  /** Roots whose entries changed. */
  roots: Root[];
}

const WATCH_DEBOUNCE_MS = 300;
const SAVE_DEBOUNCE_MS = 2000;
const STAT_BATCH = 64;

function isInside(folder: string, file: string): boolean {
  const rel = path.relative(folder, file);
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
}

export class CorpusManager implements vscode.Disposable {
  settings: Settings = readSettings();
  private readonly roots = new Map<string, Root>();
  private readonly disposables: vscode.Disposable[] = [];
  private readonly changeEmitter = new vscode.EventEmitter<CorpusChange>();
  private readonly configEmitter = new vscode.EventEmitter<Root>();
  /** Fires when entries of the index change (files analysed, removed, restored from cache). */
  readonly onDidChange = this.changeEmitter.event;
  /** Fires when a corpus configuration was (re)loaded. */
  readonly onDidChangeConfig = this.configEmitter.event;

  private queue: Promise<unknown> = Promise.resolve();
  private pendingPaths = new Map<string, 'changed' | 'deleted'>();
  private pendingTimer: NodeJS.Timeout | undefined;
  private saveTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly log: vscode.LogOutputChannel,
  ) {
    const watcher = vscode.workspace.createFileSystemWatcher('**/*');
    this.disposables.push(
      watcher,
      watcher.onDidCreate((uri) => this.queueChange(uri, 'changed')),
      watcher.onDidChange((uri) => this.queueChange(uri, 'changed')),
      watcher.onDidDelete((uri) => this.queueChange(uri, 'deleted')),
      vscode.workspace.onDidChangeWorkspaceFolders(() => this.rescan()),
      vscode.workspace.onDidGrantWorkspaceTrust(() => this.reconfigureAll()),
      this.changeEmitter,
      this.configEmitter,
    );
  }

  get trusted(): boolean {
    return vscode.workspace.isTrusted;
  }

  allRoots(): Root[] {
    return [...this.roots.values()];
  }

  /** Every indexed file with its corpus. */
  entries(): { root: Root; file: IndexedFile }[] {
    return this.allRoots().flatMap((root) => root.index.all().map((file) => ({ root, file })));
  }

  entry(uri: vscode.Uri): { root: Root; file: IndexedFile } | undefined {
    const root = this.rootFor(uri);
    const file = root?.index.get(uri.fsPath);
    return root && file ? { root, file } : undefined;
  }

  /** The nearest folder with a configuration, else the workspace folder; undefined outside the workspace. */
  rootFor(uri: vscode.Uri): Root | undefined {
    if (uri.scheme !== 'file') return undefined;
    let best: Root | undefined;
    for (const root of this.roots.values()) {
      if (isInside(root.path, uri.fsPath) && (!best || root.path.length > best.path.length)) best = root;
    }
    return best;
  }

  private configRootOf(file: string): Root | undefined {
    let best: Root | undefined;
    for (const root of this.roots.values()) {
      if (root.configText !== null && isInside(root.path, file) && (!best || root.path.length > best.path.length)) best = root;
    }
    return best;
  }

  /** Whether a file on disk is a seed: matched by `seedCurator.include` or below a corpus configuration. */
  isSeed(uri: vscode.Uri): boolean {
    if (uri.scheme !== 'file') return false;
    const file = uri.fsPath;
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    const rel = folder ? path.relative(folder.uri.fsPath, file) : null;
    if (anyGlobMatches(this.settings.exclude, file, rel)) return false;
    if (anyGlobMatches(this.settings.include, file, rel)) return true;
    return file.toLowerCase().endsWith('.txt') && this.configRootOf(file) !== undefined;
  }

  /** Open documents are seeds by path, or because the user gave them the seed language. */
  isSeedDocument(doc: vscode.TextDocument): boolean {
    if (doc.uri.scheme === 'file') {
      if (this.isSeed(doc.uri)) return true;
      const folder = vscode.workspace.getWorkspaceFolder(doc.uri);
      const rel = folder ? path.relative(folder.uri.fsPath, doc.uri.fsPath) : null;
      if (anyGlobMatches(this.settings.exclude, doc.uri.fsPath, rel)) return false;
    }
    return doc.languageId === 'seed' && (doc.uri.scheme === 'file' || doc.uri.scheme === 'untitled');
  }

  relativePath(uri: vscode.Uri): string {
    const root = this.rootFor(uri);
    return (root ? path.relative(root.path, uri.fsPath) : path.basename(uri.fsPath)).split(path.sep).join('/');
  }

  locale(root: RootBase | undefined): Locale {
    return effectiveLocale(this.settings, root?.config.locale);
  }

  /** What the core needs to lint a document the way the corpus index lints the file. */
  lintOptions(uri: vscode.Uri): LintOptions & { path?: string } {
    const root = this.rootFor(uri);
    return {
      config: root?.config ?? {},
      corpus: root?.index.corpus ?? null,
      locale: this.locale(root),
      relativePath: root ? this.relativePath(uri) : undefined,
      trusted: this.trusted,
      path: uri.scheme === 'file' ? uri.fsPath : undefined,
    };
  }

  private indexSettings(root: RootBase) {
    const engineVersion = String(this.context.extension.packageJSON.version ?? '');
    return { root: root.path, config: root.config, locale: this.locale(root), trusted: this.trusted, maxFileSizeKB: this.settings.maxFileSizeKB, engineVersion };
  }

  /** Resolves when no change is waiting and no indexing runs. */
  async whenIdle(): Promise<void> {
    for (;;) {
      const current = this.queue;
      await current;
      if (current === this.queue && this.pendingPaths.size === 0 && !this.pendingTimer) return;
      if (this.pendingTimer) await new Promise((resolve) => setTimeout(resolve, WATCH_DEBOUNCE_MS));
    }
  }

  private enqueue<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task, task);
    this.queue = run.catch((e) => this.log.error(e as Error));
    return run;
  }

  /** First start: the configurations and the cached indexes (instant tree), enough to lint open documents. */
  discover(): Promise<void> {
    return this.enqueue(() => this.discoverRoots(true));
  }

  /** Then the files on disk: only new and changed ones are analysed. */
  scan(): Promise<void> {
    return this.enqueue(() => this.scanFiles(vscode.ProgressLocation.Notification));
  }

  /** Rediscovers configurations and files, e.g. after the include/exclude settings changed. */
  rescan(): Promise<void> {
    return this.enqueue(async () => {
      await this.discoverRoots(false);
      await this.scanFiles(vscode.ProgressLocation.Notification);
    });
  }

  /** Settings that change findings (locale, size limit, trust) invalidate every entry. */
  reconfigureAll(): Promise<void> {
    this.settings = readSettings();
    return this.enqueue(async () => {
      for (const root of this.roots.values()) root.index.reconfigure(this.indexSettings(root));
      await this.updateIndexes(this.allRoots(), vscode.ProgressLocation.Notification);
    });
  }

  onSettingsChanged(e: vscode.ConfigurationChangeEvent): void {
    const previous = this.settings;
    this.settings = readSettings();
    if (e.affectsConfiguration('seedCurator.include') || e.affectsConfiguration('seedCurator.exclude')) void this.rescan();
    else if (previous.locale !== this.settings.locale || previous.maxFileSizeKB !== this.settings.maxFileSizeKB) void this.reconfigureAll();
  }

  private async discoverRoots(restoreCache: boolean): Promise<void> {
    const exclude = this.excludeGlob();
    const configs = await vscode.workspace.findFiles(`**/${CONFIG_FILE_NAME}`, exclude);
    const wanted = new Map<string, vscode.Uri>();
    for (const folder of vscode.workspace.workspaceFolders ?? []) {
      if (folder.uri.scheme === 'file') wanted.set(folder.uri.fsPath, folder.uri);
    }
    for (const uri of configs) {
      if (uri.scheme === 'file') wanted.set(path.dirname(uri.fsPath), vscode.Uri.file(path.dirname(uri.fsPath)));
    }
    for (const [key, root] of [...this.roots]) {
      if (wanted.has(key)) continue;
      this.roots.delete(key);
      void root.index.dispose();
      root.configText = null;
      this.configEmitter.fire(root);
    }
    const restored: Root[] = [];
    for (const [folder, uri] of wanted) {
      const existing = this.roots.get(folder);
      if (existing) {
        await this.reloadConfig(existing);
        continue;
      }
      const configUri = vscode.Uri.joinPath(uri, CONFIG_FILE_NAME);
      const configText = await this.readConfigText(configUri);
      const loaded = configText === null ? { config: {}, problems: [] } : parseConfig(configText);
      const base: RootBase = { path: folder, uri, configUri, configText, ...loaded, stamps: new Map() };
      const root: Root = { ...base, index: restoreCache ? await this.restore(base) : new CorpusIndex(this.indexSettings(base)) };
      this.roots.set(folder, root);
      this.configEmitter.fire(root);
      if (root.index.size > 0) restored.push(root);
    }
    if (restored.length > 0) this.changeEmitter.fire({ roots: restored });
  }

  private async readConfigText(uri: vscode.Uri): Promise<string | null> {
    try {
      return new TextDecoder('utf-8').decode(await vscode.workspace.fs.readFile(uri));
    } catch {
      return null;
    }
  }

  /** Reloads a configuration; when it changed, every file of the corpus is checked again. */
  private async reloadConfig(root: Root): Promise<boolean> {
    const text = await this.readConfigText(root.configUri);
    if (text === root.configText) return false;
    const loaded = text === null ? { config: {}, problems: [] } : parseConfig(text);
    root.configText = text;
    root.config = loaded.config;
    root.problems = loaded.problems;
    root.index.reconfigure(this.indexSettings(root));
    this.configEmitter.fire(root);
    return true;
  }

  /** Applies a configuration the extension itself just wrote, without waiting for the file watcher. */
  configWritten(root: Root): Promise<void> {
    return this.enqueue(async () => {
      const hadConfig = root.configText !== null;
      if (!(await this.reloadConfig(root))) return;
      if (!hadConfig) await this.scanFiles(vscode.ProgressLocation.Window);
      else await this.updateIndexes([root], vscode.ProgressLocation.Window);
    });
  }

  private excludeGlob(): string | undefined {
    const ex = this.settings.exclude;
    return ex.length === 0 ? undefined : ex.length === 1 ? ex[0] : `{${ex.join(',')}}`;
  }

  private async scanFiles(location: vscode.ProgressLocation): Promise<void> {
    const exclude = this.excludeGlob();
    const found = new Map<string, vscode.Uri>();
    // findFiles matches globs relative to the workspace folders; a glob that starts with `**/` may also match
    // through the folders' own paths (a workspace opened at .../seeds), so those search by file name only and
    // isSeed() decides.
    const globs = new Set(this.settings.include.map((g) => (g.startsWith('**/') ? `**/${g.split('/').pop()}` : g)));
    const searches: Thenable<vscode.Uri[]>[] = [...globs].map((g) => vscode.workspace.findFiles(g, exclude));
    for (const root of this.roots.values()) {
      if (root.configText !== null) searches.push(vscode.workspace.findFiles(new vscode.RelativePattern(root.uri, '**/*.txt'), exclude));
    }
    for (const uris of await Promise.all(searches)) {
      for (const uri of uris) if (this.isSeed(uri)) found.set(uri.fsPath, uri);
    }
    for (const root of this.roots.values()) root.stamps.clear();
    const files = [...found.keys()];
    for (let i = 0; i < files.length; i += STAT_BATCH) {
      const batch = files.slice(i, i + STAT_BATCH);
      const stats = await Promise.all(batch.map((f) => fs.promises.stat(f).catch(() => null)));
      batch.forEach((file, j) => {
        const st = stats[j];
        const root = this.rootFor(vscode.Uri.file(file));
        if (st?.isFile() && root) root.stamps.set(file, { path: file, mtimeMs: st.mtimeMs, size: st.size });
      });
    }
    await this.updateIndexes(this.allRoots(), location);
  }

  private queueChange(uri: vscode.Uri, kind: 'changed' | 'deleted'): void {
    if (uri.scheme !== 'file') return;
    this.pendingPaths.set(uri.fsPath, kind);
    if (this.pendingTimer) clearTimeout(this.pendingTimer);
    this.pendingTimer = setTimeout(() => {
      this.pendingTimer = undefined;
      const pending = this.pendingPaths;
      this.pendingPaths = new Map();
      void this.enqueue(() => this.applyChanges(pending));
    }, WATCH_DEBOUNCE_MS);
  }

  private async applyChanges(pending: Map<string, 'changed' | 'deleted'>): Promise<void> {
    if ([...pending.keys()].some((p) => path.basename(p) === CONFIG_FILE_NAME)) {
      const known = new Set([...this.roots.values()].filter((r) => r.configText !== null).map((r) => r.configUri.fsPath));
      const roots = [...pending].filter(([p]) => path.basename(p) === CONFIG_FILE_NAME);
      const appearedOrVanished = roots.some(([p, kind]) => (kind === 'deleted' ? known.has(p) : !known.has(p)));
      // A configuration appearing or vanishing moves files between corpora: everything is looked at again.
      if (appearedOrVanished) {
        await this.discoverRoots(false);
        await this.scanFiles(vscode.ProgressLocation.Notification);
        return;
      }
      const changed: Root[] = [];
      for (const [p] of roots) {
        const root = this.roots.get(path.dirname(p));
        if (root && (await this.reloadConfig(root))) changed.push(root);
      }
      if (changed.length > 0) await this.updateIndexes(changed, vscode.ProgressLocation.Notification);
    }
    const touched = new Set<Root>();
    for (const [file, kind] of pending) {
      if (path.basename(file) === CONFIG_FILE_NAME) continue;
      if (kind === 'deleted') {
        // A deleted folder arrives as one event for the folder: drop everything below it.
        for (const root of this.roots.values()) {
          for (const key of root.stamps.keys()) {
            if (key === file || isInside(file, key)) {
              root.stamps.delete(key);
              touched.add(root);
            }
          }
        }
        continue;
      }
      const uri = vscode.Uri.file(file);
      const root = this.rootFor(uri);
      if (!root) continue;
      const st = await fs.promises.stat(file).catch(() => null);
      if (st?.isFile() && this.isSeed(uri)) {
        root.stamps.set(file, { path: file, mtimeMs: st.mtimeMs, size: st.size });
        touched.add(root);
      } else if (root.stamps.delete(file)) {
        touched.add(root);
      }
    }
    if (touched.size > 0) await this.updateIndexes([...touched], vscode.ProgressLocation.Window);
  }

  private isStale(root: Root, stamp: FileStamp): boolean {
    const e = root.index.get(stamp.path);
    return !e || e.mtimeMs !== stamp.mtimeMs || e.size !== stamp.size;
  }

  private async updateIndexes(roots: Root[], location: vscode.ProgressLocation): Promise<void> {
    const work = roots.map((root) => ({ root, stamps: [...root.stamps.values()] }));
    const total = work.reduce((n, w) => n + w.stamps.filter((s) => this.isStale(w.root, s)).length, 0);
    const changedRoots: Root[] = [];
    const run = async (signal?: AbortSignal, report?: (done: number, total: number, counting: boolean) => void) => {
      let done = 0;
      let extra = 0;
      for (const w of work) {
        const before = done;
        const started = Date.now();
        const r = await w.root.index.update(w.stamps, {
          signal,
          onProgress: (d, t, phase) => {
            if (phase === 'lines') {
              report?.(before + d, total, true);
              return;
            }
            // The corpus phase re-checks files whose recurring lines changed: it extends the total.
            if (phase === 'corpus') extra = Math.max(extra, t - w.stamps.length);
            done = before + d;
            report?.(done, total + extra, false);
          },
        });
        if (r.changed.length + r.removed.length > 0) {
          changedRoots.push(w.root);
          this.log.info(`${w.root.path}: ${r.changed.length} checked, ${r.removed.length} removed in ${Date.now() - started} ms`);
        }
        if (signal?.aborted) return done;
      }
      return done;
    };
    if (total === 0) {
      await run();
    } else {
      const controller = new AbortController();
      const done = await vscode.window.withProgress(
        { location, title: vscode.l10n.t('Seed Curator: checking the corpus'), cancellable: location === vscode.ProgressLocation.Notification },
        async (progress, token) => {
          token.onCancellationRequested(() => controller.abort());
          let reported = 0;
          return run(controller.signal, (n, of, counting) => {
            if (counting) {
              progress.report({ message: vscode.l10n.t('counting recurring lines: {0} of {1} files', n, of) });
              return;
            }
            progress.report({ increment: (Math.max(0, n - reported) * 100) / of, message: vscode.l10n.t('{0} of {1} files', n, of) });
            reported = n;
          });
        },
      );
      if (controller.signal.aborted) {
        const resume = vscode.l10n.t('Resume');
        void vscode.window.showInformationMessage(vscode.l10n.t('Corpus check stopped after {0} of {1} files.', done, total), resume).then((choice) => {
          if (choice === resume) void this.enqueue(() => this.updateIndexes(roots, vscode.ProgressLocation.Notification));
        });
      }
    }
    if (changedRoots.length > 0) {
      this.changeEmitter.fire({ roots: changedRoots });
      this.scheduleSave();
    }
  }

  // --- cache in workspace storage -------------------------------------------------------------------

  private cacheFile(root: RootBase): string | undefined {
    const storage = this.context.storageUri;
    return storage?.scheme === 'file' ? path.join(storage.fsPath, `index-${hashHex(root.path)}.cache`) : undefined;
  }

  /** The cached index of a corpus, or an empty one; the index discards a cache made under other settings. */
  private async restore(root: RootBase): Promise<CorpusIndex> {
    const file = this.cacheFile(root);
    if (!file) return new CorpusIndex(this.indexSettings(root));
    const index = await CorpusIndex.loadFrom(file, this.indexSettings(root));
    if (index.size > 0) this.log.info(`${root.path}: ${index.size} entries restored from the cache`);
    return index;
  }

  private scheduleSave(): void {
    if (this.saveTimer) clearTimeout(this.saveTimer);
    this.saveTimer = setTimeout(() => void this.save().catch((e) => this.log.error(e as Error)), SAVE_DEBOUNCE_MS);
  }

  async save(): Promise<void> {
    if (this.saveTimer) clearTimeout(this.saveTimer);
    this.saveTimer = undefined;
    const roots = this.allRoots().filter((r) => r.index.size > 0);
    if (roots.length === 0 || !this.context.storageUri || this.context.storageUri.scheme !== 'file') return;
    await fs.promises.mkdir(this.context.storageUri.fsPath, { recursive: true });
    for (const root of roots) await root.index.saveTo(this.cacheFile(root)!);
    const removed = await removeStaleCaches(this.context.storageUri.fsPath, this.allRoots().map((r) => path.basename(this.cacheFile(r)!)));
    if (removed.length > 0) this.log.info(`removed ${removed.length} cache(s) of an older format or of folders no longer open`);
  }

  dispose(): void {
    if (this.pendingTimer) clearTimeout(this.pendingTimer);
    this.disposables.forEach((d) => d.dispose());
    for (const root of this.roots.values()) void root.index.dispose();
  }
}
