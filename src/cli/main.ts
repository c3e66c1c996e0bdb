/**
 * seed-curator: the command-line twin of the extension (lint, fix, convert, outline). Files are processed
 * on a pool of worker threads and results are written as they come, in file order, so memory does not grow
 * with the corpus. Corpus recurrence takes two passes: the line keys of every file first, then the files
 * themselves against the complete counts.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { CONVERSION_TARGETS, type ConversionTarget } from '../core/convert';
import { buildOutline, type OutlineEntry, type OutlineGroup } from '../core/outline';
import { DEFAULT_RECURRENCE } from '../core/runner';
import { CATEGORIES, type Category, type Locale } from '../core/types';
import type { SeedConfig } from '../core/config';
import { CorpusCounts } from '../indexer/corpusCounts';
import { defaultPoolSize, WorkerPool } from '../indexer/pool';
import { collectFiles } from '../indexer/scan';
import type { EditResult, KeysResult, LintResult, OutputMode, Task } from '../indexer/tasks';
import { describeConfigProblem, findConfig } from './files';
import { createReporter, OUTPUT_FORMATS, type OutputFormat } from './format';
import { createProgress, type Progress } from './progress';

const HELP_URI = 'https://github.com/seed-curator/seed-curator#rules';

const USAGE = `Usage: seed-curator <command> [PATH…] [options]

Commands:
  lint [PATH…]      report garbled text, boilerplate and broken structure
      --format text|json|jsonl|sarif   (default text; jsonl: one JSON object per file per line)
  fix [PATH…]       apply safe fixes in place (files keep their encoding, BOM and line endings)
      --category LIST            only these categories (garbled,boilerplate,structure,variant)
      --rule LIST                only these rules (ids or slugs)
      --encoding                 also convert GBK, GB18030, Big5 and UTF-16 files to UTF-8, when lossless
      --dry-run                  print a unified diff instead of writing
      --stdout                   print the fixed text of one file
  convert --to cn|t|tw|twp|hk [PATH…]   convert script variant in place
      --dry-run                  print a unified diff instead of writing
      --stdout                   print the converted text of one file
  outline [PATH…]   the articles by date or by city
      --by date|city             (default date)
      --format text|json

Common options:
  --config FILE     configuration (default: nearest .seedcurator.json)
  --locale zh-CN|zh-TW|en        language of messages
  --jobs N          threads to use (default: one per core, one per 50 MB of text
                    at most; 1 works in the main thread)
  -h, --help

PATH defaults to the current folder; folders mean every .txt file below them.
A progress bar is drawn on stderr when it is a terminal.
Exit status: 0 nothing at warning or above, 1 findings, 2 usage, configuration or I/O errors.`;

class UsageError extends Error {}

export interface Io {
  /** Writes a chunk of standard output; a returned promise means "wait before writing more". */
  write(chunk: string): void | Promise<void>;
  /** Writes one line of standard error. */
  err(line: string): void;
  stdoutIsTTY: boolean;
  /** Raw stderr for the progress bar; null when stderr is not a terminal. */
  progress: ((text: string) => void) | null;
}

interface Corpus {
  root: string;
  files: string[];
  config: SeedConfig;
  locale: Locale | undefined;
  hadErrors: boolean;
  pool: WorkerPool;
  progress: Progress;
  /** File sizes read by the first pass: the pool sends a file too large for a bounded worker elsewhere. */
  sizes: Map<string, number>;
}

const COMMON_OPTIONS = { config: { type: 'string' }, locale: { type: 'string' }, jobs: { type: 'string' } } as const;

function list(value: string | undefined): string[] | undefined {
  return value?.split(',').map((s) => s.trim()).filter(Boolean);
}

/**
 * Text per extra thread before threads pay: each loads its own dictionaries and compiles the engine anew, so on
 * 2 cores a corpus of 33 MB still linted faster in one thread (12.4 s) than in two (13.8 s); 113 MB took 26 s
 * in one and 19 s in two.
 */
