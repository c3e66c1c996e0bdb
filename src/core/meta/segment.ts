/**
 * The jieba segmenter and its dictionary, loaded on first use (a few hundred milliseconds) and shared by
 * metadata inference, structure checks and keyword extraction.
 */
import type { Jieba } from '@node-rs/jieba';

let instance: Jieba | null = null;

export function segmenter(): Jieba {
  if (!instance) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { Jieba: JiebaClass } = require('@node-rs/jieba') as typeof import('@node-rs/jieba');
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { dict } = require('@node-rs/jieba/dict') as { dict: Uint8Array };
    instance = JiebaClass.withDict(dict);
  }
  return instance;
}

/** Dictionary words only (no HMM guesses), so a multi-character token is a word jieba knows. */
export function cutWords(text: string): string[] {
  return segmenter().cut(text, false);
}

/**
 * Cuts several texts (without newlines) in one call: jieba cuts each run of Han and alphanumeric text on
 * its own and a newline is a token of its own, so each text is cut as if alone. One call for many short
 * texts saves most of what a call costs.
 */
export function cutEach(texts: readonly string[]): string[][] {
  const cut: string[][] = texts.map(() => []);
  if (texts.length === 0) return cut;
  let k = 0;
  let pos = 0;
  for (const word of cutWords(texts.join('\n'))) {
    if (pos === texts[k].length) {
      k++;
      pos = 0;
    } else {
      cut[k].push(word);
      pos += word.length;
    }
  }
  return cut;
}

export interface DictEntry {
  freq: number;
  tag: string;
}

const NEWLINE = 0x0a;
const SPACE = 0x20;

/**
 * Visits every word of the dictionary (lines are "word freq tag"): its UTF-16 units in a scratch buffer that
 * the next word overwrites, and a reader for its entry. Reading the bytes in place avoids decoding the
 * whole dictionary into one string and slicing 350,000 words out of it; callers make strings of the few
 * words they keep.
 */
export function forEachDictionaryWord(visit: (units: Uint16Array, length: number, entry: () => DictEntry) => void): void {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { dict } = require('@node-rs/jieba/dict') as { dict: Uint8Array };
  const decoder = new TextDecoder('utf-8');
  let units = new Uint16Array(64);
  const end = dict.length;
  for (let i = 0; i < end; ) {
    const lineStart = i;
    let n = 0;
    while (i < end && dict[i] !== SPACE && dict[i] !== NEWLINE) {
      const b = dict[i];
      let cp: number;
      if (b < 0x80) {
        cp = b;
        i++;
      } else if (b < 0xe0) {
        cp = ((b & 0x1f) << 6) | (dict[i + 1] & 0x3f);
        i += 2;
      } else if (b < 0xf0) {
        cp = ((b & 0x0f) << 12) | ((dict[i + 1] & 0x3f) << 6) | (dict[i + 2] & 0x3f);
        i += 3;
      } else {
        cp = ((b & 0x07) << 18) | ((dict[i + 1] & 0x3f) << 12) | ((dict[i + 2] & 0x3f) << 6) | (dict[i + 3] & 0x3f);
        i += 4;
      }
      if (n + 2 > units.length) {
        const grown = new Uint16Array(units.length * 2);
        grown.set(units);
        units = grown;
      }
      if (cp > 0xffff) {
        units[n++] = 0xd800 + ((cp - 0x10000) >> 10);
        units[n++] = 0xdc00 + ((cp - 0x10000) & 0x3ff);
      } else units[n++] = cp;
    }
    const space = i;
    while (i < end && dict[i] !== NEWLINE) i++;
    const eol = i;
    i++;
    // A line without a space after its word is not an entry.
    if (space >= eol || space === lineStart) continue;
    visit(units, n, () => {
      const [freq, tag] = decoder.decode(dict.subarray(space + 1, eol)).split(' ');
      return { freq: parseInt(freq, 10) || 0, tag: (tag ?? '').trim() };
    });
  }
}

/**
 * The dictionary's words, and the prefixes of two or more characters they begin with, as a Bloom filter
 * over their UTF-16 units (2 MB): it tells that no word stands at a place, so that jieba need not segment
 * the text there, without holding 350,000 strings. A false positive only costs a segmentation. Prefixes let
 * a search stop at the first extension no word begins with.
 */
const FILTER_BITS_LOG2 = 24;
const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

let filter: Int32Array | null = null;
let longestWord = 0;

/** A prefix's bit, and a word's two more: the top bits of the hash, mixed in different ways. */
const prefixBit = (hash: number) => hash >>> (32 - FILTER_BITS_LOG2);
const wordBit1 = (hash: number) => Math.imul(hash, 0x9e3779b1) >>> (32 - FILTER_BITS_LOG2);
const wordBit2 = (hash: number) => Math.imul(hash, 0x85ebca6b) >>> (32 - FILTER_BITS_LOG2);
const isSet = (bits: Int32Array, bit: number) => (bits[bit >>> 5] & (1 << (bit & 31))) !== 0;
const set = (bits: Int32Array, bit: number) => (bits[bit >>> 5] |= 1 << (bit & 31));

function dictionaryFilter(): Int32Array {
  if (filter) return filter;
  const bits = new Int32Array(1 << (FILTER_BITS_LOG2 - 5));
  forEachDictionaryWord((units, length) => {
    let hash = FNV_OFFSET;
    for (let k = 0; k < length; k++) {
      hash = Math.imul(hash ^ units[k], FNV_PRIME);
      if (k > 0) set(bits, prefixBit(hash));
    }
    set(bits, wordBit1(hash));
    set(bits, wordBit2(hash));
    longestWord = Math.max(longestWord, length);
  });
  filter = bits;
  return bits;
}

/**
 * Whether a dictionary word may span position `at` of `text` (cover both `at - 1` and `at`). When none
 * does, jieba cannot make a token across it: its tokens are dictionary words, single characters and runs
 * of ASCII letters and digits.
 */
export function mayJoinAt(text: string, at: number): boolean {
  const bits = dictionaryFilter();
  for (let from = Math.max(0, at - longestWord + 1); from < at; from++) {
    let hash = FNV_OFFSET;
    for (let k = from; k < at; k++) hash = Math.imul(hash ^ text.charCodeAt(k), FNV_PRIME);
    for (let k = at; k < text.length && k - from < longestWord; k++) {
      hash = Math.imul(hash ^ text.charCodeAt(k), FNV_PRIME);
      if (!isSet(bits, prefixBit(hash))) break;
      if (isSet(bits, wordBit1(hash)) && isSet(bits, wordBit2(hash))) return true;
    }
  }
  return false;
}
