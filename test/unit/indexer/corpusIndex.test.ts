import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as iconv from 'iconv-lite';
import { CorpusStats } from '../../../src/core/corpus';
import { lintText } from '../../../src/core/runner';
import type { Finding } from '../../../src/core/types';
import { CorpusIndex, indexWorkers, type IndexSettings } from '../../../src/indexer/corpusIndex';
import { collectFiles, stampFiles } from '../../../src/indexer/scan';

const DEVSET = '/work/shared/devset/news';
const SEEDS = path.join(__dirname, '../../../seeds');

/** Pages of one site (recurring navigation) and of others, small enough to keep the test quick. */
function sources(): string[] {
  const dir = fs.existsSync(DEVSET) ? DEVSET : SEEDS;
  return fs.readdirSync(dir).filter((f) => fs.statSync(path.join(dir, f)).size < 40_000).slice(0, 24).map((f) => path.join(dir, f));
}

function makeCorpus(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sc-index-'));
  for (const src of sources()) fs.copyFileSync(src, path.join(dir, path.basename(src)));
  return dir;
}

const settings = (root: string, extra: Partial<IndexSettings> = {}): IndexSettings => ({ root, config: {}, trusted: true, maxFileSizeKB: 1024, ...extra });
const stamps = (dir: string) => stampFiles(collectFiles([dir]).files);

/** Findings without the message of SC210, which quotes counts that may date from the file's last lint. */
function comparable(findings: Finding[]) {
  return findings.map((f) => ({ ...f, message: f.rule === 'SC210' ? '' : f.message }));
}

/** The reference: every file linted against counts over the whole corpus, on the main thread. */
function reference(dir: string): Map<string, ReturnType<typeof comparable>> {
  const files = collectFiles([dir]).files;
  const texts = new Map(files.map((f) => [f, fs.readFileSync(f, 'utf8')]));
  const corpus = CorpusStats.fromTexts(texts.values());
  return new Map([...texts].map(([f, t]) => [f, comparable(lintText(t, { corpus, path: f, relativePath: path.basename(f) }).findings)]));
}

function assertMatchesReference(index: CorpusIndex, dir: string): void {
  const expected = reference(dir);
  assert.equal(index.size, expected.size);
  for (const [file, findings] of expected) assert.deepEqual(comparable(index.get(file)!.findings), findings, file);
}

