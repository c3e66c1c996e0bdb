import assert from 'node:assert/strict';
import { applyEdits } from '../../../src/core/edits';
import { deleteLinesRange, indexLines } from '../../../src/core/text';

/** Deletes lines [first, last] of a text through deleteLinesRange, as a fix does. */
function deleteLines(text: string, first: number, last: number): string {
  const index = indexLines(text);
  return applyEdits(text, [{ range: deleteLinesRange(index, first, last), newText: '' }], index);
}

describe('deleteLinesRange', () => {
  it('removes whole lines with their terminators, whatever the terminators are', () => {
    assert.equal(deleteLines('a\nb\nc\n', 1, 1), 'a\nc\n');
    assert.equal(deleteLines('a\r\nb\r\nc', 1, 1), 'a\r\nc');
    assert.equal(deleteLines('a\rb\rc', 1, 1), 'a\rc');
    assert.equal(deleteLines('a\nb\nc', 2, 2), 'a\nb');
  });

  it('never joins a lone \\r and a \\n into one break, so the empty line after the deletion stays', () => {
    // Scrapers mix terminators: "x\r" + deleted lines + "\n" would leave "x\r\n", one break instead of two.
    assert.equal(deleteLines('x\rdel\n\nend', 1, 1), 'x\n\nend');
    assert.equal(deleteLines('x\rdel\r\ndel\n\nend', 1, 2), 'x\n\nend');
    assert.equal(deleteLines('x\rdel\r\n\nend', 1, 1), 'x\r\n\nend');
    // No empty line follows: the lone \r stays as it was.
    assert.equal(deleteLines('x\rdel\nend', 1, 1), 'x\rend');
  });
});
