/**
 * The corpus index: one entry per seed file (summary, findings, recurrence keys), kept up to date
 * incrementally by modification time and size, analysed on a pool of worker threads, serialisable so a
 * reopened window starts warm, cancellable. Used by the extension (tree, workspace-wide diagnostics).
 *
 * How corpus-dependent findings (boilerplate lines recurring across files, SC210) stay consistent without
 * re-reading every file when one changes:
 *  - A rule sees the corpus only through the recurrence verdict of a line (isRecurrent: in at least minFiles
 *    files and minShare of the corpus). So a file's corpus findings are a function of its text and of the set
 *    of its own line keys that are recurrent. Each entry records that set as it was when it was linted.
 *  - Phase 1: changed files are linted in the workers against a snapshot of the counts taken at dispatch
 *    (only counts ≥ minFiles are shipped; lower ones can never be recurrent). Their keys then enter the counts.
 *  - Phase 2: an entry is stale when the recurrent subset of its keys now differs from the recorded one. Only
 *    entries linted in phase 1 and entries holding a key whose verdict flipped (counts crossed the threshold,
 *    or the corpus size moved minShare past it) are compared; the stale ones re-run just the rules that
 *    consulted the corpus, against the updated snapshot, and their other findings are kept.
 * Counts stay exact under removal because each entry keeps its distinct keys (32-bit hashes).
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import type { SeedConfig } from '../core/config';
import { hashHex } from '../core/hash';
import { DEFAULT_RECURRENCE } from '../core/runner';
import type { ArticleSummary, Finding, Locale } from '../core/types';
import { allRules } from '../rules';
import { CorpusCounts, type CorpusSnapshot, type Recurrence } from './corpusCounts';
import { CacheReader, CacheWriter, framesOf, readFrames } from './indexCache';
import { intern, internStrings, packFindings, unpackFindings, type PackedFindings } from './packedFindings';
import { defaultPoolSize, WorkerPool, workerScript } from './pool';
import type { IndexResult, KeysResult, Task } from './tasks';

export interface FileStamp {
  path: string;
  mtimeMs: number;
  size: number;
}

export interface IndexedFile extends FileStamp {
  /** Path relative to the corpus root with forward slashes (the key of accepted findings and corrections). */
  relativePath: string;
  summary: ArticleSummary | null;
  findings: Finding[];
  /** Why the file was not (fully) linted: binary, legacy encoding, too large, unreadable, a rule failed. */
  notice: string | null;
  /** Distinct line keys (32-bit hashes), typed: 100,000 entries hold tens of millions of them. */
  lineKeys: Uint32Array;
  /** The line keys that were recurrent when the corpus-dependent rules last ran on this file (sorted). */
  recurrent: Uint32Array;
}

export interface IndexSettings {
  root: string;
  config: SeedConfig;
  locale?: Locale;
  trusted: boolean;
  /** Files larger than this are not linted (a notice says why). */
  maxFileSizeKB: number;
  /** Version of the engine that writes the cache; a cache from another version is discarded. */
  engineVersion?: string;
}

export interface UpdateOptions {
  signal?: AbortSignal;
  /**
   * Files analysed so far of those to analyse; the corpus phase extends the total. A large update first
   * reads every file's lines ('lines'), then lints ('files').
   */
  onProgress?(done: number, total: number, phase: 'lines' | 'files' | 'corpus'): void;
}

export interface IndexOptions {
  /** A shared pool; otherwise the index makes its own, of this many threads (default: indexWorkers()). */
  pool?: WorkerPool;
  workers?: number;
}

/**
 * The threads an index makes by default: one per core but one, which the extension host and the editor keep,
 * yet both of two cores. The host's thread is nearly idle while the workers index (p99 event-loop delay
 * ~20 ms), and on two cores one worker took 1.25× as long for 10,000 files and 1.8× for 100,000.
 */
export function indexWorkers(cores = defaultPoolSize()): number {
  return Math.min(cores, Math.max(2, cores - 1));
}

