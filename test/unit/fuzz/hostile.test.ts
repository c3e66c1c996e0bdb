import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { WorkerPool } from '../../../src/indexer/pool';
import { FileTasks, type LintResult } from '../../../src/indexer/tasks';
import { REAL_TEXTS } from './arbitraries';

/**
 * Huge inputs are linted on a worker thread that is stopped when mocha's time is up: a synchronous lint that
 * never ends would otherwise hold the whole run hostage. Completing is the assertion; no timing is compared.
 */
// The limit catches a lint that never ends (super-linear blow-up), not slowness: speed is the benchmark's job.
const LIMIT_MS = 120_000;

async function lintWithin(file: string): Promise<LintResult> {
  const pool = new WorkerPool(1);
  pool.configure({ root: path.dirname(file), config: {}, trusted: true });
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      pool.run({ kind: 'lint', path: file }) as Promise<LintResult>,
      new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`lint did not finish within ${LIMIT_MS / 1000} s`)), LIMIT_MS))),
    ]);
  } finally {
    clearTimeout(timer);
    await pool.dispose();
  }
}

/** Real text, varied (numbered) so that it is not one page repeated verbatim. */
function realBytes(megabytes: number, separator: string): Buffer {
  const parts: string[] = [];
  let size = 0;
  for (let i = 0; size < megabytes * 1024 * 1024; i++) {
    const part = `${REAL_TEXTS[i % REAL_TEXTS.length].replace(/\d+/g, (d) => String(Number(d) + i))}${separator}`.replace(/\r?\n/g, separator);
    parts.push(part);
    size += Buffer.byteLength(part);
  }
  return Buffer.from(parts.join(''));
}

describe('hostile input: size', function () {
  this.timeout(LIMIT_MS + 15_000);
  let dir: string;
  before(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sc-hostile-'))));
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('lints a 50 MB file to the end', async () => {
    const file = path.join(dir, 'big.txt');
    fs.writeFileSync(file, realBytes(50, '\n'));
    const result = await lintWithin(file);
    assert.equal(result.error, null);
    assert.ok(result.bytes >= 50 * 1024 * 1024);
  });

  it('lints a file whose 5 MB are one line to the end', async () => {
    const file = path.join(dir, 'line.txt');
    fs.writeFileSync(file, realBytes(5, '，'));
    const result = await lintWithin(file);
    assert.equal(result.error, null);
  });
});

/** The fs module itself (not an import namespace, whose members are read-only), to simulate failures. */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const fsModule = require('node:fs') as { readFileSync: typeof fs.readFileSync };

describe('hostile input: files that fight back', () => {
  let dir: string;
  const tasks = new FileTasks();
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sc-hostile-'));
    tasks.configure({ root: dir, config: {}, trusted: true });
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('says a file vanished when it is deleted or renamed before it is read', () => {
    const result = tasks.run({ kind: 'lint', path: path.join(dir, 'gone.txt') }) as LintResult;
    assert.equal(result.error, 'file vanished while reading (deleted or renamed)');
  });

  it('says permission denied for an unreadable file (simulated: root reads anything)', () => {
    const file = path.join(dir, 'locked.txt');
    fs.writeFileSync(file, '正文');
    const original = fs.readFileSync;
    const denied = Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' });
    fsModule.readFileSync = ((p: fs.PathOrFileDescriptor, ...rest: unknown[]) => {
      if (p === file) throw denied;
      return (original as (...a: unknown[]) => unknown)(p, ...rest);
    }) as typeof fs.readFileSync;
    try {
      const result = tasks.run({ kind: 'lint', path: file }) as LintResult;
      assert.equal(result.error, 'cannot read: permission denied');
    } finally {
      fsModule.readFileSync = original;
    }
  });

  it('does not overwrite a file that changed on disk while it was being fixed', () => {
    const file = path.join(dir, 'racing.txt');
    fs.writeFileSync(file, `${REAL_TEXTS[0]}`);
    const original = fs.readFileSync;
    fsModule.readFileSync = ((p: fs.PathOrFileDescriptor, ...rest: unknown[]) => {
      const out = (original as (...a: unknown[]) => unknown)(p, ...rest);
      // Someone saves the file right after it was read.
      if (p === file) fs.utimesSync(file, new Date(), new Date(Date.now() + 5000));
      return out;
    }) as typeof fs.readFileSync;
    try {
      const result = tasks.run({ kind: 'fix', path: file, mode: 'write', encoding: false });
      assert.ok('changed' in result);
      assert.equal(result.error, 'not written: the file changed on disk while it was being fixed');
      assert.equal(fs.readFileSync(file, 'utf8'), REAL_TEXTS[0]);
    } finally {
      fsModule.readFileSync = original;
    }
  });
});
