import assert from 'node:assert/strict';
import fc from 'fast-check';
import { cachedCompletions, completions, gainOf, likeliestCompletions, scoreText } from '../../../src/core/mojibake';

// The guesses for a lost byte are remembered per sequence under a packed integer key: two sequences must never
// share a key, whatever bytes sit around them.
describe('remembered completions of a lost UTF-8 byte', () => {
  const UNKNOWN = -1;
  const sequence = fc
    .tuple(fc.integer({ min: 2, max: 4 }), fc.nat(), fc.array(fc.oneof(fc.integer({ min: 0x80, max: 0xbf }), fc.integer({ min: 0xc2, max: 0xf4 }), fc.integer({ min: 0, max: 0xff })), { minLength: 4, maxLength: 4 }))
    .map(([n, at, bytes]) => {
      const seq = bytes.slice(0, n);
      seq[at % n] = UNKNOWN;
      return seq;
    });

  it('gives what weighing every completion of that sequence gives', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(sequence, fc.array(fc.integer({ min: 0, max: 0xff }), { maxLength: 3 })), { minLength: 1, maxLength: 30 }), (cases) => {
        for (const [seq, before] of cases) {
          // Plainly: the Han characters among all completions, likeliest first as the model ranks them, four at most.
          const all = completions(seq);
          const expected = likeliestCompletions(seq);
          if (expected) for (const ch of expected) assert.ok(all.includes(ch));
          assert.deepEqual(cachedCompletions([...before, ...seq, 0x41], before.length, seq.length), expected, seq.join());
        }
      }),
      { numRuns: 500 },
    );
  });
});

// Quick gains score the repair and the visible text in their context where they lie, without building the strings.
describe('quick gain of a repair', () => {
  const characters = ['中', '国', '的', '鍥', '锟', '斤', '拷', '\ufffd', '?', 'a', 'Z', '7', ' ', '，', 'é', 'ж', '\ue000', '𠀀', '😀', '缃'];
  /** Whole characters, as runs begin and end on them; the context's edges may still cut a surrogate pair. */
  const text = (max: number) => fc.array(fc.constantFrom(...characters), { maxLength: max }).map((p) => p.join(''));

  it('equals the quick score of the strings built', () => {
    fc.assert(
      fc.property(text(16), text(12), text(16), text(8), (left, visible, right, repaired) => {
        const line = left + visible + right;
        const start = left.length;
        const end = start + visible.length;
        const from = Math.max(0, start - 4);
        const to = Math.min(line.length, end + 4);
        const plain = scoreText(line.slice(from, start) + repaired + line.slice(end, to), true) - scoreText(line.slice(from, to), true);
        assert.equal(gainOf(line, start, end, repaired, true), plain);
      }),
      { numRuns: 5000 },
    );
  });
});
