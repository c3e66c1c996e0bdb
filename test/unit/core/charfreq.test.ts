import assert from 'node:assert/strict';
import fc from 'fast-check';
import { charLogProb, segmentLogProb } from '../../../src/core/charfreq';
import { toSimplified } from '../../../src/core/convert';
import { dictionaryBytes } from '../../../src/core/dictionary';

/** The word model as plain strings in a Map, read from the dictionary's text line by line. */
function referenceWords(): Map<string, number> {
  const freqs = new Map<string, number>();
  let total = 0;
  for (const line of Buffer.from(dictionaryBytes()).toString('utf8').split('\n')) {
    const space = line.indexOf(' ');
    if (space <= 0) continue;
    const word = line.slice(0, space);
    const freq = Number(/^\d*/.exec(line.slice(space + 1))![0] || 0);
    if (word.length > 6 || freq <= 0) continue;
    total += freq;
    freqs.set(word, (freqs.get(word) ?? 0) + freq);
  }
  return new Map([...freqs].map(([w, f]) => [w, Math.log(f / total)]));
}

/** The same unigram segmentation, written plainly: simplified characters, words looked up as strings. */
function referenceSegment(words: Map<string, number>, han: string): number {
  const simplified = [...han]
    .map((ch) => {
      const s = toSimplified(ch);
      return [...s].length === 1 ? s : ch;
    })
    .join('');
  const best = new Array<number>(simplified.length + 1).fill(-Infinity);
  best[0] = 0;
  for (let i = 0; i < simplified.length; i++) {
    if (best[i] === -Infinity) continue;
    const single = simplified.codePointAt(i)! > 0xffff ? 2 : 1;
    for (let len = single; len <= 6 && i + len <= simplified.length; len++) {
      const word = simplified.slice(i, i + len);
      const p = words.get(word);
      const score = len === single ? (p ?? charLogProb(word) - 2) : p;
      if (score !== undefined && best[i] + score > best[i + len]) best[i + len] = best[i] + score;
    }
  }
  return best[simplified.length];
}

describe('segmentLogProb', () => {
  // Common and rare characters, traditional forms, and characters beyond the BMP.
  const alphabet = [...'中华人民共和国新闻记者报道今天上午市政府召开会议經濟發展學習龍鳳麼乾燥饕餮魑魅魍魉𠀀𪚥𥫗'];
  const words = referenceWords();

  for (const [runs, minLength, maxLength, what] of [[300, 1, 24, 'short runs'], [30, 100, 400, 'long runs, past the first scratch buffers,']] as const) {
    it(`scores ${what} as a plain segmentation over a Map of the dictionary words does`, () => {
      fc.assert(
        fc.property(fc.array(fc.constantFrom(...alphabet), { minLength, maxLength }), (chars) => {
          const han = chars.join('');
          assert.equal(segmentLogProb(han), referenceSegment(words, han));
        }),
        { numRuns: runs },
      );
    });
  }

  it('scores real text as the plain segmentation does', () => {
    for (const han of ['中华人民共和国成立', '記者從市政府獲悉', '常州科教城舉行高質量發展大會']) assert.equal(segmentLogProb(han), referenceSegment(words, han));
  });
});
