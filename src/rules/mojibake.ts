/** Mojibake (SC101), GBK frame shift (SC102) and stray letters of foreign scripts (SC106). */
import type { Article } from '../core/article';
import { articleMojibake, findStrayLetters, isSafeRepair, linesToExamine, type MojibakeKind, type MojibakeRun } from '../core/mojibake';
import type { Rule, RuleFinding, RuleFix } from '../core/rule';
import { text } from '../core/rule';
import { range } from '../core/text';
import type { LocalizedText } from '../core/types';

/** What happened to the bytes, per kind of misreading. */
const MISREADING: Record<MojibakeKind, LocalizedText> = {
  'utf8-as-gbk': text('UTF-8 text decoded as GBK', 'UTF-8 文本被按 GBK 解码'),
  'utf8-as-big5': text('UTF-8 text decoded as Big5', 'UTF-8 文本被按 Big5 解码'),
  'utf8-as-latin1': text('UTF-8 text decoded as Latin-1 (Windows-1252)', 'UTF-8 文本被按 Latin-1(Windows-1252)解码'),
  'gbk-as-latin1': text('GBK text decoded as Latin-1 (Windows-1252)', 'GBK 文本被按 Latin-1(Windows-1252)解码'),
  'big5-as-latin1': text('Big5 text decoded as Latin-1 (Windows-1252)', 'Big5 文本被按 Latin-1(Windows-1252)解码'),
  'big5-as-gbk': text('Big5 text decoded as GBK', 'Big5 文本被按 GBK 解码'),
  'gbk-as-big5': text('GBK text decoded as Big5', 'GBK 文本被按 Big5 解码'),
  'gbk-as-utf8': text('GBK text decoded as UTF-8', 'GBK 文本被按 UTF-8 解码'),
  'gbk-frame-shift': text(
    'a lost byte put the GBK decoder one byte out of step until the next ASCII byte',
    '丢失一个字节使 GBK 解码错位,直到下一个 ASCII 字节',
  ),
};

const PREVIEW = 30;

function preview(s: string): string {
  const chars = [...s];
  return chars.length > PREVIEW ? `${chars.slice(0, PREVIEW).join('')}…` : s;
}

/** What the repair restores and what it cannot, for the message. */
function repairNote(run: MojibakeRun): LocalizedText {
  const parts: LocalizedText[] = [];
  if (run.lost > 0) parts.push(text(`${run.lost} character(s) lost, marked U+FFFD`, `${run.lost} 个字符已丢失,以 U+FFFD 标出`));
  if (run.guessed > 0) parts.push(text(`${run.guessed} character(s) completed from context`, `${run.guessed} 个字符按上下文补全`));
  if (parts.length === 0) return text('', '');
  return text(` (${parts.map((p) => p.en).join('; ')})`, `(${parts.map((p) => p.zh).join(';')})`);
}

function findingsOf(article: Article, select: (run: MojibakeRun) => boolean): RuleFinding[] {
  const findings: RuleFinding[] = [];
  const all = articleMojibake(article);
  for (let line = 0; line < all.length; line++) {
    const runs = all[line];
    // Most lines have none: no iterator for them.
    if (runs.length === 0) continue;
    for (const run of runs) {
      if (!select(run)) continue;
      const r = range(line, run.start, line, run.end);
      const what = MISREADING[run.kind];
      if (run.repaired === null) {
        findings.push({
          range: r,
          message: text(
            `Mojibake: ${what.en}; the bytes of the original characters are lost, so the text cannot be recovered.`,
            `乱码:${what.zh};原字符的字节已丢失,无法恢复。`,
          ),
          fixes: [{ title: text('Delete the unrecoverable text', '删除无法恢复的文字'), safe: false, edits: [{ range: r, newText: '' }] }],
        });
        continue;
      }
      const note = repairNote(run);
      const shown = preview(run.repaired);
      const shift = run.kind === 'gbk-frame-shift';
      const fix: RuleFix = {
        title: shift ? text(`Realign as \`${shown}\``, `重新对齐为 \`${shown}\``) : text(`Re-decode as \`${shown}\``, `重新解码为 \`${shown}\``),
        safe: isSafeRepair(run),
        edits: [{ range: r, newText: run.repaired }],
      };
      const label = shift ? text('GBK frame shift', 'GBK 错位') : text('Mojibake', '乱码');
      findings.push({
        range: r,
        message: text(`${label.en}: ${what.en}; it reads \`${shown}\`${note.en}.`, `${label.zh}:${what.zh};应为 \`${shown}\`${note.zh}。`),
        fixes: [fix],
      });
    }
  }
  return findings;
}