export const INDEX_FORMAT_VERSION = 5;

let engineBuildHash: string | undefined;

/**
 * The hash of the worker's script, which holds the whole engine: findings cached by another build (rules
 * changed within one release) are not trusted.
 */
function engineBuild(): string {
  if (engineBuildHash === undefined) {
    try {
      engineBuildHash = createHash('sha1').update(fs.readFileSync(workerScript().file)).digest('hex');
    } catch {
      engineBuildHash = '';
    }
  }
  return engineBuildHash;
}

/** An update re-reading at least this many files, and at least 1/BATCH_SHARE of the corpus, counts lines first. */
const BATCH_MIN_FILES = 64;
const BATCH_SHARE = 10;

function sameKeys(a: ArrayLike<number>, b: ArrayLike<number>): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

interface CacheHeader {
  version: number;
  signature: string;
  root: string;
  corpusRules: string[];
  /** Entries whose corpus findings were not yet checked when the cache was written (a cancelled update). */
  unverified: string[];
}

type CachedFields = Omit<IndexedFile, 'lineKeys' | 'recurrent' | 'findings'>;

/** The packed findings behind each entry's `findings`. */
const packedOf = new WeakMap<IndexedFile, PackedFindings>();

/**
 * An entry whose `findings` are kept packed: reading the property builds the objects, assigning it packs
 * them again. It is an own enumerable property, so copies and comparisons see the findings.
 */
function makeEntry(fields: Omit<IndexedFile, 'findings'>, packed: PackedFindings): IndexedFile {
  const entry = fields as IndexedFile;
  packedOf.set(entry, packed);
  Object.defineProperty(entry, 'findings', {
    enumerable: true,
    configurable: true,
    get: () => unpackFindings(packedOf.get(entry)!),
    set: (findings: Finding[]) => packedOf.set(entry, internStrings(packFindings(findings))),
  });
  return entry;
}

export class CorpusIndex {
  private readonly files = new Map<string, IndexedFile>();
  readonly corpus = new CorpusCounts();
  /** Rules seen consulting the corpus: the ones phase 2 re-runs. */
  private readonly corpusRules = new Set<string>();
  /** Entries whose corpus findings still have to be checked (after a cancelled update or a cache load). */
  private readonly unverified = new Set<string>();
  private pool: WorkerPool | null;
  private readonly ownsPool: boolean;
  private configured = false;
  /** The update in progress: updates run one after the other. */
  private updating: Promise<unknown> = Promise.resolve();

  constructor(private settings: IndexSettings, private readonly options: IndexOptions = {}) {
    this.pool = options.pool ?? null;
    this.ownsPool = !options.pool;
  }

  private get recurrence(): Recurrence {
    const r = this.settings.config.recurrence;
    return { minFiles: r?.minFiles ?? DEFAULT_RECURRENCE.minFiles, minShare: r?.minShare ?? DEFAULT_RECURRENCE.minShare };
  }

  /** New settings invalidate every entry (findings depend on configuration). */
  reconfigure(settings: IndexSettings): void {
    this.settings = settings;
    this.configured = false;
    for (const entry of this.files.values()) entry.mtimeMs = -1;
  }

  get(path: string): IndexedFile | undefined {
    return this.files.get(path);
  }

  all(): IndexedFile[] {
    return [...this.files.values()];
  }

  get size(): number {
    return this.files.size;
  }

  remove(path: string): boolean {
    const entry = this.files.get(path);
    if (!entry) return false;
    this.corpus.remove(entry.lineKeys);
    this.files.delete(path);
    this.unverified.delete(path);
    return true;
  }

  /** Stops the index's own worker threads (a shared pool is left to its owner). */
  async dispose(): Promise<void> {
    if (this.ownsPool && this.pool) await this.pool.dispose();
    this.pool = null;
  }

