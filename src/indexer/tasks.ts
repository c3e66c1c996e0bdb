/**
 * The work done for one file, in a worker thread (or inline when the pool has no threads): read, decode,
 * lint against a snapshot of the corpus counts, fix, convert. Nothing here holds more than one file.
 * Hostile files end as a message, never as an exception: unreadable, vanished, binary, legacy-encoded,
 * broken UTF-8, a rule that throws (the other rules' findings are kept and the rule is named).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createTwoFilesPatch } from 'diff';
import { applyCorrection, encodingFinding } from '../core/analyse';
import { parseArticle, type Article } from '../core/article';
import type { SeedConfig } from '../core/config';
import { convertText, type ConversionTarget } from '../core/convert';
import { fileLineKeys, utf8LineKeys } from '../core/corpus';
import { cleanUtf8Body, convertToUtf8, decodeBytes, encodeText, encodingName, lossOnWrite, type Decoded, type TextEncoding } from '../core/encoding';
import { fixText } from '../core/fix';
import { inferMetadata, summarise } from '../core/meta';
import { provinceOfCity } from '../core/meta/city';
import type { Rule } from '../core/rule';
import { DEFAULT_RECURRENCE, lintArticle, type LintOptions } from '../core/runner';
import type { ArticleSummary, Category, Finding, Locale } from '../core/types';
import { allRules } from '../rules';
import { CorpusCounts, type CorpusSnapshot, type Recurrence } from './corpusCounts';
import { packFindings, type PackedFindings } from './packedFindings';

export interface TaskSettings {
  root: string;
  config: SeedConfig;
  locale?: Locale;
  trusted: boolean;
  /** Larger files are not linted (a notice says why); no limit when absent. */
  maxFileSizeKB?: number;
}

export type OutputMode = 'write' | 'diff' | 'stdout';

export type Task = (
  /** Index entry of a file; with `rules`, only those rules run (the corpus pass). */
  | { kind: 'index'; path: string; rules?: string[] }
  | { kind: 'keys'; path: string }
  | { kind: 'lint'; path: string }
  | { kind: 'fix'; path: string; categories?: string[]; rules?: string[]; mode: OutputMode; encoding: boolean }
  | { kind: 'convert'; path: string; to: ConversionTarget; mode: OutputMode }
) & {
  /** The file's size, when the caller knows it: a file too large for a bounded worker skips that worker. */
  bytes?: number;
};

export interface IndexResult {
  /** The file disappeared between listing and reading (deleted or renamed). */
  vanished: boolean;
  summary: ArticleSummary | null;
  findings: PackedFindings;
  notice: string | null;
  /** Distinct recurrence keys of the file's lines. */
  keys: Uint32Array;
  /** The keys that were recurrent in the snapshot the file was linted against, sorted. */
  recurrent: Uint32Array;
  /** Rules that consulted the corpus while linting this file. */
  corpusRules: string[];
}

export interface KeysResult {
  keys: Uint32Array | null;
  bytes: number;
  error: string | null;
}

export interface LintResult {
  path: string;
  article: ArticleSummary | null;
  findings: Finding[];
  notice?: string;
  bytes: number;
  /** I/O or engine errors: the result is incomplete. */
  error: string | null;
}

export interface EditResult {
  changed: boolean;
  /** The diff or the new text, for the diff and stdout modes. */
  output: string | null;
  /** Why the file was skipped or what else happened to it (e.g. its conversion to UTF-8). */
  message: string | null;
  error: string | null;
  bytes: number;
}

export type TaskResult = IndexResult | KeysResult | LintResult | EditResult;

/** The corpus as the rules see it in a task; notes whether a rule consulted it. */
class ObservedCorpus extends CorpusCounts {
  touched = false;

  override get fileCount(): number {
    this.touched = true;
    return super.fileCount;
  }

  override filesContaining(line: string): number {
    this.touched = true;
    return super.filesContaining(line);
  }
}

type ReadOutcome = { ok: true; bytes: Buffer; mtimeMs: number } | { ok: false; vanished: boolean; message: string };

function readFile(file: string): ReadOutcome {
  try {
    const stat = fs.statSync(file);
    if (stat.isDirectory()) return { ok: false, vanished: false, message: 'is a folder, not a file' };
    return { ok: true, bytes: fs.readFileSync(file), mtimeMs: stat.mtimeMs };
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { ok: false, vanished: true, message: 'file vanished while reading (deleted or renamed)' };
    if (code === 'EACCES' || code === 'EPERM') return { ok: false, vanished: false, message: 'cannot read: permission denied' };
    if (code === 'ELOOP') return { ok: false, vanished: false, message: 'cannot read: symbolic link loop' };
    return { ok: false, vanished: false, message: `cannot read: ${code ?? (e as Error).message}` };
  }
}

/**
 * Replaces a file's content without a window where it is half written: a temporary file beside the real
 * one (symbolic links are followed, not replaced), its mode copied, renamed over it. Refuses when the file
 * changed on disk since it was read, so a concurrent edit is never overwritten.
 */
