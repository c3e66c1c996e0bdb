/** seed-curator: the command-line twin of the extension (lint, fix, convert, outline). */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { createTwoFilesPatch } from 'diff';
import { analyseDecoded, applyCorrection } from '../core/analyse';
import { CorpusStats, fileLineKeys } from '../core/corpus';
import { convertText, CONVERSION_TARGETS, type ConversionTarget } from '../core/convert';
import { fixText } from '../core/fix';
import { buildOutline, type OutlineEntry, type OutlineGroup } from '../core/outline';
import { provinceOfCity } from '../core/meta/city';
import type { Category, Locale } from '../core/types';
import type { SeedConfig } from '../core/config';
import { collectFiles, findConfig, readSeed } from './files';
import { formatJson, formatSarif, formatText, type FileResult } from './format';

const HELP_URI = 'https://github.com/seed-curator/seed-curator#rules';

const USAGE = `Usage: seed-curator <command> [PATH…] [options]

Commands:
  lint [PATH…]      report garbled text, boilerplate and broken structure
      --format text|json|sarif   (default text)
  fix [PATH…]       apply safe fixes in place
      --category LIST            only these categories (garbled,boilerplate,structure,variant)
      --rule LIST                only these rules (ids or slugs)
      --dry-run                  print a unified diff instead of writing
      --stdout                   print the fixed text of one file
  convert --to cn|t|tw|twp|hk [PATH…]   convert script variant in place
      --stdout                   print the converted text of one file
  outline [PATH…]   the articles by date or by city
      --by date|city             (default date)
      --format text|json

Common options:
  --config FILE     configuration (default: nearest .seedcurator.json)
  --locale zh-CN|zh-TW|en        language of messages
  -h, --help

PATH defaults to the current folder; folders mean every .txt file below them.
Exit status: 0 nothing at warning or above, 1 findings, 2 usage, configuration or I/O errors.`;

class UsageError extends Error {}

interface Io {
  out(text: string): void;
  err(text: string): void;
  isTTY: boolean;
}

interface Corpus {
  root: string;
  files: string[];
  config: SeedConfig;
  locale: Locale | undefined;
  hadErrors: boolean;
}

function list(value: string | undefined): string[] | undefined {
  return value?.split(',').map((s) => s.trim()).filter(Boolean);
}

function openCorpus(paths: string[], configFile: string | undefined, locale: string | undefined, io: Io): Corpus {
  const inputs = paths.length ? paths : ['.'];
  const { files, problems } = collectFiles(inputs);
  for (const p of problems) io.err(`${p.path}: ${p.message}`);
  const found = findConfig(configFile, inputs);
  for (const p of found.loaded.problems) io.err(`${found.path}: ${p.message} (defaults used)`);
  if (locale && !['zh-CN', 'zh-TW', 'en'].includes(locale)) throw new UsageError(`unknown locale: ${locale}`);
  const root = found.path ? path.dirname(found.path) : path.resolve(inputs.length === 1 && fs.existsSync(inputs[0]) && fs.statSync(inputs[0]).isDirectory() ? inputs[0] : '.');
  return { root, files, config: found.loaded.config, locale: locale as Locale | undefined, hadErrors: problems.length > 0 || found.loaded.problems.length > 0 };
}

function relative(corpus: Corpus, file: string): string {
  return path.relative(corpus.root, path.resolve(file)).split(path.sep).join('/');
}

/** Reads every file once for corpus-level line recurrence. */
function corpusStats(files: string[]): CorpusStats {
  const stats = new CorpusStats();
  for (const file of files) {
    const r = readSeed(file);
    if (r.ok && r.decoded.kind === 'text') stats.add(fileLineKeys(r.decoded.text));
  }
  return stats;
}

function lintFiles(corpus: Corpus, io: Io): FileResult[] {
  const stats = corpusStats(corpus.files);
  return corpus.files.map((file): FileResult => {
    const read = readSeed(file);
    if (!read.ok) {
      corpus.hadErrors = true;
      io.err(`${file}: ${read.message}`);
      return { path: file, article: null, findings: [], notice: read.message };
    }
    const relativePath = relative(corpus, file);
    const report = analyseDecoded(read.decoded, { config: corpus.config, corpus: stats, locale: corpus.locale, relativePath, path: file });
    const article = report.article ? applyCorrection(report.article, corpus.config.corrections?.[relativePath], provinceOfCity) : null;
    return { path: file, article, findings: report.findings, ...(report.notice ? { notice: report.notice } : {}) };
  });
}

function exitCodeFor(results: FileResult[], corpus: Corpus): number {
  if (corpus.hadErrors) return 2;
  return results.some((r) => r.findings.some((f) => f.severity === 'error' || f.severity === 'warning')) ? 1 : 0;
}

function cmdLint(args: string[], io: Io): number {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { format: { type: 'string', default: 'text' }, config: { type: 'string' }, locale: { type: 'string' } } });
  if (!['text', 'json', 'sarif'].includes(values.format!)) throw new UsageError(`unknown format: ${values.format}`);
  const corpus = openCorpus(positionals, values.config, values.locale, io);
  const results = lintFiles(corpus, io);
  if (values.format === 'json') io.out(formatJson(results));
  else if (values.format === 'sarif') io.out(formatSarif(results, HELP_URI));
  else io.out(formatText(results, io.isTTY));
  return exitCodeFor(results, corpus);
}

const CATEGORIES: Category[] = ['garbled', 'boilerplate', 'structure', 'variant'];

/** Writes text back with the file's BOM, so a fix never changes bytes it did not mean to. */
function writeText(file: string, text: string, bom: boolean): void {
  fs.writeFileSync(file, (bom ? '\ufeff' : '') + text, 'utf8');
}

