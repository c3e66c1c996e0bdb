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

export interface DictEntry {
  freq: number;
  tag: string;
}

/** Visits every word of the dictionary, with a reader for its entry (lines are "word freq tag"). */
export function forEachDictionaryWord(visit: (word: string, entry: () => DictEntry) => void): void {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { dict } = require('@node-rs/jieba/dict') as { dict: Uint8Array };
  const text = new TextDecoder('utf-8').decode(dict);
  // Walking the lines in place avoids splitting 350,000 lines into an array.
  for (let pos = 0; pos < text.length; ) {
    const eol = text.indexOf('\n', pos);
    const end = eol < 0 ? text.length : eol;
    const space = text.indexOf(' ', pos);
    if (space > pos && space < end) {
      const from = space + 1;
      visit(text.slice(pos, space), () => {
        const [freq, tag] = text.slice(from, end).split(' ');
        return { freq: parseInt(freq, 10) || 0, tag: (tag ?? '').trim() };
      });
    }
    pos = end + 1;
  }
}
