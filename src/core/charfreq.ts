/**
 * A character-frequency model of Chinese, derived from jieba's dictionary (word frequencies of a large
 * corpus, summed per character). Traditional characters score as their simplified counterparts (OpenCC).
 * Built on first use: loading jieba's dictionary costs a few hundred milliseconds, never on activation.
 */
import { toSimplified } from './convert';

let logProb: Map<number, number> | null = null;
/** Per character, the better of its own score and its simplified counterpart's. */
const resolved = new Map<number, number>();
/** The log-probability given to characters the dictionary never saw. */
let unseen = -20;

function build(): Map<number, number> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { dict } = require('@node-rs/jieba/dict') as { dict: Uint8Array };
  const text = new TextDecoder('utf-8').decode(dict);
  const counts = new Map<number, number>();
  let total = 0;
  for (const line of text.split('\n')) {
    const space = line.indexOf(' ');
    if (space <= 0) continue;
    const freq = parseInt(line.slice(space + 1), 10);
    if (!(freq > 0)) continue;
    for (const ch of line.slice(0, space)) {
      const cp = ch.codePointAt(0)!;
      counts.set(cp, (counts.get(cp) ?? 0) + freq);
      total += freq;
    }
  }
  const table = new Map<number, number>();
  for (const [cp, n] of counts) table.set(cp, Math.log(n / total));
  unseen = Math.log(0.5 / total);
  return table;
}

/** Each character's simplified form, converted once: the word model looks words up in simplified script. */
const simplifiedChars = new Map<string, string>();

function simplifiedChar(ch: string): string {
  let s = simplifiedChars.get(ch);
  if (s === undefined) {
    s = toSimplified(ch);
    // One character for one: a conversion that changes the length is a phrase rule, not this character's form.
    if ([...s].length !== 1) s = ch;
    simplifiedChars.set(ch, s);
  }
  return s;
}

/** Log-probability of a Han character in Chinese text. */
export function charLogProb(ch: string): number {
  logProb ??= build();
  const cp = ch.codePointAt(0)!;
  let p = resolved.get(cp);
  if (p === undefined) {
    const own = logProb.get(cp) ?? unseen;
    const simplified = simplifiedChar(ch);
    p = simplified === ch ? own : Math.max(own, logProb.get(simplified.codePointAt(0)!) ?? unseen);
    resolved.set(cp, p);
  }
  return p;
}

/** The log-probability below which a character is rare enough to be suspicious in news text. */
export const RARE_LOG_PROB = -14;

const HAN = /\p{Script=Han}/u;

/**
 * How much a text reads as Chinese: the mean log-probability of its Han characters, with characters of
 * other scripts that do not belong in Chinese text (not ASCII, not punctuation) scored as unseen.
 */
export function chineseScore(text: string): number {
  let sum = 0;
  let n = 0;
  for (const ch of text) {
    if (HAN.test(ch)) {
      sum += charLogProb(ch);
      n++;
    } else if (ch.codePointAt(0)! > 0x7f && !/[\p{P}\p{Zs}\p{S}\u3000-\u303f\uff00-\uffef]/u.test(ch)) {
      sum += unseen;
      n++;
    }
  }
  return n === 0 ? unseen : sum / n;
}

/** Resolved log-probabilities of BMP code points, filled on first lookup (NaN: not looked up yet). */
let bmpTable: Float32Array | null = null;

/** charLogProb by code point, through a flat table: the hot path of scanners that look at every character. */
export function hanLogProb(code: number): number {
  if (code > 0xffff) return charLogProb(String.fromCodePoint(code));
  bmpTable ??= new Float32Array(0x10000).fill(NaN);
  let p = bmpTable[code];
  if (Number.isNaN(p)) {
    p = charLogProb(String.fromCharCode(code));
    bmpTable[code] = p;
  }
  return p;
}

/** Word log-probabilities of jieba's dictionary (simplified script), built on first use like the character model. */
let wordTable: Map<string, number> | null = null;
/** Longest word, in UTF-16 units, that segmentation looks for. Longer dictionary entries are idioms and names. */
const MAX_WORD = 6;
/** A character that is no word of its own is rarer than the character count alone suggests. */
const NOT_A_WORD_PENALTY = 2;

function buildWords(): Map<string, number> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { dict } = require('@node-rs/jieba/dict') as { dict: Uint8Array };
  const text = new TextDecoder('utf-8').decode(dict);
  const freqs = new Map<string, number>();
  let total = 0;
  for (const line of text.split('\n')) {
    const space = line.indexOf(' ');
    if (space <= 0 || space > MAX_WORD) continue;
    const freq = parseInt(line.slice(space + 1), 10);
    if (!(freq > 0)) continue;
    const word = line.slice(0, space);
    freqs.set(word, (freqs.get(word) ?? 0) + freq);
    total += freq;
  }
  const table = new Map<string, number>();
  for (const [word, n] of freqs) table.set(word, Math.log(n / total));
  return table;
}

/** Log-probability of a dictionary word (simplified script), or undefined for text that is no word. */
export function wordLogProb(word: string): number | undefined {
  wordTable ??= buildWords();
  return wordTable.get(word);
}

/**
 * Log-probability of the most probable segmentation of a run of Han text into dictionary words (a unigram
 * word model, as jieba's own; traditional characters are looked up in their simplified form). Fluent text
 * segments into long, frequent words; the same characters in nonsense order fall apart into single
 * characters, which is what tells them apart.
 */
export function segmentLogProb(han: string): number {
  wordTable ??= buildWords();
  let text = '';
  for (const ch of han) text += simplifiedChar(ch);
  const n = text.length;
  const best = new Float64Array(n + 1).fill(-Infinity);
  best[0] = 0;
  for (let i = 0; i < n; i++) {
    if (best[i] === -Infinity) continue;
    // A surrogate pair is one character: it is never split.
    const single = text.codePointAt(i)! > 0xffff ? 2 : 1;
    const own = wordTable.get(text.slice(i, i + single));
    const singleScore = own ?? charLogProb(text.slice(i, i + single)) - NOT_A_WORD_PENALTY;
    if (best[i] + singleScore > best[i + single]) best[i + single] = best[i] + singleScore;
    for (let len = single + 1; len <= MAX_WORD && i + len <= n; len++) {
      const p = wordTable.get(text.slice(i, i + len));
      if (p !== undefined && best[i] + p > best[i + len]) best[i + len] = best[i] + p;
    }
  }
  return best[n];
}
