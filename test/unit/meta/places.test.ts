import assert from 'node:assert/strict';
import fc from 'fast-check';
import { FormTrie, WordTrie } from '../../../src/core/meta/places';

describe('gazetteer form trie', () => {
  const forms = ['常州', '常州市', '武进', '武进区', '天津', '瑞安', '温州', '𠮷野'];
  const trie = new FormTrie(forms);

  /** The plain reference: every position where some form begins, and the forms there, shortest first. */
  function formsAtEachPosition(text: string): [number, string[]][] {
    const found: [number, string[]][] = [];
    for (let i = 0; i < text.length; i++) {
      const here = forms.filter((form) => text.startsWith(form, i)).sort((a, b) => a.length - b.length);
      if (here.length > 0) found.push([i, here]);
    }
    return found;
  }

  it('finds the forms at every position where the scan stops, and no position where it does not', () => {
    const pool = [...'常州市武进区天津瑞安温州𠮷野大学在 a1。'];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pool), { maxLength: 40 }), (chars) => {
        const text = chars.join('');
        const scanned: [number, string[]][] = [];
        const out: string[] = [];
        for (let i = trie.nextOpening(text, 0); i >= 0; i = trie.nextOpening(text, i + 1)) {
          const n = trie.formsAt(text, text.length, i, out);
          if (n > 0) scanned.push([i, out.slice(0, n)]);
        }
        assert.deepEqual(scanned, formsAtEachPosition(text));
      }),
      { numRuns: 2000 },
    );
  });

  it('stops within a stretch of a longer text where it stops in that stretch alone', () => {
    const pool = [...'常州市武进区天津瑞安温州𠮷野大学在 a1。\n'];
    const piece = fc.array(fc.constantFrom(...pool), { maxLength: 20 }).map((chars) => chars.join(''));
    fc.assert(
      fc.property(piece, piece, piece, (before, stretch, after) => {
        const text = before + stretch + after;
        const end = before.length + stretch.length;
        const inText: number[] = [];
        for (let at = trie.nextOpening(text, before.length, end); at >= 0; at = trie.nextOpening(text, at + 1, end)) inText.push(at - before.length);
        const alone: number[] = [];
        for (let at = trie.nextOpening(stretch, 0); at >= 0; at = trie.nextOpening(stretch, at + 1)) alone.push(at);
        assert.deepEqual(inText, alone);
      }),
      { numRuns: 2000 },
    );
  });

  it('stops at nothing in an empty or one-character text, or past its end', () => {
    assert.equal(trie.nextOpening('', 0), -1);
    assert.equal(trie.nextOpening('常', 0), -1);
    assert.equal(trie.nextOpening('常州', 2), -1);
    assert.equal(trie.nextOpening('常州', 5), -1);
  });
});

describe('gazetteer word trie', () => {
  const words = ['天津大学', '天津', '大学生', '南京市长', '长江大桥', '市长', '𠮷野家'];
  const trie = new WordTrie();
  // Added as the dictionary gives them: code units in a scratch buffer longer than the word.
  const scratch = new Uint16Array(16);
  for (const word of words) {
    for (let k = 0; k < word.length; k++) scratch[k] = word.charCodeAt(k);
    trie.add(scratch, word.length);
  }

  it('gives the lengths of the words starting at each position and ending by the end, shortest first, as a plain search does', () => {
    const pool = [...'天津大学生南京市长江大桥𠮷野家 a'];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pool), { maxLength: 30 }), fc.nat(), (chars, cut) => {
        const text = chars.join('');
        const end = cut % (text.length + 1);
        const out: number[] = [];
        for (let i = 0; i <= end; i++) {
          const expected = words.filter((word) => text.slice(0, end).startsWith(word, i)).map((word) => word.length).sort((a, b) => a - b);
          const n = trie.lengthsAt(text, i, end, out);
          assert.deepEqual(out.slice(0, n), expected);
        }
      }),
      { numRuns: 2000 },
    );
  });
});