  private workers(): WorkerPool {
    this.pool ??= new WorkerPool(this.options.workers ?? indexWorkers());
    if (!this.configured) {
      const { root, config, locale, trusted, maxFileSizeKB } = this.settings;
      this.pool.configure({ root, config, locale, trusted, maxFileSizeKB });
      this.configured = true;
    }
    return this.pool;
  }

  /** Keys recurrent now, for spotting the ones whose verdict an update flips. */
  private recurrentKeys(): Set<number> {
    const snapshot = this.corpus.snapshot(this.recurrence);
    const out = new Set<number>();
    for (let i = 0; i < snapshot.pairs.length; i += 2) {
      if (snapshot.pairs[i + 1] >= this.recurrence.minShare * snapshot.fileCount) out.add(snapshot.pairs[i]);
    }
    return out;
  }

  /**
   * Brings the index in line with the given files: unchanged stamps are kept, missing files removed,
   * new or changed ones (re)analysed off the main thread. Returns the paths whose entries changed; a file
   * that vanished while being read counts as removed. When the signal aborts, work done so far is kept and
   * the rest is picked up by the next update. Calls made while one runs wait their turn.
   */
  update(stamps: FileStamp[], options: UpdateOptions = {}): Promise<{ changed: string[]; removed: string[] }> {
    const run = this.updating.then(() => this.runUpdate(stamps, options));
    this.updating = run.catch(() => undefined);
    return run;
  }

  private async runUpdate(stamps: FileStamp[], options: UpdateOptions): Promise<{ changed: string[]; removed: string[] }> {
    const wanted = new Set(stamps.map((s) => s.path));
    const removed = [...this.files.keys()].filter((p) => !wanted.has(p));
    const stale = stamps.filter((s) => {
      const e = this.files.get(s.path);
      return !e || e.mtimeMs !== s.mtimeMs || e.size !== s.size;
    });
    // Nothing on disk changed: only entries left unchecked by a cancelled update may need the corpus phase.
    const before = removed.length > 0 || stale.length > 0 ? this.recurrentKeys() : null;
    removed.forEach((p) => this.remove(p));
    const changed = new Set<string>();
    if (stale.length > 0) {
      const pool = this.workers();
      pool.setCorpus(this.isBatch(stale.length, stamps.length) ? await this.projectedSnapshot(stale, options) : this.corpus.snapshot(this.recurrence));
      let done = 0;
      await pool.runAll<IndexResult>(stale.map((s): Task => ({ kind: 'index', path: s.path, bytes: s.size })), {
        signal: options.signal,
        onResult: (result, i) => {
          if (result.vanished) {
            this.remove(stale[i].path);
            removed.push(stale[i].path);
          } else {
            this.store(stale[i], result);
            changed.add(stale[i].path);
          }
          options.onProgress?.(++done, stale.length, 'files');
        },
        onError: (error, i) => {
          this.store(stale[i], { vanished: false, summary: null, findings: packFindings([]), notice: error.message, keys: new Uint32Array(0), recurrent: new Uint32Array(0), corpusRules: [] });
          changed.add(stale[i].path);
          options.onProgress?.(++done, stale.length, 'files');
        },
      });
    }
    if (before) for (const p of this.flippedEntries(before)) this.unverified.add(p);
    if (!options.signal?.aborted) for (const p of await this.reconcile(options, stale.length)) changed.add(p);
    return { changed: [...changed], removed };
  }

  /**
   * A cold start or a large change: linting against today's counts would leave most files to phase 2, which
   * re-runs the corpus rules (a third of the work). Counting the new lines first costs one more read.
   */
  private isBatch(staleCount: number, corpusSize: number): boolean {
    return staleCount >= BATCH_MIN_FILES && staleCount * BATCH_SHARE >= corpusSize;
  }

