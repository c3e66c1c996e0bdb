/**
 * The corpus index: one entry per seed file (summary, findings, recurrence keys), kept up to date
 * incrementally by modification time and size, serialisable so a reopened window starts warm.
 * Used by the extension (tree, workspace-wide diagnostics) and the CLI.
 */
import * as fs from 'node:fs';
import { analyseDecoded, applyCorrection } from '../core/analyse';
import type { SeedConfig } from '../core/config';
import { CorpusStats, fileLineKeys } from '../core/corpus';
import { decodeBytes } from '../core/encoding';
import { provinceOfCity } from '../core/meta/city';
import type { ArticleSummary, Finding, Locale } from '../core/types';

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
  /** Why the file was not linted as text: binary, legacy encoding, too large, unreadable. */
  notice: string | null;
  lineKeys: number[];
}

export interface IndexSettings {
  root: string;
  config: SeedConfig;
  locale?: Locale;
  trusted: boolean;
  /** Files larger than this are not linted (a notice says why). */
  maxFileSizeKB: number;
}

export interface UpdateOptions {
  signal?: AbortSignal;
  onProgress?(done: number, total: number): void;
}

export const INDEX_FORMAT_VERSION = 1;

export class CorpusIndex {
  private readonly files = new Map<string, IndexedFile>();
  readonly corpus = new CorpusStats();

  constructor(private settings: IndexSettings) {}

  /** New settings invalidate every entry (findings depend on configuration). */
  reconfigure(settings: IndexSettings): void {
    this.settings = settings;
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
    return true;
  }

  /**
   * Brings the index in line with the given files: unchanged stamps are kept, missing files removed,
   * new or changed ones (re)analysed. Returns the paths whose entries changed.
   */
  async update(stamps: FileStamp[], options: UpdateOptions = {}): Promise<{ changed: string[]; removed: string[] }> {
    const wanted = new Set(stamps.map((s) => s.path));
    const removed = [...this.files.keys()].filter((p) => !wanted.has(p));
    removed.forEach((p) => this.remove(p));
    const stale = stamps.filter((s) => {
      const e = this.files.get(s.path);
      return !e || e.mtimeMs !== s.mtimeMs || e.size !== s.size;
    });
    const changed: string[] = [];
    for (let i = 0; i < stale.length; i++) {
      if (options.signal?.aborted) break;
      const entry = this.analyse(stale[i]);
      this.remove(stale[i].path);
      this.files.set(entry.path, entry);
      this.corpus.add(entry.lineKeys);
      changed.push(entry.path);
      options.onProgress?.(i + 1, stale.length);
      if (i % 50 === 49) await new Promise((resolve) => setImmediate(resolve));
    }
    return { changed, removed };
  }

  private relative(path: string): string {
    const root = this.settings.root.replace(/[\\/]+$/, '');
    return (path.startsWith(root) ? path.slice(root.length + 1) : path).split('\\').join('/');
  }

  private analyse(stamp: FileStamp): IndexedFile {
    const relativePath = this.relative(stamp.path);
    const base = { ...stamp, relativePath, summary: null, findings: [], lineKeys: [] };
    if (stamp.size > this.settings.maxFileSizeKB * 1024) {
      return { ...base, notice: `larger than seedCurator.maxFileSizeKB (${this.settings.maxFileSizeKB} KB): not checked` };
    }
    let bytes: Buffer;
    try {
      bytes = fs.readFileSync(stamp.path);
    } catch (e) {
      return { ...base, notice: `cannot read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}` };
    }
    const decoded = decodeBytes(bytes);
    const report = analyseDecoded(decoded, {
      config: this.settings.config,
      corpus: this.corpus,
      locale: this.settings.locale,
      relativePath,
      trusted: this.settings.trusted,
      path: stamp.path,
    });
    const summary = report.article ? applyCorrection(report.article, this.settings.config.corrections?.[relativePath], provinceOfCity) : null;
    return {
      ...base,
      summary,
      findings: report.findings,
      notice: report.notice,
      lineKeys: decoded.kind === 'text' ? [...fileLineKeys(decoded.text)] : [],
    };
  }

  serialize(): string {
    return JSON.stringify({ version: INDEX_FORMAT_VERSION, root: this.settings.root, files: this.all() });
  }

  /** Restores a saved index; entries are revalidated by the next update() through their stamps. */
  static deserialize(json: string, settings: IndexSettings): CorpusIndex {
    const index = new CorpusIndex(settings);
    try {
      const data = JSON.parse(json) as { version: number; root: string; files: IndexedFile[] };
      if (data.version !== INDEX_FORMAT_VERSION || data.root !== settings.root) return index;
      for (const f of data.files) {
        index.files.set(f.path, f);
        index.corpus.add(f.lineKeys);
      }
    } catch {
      // A corrupt cache is only a cold start.
    }
    return index;
  }
}