function cmdFix(args: string[], io: Io): number {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { category: { type: 'string' }, rule: { type: 'string' }, 'dry-run': { type: 'boolean' }, stdout: { type: 'boolean' }, config: { type: 'string' }, locale: { type: 'string' } },
  });
  const categories = list(values.category);
  const bad = categories?.find((c) => !CATEGORIES.includes(c as Category));
  if (bad) throw new UsageError(`unknown category: ${bad}`);
  const rules = list(values.rule);
  const corpus = openCorpus(positionals, values.config, values.locale, io);
  if (values.stdout && corpus.files.length !== 1) throw new UsageError('--stdout takes exactly one file');
  const stats = corpusStats(corpus.files);
  let changed = 0;
  for (const file of corpus.files) {
    const read = readSeed(file);
    if (!read.ok || read.decoded.kind !== 'text') {
      io.err(`${file}: ${!read.ok ? read.message : read.decoded.kind === 'binary' ? 'binary file skipped' : `${read.decoded.encoding.toUpperCase()}-encoded, not UTF-8: skipped`}`);
      if (!read.ok) corpus.hadErrors = true;
      continue;
    }
    const before = read.decoded.text;
    const { text: after } = fixText(before, {
      config: corpus.config,
      corpus: stats,
      relativePath: relative(corpus, file),
      select: (f) => (!categories || categories.includes(f.category)) && (!rules || rules.includes(f.rule) || rules.includes(f.slug)),
    });
    if (values.stdout) {
      io.out(after);
      continue;
    }
    if (after === before) continue;
    changed++;
    if (values['dry-run']) io.out(createTwoFilesPatch(file, file, before, after, '', '', { context: 1 }));
    else writeText(file, after, read.decoded.bom);
  }
  if (!values.stdout) io.err(`${changed} file(s) ${values['dry-run'] ? 'would change' : 'fixed'}`);
  return corpus.hadErrors ? 2 : 0;
}

function cmdConvert(args: string[], io: Io): number {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { to: { type: 'string' }, stdout: { type: 'boolean' }, 'dry-run': { type: 'boolean' }, config: { type: 'string' } } });
  if (!values.to || !CONVERSION_TARGETS.includes(values.to as ConversionTarget)) throw new UsageError(`--to must be one of ${CONVERSION_TARGETS.join(', ')}`);
  const corpus = openCorpus(positionals, values.config, undefined, io);
  if (values.stdout && corpus.files.length !== 1) throw new UsageError('--stdout takes exactly one file');
  let changed = 0;
  for (const file of corpus.files) {
    const read = readSeed(file);
    if (!read.ok || read.decoded.kind !== 'text') {
      io.err(`${file}: ${!read.ok ? read.message : 'not UTF-8 text: skipped'}`);
      if (!read.ok) corpus.hadErrors = true;
      continue;
    }
    const after = convertText(read.decoded.text, values.to as ConversionTarget);
    if (values.stdout) io.out(after);
    else if (after !== read.decoded.text) {
      changed++;
      if (values['dry-run']) io.out(createTwoFilesPatch(file, file, read.decoded.text, after, '', '', { context: 0 }));
      else writeText(file, after, read.decoded.bom);
    }
  }
  if (!values.stdout) io.err(`${changed} file(s) ${values['dry-run'] ? 'would be converted' : 'converted'}`);
  return corpus.hadErrors ? 2 : 0;
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

function cmdOutline(args: string[], io: Io): number {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { by: { type: 'string', default: 'date' }, format: { type: 'string', default: 'text' }, config: { type: 'string' }, locale: { type: 'string' } } });
  if (values.by !== 'date' && values.by !== 'city') throw new UsageError(`--by must be date or city`);
  if (values.format !== 'text' && values.format !== 'json') throw new UsageError(`unknown format: ${values.format}`);
  const corpus = openCorpus(positionals, values.config, values.locale, io);
  const entries: OutlineEntry[] = lintFiles(corpus, io)
    .filter((r) => r.article)
    .map((r) => ({ path: r.path, summary: r.article!, problems: r.findings.length }));
  const outline = buildOutline(entries, values.by);
  io.out(values.format === 'json' ? JSON.stringify({ version: 1, by: values.by, groups: outline }, null, 2) : renderOutline(outline).join('\n'));
  return corpus.hadErrors ? 2 : 0;
}

const COMMANDS: Record<string, (args: string[], io: Io) => number> = { lint: cmdLint, fix: cmdFix, convert: cmdConvert, outline: cmdOutline };

export function main(argv: string[], io: Io): number {
  const [command, ...rest] = argv;
  if (!command || command === '-h' || command === '--help' || rest.includes('--help') || rest.includes('-h')) {
    io.out(USAGE);
    return command ? 0 : 2;
  }
  const run = COMMANDS[command];
  if (!run) {
    io.err(`seed-curator: unknown command "${command}"\n\n${USAGE}`);
    return 2;
  }
  try {
    return run(rest, io);
  } catch (e) {
    if (e instanceof UsageError || (e as NodeJS.ErrnoException).code?.startsWith('ERR_PARSE_ARGS')) {
      io.err(`seed-curator ${command}: ${(e as Error).message}`);
      return 2;
    }
    throw e;
  }
}

/** Entry point of the `seed-curator` binary. */
export function run(): void {
  const code = main(process.argv.slice(2), {
    out: (t) => process.stdout.write(t.endsWith('\n') ? t : `${t}\n`),
    err: (t) => process.stderr.write(`${t}\n`),
    isTTY: !!process.stdout.isTTY,
  });
  process.stdout.write('', () => process.exit(code));
}
