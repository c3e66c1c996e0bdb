import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as iconv from 'iconv-lite';
import { cli, SEEDS, seedText, suiteTempDirs } from './helpers';

describe('cli lint', function () {
  this.timeout(120_000);
  const dir = suiteTempDirs();

  it('streams --format json as exactly {"version":1,"files":[…]}, one write per file', async () => {
    const run = await cli(['lint', SEEDS, '--format', 'json', '--jobs', '1']);
    const parsed = JSON.parse(run.stdout);
    assert.deepEqual(Object.keys(parsed), ['version', 'files']);
    assert.equal(parsed.version, 1);
    assert.equal(parsed.files.length, fs.readdirSync(SEEDS).length);
    assert.equal(run.stdout, `${JSON.stringify(parsed)}\n`);
    assert.equal(run.writes, parsed.files.length + 1);
    assert.equal(run.code, parsed.files.some((f: { findings: { severity: string }[] }) => f.findings.some((x) => x.severity === 'error' || x.severity === 'warning')) ? 1 : 0);
  });

  it('writes --format jsonl as one file object per line, the same objects as json, in file order', async () => {
    const json = JSON.parse((await cli(['lint', SEEDS, '--format', 'json', '--jobs', '1'])).stdout);
    const jsonl = await cli(['lint', SEEDS, '--format', 'jsonl', '--jobs', '1']);
    const lines = jsonl.stdout.trimEnd().split('\n').map((l) => JSON.parse(l));
    assert.deepEqual(lines, json.files);
  });

  it('gives the same results on worker threads as in the main thread', async () => {
    const single = await cli(['lint', SEEDS, '--format', 'jsonl', '--jobs', '1']);
    const parallel = await cli(['lint', SEEDS, '--format', 'jsonl', '--jobs', '2']);
    assert.equal(parallel.stdout, single.stdout);
    assert.equal(parallel.code, single.code);
  });

  it('streams SARIF that parses and lists every finding', async () => {
    const json = JSON.parse((await cli(['lint', SEEDS, '--format', 'json', '--jobs', '1'])).stdout);
    const sarif = JSON.parse((await cli(['lint', SEEDS, '--format', 'sarif', '--jobs', '1'])).stdout);
    assert.equal(sarif.version, '2.1.0');
    const total = json.files.reduce((n: number, f: { findings: unknown[] }) => n + f.findings.length, 0);
    assert.equal(sarif.runs[0].results.length, total);
    const empty = JSON.parse((await cli(['lint', dir({ 'a.txt': '' }), '--format', 'sarif', '--jobs', '1'])).stdout);
    assert.deepEqual(empty.runs[0].results, []);
  });

  it('exits 0 when nothing reaches warning, 1 on findings, 2 on usage errors', async () => {
    assert.equal((await cli(['lint', dir({ 'clean.txt': '' }), '--jobs', '1'])).code, 0);
    assert.equal((await cli(['lint', dir({ 'gbk.txt': iconv.encode(seedText().replace(/©/g, ''), 'gbk') }), '--jobs', '1'])).code, 1);
    const usage = await cli(['lint', SEEDS, '--format', 'xml']);
    assert.equal(usage.code, 2);
    assert.match(usage.stderr, /unknown format: xml/);
    assert.equal((await cli(['lint', SEEDS, '--jobs', 'many'])).code, 2);
    assert.equal((await cli(['frobnicate'])).code, 2);
  });

  it('exits 2 with a clear message for paths that cannot be read, and still lints the rest', async () => {
    const d = dir({ 'a.txt': seedText() });
    fs.mkdirSync(path.join(d, 'folder.txt'));
    const run = await cli(['lint', d, path.join(d, 'missing.txt'), '--format', 'json', '--jobs', '1']);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /missing\.txt: cannot read: no such file or folder/);
    assert.equal(JSON.parse(run.stdout).files.length, 1);
  });

  it('cuts symbolic link loops and lists a file reached through two links once', async () => {
    const d = dir({ 'sub/a.txt': seedText() });
    fs.symlinkSync(d, path.join(d, 'sub', 'loop'));
    fs.symlinkSync(path.join(d, 'sub', 'a.txt'), path.join(d, 'alias.txt'));
    fs.symlinkSync(path.join(d, 'self.txt'), path.join(d, 'self.txt'));
    const run = await cli(['lint', d, '--format', 'json', '--jobs', '1']);
    assert.equal(JSON.parse(run.stdout).files.length, 1);
    assert.match(run.stderr, /self\.txt: symbolic link loop/);
  });

  it('names the encoding of legacy files and skips binary ones with a notice', async () => {
    const d = dir({
      'big5.txt': iconv.encode('臺灣新聞報導的標題文字\n這是一篇以繁體中文寫成的新聞報導正文內容。\n', 'big5'),
      'bin.txt': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 1]),
      'utf16.txt': Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(seedText(), 'utf16le')]),
    });
    const files = JSON.parse((await cli(['lint', d, '--format', 'json', '--jobs', '1'])).stdout).files;
    const byName = (n: string) => files.find((f: { path: string }) => f.path.endsWith(n));
    assert.equal(byName('big5.txt').notice, 'Big5-encoded, not UTF-8');
    assert.equal(byName('big5.txt').findings[0].rule, 'SC001');
    assert.match(byName('bin.txt').notice, /^binary file skipped/);
    assert.ok(byName('utf16.txt').article, 'UTF-16 text is linted');
  });
});
