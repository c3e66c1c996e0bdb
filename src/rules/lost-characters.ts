/** Characters lost in transfer: U+FFFD, private-use code points, `?` in place of a character, stray scripts. */

/** SC103: U+FFFD, the mark a decoder leaves where bytes could not be decoded; the character is lost. */
import type { Rule, RuleFinding } from '../core/rule';
import { text } from '../core/rule';
import { range } from '../core/text';

export const replacementCharacter: Rule = {
  id: 'SC103',
  slug: 'replacement-character',
  category: 'garbled',
  defaultSeverity: 'error',
  description: text('U+FFFD replacement characters: text lost in decoding.', 'U+FFFD 替换字符:解码时丢失的文字。'),
  check(article) {
    const findings: RuleFinding[] = [];
    article.lines.forEach((line, i) => {
      for (const m of line.matchAll(/\uFFFD+/g)) {
        findings.push({
          range: range(i, m.index, i, m.index + m[0].length),
          message: text(`${m[0].length} character(s) lost in decoding (U+FFFD).`, `${m[0].length} 个字符在解码时丢失(U+FFFD)。`),
          fixes: [],
        });
      }
    });
    return findings;
  },
};

export const lostCharacterRules: Rule[] = [replacementCharacter];
