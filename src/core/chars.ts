/** Character classes of Chinese web text. */

export const HAN = /\p{Script=Han}/u;
export const HAN_G = /\p{Script=Han}/gu;

export function isHan(ch: string): boolean {
  return HAN.test(ch);
}

export function countHan(text: string): number {
  HAN_G.lastIndex = 0;
  let n = 0;
  while (HAN_G.exec(text)) n++;
  return n;
}

/**
 * Sentence-final punctuation, full-width and the ASCII forms that scrapers normalise it to.
 * Closing quotes and brackets may follow it.
 */
export const SENTENCE_END = /[。！？!?…;；](?:[”’」』）)\]】》]*)$/;

/** Punctuation that cannot end a paragraph of prose (it promises more text). */
export const CONTINUES = /[,，、:：;；“‘「『（(《【\-—]$/;