const BYTES_PER_THREAD = 50e6;

function corpusBytes(files: readonly string[]): number {
  let total = 0;
  for (const file of files) {
    try {
      total += fs.statSync(file).size;
    } catch {
      // Reported when the file is read.
    }
  }
  return total;
}

function poolSize(jobs: string | undefined, files: readonly string[]): number {
  if (jobs === undefined) {
    const threads = Math.min(defaultPoolSize(), Math.floor(corpusBytes(files) / BYTES_PER_THREAD));
    return threads <= 1 ? 0 : threads;
  }
  const n = Number(jobs);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`--jobs must be a positive whole number, not ${jobs}`);
  return n === 1 ? 0 : n;
}

function openCorpus(paths: string[], values: { config?: string; locale?: string; jobs?: string }, io: Io): Corpus {
  if (values.locale && !['zh-CN', 'zh-TW', 'en'].includes(values.locale)) throw new UsageError(`unknown locale: ${values.locale}`);
  const inputs = paths.length ? paths : ['.'];
  const { files, problems } = collectFiles(inputs);
  const size = poolSize(values.jobs, files);
  for (const p of problems) io.err(`${p.path}: ${p.message}`);
  const found = findConfig(values.config, inputs);
  for (const p of found.loaded.problems) io.err(`${describeConfigProblem(found.path!, found.text, p)} (ignored: defaults apply)`);
  const single = inputs.length === 1 && fs.existsSync(inputs[0]) && fs.statSync(inputs[0]).isDirectory();
  const root = found.path ? path.dirname(found.path) : path.resolve(single ? inputs[0] : '.');
  const locale = values.locale as Locale | undefined;
  const pool = new WorkerPool(size);
  pool.configure({ root, config: found.loaded.config, locale, trusted: true });
  return {
    root,
    files,
    config: found.loaded.config,
    locale,
    hadErrors: problems.length > 0 || found.loaded.problems.length > 0,
    pool,
    progress: createProgress(io.progress),
    sizes: new Map(),
  };
}

/** Pass one: every file's line keys, counted, then shipped to the workers as the corpus. */
async function countLines(corpus: Corpus): Promise<void> {
  const counts = new CorpusCounts();
  corpus.progress.phase('reading', corpus.files.length);
  await corpus.pool.runAll<KeysResult>(corpus.files.map((p): Task => ({ kind: 'keys', path: p })), {
    onResult: (r, i) => {
      if (r.keys) counts.add(r.keys);
      corpus.sizes.set(corpus.files[i], r.bytes);
      corpus.progress.tick(r.bytes);
    },
    // Reported by the second pass, which reads the file again.
    onError: () => corpus.progress.tick(0),
  });
  const r = corpus.config.recurrence;
  corpus.pool.setCorpus(counts.snapshot({ minFiles: r?.minFiles ?? DEFAULT_RECURRENCE.minFiles, minShare: r?.minShare ?? DEFAULT_RECURRENCE.minShare }));
}

/** Pass two: one task per file, results in file order. */
async function eachFile<R extends LintResult | EditResult>(corpus: Corpus, label: string, task: (file: string) => Task, io: Io, onResult: (result: R, file: string) => Promise<void> | void): Promise<void> {
  corpus.progress.phase(label, corpus.files.length);
  await corpus.pool.runAll<R>(corpus.files.map((file) => ({ ...task(file), bytes: corpus.sizes.get(file) })), {
    ordered: true,
    onResult: async (result, i) => {
      corpus.progress.tick(result.bytes);
      if (result.error) {
        corpus.hadErrors = true;
        io.err(`${corpus.files[i]}: ${result.error}`);
      }
      await onResult(result, corpus.files[i]);
    },
    onError: (error, i) => {
      corpus.progress.tick(0);
      corpus.hadErrors = true;
      io.err(`${corpus.files[i]}: ${error.message}`);
    },
  });
  corpus.progress.done();
}