describe('CorpusIndex', function () {
  this.timeout(120_000);
  let dir: string;
  beforeEach(() => (dir = makeCorpus()));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('indexes on worker threads and agrees with a full lint against the whole corpus', async () => {
    const index = new CorpusIndex(settings(dir), { workers: 2 });
    const seen: [number, number, string][] = [];
    try {
      await index.update(stamps(dir), { onProgress: (done, total, phase) => seen.push([done, total, phase]) });
    } finally {
      await index.dispose();
    }
    assertMatchesReference(index, dir);
    const files = seen.filter((p) => p[2] === 'files');
    assert.equal(files.length, index.size);
    assert.deepEqual(files.at(-1), [index.size, index.size, 'files']);
    assert.ok(index.all().some((e) => e.findings.some((f) => f.rule === 'SC210')), 'the corpus has recurring lines');
  });

  it('counts the lines of a large batch first, so its files need no second, corpus pass', async () => {
    // Three copies of each page: enough files for a batch, and every page's lines recur.
    for (const f of collectFiles([dir]).files) {
      for (const copy of ['b', 'c']) fs.copyFileSync(f, path.join(dir, `${copy}_${path.basename(f)}`));
    }
    const index = new CorpusIndex(settings(dir), { workers: 2 });
    const totals = new Map<string, number>();
    try {
      await index.update(stamps(dir), { onProgress: (_done, total, phase) => totals.set(phase, total) });
    } finally {
      await index.dispose();
    }
    assert.ok(index.size >= 64, `${index.size} files make a batch`);
    assert.equal(totals.get('lines'), index.size);
    assert.equal(totals.get('files'), index.size);
    assert.equal(totals.get('corpus'), undefined, 'no file was linted twice');
    assertMatchesReference(index, dir);
  });

  it('re-reads only changed files, and re-checks corpus findings only where a line crossed the threshold', async () => {
    const index = new CorpusIndex(settings(dir), { workers: 0 });
    await index.update(stamps(dir));
    const touched = collectFiles([dir]).files[3];
    fs.appendFileSync(touched, '\n新增的一行正文内容，用于测试增量索引。\n');
    const phases = new Map<string, number>();
    const { changed } = await index.update(stamps(dir), { onProgress: (_d, total, phase) => phases.set(phase, total) });
    assert.equal(phases.get('files'), 1);
    assert.ok(changed.includes(touched));
    assertMatchesReference(index, dir);

    // Removing most pages of one site drops its navigation lines below minFiles: the pages left must lose
    // their SC210 findings although they did not change.
    const site = collectFiles([dir]).files.filter((f) => path.basename(f).startsWith(path.basename(collectFiles([dir]).files[0]).split('_')[0]));
    site.slice(2).forEach((f) => fs.rmSync(f));
    const before = index.get(site[0])!.findings.filter((f) => f.rule === 'SC210').length;
    const second = await index.update(stamps(dir));
    assert.deepEqual(second.removed.sort(), site.slice(2).sort());
    assertMatchesReference(index, dir);
    if (before > 0) assert.ok(second.changed.includes(site[0]));
  });

  it('starts warm from its cache, and discards a cache made with other settings or corrupted', async () => {
    const index = new CorpusIndex(settings(dir), { workers: 0 });
    await index.update(stamps(dir));
    const cacheFile = path.join(dir, 'index.cache');
    await index.saveTo(cacheFile);
    assert.ok(index.serialize().equals(fs.readFileSync(cacheFile)));

    const warm = await CorpusIndex.loadFrom(cacheFile, settings(dir), { workers: 0 });
    let analysed = 0;
    const result = await warm.update(stamps(dir), { onProgress: () => analysed++ });
    assert.equal(analysed, 0);
    assert.deepEqual(result.changed, []);
    assert.deepEqual(warm.all(), index.all());
    assert.equal(warm.corpus.fileCount, index.corpus.fileCount);

    const other = CorpusIndex.deserialize(index.serialize(), settings(dir, { config: { rules: { SC210: 'off' } } }));
    assert.equal(other.size, 0);
    const bytes = index.serialize();
    for (const damaged of [bytes.subarray(0, bytes.length - 7), Buffer.concat([bytes, Buffer.from('{"broken')]), Buffer.from('{"version":2}\n')]) {
      const corrupt = CorpusIndex.deserialize(damaged, settings(dir));
      assert.equal(corrupt.size, 0);
      assert.equal(corrupt.corpus.fileCount, 0);
    }
    // A flipped byte inside a record's JSON: that record cannot be read, and nothing of the cache is used.
    const flipped = Buffer.from(bytes);
    flipped[bytes.indexOf('"path"')] ^= 0x20;
    assert.equal(CorpusIndex.deserialize(flipped, settings(dir)).size, 0);
    fs.writeFileSync(cacheFile, bytes.subarray(0, 5000));
    assert.equal((await CorpusIndex.loadFrom(cacheFile, settings(dir))).size, 0);
    assert.equal((await CorpusIndex.loadFrom(path.join(dir, 'no-such.cache'), settings(dir))).size, 0);
  });

  it('can be cancelled, keeps what was done and finishes on the next update', async () => {
    const index = new CorpusIndex(settings(dir), { workers: 0 });
    const controller = new AbortController();
    await index.update(stamps(dir), { signal: controller.signal, onProgress: (done) => done === 3 && controller.abort() });
    assert.ok(index.size >= 3 && index.size < stamps(dir).length, `${index.size} indexed`);
    // A cache written now, half done, finishes just as well after a reload.
    const reloaded = CorpusIndex.deserialize(index.serialize(), settings(dir), { workers: 0 });
    await reloaded.update(stamps(dir));
    assertMatchesReference(reloaded, dir);
    await index.update(stamps(dir));
    assertMatchesReference(index, dir);
  });

  it('runs updates called concurrently one after the other', async () => {
    const index = new CorpusIndex(settings(dir), { workers: 0 });
    const [first, second] = await Promise.all([index.update(stamps(dir)), index.update(stamps(dir))]);
    assert.equal(first.changed.length, stamps(dir).length);
    assert.deepEqual(second.changed, []);
    assertMatchesReference(index, dir);
  });

  it('gives hostile files a notice and loses none', async () => {
    const gbk = path.join(dir, 'zz-gbk.txt');
    fs.writeFileSync(gbk, iconv.encode('第一行标题文字\n正文内容在这里继续写下去。\n', 'gbk'));
    fs.writeFileSync(path.join(dir, 'zz-binary.txt'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 1]));
    fs.writeFileSync(path.join(dir, 'zz-empty.txt'), '');
    fs.writeFileSync(path.join(dir, 'zz-large.txt'), '大'.repeat(400_000));
    // Root cannot be denied a read by chmod: a folder where a file was listed fails the read instead.
    const folder = path.join(dir, 'zz-folder.txt');
    fs.mkdirSync(folder);
    const list = [...stamps(dir), { path: folder, mtimeMs: 1, size: 0 }, { path: path.join(dir, 'zz-vanished.txt'), mtimeMs: 1, size: 10 }];
    const index = new CorpusIndex(settings(dir), { workers: 0 });
    const { removed } = await index.update(list);
    assert.deepEqual(removed, [path.join(dir, 'zz-vanished.txt')]);
    assert.equal(index.get(gbk)!.notice, 'GBK-encoded, not UTF-8');
    assert.deepEqual(index.get(gbk)!.findings.map((f) => f.rule), ['SC001']);
    assert.match(index.get(path.join(dir, 'zz-binary.txt'))!.notice!, /^binary file skipped \(contains NUL bytes\)$/);
    assert.equal(index.get(path.join(dir, 'zz-empty.txt'))!.notice, null);
    assert.match(index.get(path.join(dir, 'zz-large.txt'))!.notice!, /larger than seedCurator.maxFileSizeKB \(1024 KB\)/);
    assert.match(index.get(folder)!.notice!, /is a folder/);
  });
});

describe('indexWorkers', () => {
  it('leaves a core to the editor where there are more than two, and uses both of two', () => {
    assert.deepEqual([1, 2, 3, 4, 8].map((cores) => indexWorkers(cores)), [1, 2, 2, 3, 7]);
  });
});
