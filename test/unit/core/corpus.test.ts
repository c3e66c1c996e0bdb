import assert from 'node:assert/strict';
import fc from 'fast-check';
import { fileLineKeys, recurrenceKey, utf8LineKeys } from '../../../src/core/corpus';
import { countHan } from '../../../src/core/chars';
import { hashString } from '../../../src/core/hash';
import { indexLines } from '../../../src/core/text';

/** The definition the one-pass key must agree with: normalise the line, then hash it. */
function referenceKey(line: string): number {
  if (countHan(line) < 4) return -1;
  return hashString(line.replace(/\s+/g, '').replace(/\d+/g, '0'));
}

/** Lines of Han, digits, every kind of white space and line break, and astral Han. */
const lineText = fc.array(fc.constantFrom('网', '站', '首', '页', '版', '权', '1', '2', '0', '9', ' ', '\t', '\u3000', '\u00a0', '\u2028', '\ufeff', '\r', '\n', '\r\n', 'a', '?', '𠀀', '\ud840', '：'), { maxLength: 40 }).map((parts) => parts.join(''));

describe('recurrence keys', () => {
  it('equal the hash of the normalised line, white space removed and digit runs read as 0', () => {
    fc.assert(fc.property(lineText, (line) => assert.equal(recurrenceKey(line), referenceKey(line))));
  });

  it('read a digit run across white space as one run, like the normalised line does', () => {
    assert.equal(recurrenceKey('版权所有 2023 12 31'), recurrenceKey('版权所有0'));
    assert.notEqual(recurrenceKey('版权所有 2023 年'), recurrenceKey('版权所有 年'));
    assert.equal(recurrenceKey('首页 12 更'), -1);
  });

  it('of a file are the keys of its lines, whatever their terminators', () => {
    fc.assert(fc.property(lineText, (text) => {
      const expected = new Set(indexLines(text).lines.map(referenceKey).filter((k) => k >= 0));
      assert.deepEqual(fileLineKeys(text), expected);
    }));
  });

  it('of UTF-8 bytes are the keys of the text they hold', () => {
    fc.assert(fc.property(lineText, fc.boolean(), (text, astral) => {
      const bytes = Buffer.from(astral ? `${text}𪚥😀鿿\u{20000}𝐀` : text);
      assert.deepEqual(utf8LineKeys(bytes), fileLineKeys(bytes.toString('utf8')));
    }));
    const page = '首页 > 新闻中心\r\n版权所有 © 2023 某某网\n𠀀𠀁𠀂𠀃 四个扩展字\n😀😀😀表情\n';
    assert.deepEqual(utf8LineKeys(Buffer.from(page)), fileLineKeys(page));
    assert.equal(utf8LineKeys(Buffer.from(page)).size, 3);
  });

  it('of a range equal the keys of the same line on its own', () => {
    const text = '标题\r\n网站首页 2024\n版权所有 © 2023';
    const { lines, starts } = indexLines(text);
    lines.forEach((line, i) => assert.equal(recurrenceKey(text, starts[i], starts[i] + line.length), recurrenceKey(line)));
  });
});