  /** The counts as they will be once the stale files are re-read: their line keys, counted in the workers. */
  private async projectedSnapshot(stale: FileStamp[], options: UpdateOptions): Promise<CorpusSnapshot> {
    const projected = this.corpus.clone();
    for (const s of stale) {
      const old = this.files.get(s.path);
      if (old) projected.remove(old.lineKeys);
    }
    let done = 0;
    await this.workers().runAll<KeysResult>(stale.map((s): Task => ({ kind: 'keys', path: s.path, bytes: s.size })), {
      signal: options.signal,
      onResult: (result) => {
        if (result.keys) projected.add(result.keys);
        options.onProgress?.(++done, stale.length, 'lines');
      },
      // The index task reads the file again and reports what went wrong.
      onError: () => options.onProgress?.(++done, stale.length, 'lines'),
    });
    return projected.snapshot(this.recurrence);
  }

  private store(stamp: FileStamp, result: IndexResult): void {
    this.remove(stamp.path);
    const entry = makeEntry({
      ...stamp,
      relativePath: this.relative(stamp.path),
      summary: result.summary,
      notice: result.notice,
      lineKeys: result.keys,
      recurrent: result.recurrent,
    }, internStrings(result.findings));
    this.files.set(stamp.path, entry);
    this.corpus.add(entry.lineKeys);
    result.corpusRules.forEach((r) => this.corpusRules.add(r));
    this.unverified.add(stamp.path);
  }

  /** Entries holding a key whose recurrence verdict differs from `before`. */
  private flippedEntries(before: Set<number>): string[] {
    const after = this.recurrentKeys();
    const flipped = new Set<number>();
    for (const k of before) if (!after.has(k)) flipped.add(k);
    for (const k of after) if (!before.has(k)) flipped.add(k);
    if (flipped.size === 0) return [];
    const out: string[] = [];
    for (const entry of this.files.values()) if (entry.lineKeys.some((k) => flipped.has(k))) out.push(entry.path);
    return out;
  }

  /** Phase 2: re-runs the corpus-dependent rules on entries whose recurrent lines changed. */
  private async reconcile(options: UpdateOptions, doneBefore: number): Promise<string[]> {
    const stale: IndexedFile[] = [];
    for (const p of this.unverified) {
      const entry = this.files.get(p);
      if (!entry) continue;
      const now = this.corpus.recurrentAmong(entry.lineKeys, this.recurrence);
      if (sameKeys(now, entry.recurrent)) continue;
      if (this.corpusRules.size === 0) entry.recurrent = now;
      else stale.push(entry);
    }
    this.unverified.clear();
    if (stale.length === 0) return [];
    const rules = [...this.corpusRules];
    const pool = this.workers();
    pool.setCorpus(this.corpus.snapshot(this.recurrence));
    const changed: string[] = [];
    const finished = new Set<number>();
    const total = doneBefore + stale.length;
    await pool.runAll<IndexResult>(stale.map((e): Task => ({ kind: 'index', path: e.path, rules, bytes: e.size })), {
      signal: options.signal,
      onResult: (result, i) => {
        const entry = stale[i];
        finished.add(i);
        options.onProgress?.(doneBefore + finished.size, total, 'corpus');
        if (this.files.get(entry.path) !== entry) return;
        // The file changed on disk since phase 1: its stamp is voided so the next update redoes it whole.
        if (result.vanished || !sameKeys(result.keys.slice().sort(), entry.lineKeys.slice().sort())) entry.mtimeMs = -1;
        const kept = entry.findings.filter((f) => !this.corpusRules.has(f.rule));
        entry.findings = kept.concat(unpackFindings(result.findings)).sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
        entry.recurrent = result.recurrent;
        changed.push(entry.path);
      },
      onError: (error, i) => {
        finished.add(i);
        stale[i].notice = error.message;
        options.onProgress?.(doneBefore + finished.size, total, 'corpus');
      },
    });
    stale.forEach((entry, i) => finished.has(i) || this.unverified.add(entry.path));
    return changed;
  }

  private relative(path: string): string {
    const root = this.settings.root.replace(/[\\/]+$/, '');
    return (path.startsWith(root) ? path.slice(root.length + 1) : path).split('\\').join('/');
  }

