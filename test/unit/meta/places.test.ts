import assert from 'node:assert/strict';
import fc from 'fast-check';
import { FormTrie } from '../../../src/core/meta/places';

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

  it('stops at nothing in an empty or one-character text, or past its end', () => {
    assert.equal(trie.nextOpening('', 0), -1);
    assert.equal(trie.nextOpening('常', 0), -1);
    assert.equal(trie.nextOpening('常州', 2), -1);
    assert.equal(trie.nextOpening('常州', 5), -1);
  });
});