async function cmdLint(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { format: { type: 'string', default: 'text' }, ...COMMON_OPTIONS } });
  if (!OUTPUT_FORMATS.includes(values.format as OutputFormat)) throw new UsageError(`unknown format: ${values.format} (one of ${OUTPUT_FORMATS.join(', ')})`);
  const corpus = openCorpus(positionals, values, io);
  return withPool(corpus, async () => {
    await countLines(corpus);
    const reporter = createReporter(values.format as OutputFormat, (chunk) => io.write(chunk), io.stdoutIsTTY, HELP_URI);
    let findings = false;
    await eachFile<LintResult>(corpus, 'linting', (p) => ({ kind: 'lint', path: p }), io, async (r) => {
      findings ||= r.findings.some((f) => f.severity === 'error' || f.severity === 'warning');
      await reporter.file({ path: r.path, article: r.article, findings: r.findings, ...(r.notice ? { notice: r.notice } : {}) });
    });
    await reporter.end();
    return corpus.hadErrors ? 2 : findings ? 1 : 0;
  });
}

async function withPool(corpus: Corpus, body: () => Promise<number>): Promise<number> {
  try {
    return await body();
  } finally {
    corpus.progress.done();
    await corpus.pool.dispose();
  }
}

function outputMode(values: { stdout?: boolean; 'dry-run'?: boolean }, corpus: Corpus): OutputMode {
  if (values.stdout && corpus.files.length !== 1) throw new UsageError('--stdout takes exactly one file');
  return values.stdout ? 'stdout' : values['dry-run'] ? 'diff' : 'write';
}

/** Writes diffs or text, reports skips and conversions, and counts what changed. */
async function applyEdits(corpus: Corpus, label: string, mode: OutputMode, task: (file: string) => Task, io: Io): Promise<number> {
  let changed = 0;
  await eachFile<EditResult>(corpus, label, task, io, async (r, file) => {
    if (r.message) io.err(`${file}: ${r.message}`);
    if (r.output !== null) await io.write(mode === 'stdout' || r.output.endsWith('\n') ? r.output : `${r.output}\n`);
    if (r.changed) changed++;
  });
  return changed;
}

async function cmdFix(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { category: { type: 'string' }, rule: { type: 'string' }, encoding: { type: 'boolean' }, 'dry-run': { type: 'boolean' }, stdout: { type: 'boolean' }, ...COMMON_OPTIONS },
  });
  const categories = list(values.category);
  const bad = categories?.find((c) => !CATEGORIES.includes(c as Category));
  if (bad) throw new UsageError(`unknown category: ${bad}`);
  const rules = list(values.rule);
  const corpus = openCorpus(positionals, values, io);
  return withPool(corpus, async () => {
    const mode = outputMode(values, corpus);
    await countLines(corpus);
    const changed = await applyEdits(corpus, 'fixing', mode, (p) => ({ kind: 'fix', path: p, categories, rules, mode, encoding: !!values.encoding }), io);
    if (mode !== 'stdout') io.err(`${changed} file(s) ${mode === 'diff' ? 'would change' : 'fixed'}`);
    return corpus.hadErrors ? 2 : 0;
  });
}

async function cmdConvert(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { to: { type: 'string' }, stdout: { type: 'boolean' }, 'dry-run': { type: 'boolean' }, ...COMMON_OPTIONS } });
  if (!values.to || !CONVERSION_TARGETS.includes(values.to as ConversionTarget)) throw new UsageError(`--to must be one of ${CONVERSION_TARGETS.join(', ')}`);
  const corpus = openCorpus(positionals, values, io);
  return withPool(corpus, async () => {
    const mode = outputMode(values, corpus);
    const changed = await applyEdits(corpus, 'converting', mode, (p) => ({ kind: 'convert', path: p, to: values.to as ConversionTarget, mode }), io);
    if (mode !== 'stdout') io.err(`${changed} file(s) ${mode === 'diff' ? 'would be converted' : 'converted'}`);
    return corpus.hadErrors ? 2 : 0;
  });
}