  /** Whatever the cache depends on besides file contents: format, engine, rules, settings. */
  private signature(): string {
    const { config, locale, trusted, maxFileSizeKB, engineVersion } = this.settings;
    const rules = allRules.map((r) => `${r.id}:${r.slug}:${r.defaultSeverity}`).join(',');
    return hashHex(JSON.stringify({ v: INDEX_FORMAT_VERSION, engineVersion, engine: engineBuild(), rules, config, locale, trusted, maxFileSizeKB }));
  }

  /** The cache in chunks (see indexCache.ts), produced lazily: no giant buffer for big corpora. */
  *serializeChunks(): Generator<Buffer> {
    const writer = new CacheWriter();
    const header: CacheHeader = { version: INDEX_FORMAT_VERSION, signature: this.signature(), root: this.settings.root, corpusRules: [...this.corpusRules], unverified: [...this.unverified] };
    yield writer.start(header);
    for (const f of this.files.values()) {
      const { path, mtimeMs, size, relativePath, summary, notice } = f;
      yield writer.record<CachedFields>({ fields: { path, mtimeMs, size, relativePath, summary, notice }, keys: f.lineKeys, recurrent: f.recurrent, packed: packedOf.get(f)! });
    }
  }

  serialize(): Buffer {
    return Buffer.concat([...this.serializeChunks()]);
  }

  /** Writes the cache (through a temporary file, so a crash never leaves half a cache). */
  async saveTo(file: string): Promise<void> {
    const temp = `${file}.${process.pid}.tmp`;
    const out = fs.createWriteStream(temp);
    try {
      for (const chunk of this.serializeChunks()) {
        if (!out.write(chunk)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
      }
      await new Promise<void>((resolve, reject) => out.end((e?: Error | null) => (e ? reject(e) : resolve())));
      await fs.promises.rename(temp, file);
    } catch (e) {
      out.destroy();
      await fs.promises.rm(temp, { force: true });
      throw e;
    }
  }

  /** Restores a saved index; entries are revalidated by the next update() through their stamps. */
  static deserialize(bytes: Buffer, settings: IndexSettings, options: IndexOptions = {}): CorpusIndex {
    const index = new CorpusIndex(settings, options);
    const loader = index.loader();
    try {
      for (const payload of framesOf(bytes)) if (!loader(payload)) break;
    } catch {
      index.clear();
    }
    return index;
  }

  /**
   * Reads a cache written by saveTo(); a missing, foreign or corrupt one is just a cold start. The file is
   * read a chunk at a time, yielding to the event loop in between, so the extension host stays responsive.
   */
  static async loadFrom(file: string, settings: IndexSettings, options: IndexOptions = {}): Promise<CorpusIndex> {
    const index = new CorpusIndex(settings, options);
    const loader = index.loader();
    try {
      for await (const payload of readFrames(file)) if (!loader(payload)) break;
    } catch {
      index.clear();
    }
    return index;
  }

  /** Takes the cache's frames in order, the header first; false (and an empty index) when it is not usable. */
  private loader(): (payload: Buffer) => boolean {
    const reader = new CacheReader(intern);
    let headerRead = false;
    return (payload) => {
      if (!headerRead) {
        headerRead = true;
        const head = reader.header(payload) as CacheHeader;
        if (head.version !== INDEX_FORMAT_VERSION || head.signature !== this.signature() || head.root !== this.settings.root) {
          this.clear();
          return false;
        }
        head.corpusRules.forEach((r) => this.corpusRules.add(r));
        head.unverified.forEach((p) => this.unverified.add(p));
        return true;
      }
      const { fields, keys, recurrent, packed } = reader.record<CachedFields>(payload);
      const entry = makeEntry({ ...fields, lineKeys: keys, recurrent }, packed);
      this.files.set(entry.path, entry);
      this.corpus.add(entry.lineKeys);
      return true;
    };
  }

  /** Forgets everything: a corrupt or foreign cache is only a cold start. */
  private clear(): void {
    for (const p of [...this.files.keys()]) this.remove(p);
    this.corpusRules.clear();
    this.unverified.clear();
  }
}
