/** Character classes of Chinese web text. */

export const HAN = /\p{Script=Han}/u;

/** Per BMP code unit, whether it is a Han character (0 for surrogates): filled once from HAN, then one lookup per character. */
let hanUnits: Uint8Array | null = null;

export function hanTable(): Uint8Array {
  if (!hanUnits) {
    hanUnits = new Uint8Array(0x10000);
    for (let c = 0; c < 0x10000; c++) if (c < 0xd800 || c > 0xdfff) hanUnits[c] = HAN.test(String.fromCharCode(c)) ? 1 : 0;
  }
  return hanUnits;
}

/** The Han characters of text[start, end), counted up to `enough` (counting stops there). */
export function countHan(text: string, enough = Infinity, start = 0, end = text.length): number {
  const table = hanTable();
  let n = 0;
  for (let i = start; i < end && n < enough; i++) {
    const unit = text.charCodeAt(i);
    if (unit < 0xd800 || unit > 0xdbff) {
      n += table[unit];
    } else if (i + 1 < end && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      // Extensions B and later are astral: rare enough for the regular expression.
      if (HAN.test(text.slice(i, i + 2))) n++;
      i++;
    }
  }
  return n;
}

/**
 * Sentence-final punctuation, full-width and the ASCII forms that scrapers normalise it to.
 * Closing quotes and brackets may follow it.
 */
export const SENTENCE_END = /[。！？!?…;；](?:[”’」』）)\]】》]*)$/;

/** Punctuation that cannot end a paragraph of prose (it promises more text). */
export const CONTINUES = /[,，、:：;；“‘「『（(《【\-—]$/;
