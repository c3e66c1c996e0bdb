import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { WorkerPool } from '../../../src/indexer/pool';
import type { KeysResult, LintResult, Task } from '../../../src/indexer/tasks';

describe('WorkerPool', function () {
  this.timeout(60_000);
  let dir: string;
  let tasks: Task[];
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sc-pool-'));
    tasks = Array.from({ length: 40 }, (_, i) => {
      const file = path.join(dir, `${i}.txt`);
      fs.writeFileSync(file, `第${i}篇文章的标题文字\n`.repeat(1 + (i % 7) * 50));
      return { kind: 'keys', path: file } as Task;
    });
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  for (const size of [0, 2]) {
    it(`delivers results in task order when asked, with ${size || 'no'} worker threads`, async () => {
      const pool = new WorkerPool(size);
      const order: number[] = [];
      try {
        await pool.runAll<KeysResult>(tasks, { ordered: true, window: 4, onResult: (_r, i) => void order.push(i), onError: (e) => assert.fail(e) });
      } finally {
        await pool.dispose();
      }
      assert.deepEqual(order, tasks.map((_, i) => i));
    });
  }

  it('stops dispatching when aborted, still delivering what already ran', async () => {
    const pool = new WorkerPool(2);
    const controller = new AbortController();
    const seen = new Set<number>();
    // More tasks than the pool dispatches ahead, so that some are still waiting when the signal comes.
    const many = Array.from({ length: 10 }, () => tasks).flat();
    try {
      const { completed } = await pool.runAll<KeysResult>(many, {
        signal: controller.signal,
        onResult: (_r, i) => {
          seen.add(i);
          if (seen.size === 5) controller.abort();
        },
        onError: (e) => assert.fail(e),
      });
      assert.equal(completed, seen.size);
      assert.ok(seen.size >= 5 && seen.size < many.length, `${seen.size} delivered`);
    } finally {
      await pool.dispose();
    }
  });

  it('reports a file it cannot read as that file\'s error, not the pool\'s', async () => {
    const pool = new WorkerPool(1);
    try {
      const result = await pool.run({ kind: 'keys', path: path.join(dir, 'missing.txt') }) as KeysResult;
      assert.equal(result.error, 'file vanished while reading (deleted or renamed)');
    } finally {
      await pool.dispose();
    }
  });

  it('tries the tasks of a worker that died again, one at a time, and loses none', async () => {
    const pool = new WorkerPool(2);
    const delivered = new Set<number>();
    try {
      let killed = false;
      await pool.runAll<KeysResult>(tasks, {
        onResult: (result, i) => {
          assert.equal(result.error, null);
          delivered.add(i);
          if (!killed) {
            killed = true;
            // A worker stopping with tasks in hand, as one that runs out of memory does.
            void (pool as unknown as { slots: { worker: { terminate(): Promise<number> } }[] }).slots[0].worker.terminate();
          }
        },
        onError: (e) => assert.fail(e),
      });
    } finally {
      await pool.dispose();
    }
    assert.equal(delivered.size, tasks.length);
  });

  it('checks a file again without the heap bound when a bounded worker runs out of memory on it', async () => {
    // 16 MB holds a worker and a small file's lines, not the lint of 40,000 lines.
    const pool = new WorkerPool(1, { heapLimitMB: 16 });
    const file = writeLargeFile(dir, 'large.txt');
    const slots = (pool as unknown as { slots: { bounded: boolean }[] }).slots;
    try {
      const small = await pool.run({ kind: 'keys', path: tasks[0].path }) as KeysResult;
      assert.equal(small.error, null);
      assert.deepEqual(slots.map((s) => s.bounded), [true]);
      const large = await pool.run({ kind: 'lint', path: file }) as LintResult;
      assert.equal(large.error, null);
      assert.ok(large.article, "the file was read and linted");
      // The unbounded worker left with its task: the pool is bounded again.
      assert.deepEqual(slots.map((s) => s.bounded), []);
      await pool.run({ kind: 'keys', path: tasks[0].path });
      assert.deepEqual(slots.map((s) => s.bounded), [true]);
    } finally {
      await pool.dispose();
    }
  });

  it('sends a file whose size is known to be too large for the bound straight to an unbounded worker', async () => {
    const pool = new WorkerPool(1, { heapLimitMB: 16 });
    const file = writeLargeFile(dir, 'large-known.txt');
    const spawnedBounded = recordSpawns(pool);
    const internals = pool as unknown as { retire(slot: { bounded: boolean }): void };
    const retire = internals.retire.bind(pool);
    const retiredBounded: boolean[] = [];
    internals.retire = (slot) => {
      retiredBounded.push(slot.bounded);
      retire(slot);
    };
    try {
      await pool.run({ kind: 'keys', path: tasks[0].path });
      const large = await pool.run({ kind: 'lint', path: file, bytes: fs.statSync(file).size }) as LintResult;
      assert.equal(large.error, null);
      assert.ok(large.article);
      // The idle bounded worker made room (it did not die on the file); the unbounded one left when done.
      assert.deepEqual(spawnedBounded, [true, false]);
      assert.deepEqual(retiredBounded, [true, false]);
      await pool.run({ kind: 'keys', path: tasks[0].path });
      assert.deepEqual(spawnedBounded, [true, false, true]);
    } finally {
      await pool.dispose();
    }
  });

  it('tries a file too large for the bound again without one when its unbounded worker dies', async () => {
    const pool = new WorkerPool(1, { heapLimitMB: 16 });
    const file = writeLargeFile(dir, 'large-crash.txt');
    // The first worker stops with the file in hand, as one that crashes does.
    const spawnedBounded = recordSpawns(pool, (slot, n) => n === 1 && setTimeout(() => void slot.worker.terminate(), 50));
    try {
      const large = await pool.run({ kind: 'lint', path: file, bytes: fs.statSync(file).size }) as LintResult;
      assert.equal(large.error, null);
      assert.deepEqual(spawnedBounded, [false, false]);
    } finally {
      await pool.dispose();
    }
  });
});

/** 40,000 lines: more than a 16 MB heap bound holds while linting them. */
function writeLargeFile(dir: string, name: string): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, Array.from({ length: 40_000 }, (_, i) => `第${i}段：今天的新闻报道了城市建设的最新进展和市民的生活变化。`).join('\n'));
  return file;
}

type SlotInternals = { worker: { terminate(): Promise<number> } };

/** Whether each worker the pool spawns is bounded, in order; `onSpawn` sees each new slot and its number. */
function recordSpawns(pool: WorkerPool, onSpawn: (slot: SlotInternals, n: number) => unknown = () => {}): boolean[] {
  const internals = pool as unknown as { spawn(bounded: boolean, oversize: boolean): SlotInternals };
  const spawn = internals.spawn.bind(pool);
  const spawnedBounded: boolean[] = [];
  internals.spawn = (bounded, oversize) => {
    const slot = spawn(bounded, oversize);
    onSpawn(slot, spawnedBounded.push(bounded));
    return slot;
  };
  return spawnedBounded;
}
