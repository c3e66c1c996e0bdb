/**
 * jieba's dictionary (one entry a line, "word frequency tag", UTF-8), read in place from its bytes: decoding
 * it into one string and slicing 350,000 words out of it would cost tens of megabytes per thread. The models
 * built from it (character and word frequencies, the gazetteer's word lists) load on first use.
 */
import * as fs from 'node:fs';

const NEWLINE = 0x0a;
const SPACE = 0x20;

/**
 * The dictionary's bytes, read afresh for each model built from it: `@node-rs/jieba/dict` would keep them, and
 * the 6 MB IDF table beside them, for the life of every thread that loads it. Reading costs a few milliseconds.
 */
export function dictionaryBytes(): Uint8Array {
  return fs.readFileSync(require.resolve('@node-rs/jieba/dict.txt'));
}

export interface DictEntry {
  freq: number;
  tag: string;
}

/** Reads the rest of an entry's line: its frequency (a positive number or 0) and its tag. */
export interface EntryReader {
  /** The decimal digits right after the space that ends the word; 0 when there are none. */
  frequency(): number;
  entry(): DictEntry;
}

/**
 * Visits every entry: the word's UTF-16 units in a scratch buffer that the next entry overwrites, its length,
 * and a reader for the rest of its line. A line with no space after its word is no entry.
 */
export function forEachDictionaryWord(visit: (units: Uint16Array, length: number, rest: EntryReader) => void): void {
  const dict = dictionaryBytes();
  const decoder = new TextDecoder('utf-8');
  let units = new Uint16Array(64);
  let space = 0;
  let eol = 0;
  const rest: EntryReader = {
    frequency() {
      let freq = 0;
      for (let i = space + 1; i < eol && dict[i] >= 0x30 && dict[i] <= 0x39; i++) freq = freq * 10 + dict[i] - 0x30;
      return freq;
    },
    entry() {
      const [freq, tag] = decoder.decode(dict.subarray(space + 1, eol)).split(' ');
      return { freq: parseInt(freq, 10) || 0, tag: (tag ?? '').trim() };
    },
  };
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
    space = i;
    while (i < end && dict[i] !== NEWLINE) i++;
    eol = i;
    i++;
    if (space >= eol || space === lineStart) continue;
    visit(units, n, rest);
  }
}
