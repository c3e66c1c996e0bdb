import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as iconv from 'iconv-lite';
import { cli, seedText, suiteTempDirs, tempDir } from './helpers';

/** Lines with their terminators. */
function linesOf(text: string): [string, string][] {
  return [...text.matchAll(/([^\r\n]*)(\r\n|\n|\r|$)/g)].filter((m) => m[0] !== '').map((m) => [m[1], m[2]]);
}

describe('cli fix', function () {
  this.timeout(120_000);
  const dir = suiteTempDirs();
  const fixable = seedText(0);

  it('keeps CRLF, mixed line endings and the UTF-8 BOM of the files it fixes', async () => {
    const crlf = fixable.replace(/\n/g, '\r\n');
    const mixed = linesOf(fixable).map(([l, t], i) => l + (t ? ['\n', '\r\n', '\r'][i % 3] : '')).join('');
    const d = dir({ 'crlf.txt': crlf, 'mixed.txt': mixed, 'bom.txt': `\ufeff${fixable}` });
    const run = await cli(['fix', d, '--jobs', '1']);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stderr, /3 file\(s\) fixed/);
    const read = (n: string) => fs.readFileSync(path.join(d, n), 'utf8');
    assert.notEqual(read('crlf.txt'), crlf);
    assert.doesNotMatch(read('crlf.txt'), /[^\r]\n|\r(?!\n)/);
    assert.ok(read('bom.txt').startsWith('\ufeff'));
    // Lines that occur once and survive the fixes keep their own terminator.
    const occurrences = new Map<string, string[]>();
    for (const [l, t] of linesOf(mixed)) occurrences.set(l, [...(occurrences.get(l) ?? []), t]);
    let checked = 0;
    for (const [line, terminator] of linesOf(read('mixed.txt'))) {
      const before = occurrences.get(line);
      if (before?.length !== 1 || !before[0] || !terminator) continue;
      assert.equal(terminator, before[0], `terminator of ${JSON.stringify(line)}`);
      checked++;
    }
    assert.ok(checked >= 5, `${checked} lines checked`);
  });

  it('is idempotent: a second run changes nothing', async () => {
    const d = dir({ 'a.txt': fixable, 'b.txt': seedText(1) });
    await cli(['fix', d, '--jobs', '1']);
    const once = fs.readFileSync(path.join(d, 'a.txt'));
    const second = await cli(['fix', d, '--jobs', '1']);
    assert.match(second.stderr, /^0 file\(s\) fixed/m);
    assert.ok(fs.readFileSync(path.join(d, 'a.txt')).equals(once));
  });

  it('writes UTF-16 files back as UTF-16 with their BOM', async () => {
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(fixable, 'utf16le')]);
    const d = dir({ 'u16.txt': bytes });
    await cli(['fix', d, '--jobs', '1']);
    const after = fs.readFileSync(path.join(d, 'u16.txt'));
    assert.deepEqual([...after.subarray(0, 2)], [0xff, 0xfe]);
    assert.notEqual(after.length, bytes.length);
    assert.equal(after.subarray(2).toString('utf16le'), fs.readFileSync(path.join(d, 'u16.txt')).subarray(2).toString('utf16le'));
  });

  it('converts legacy files to UTF-8 with --encoding only when lossless, and leaves the others byte for byte', async () => {
    const gbkText = seedText(3).replace(/[^\p{Script=Han}\p{P}\s\w]/gu, '');
    const good = iconv.encode(gbkText, 'gbk');
    const lossy = Buffer.concat([good, Buffer.from([0xff]), good]);
    const broken = Buffer.concat([Buffer.from(fixable), Buffer.from([0xe4, 0xb8]), Buffer.from('。\n')]);
    const d = dir({ 'good.txt': good, 'lossy.txt': lossy, 'broken.txt': broken });

    const without = await cli(['fix', d, '--jobs', '1']);
    assert.match(without.stderr, /good\.txt: skipped: GBK-encoded, not UTF-8 \(`seed-curator fix --encoding` converts it to UTF-8 when that is lossless\)/);
    assert.match(without.stderr, /broken\.txt: skipped: 2 invalid UTF-8 byte\(s\), the first at byte \d+: writing would replace them with U\+FFFD/);
    assert.ok(fs.readFileSync(path.join(d, 'good.txt')).equals(good));

    const run = await cli(['fix', d, '--encoding', '--jobs', '1']);
    assert.match(run.stderr, /good\.txt: converted from GBK to UTF-8/);
    assert.match(run.stderr, /lossy\.txt: not converted to UTF-8: GBK does not round-trip at byte \d+ \(ff/);
    assert.equal(fs.readFileSync(path.join(d, 'good.txt'), 'utf8').slice(0, 20), gbkText.slice(0, 20));
    assert.ok(fs.readFileSync(path.join(d, 'lossy.txt')).equals(lossy));
    assert.ok(fs.readFileSync(path.join(d, 'broken.txt')).equals(broken));
  });

  it('prints a diff with --dry-run and the text with --stdout, writing nothing', async () => {
    const d = dir({ 'a.txt': fixable, 'sub/b.txt': fixable });
    const diff = await cli(['fix', d, '--dry-run', '--jobs', '1']);
    assert.match(diff.stdout, /^\+\+\+ .*a\.txt/m);
    assert.match(diff.stderr, /2 file\(s\) would change/);
    const out = await cli(['fix', path.join(d, 'a.txt'), '--stdout', '--jobs', '1']);
    assert.notEqual(out.stdout, fixable);
    assert.equal(fs.readFileSync(path.join(d, 'a.txt'), 'utf8'), fixable);
    const two = await cli(['fix', d, '--stdout']);
    assert.equal(two.code, 2);
    assert.match(two.stderr, /--stdout takes exactly one file/);
  });

  it('follows a symbolic link instead of replacing it', async () => {
    const d = dir({ 'real/a.txt': fixable });
    fs.symlinkSync(path.join(d, 'real', 'a.txt'), path.join(d, 'link.txt'));
    await cli(['fix', path.join(d, 'link.txt'), '--jobs', '1']);
    assert.ok(fs.lstatSync(path.join(d, 'link.txt')).isSymbolicLink());
    assert.notEqual(fs.readFileSync(path.join(d, 'real', 'a.txt'), 'utf8'), fixable);
  });
});

describe('cli convert', function () {
  this.timeout(60_000);
  it('converts in place keeping the BOM and line endings', async () => {
    const text = `\ufeff${seedText(0).replace(/\n/g, '\r\n')}`;
    const d = tempDir({ 'a.txt': text });
    try {
      const run = await cli(['convert', '--to', 'tw', d, '--jobs', '1']);
      assert.equal(run.code, 0);
      const after = fs.readFileSync(path.join(d, 'a.txt'), 'utf8');
      assert.ok(after.startsWith('\ufeff'));
      assert.doesNotMatch(after, /[^\r]\n/);
      assert.notEqual(after, text);
    } finally {
      fs.rmSync(d, { recursive: true, force: true });
    }
  });
});
