/**
 * Pinyin ruby residue such as 網(wǎng) (SC108): sites that annotate polyphonic characters with <ruby> lose the
 * markup to scrapers, leaving the reading in brackets after the character.
 *
 * One finding per line, spanning its first to last reading, with one fix for all of them: pages that annotate
 * do so on nearly every line, a dozen times a line, and a finding per reading would drown the Problems pane.
 */
import type { Article } from '../core/article';
import { toSimplified } from '../core/convert';
import type { Rule, RuleFinding } from '../core/rule';
import { text } from '../core/rule';
import { positionAt, range } from '../core/text';

const TONE_MARKS = 'āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ';
/**
 * A bracketed syllable of Latin letters, tone-marked or with a tone number; the character before it is checked
 * apart, so that the scan stops at brackets only.
 */
const CANDIDATE = new RegExp(`[(（]([a-zü${TONE_MARKS}]{1,6})([0-5]?)[)）]`, 'gu');
const HAN = /\p{Script=Han}/u;
/** What a reading's letters start with (all in the BMP): most brackets open Han text or digits instead. */
const READING_LETTERS = new Set([...`abcdefghijklmnopqrstuvwxyzü${TONE_MARKS}`].map((ch) => ch.charCodeAt(0)));
const BRACKETS = ['(', '（'];
const LOW_SURROGATE = /[\uDC00-\uDFFF]/;
const HAS_TONE_MARK = new RegExp(`[${TONE_MARKS}]`, 'u');

type ToneType = 'symbol' | 'num' | 'none';

interface PinyinPro {
  polyphonic(text: string, options: { type: 'array'; pattern: 'pinyin'; toneType: ToneType; v: false; nonZh: 'spaced' }): string[][];
}

let pinyinPro: PinyinPro | null = null;
/**
 * Readings of one character in every accepted form: tone marks, tone numbers (neutral as 0 and 5), toneless.
 * pinyin-pro knows most traditional characters itself; their simplified counterparts (OpenCC) cover the rest.
 */
const readingsCache = new Map<string, { toned: Set<string>; toneless: Set<string> }>();

/**
 * All readings of one character. polyphonic() looks the character up in pinyin-pro's character table, as
 * pinyin() with `multiple` does for one character, without first building pinyin()'s phrase automaton
 * (tens of milliseconds per thread).
 */
function readingsIn(pinyin: PinyinPro, ch: string, toneType: ToneType): string[] {
  return pinyin.polyphonic(ch, { type: 'array', pattern: 'pinyin', toneType, v: false, nonZh: 'spaced' })[0] ?? [];
}

export function readingsOf(ch: string): { toned: Set<string>; toneless: Set<string> } {
  let cached = readingsCache.get(ch);
  if (cached) return cached;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  pinyinPro ??= require('pinyin-pro') as PinyinPro;
  const toned = new Set<string>();
  const toneless = new Set<string>();
  const simplified = toSimplified(ch);
  for (const c of simplified === ch ? [ch] : [ch, simplified]) {
    for (const r of readingsIn(pinyinPro, c, 'symbol')) toned.add(r);
    for (const r of readingsIn(pinyinPro, c, 'num')) {
      toned.add(r);
      if (r.endsWith('0')) toned.add(`${r.slice(0, -1)}5`);
    }
    for (const r of readingsIn(pinyinPro, c, 'none')) toneless.add(r);
  }
  cached = { toned, toneless };
  readingsCache.set(ch, cached);
  return cached;
}

function characterBefore(line: string, at: number): string {
  if (at <= 0) return '';
  return String.fromCodePoint(line.codePointAt(at >= 2 && LOW_SURROGATE.test(line[at - 1]) ? at - 2 : at - 1)!);
}

interface Reading {
  line: number;
  /** Columns of the bracketed reading, brackets included. */
  start: number;
  end: number;
  /** The reading carries a tone (mark or number): nothing else is written that way. */
  toned: boolean;
}

/** A bracketed syllable after a Han character, before its readings are looked up. */
interface Candidate extends Reading {
  ch: string;
  /** The syllable as pinyin-pro writes it, with its tone number if any. */
  syllable: string;
}

/**
 * The lines with a bracket followed by a letter a reading may start with, in order: found with indexOf through
 * the text, so that the pattern is tried only on them.
 */
export function linesWithReadings(article: Article): number[] {
  const { text, index } = article;
  const lines = new Set<number>();
  for (const bracket of BRACKETS) {
    for (let at = text.indexOf(bracket); at >= 0; at = text.indexOf(bracket, at + 1)) {
      if (!READING_LETTERS.has(text.charCodeAt(at + 1))) continue;
      const line = positionAt(index, at).line;
      lines.add(line);
      // The rest of the line does not matter any more.
      if (line + 1 < index.starts.length) at = Math.max(at, index.starts[line + 1] - 1);
    }
  }
  return [...lines].sort((a, b) => a - b);
}

function findReadings(article: Article): Reading[] {
  const candidates: Candidate[] = [];
  for (const i of linesWithReadings(article)) {
    const line = article.lines[i];
    CANDIDATE.lastIndex = 0;
    for (let m = CANDIDATE.exec(line); m; m = CANDIDATE.exec(line)) {
      const [whole, letters, toneNumber] = m;
      const ch = characterBefore(line, m.index);
      if (!HAN.test(ch)) continue;
      const syllable = letters.includes('v') ? letters.replace(/v/g, 'ü') : letters;
      const toned = toneNumber !== '' || HAS_TONE_MARK.test(syllable);
      candidates.push({ line: i, start: m.index, end: m.index + whole.length, toned, ch, syllable: syllable + toneNumber });
    }
  }
  // Toneless readings count only beside toned ones (see check): without a toned candidate, pinyin-pro need not load.
  if (!candidates.some((c) => c.toned)) return [];
  return candidates.filter((c) => {
    const readings = readingsOf(c.ch);
    return c.toned ? readings.toned.has(c.syllable) : readings.toneless.has(c.syllable);
  });
}

export const pinyinRuby: Rule = {
  id: 'SC108',
  slug: 'pinyin-ruby',
  category: 'garbled',
  defaultSeverity: 'error',
  description: text(
    'Pinyin readings left after characters by annotated pages, e.g. 網(wǎng).',
    '注音网页残留在字后的拼音,如 網(wǎng)。',
  ),
  check(article) {
    const all = findReadings(article);
    // A toneless reading (le, de) is ambiguous on its own; it counts in an article that has toned ones.
    const readings = all.some((r) => r.toned) ? all : [];
    const findings: RuleFinding[] = [];
    for (let k = 0; k < readings.length; ) {
      const line = readings[k].line;
      const onLine: Reading[] = [];
      while (k < readings.length && readings[k].line === line) onLine.push(readings[k++]);
      const first = onLine[0];
      const last = onLine[onLine.length - 1];
      const lineText = article.lines[line];
      const example = lineText.slice(first.start - 1, first.end);
      findings.push({
        range: range(line, first.start, line, last.end),
        message: text(
          `${onLine.length} pinyin reading(s) left after characters, e.g. ${example}.`,
          `${onLine.length} 处字后残留拼音注音,如 ${example}。`,
        ),
        fixes: [
          {
            title: text('Remove the pinyin readings on this line', '删除本行的拼音注音'),
            safe: true,
            edits: onLine.map((r) => ({ range: range(line, r.start, line, r.end), newText: '' })),
          },
        ],
      });
    }
    return findings;
  },
};

export const pinyinResidueRules: Rule[] = [pinyinRuby];
