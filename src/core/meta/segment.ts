/**
 * The jieba segmenter and its dictionary, loaded on first use (a few hundred milliseconds) and shared by
 * metadata inference, structure checks and keyword extraction.
 */
import type { Jieba } from '@node-rs/jieba';
import { dictionaryBytes, forEachDictionaryWord } from '../dictionary';

let instance: Jieba | null = null;

export function segmenter(): Jieba {
  if (!instance) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { Jieba: JiebaClass } = require('@node-rs/jieba') as typeof import('@node-rs/jieba');
    instance = JiebaClass.withDict(dictionaryBytes());
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
