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

/** Log-probability of a Han character in Chinese text. */
export function charLogProb(ch: string): number {
  logProb ??= build();
  const cp = ch.codePointAt(0)!;
  let p = resolved.get(cp);
  if (p === undefined) {
    const own = logProb.get(cp) ?? unseen;
    const simplified = toSimplified(ch);
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