function writeFileSafely(file: string, bytes: Buffer, readMtimeMs: number): string | null {
  let real: string;
  let stat: fs.Stats;
  try {
    real = fs.realpathSync(file);
    stat = fs.statSync(real);
  } catch (e) {
    return `not written: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'file vanished' : (e as Error).message}`;
  }
  if (stat.mtimeMs !== readMtimeMs) return 'not written: the file changed on disk while it was being fixed';
  const temp = path.join(path.dirname(real), `.${path.basename(real)}.${process.pid}.${Date.now()}.seedcurator-tmp`);
  try {
    fs.writeFileSync(temp, bytes, { mode: stat.mode & 0o7777 });
    fs.renameSync(temp, real);
    return null;
  } catch (e) {
    fs.rmSync(temp, { force: true });
    return `not written: ${(e as Error).message}`;
  }
}

function byPosition(a: Finding, b: Finding): number {
  return a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character;
}

/** The recurrence keys of a file's lines; null for a file that is not text. */
function lineKeysOf(bytes: Uint8Array): Uint32Array | null {
  const utf8 = cleanUtf8Body(bytes);
  if (utf8) return Uint32Array.from(utf8LineKeys(utf8));
  const decoded = decodeBytes(bytes);
  return decoded.kind === 'text' ? Uint32Array.from(fileLineKeys(decoded.text)) : null;
}

export class FileTasks {
  private settings: TaskSettings = { root: '.', config: {}, trusted: true };
  private corpus = new ObservedCorpus();
  private recurrence: Recurrence = DEFAULT_RECURRENCE;
  private readonly usedCorpus = new Set<string>();
  /** The rules, each wrapped to note whether it consulted the corpus. */
  private readonly rules: Rule[] = allRules.map((rule) => {
    const wrapped: Rule = Object.create(rule);
    wrapped.check = (article, context) => {
      this.corpus.touched = false;
      const out = rule.check(article, context);
      if (this.corpus.touched) this.usedCorpus.add(rule.id);
      return out;
    };
    return wrapped;
  });

  configure(settings: TaskSettings): void {
    this.settings = settings;
  }

  setCorpus(snapshot: CorpusSnapshot): void {
    this.corpus = ObservedCorpus.fromSnapshot(snapshot);
    this.recurrence = snapshot.recurrence;
  }

  run(task: Task): TaskResult {
    switch (task.kind) {
      case 'index': return this.index(task.path, task.rules);
      case 'keys': return this.keys(task.path);
      case 'lint': return this.lint(task.path);
      case 'fix': return this.fix(task);
      case 'convert': return this.convert(task);
    }
  }

  private relative(file: string): string {
    return path.relative(this.settings.root, path.resolve(file)).split(path.sep).join('/');
  }

  private lintOptions(file: string): LintOptions & { path: string } {
    const { config, locale, trusted } = this.settings;
    return { config, corpus: this.corpus, locale, trusted, relativePath: this.relative(file), path: file };
  }

  /** Lints with every rule (or the named ones); a rule that throws is named and the others still report. */
  private lintSafely(article: Article, file: string, only?: string[]): { findings: Finding[]; failures: string[] } {
    const rules = only ? this.rules.filter((r) => only.includes(r.id)) : this.rules;
    const options = { ...this.lintOptions(file), rules };
    try {
      return { findings: lintArticle(article, options), failures: [] };
    } catch {
      const findings: Finding[] = [];
      const failures: string[] = [];
      for (const rule of rules) {
        try {
          findings.push(...lintArticle(article, { ...options, rules: [rule] }));
        } catch (e) {
          failures.push(`rule ${rule.id} (${rule.slug}) failed: ${(e as Error).message}`);
        }
      }
      return { findings: findings.sort(byPosition), failures };
    }
  }

  private summarise(article: Article, file: string): ArticleSummary | null {
    try {
      return applyCorrection(summarise(inferMetadata(article)), this.settings.config.corrections?.[this.relative(file)], provinceOfCity);
    } catch {
      return null;
    }
  }

  private tooLarge(size: number): string | null {
    const limit = this.settings.maxFileSizeKB;
    return limit !== undefined && size > limit * 1024 ? `larger than seedCurator.maxFileSizeKB (${limit} KB): not checked` : null;
  }

  /** Lints decoded bytes: text is linted, legacy encodings get their SC001 finding, binary a notice. */
  private lintDecoded(decoded: Decoded, file: string, only?: string[]): { summary: ArticleSummary | null; findings: Finding[]; notices: string[] } {
    if (decoded.kind === 'binary') return { summary: null, findings: [], notices: [`binary file skipped (${decoded.reason})`] };
    if (decoded.kind === 'legacy') {
      return { summary: null, findings: only ? [] : [encodingFinding(decoded, this.settings.locale ?? this.settings.config.locale)], notices: [`${encodingName(decoded.encoding)}-encoded, not UTF-8`] };
    }
    let article: Article;
    try {
      article = parseArticle(decoded.text, file);
    } catch (e) {
      return { summary: null, findings: [], notices: [`engine error, not linted: ${(e as Error).message}`] };
    }
    const { findings, failures } = this.lintSafely(article, file, only);
    return { summary: only ? null : this.summarise(article, file), findings, notices: failures };
  }

