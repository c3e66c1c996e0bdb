import assert from 'node:assert/strict';
import { lintText } from '../../../src/core/runner';
import { duplicateLine } from '../../../src/rules/structure';

/** What SC302 must find: each line whose normalised text came before, if long enough to count. */
function expected(text: string): number[][] {
  const seen = new Map<string, number>();
  const pairs: number[][] = [];
  text.split('\n').forEach((line, i) => {
    if (line.length < 6) return;
    const key = line.trim().replace(/\s+/g, ' ');
    if (key.length < 20 && (key.match(/\p{Script=Han}/gu)?.length ?? 0) < 6) return;
    const first = seen.get(key);
    if (first === undefined) seen.set(key, i);
    else pairs.push([i, first]);
  });
  return pairs;
}

/** A deterministic generator (a linear congruential one), so that a failure can be replayed. */
function random(seed: number): () => number {
  let state = seed;
  return () => (state = (Math.imul(state, 1103515245) + 12345) >>> 0) / 2 ** 32;
}

describe('SC302 buckets by line ends', () => {
  it('finds exactly the repeats of the normalised text, whatever the lines share at their ends', () => {
    const next = random(7);
    // Lines that share their ends and differ inside, with spaces of every kind anywhere, and short lines.
    const parts = ['常州', '科教城', '举行', ' ', '\t', '\u3000', '  ', 'ab', '高质量发展大会', '。'];
    let total = 0;
    for (let round = 0; round < 200; round++) {
      const lines: string[] = [];
      for (let n = 0; n < 30; n++) {
        let line = '新闻发布';
        for (let k = Math.floor(next() * 5); k > 0; k--) line += parts[Math.floor(next() * parts.length)];
        line += '会议结束。';
        if (next() < 0.3) line = ' '.repeat(Math.floor(next() * 3)) + line + '\t'.repeat(Math.floor(next() * 2));
        if (next() < 0.2) line = 'no Han ' + Math.floor(next() * 3);
        lines.push(line);
      }
      const text = lines.join('\n');
      const found = lintText(text, { rules: [duplicateLine], locale: 'en' }).findings.map((f) => [f.range.start.line, Number(/line (\d+)/.exec(f.message)![1]) - 1]);
      assert.deepEqual(found, expected(text), text);
      total += found.length;
    }
    // The rounds do repeat lines: the comparison is not vacuous.
    assert.ok(total > 500, `only ${total} repeats`);
  });
});

describe('SC302 bucket table', () => {
  const found = (text: string) => lintText(text, { rules: [duplicateLine], locale: 'en' }).findings.map((f) => [f.range.start.line, Number(/line (\d+)/.exec(f.message)![1]) - 1]);

  it('finds the same repeats in articles of any size, one after another (the table is reused or grown)', () => {
    const next = random(11);
    // Few distinct lines, often repeated: shared buckets, and probes that run past occupied slots.
    const vocabulary = Array.from({ length: 400 }, (_, k) => `第${k}条新闻发布会议在常州举行${k % 7 ? '。' : ' '}`);
    for (const size of [3, 600, 9000, 40, 20_000, 1500, 1]) {
      const lines = Array.from({ length: size }, () => vocabulary[Math.floor(next() * (next() < 0.5 ? 20 : vocabulary.length))]);
      const text = lines.join('\n');
      assert.deepEqual(found(text), expected(text).slice(0, 1000), `${size} lines`);
    }
  });
});
