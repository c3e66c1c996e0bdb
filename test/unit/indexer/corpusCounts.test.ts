import assert from 'node:assert/strict';
import fc from 'fast-check';
import { CorpusStats, fileLineKeys } from '../../../src/core/corpus';
import { CorpusCounts, isRecurrent } from '../../../src/indexer/corpusCounts';

describe('CorpusCounts', () => {
  it('counts like a Map under any sequence of adds and removes', () => {
    const file = fc.uniqueArray(fc.integer({ min: 0, max: 0xffffffff }).map((k) => (k % 64 === 0 ? k : k % 40)), { maxLength: 20 });
    fc.assert(fc.property(fc.array(fc.tuple(fc.boolean(), file), { maxLength: 200 }), (ops) => {
      const counts = new CorpusCounts();
      const model = new Map<number, number>();
      const added: number[][] = [];
      for (const [add, keys] of ops) {
        if (add || added.length === 0) {
          counts.add(keys);
          added.push(keys);
          keys.forEach((k) => model.set(k, (model.get(k) ?? 0) + 1));
        } else {
          const gone = added.shift()!;
          counts.remove(gone);
          gone.forEach((k) => (model.get(k) === 1 ? model.delete(k) : model.set(k, model.get(k)! - 1)));
        }
      }
      for (const [k, n] of model) assert.equal(counts.countOf(k), n);
      assert.equal(counts.distinctLines, model.size);
      assert.equal(counts.fileCount, added.length);
    }), { numRuns: 200 });
  });

  it('answers filesContaining like CorpusStats', () => {
    const texts = ['本网站所有内容均为原创文章\n第一篇的正文内容在这里', '本网站所有内容均为原创文章\n第二篇的正文内容在这里', '第三篇没有页脚的文章'];
    const counts = new CorpusCounts();
    const stats = CorpusStats.fromTexts(texts);
    for (const t of texts) counts.add(fileLineKeys(t));
    for (const line of ['本网站所有内容均为原创文章', '第一篇的正文内容在这里', '不存在的一行文字内容']) assert.equal(counts.filesContaining(line), stats.filesContaining(line));
    assert.equal(counts.fileCount, 3);
  });

  it('snapshots only counts that can be recurrent, and a snapshot answers the same verdicts', () => {
    const counts = new CorpusCounts();
    for (let i = 0; i < 100; i++) counts.add([1, 2, i % 10 === 0 ? 3 : 4 + i]);
    const recurrence = { minFiles: 5, minShare: 0.05 };
    const snapshot = counts.snapshot(recurrence);
    const pairs = new Map<number, number>();
    for (let i = 0; i < snapshot.pairs.length; i += 2) pairs.set(snapshot.pairs[i], snapshot.pairs[i + 1]);
    assert.deepEqual([...pairs].sort((a, b) => a[0] - b[0]), [[1, 100], [2, 100], [3, 10]]);
    const view = CorpusCounts.fromSnapshot(snapshot);
    assert.equal(view.fileCount, 100);
    for (const k of [1, 2, 3, 4, 50]) assert.equal(isRecurrent(view.countOf(k), 100, recurrence), isRecurrent(counts.countOf(k), 100, recurrence));
    assert.deepEqual(counts.recurrentAmong([4, 3, 2, 1], recurrence), Uint32Array.from([1, 2, 3]));
  });
});