  private index(file: string, only?: string[]): IndexResult {
    const empty: IndexResult = { vanished: false, summary: null, findings: packFindings([]), notice: null, keys: new Uint32Array(0), recurrent: new Uint32Array(0), corpusRules: [] };
    const read = readFile(file);
    if (!read.ok) return { ...empty, vanished: read.vanished, notice: read.message };
    const large = this.tooLarge(read.bytes.length);
    if (large) return { ...empty, notice: large };
    const decoded = decodeBytes(read.bytes);
    this.usedCorpus.clear();
    const linted = this.lintDecoded(decoded, file, only);
    const keys = decoded.kind === 'text' ? Uint32Array.from(fileLineKeys(decoded.text)) : new Uint32Array(0);
    return {
      vanished: false,
      summary: linted.summary,
      findings: packFindings(linted.findings),
      notice: linted.notices.length ? linted.notices.join('; ') : null,
      keys,
      recurrent: this.corpus.recurrentAmong(keys, this.recurrence),
      corpusRules: [...this.usedCorpus],
    };
  }

  private keys(file: string): KeysResult {
    const read = readFile(file);
    if (!read.ok) return { keys: null, bytes: 0, error: read.message };
    return { keys: lineKeysOf(read.bytes), bytes: read.bytes.length, error: null };
  }

  private lint(file: string): LintResult {
    const read = readFile(file);
    if (!read.ok) return { path: file, article: null, findings: [], notice: read.message, bytes: 0, error: read.message };
    const linted = this.lintDecoded(decodeBytes(read.bytes), file);
    const failed = linted.notices.filter((n) => n.startsWith('rule ') || n.startsWith('engine error'));
    return {
      path: file,
      article: linted.summary,
      findings: linted.findings,
      ...(linted.notices.length ? { notice: linted.notices.join('; ') } : {}),
      bytes: read.bytes.length,
      error: failed.length ? failed.join('; ') : null,
    };
  }

  /**
   * The text to edit and how to write it back. Unicode files keep their encoding and BOM; legacy and UTF-16
   * files become UTF-8 only when asked and only when the conversion is lossless.
   */
  private editable(read: { bytes: Buffer }, convert: boolean): { text: string; encoding: TextEncoding; bom: boolean; converted: string | null } | { skip: string } {
    const decoded = decodeBytes(read.bytes);
    const unicode16 = decoded.kind === 'text' && decoded.encoding !== 'utf-8';
    if (convert && (decoded.kind === 'legacy' || unicode16)) {
      const conversion = convertToUtf8(read.bytes);
      if (!conversion.ok) return { skip: `not converted to UTF-8: ${conversion.reason}` };
      return { text: conversion.text, encoding: 'utf-8', bom: false, converted: `converted from ${encodingName(conversion.from)} to UTF-8` };
    }
    const loss = lossOnWrite(decoded);
    if (loss || decoded.kind !== 'text') {
      const hint = decoded.kind === 'legacy' ? ' (`seed-curator fix --encoding` converts it to UTF-8 when that is lossless)' : '';
      return { skip: `skipped: ${loss}${hint}` };
    }
    return { text: decoded.text, encoding: decoded.encoding, bom: decoded.bom, converted: null };
  }

  private edit(file: string, mode: OutputMode, convert: boolean, transform: (text: string) => string): EditResult {
    const read = readFile(file);
    if (!read.ok) return { changed: false, output: null, message: null, error: read.message, bytes: 0 };
    const base = { bytes: read.bytes.length, error: null };
    const source = this.editable(read, convert);
    if ('skip' in source) return { ...base, changed: false, output: null, message: source.skip };
    let after: string;
    try {
      after = transform(source.text);
    } catch (e) {
      return { ...base, changed: false, output: null, message: null, error: `engine error, file left as it was: ${(e as Error).message}` };
    }
    const changed = after !== source.text || source.converted !== null;
    if (mode === 'stdout') return { ...base, changed, output: after, message: source.converted };
    if (!changed) return { ...base, changed, output: null, message: null };
    if (mode === 'diff') return { ...base, changed, output: createTwoFilesPatch(file, file, source.text, after, '', '', { context: 1 }), message: source.converted };
    const failure = writeFileSafely(file, encodeText(after, source.encoding, source.bom), read.mtimeMs);
    return { ...base, changed: failure === null, output: null, message: source.converted, error: failure };
  }

  private fix(task: Extract<Task, { kind: 'fix' }>): EditResult {
    const { categories, rules } = task;
    return this.edit(task.path, task.mode, task.encoding, (text) => fixText(text, {
      ...this.lintOptions(task.path),
      rules: this.rules,
      select: (f) => (!categories || categories.includes(f.category as Category)) && (!rules || rules.includes(f.rule) || rules.includes(f.slug)),
    }).text);
  }

  private convert(task: Extract<Task, { kind: 'convert' }>): EditResult {
    return this.edit(task.path, task.mode, false, (text) => convertText(text, task.to));
  }
}