/** SC101: text decoded with the wrong code page, repaired by re-encoding it and decoding it with the right one. */
export const mojibake: Rule = {
  id: 'SC101',
  slug: 'mojibake',
  category: 'garbled',
  defaultSeverity: 'error',
  description: text(
    'Mojibake: text decoded with the wrong code page (UTF-8, GBK, Big5, Latin-1), with the repair where the bytes allow it.',
    '乱码:以错误的编码解码的文字(UTF-8、GBK、Big5、Latin-1),字节完整时给出修复。',
  ),
  check: (article) => findingsOf(article, (run) => run.kind !== 'gbk-frame-shift'),
};

/** SC102: a lost byte puts a GBK decoder out of step until the next ASCII byte. */
export const gbkFrameShift: Rule = {
  id: 'SC102',
  slug: 'gbk-frame-shift',
  category: 'garbled',
  defaultSeverity: 'error',
  description: text(
    'GBK frame shift: a lost byte made the decoder pair bytes of neighbouring characters until the next ASCII byte.',
    'GBK 错位:丢失一个字节后,解码器把相邻字符的字节配对,直到下一个 ASCII 字节。',
  ),
  check: (article) => findingsOf(article, (run) => run.kind === 'gbk-frame-shift'),
};

/** SC106: letters of scripts foreign to Chinese news standing alone among Han characters. */
export const strayForeignScript: Rule = {
  id: 'SC106',
  slug: 'stray-foreign-script',
  category: 'garbled',
  defaultSeverity: 'warning',
  description: text(
    'Stray letters of a foreign script (Cyrillic, Arabic, Thaana, IPA, Hangul, kana …) among Han characters, not part of a word.',
    '汉字之间孤立的外文字母(西里尔、阿拉伯、它拿、国际音标、谚文、假名等),不成词。',
  ),
  check(article) {
    const runs = articleMojibake(article);
    const examined = linesToExamine(article);
    const findings: RuleFinding[] = [];
    article.lines.forEach((line, i) => {
      // A line the pre-filter passes over holds no foreign letter.
      if (!examined[i]) return;
      for (const stray of findStrayLetters(line, runs[i])) {
        const r = range(i, stray.start, i, stray.end);
        const letters = line.slice(stray.start, stray.end);
        findings.push({
          range: r,
          message: text(
            `Stray ${stray.script} letter(s) \`${letters}\` among Han characters: likely garbled text.`,
            `汉字之间孤立的${SCRIPT_ZH[stray.script] ?? stray.script}字母 \`${letters}\`:多半是乱码。`,
          ),
          fixes: [{ title: text(`Delete \`${letters}\``, `删除 \`${letters}\``), safe: false, edits: [{ range: r, newText: '' }] }],
        });
      }
    });
    return findings;
  },
};

const SCRIPT_ZH: Record<string, string> = {
  IPA: '国际音标', Cyrillic: '西里尔', Armenian: '亚美尼亚', Hebrew: '希伯来', Arabic: '阿拉伯', Syriac: '叙利亚',
  Thaana: '它拿', NKo: '西非书面', Kana: '假名', Hangul: '谚文',
};

export const mojibakeRules: Rule[] = [mojibake, gbkFrameShift, strayForeignScript];