function renderOutline(groups: OutlineGroup[], depth = 0): string[] {
  const pad = '  '.repeat(depth);
  return groups.flatMap((g) => [
    `${pad}${g.label} (${countEntries(g)})`,
    ...renderOutline(g.children, depth + 1),
    ...g.entries.map((e) => `${pad}  ${e.summary.title ?? path.basename(e.path)}  ${[e.summary.date ?? '', e.summary.city ?? ''].filter(Boolean).join(' · ')}  ${e.path}${e.problems ? `  [${e.problems} problem(s)]` : ''}`),
  ]);
}

function countEntries(g: OutlineGroup): number {
  return g.entries.length + g.children.reduce((n, c) => n + countEntries(c), 0);
}

async function cmdOutline(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { by: { type: 'string', default: 'date' }, format: { type: 'string', default: 'text' }, ...COMMON_OPTIONS } });
  if (values.by !== 'date' && values.by !== 'city') throw new UsageError(`--by must be date or city`);
  if (values.format !== 'text' && values.format !== 'json') throw new UsageError(`unknown format: ${values.format}`);
  const corpus = openCorpus(positionals, values, io);
  return withPool(corpus, async () => {
    await countLines(corpus);
    const entries: OutlineEntry[] = [];
    await eachFile<LintResult>(corpus, 'reading', (p) => ({ kind: 'lint', path: p }), io, (r) => {
      if (r.article) entries.push({ path: r.path, summary: r.article, problems: r.findings.length });
    });
    const outline = buildOutline(entries, values.by as 'date' | 'city');
    await io.write(`${values.format === 'json' ? JSON.stringify({ version: 1, by: values.by, groups: outline }, null, 2) : renderOutline(outline).join('\n')}\n`);
    return corpus.hadErrors ? 2 : 0;
  });
}

const COMMANDS: Record<string, (args: string[], io: Io) => Promise<number>> = { lint: cmdLint, fix: cmdFix, convert: cmdConvert, outline: cmdOutline };

export async function main(argv: string[], io: Io): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === '-h' || command === '--help' || rest.includes('--help') || rest.includes('-h')) {
    await io.write(`${USAGE}\n`);
    return command ? 0 : 2;
  }
  const run = COMMANDS[command];
  if (!run) {
    io.err(`seed-curator: unknown command "${command}"\n\n${USAGE}`);
    return 2;
  }
  try {
    return await run(rest, io);
  } catch (e) {
    if (e instanceof UsageError || (e as NodeJS.ErrnoException).code?.startsWith('ERR_PARSE_ARGS')) {
      io.err(`seed-curator ${command}: ${(e as Error).message}`);
      return 2;
    }
    io.err(`seed-curator ${command}: internal error: ${(e as Error).stack ?? e}`);
    return 2;
  }
}

/** Entry point of the `seed-curator` binary. */
export function run(): void {
  const io: Io = {
    write: (chunk) => (process.stdout.write(chunk) ? undefined : new Promise<void>((resolve) => process.stdout.once('drain', () => resolve()))),
    // Clears the progress bar's line first, so messages are never drawn over it.
    err: (line) => process.stderr.write(`${process.stderr.isTTY ? '\r\x1b[K' : ''}${line}\n`),
    stdoutIsTTY: !!process.stdout.isTTY,
    progress: process.stderr.isTTY ? (text) => process.stderr.write(text) : null,
  };
  // A closed pipe (seed-curator lint | head) ends the run quietly.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => process.exit(e.code === 'EPIPE' ? 0 : 2));
  void main(process.argv.slice(2), io).then((code) => process.stdout.write('', () => process.exit(code)));
}
