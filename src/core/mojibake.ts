/**
 * Mojibake: text whose bytes were decoded with the wrong code page, and GBK text read one byte out of frame.
 *
 * Scanning is linear and cheap: a line is examined only where it holds characters that are improbable in
 * Chinese text (rare Han characters by the character model, private-use code points, U+FFFD, letters of
 * scripts foreign to Chinese news). Around those, hypotheses are built by re-encoding: the visible characters
 * are turned back into the bytes the wrong decoder saw, and the bytes are decoded with the right code page
 * (or one byte later, for a frame shift). A hypothesis is kept when the repair is decisively more probable
 * Chinese than the visible text, by the word model of jieba's dictionary.
 */
import * as iconv from 'iconv-lite';
import type { Article } from './article';
import { hanLogProb, segmentLogProb } from './charfreq';
import { ownCopy } from './text';

/** How the text was garbled: "<what the bytes were>-as-<what they were read as>", or a GBK frame shift. */
export type MojibakeKind =
  | 'utf8-as-gbk'
  | 'utf8-as-big5'
  | 'utf8-as-latin1'
  | 'gbk-as-latin1'
  | 'big5-as-latin1'
  | 'big5-as-gbk'
  | 'gbk-as-big5'
  | 'gbk-as-utf8'
  | 'gbk-frame-shift';

export interface MojibakeRun {
  /** UTF-16 columns of the garbled text in its line. */
  start: number;
  end: number;
  kind: MojibakeKind;
  /** The repaired text, with U+FFFD where bytes are lost; null when nothing is recoverable. */
  repaired: string | null;
  /** Characters whose bytes are lost (U+FFFD in the repair). */
  lost: number;
  /** Characters completed from the word model where one byte was lost. */
  guessed: number;
  /** How much more probable (natural log) the repair is than the visible text. */
  gain: number;
  /** Re-encoding is exact both ways and nothing was lost or guessed. */
  lossless: boolean;
}

// ---------------------------------------------------------------------------------------------------------
// Character classes

const C_OTHER = 0;
const C_HAN = 1;
const C_ALNUM = 2;
const C_PUNCT = 3;
const C_SPACE = 4;
const C_CJK_PUNCT = 5;
const C_FW_ALNUM = 6;
const C_PUA = 7;
const C_REPLACEMENT = 8;
const C_SYMBOL = 9;
const C_LATIN = 10;
const C_IPA = 11;
/** Spacing modifiers, combining marks, C1 controls and the Latin-1 symbols Chinese text has no use for. */
const C_MARK = 12;
const C_GREEK = 13;
const C_CYRILLIC = 14;
const C_ARMENIAN = 15;
const C_HEBREW = 16;
const C_ARABIC = 17;
const C_SYRIAC = 18;
const C_THAANA = 19;
const C_NKO = 20;
const C_KANA = 21;
const C_HANGUL = 22;
const C_BOPOMOFO = 23;
const C_BOX = 24;

function buildClasses(): Uint8Array {
  const t = new Uint8Array(0x10000);
  const set = (from: number, to: number, c: number) => t.fill(c, from, to + 1);
  const each = (chars: string, c: number) => {
    for (const ch of chars) t[ch.charCodeAt(0)] = c;
  };
  set(0x21, 0x7e, C_PUNCT);
  set(0x30, 0x39, C_ALNUM);
  set(0x41, 0x5a, C_ALNUM);
  set(0x61, 0x7a, C_ALNUM);
  each('\t \u00a0\u3000', C_SPACE);
  set(0x2000, 0x200b, C_SPACE);
  set(0x80, 0xbf, C_MARK);
  each('¢£¥§©®°±²³µ¹¼½¾', C_SYMBOL);
  each('·', C_CJK_PUNCT);
  set(0xc0, 0x24f, C_LATIN);
  each('×÷', C_SYMBOL);
  set(0x250, 0x2af, C_IPA);
  set(0x2b0, 0x36f, C_MARK);
  // Tone marks of pinyin and bopomofo, which GBK carries.
  each('ˇˉˊˋ˙', C_SYMBOL);
  set(0x370, 0x3ff, C_GREEK);
  set(0x400, 0x52f, C_CYRILLIC);
  set(0x530, 0x58f, C_ARMENIAN);
  set(0x590, 0x5ff, C_HEBREW);
  set(0x600, 0x6ff, C_ARABIC);
  set(0x700, 0x74f, C_SYRIAC);
  set(0x750, 0x77f, C_ARABIC);
  set(0x780, 0x7bf, C_THAANA);
  set(0x7c0, 0x7ff, C_NKO);
  set(0x1100, 0x11ff, C_HANGUL);
  set(0x1e00, 0x1eff, C_LATIN);
  set(0x2010, 0x2027, C_CJK_PUNCT);
  each('‚„†‡‹›', C_MARK);
  set(0x2030, 0x205e, C_SYMBOL);
  each('※', C_CJK_PUNCT);
  set(0x20a0, 0x20cf, C_SYMBOL);
  set(0x2100, 0x24ff, C_SYMBOL);
  set(0x2500, 0x257f, C_BOX);
  set(0x2580, 0x27bf, C_SYMBOL);
  set(0x2b00, 0x2bff, C_SYMBOL);
  set(0x2e80, 0x2fdf, C_HAN);
  set(0x3001, 0x303f, C_CJK_PUNCT);
  set(0x3040, 0x30ff, C_KANA);
  each('・ー', C_CJK_PUNCT);
  set(0x3100, 0x312f, C_BOPOMOFO);
  set(0x3130, 0x318f, C_HANGUL);
  set(0x31a0, 0x31bf, C_BOPOMOFO);
  set(0x31f0, 0x31ff, C_KANA);
  set(0x3200, 0x33ff, C_SYMBOL);
  set(0x3400, 0x4dbf, C_HAN);
  set(0x4e00, 0x9fff, C_HAN);
  set(0xac00, 0xd7af, C_HANGUL);
  set(0xe000, 0xf8ff, C_PUA);
  set(0xf900, 0xfaff, C_HAN);
  set(0xfe30, 0xfe4f, C_CJK_PUNCT);
  set(0xff01, 0xff65, C_CJK_PUNCT);
  set(0xff10, 0xff19, C_FW_ALNUM);
  set(0xff21, 0xff3a, C_FW_ALNUM);
  set(0xff41, 0xff5a, C_FW_ALNUM);
  set(0xffe0, 0xffe6, C_SYMBOL);
  t[0xfffd] = C_REPLACEMENT;
  return t;
}

let classTable: Uint8Array | null = null;

function classOf(cp: number): number {
  if (cp > 0xffff) {
    if (cp >= 0x20000 && cp <= 0x3ffff) return C_HAN;
    if (cp >= 0xf0000) return C_PUA;
    return C_SYMBOL;
  }
  classTable ??= buildClasses();
  return classTable[cp];
}

/** Letters of scripts that have no place in Chinese news text when they are not part of a foreign word. */
const FOREIGN_LETTER = [C_IPA, C_CYRILLIC, C_ARMENIAN, C_HEBREW, C_ARABIC, C_SYRIAC, C_THAANA, C_NKO, C_KANA, C_HANGUL];

/** Per class, whether it is one of `classes`: a flag array, which per-character loops read faster than a Set. */
function classFlags(classes: number[]): Uint8Array {
  const flags = new Uint8Array(C_BOX + 1);
  for (const c of classes) flags[c] = 1;
  return flags;
}

const IS_FOREIGN_LETTER = classFlags(FOREIGN_LETTER);

/** Characters worth a closer look: what wrong decoders produce and what Chinese text rarely holds. */
const SUSPICIOUS_CLASS = new Set([
  C_OTHER, C_FW_ALNUM, C_PUA, C_REPLACEMENT, C_LATIN, C_IPA, C_MARK, C_GREEK, C_CYRILLIC, C_ARMENIAN, C_HEBREW,
  C_ARABIC, C_SYRIAC, C_THAANA, C_NKO, C_KANA, C_HANGUL, C_BOPOMOFO, C_BOX,
]);

/** A Han character this improbable is rare in news text (about one in a hundred); mojibake is full of them. */
const RARE_HAN = -12.5;

function isSuspicious(cp: number, cls: number): boolean {
  return cls === C_HAN ? hanLogProb(cp) < RARE_HAN : SUSPICIOUS_CLASS.has(cls);
}

// ---------------------------------------------------------------------------------------------------------
// The text model: log-probability of a short text as Chinese

/** Cost of a character whose bytes are lost, about what an average character of Chinese text costs. */
const LOST_COST = -9;

const CLASS_COST: number[] = [];
CLASS_COST[C_OTHER] = -12;
CLASS_COST[C_PUNCT] = -2;
CLASS_COST[C_SPACE] = -1;
CLASS_COST[C_CJK_PUNCT] = -3;
CLASS_COST[C_FW_ALNUM] = -9;
CLASS_COST[C_PUA] = -18;
CLASS_COST[C_REPLACEMENT] = LOST_COST;
CLASS_COST[C_SYMBOL] = -5;
CLASS_COST[C_LATIN] = -13;
CLASS_COST[C_IPA] = -14;
CLASS_COST[C_MARK] = -14;
CLASS_COST[C_GREEK] = -12;
CLASS_COST[C_CYRILLIC] = -13;
CLASS_COST[C_ARMENIAN] = -15;
CLASS_COST[C_HEBREW] = -15;
CLASS_COST[C_ARABIC] = -15;
CLASS_COST[C_SYRIAC] = -16;
CLASS_COST[C_THAANA] = -16;
CLASS_COST[C_NKO] = -16;
CLASS_COST[C_KANA] = -12;
CLASS_COST[C_HANGUL] = -12;
CLASS_COST[C_BOPOMOFO] = -13;
CLASS_COST[C_BOX] = -13;

/** Where full-width punctuation was normalised to ASCII, a `?` is as likely a lost character as a question mark. */
const DOUBTFUL_QUESTION_COST = -6;

/** A run of ASCII letters and digits: a word or number costs little, a stray letter between Han characters more. */
const ALNUM_RUN_COST = -5;
const ALNUM_CHAR_COST = -0.5;

/** The open run of letters and digits after the character withOther scored. */
let alnumAfter = 0;

/** A score so far plus a character other than Han, which ends or extends the open run of `alnum` letters and digits. */
function withOther(total: number, cp: number, cls: number, alnum: number): number {
  // Accented letters inside a Latin word are letters of that word.
  if (cls === C_ALNUM || (cls === C_LATIN && alnum > 0)) {
    alnumAfter = alnum + 1;
    return total;
  }
  alnumAfter = 0;
  if (alnum) total += ALNUM_RUN_COST + ALNUM_CHAR_COST * alnum;
  return total + (cp === QUESTION ? DOUBTFUL_QUESTION_COST : CLASS_COST[cls]);
}

/**
 * Log-probability of a text as Chinese. `quick` scores Han characters one by one (the pre-test); otherwise
 * runs of Han are segmented into words, which is what separates fluent text from common characters in
 * nonsense order.
 */
export function scoreText(text: string, quick: boolean): number {
  if (quick) {
    quickBegin();
    quickAdd(text, 0, text.length);
    return quickEnd();
  }
  let total = 0;
  // At most one run is open: the Han run from `hanFrom`, or `alnum` letters and digits.
  let hanFrom = -1;
  let alnum = 0;
  for (let i = 0; i < text.length; ) {
    const cp = text.codePointAt(i)!;
    const cls = classOf(cp);
    if (cls === C_HAN) {
      if (alnum) total += ALNUM_RUN_COST + ALNUM_CHAR_COST * alnum;
      alnum = 0;
      if (hanFrom < 0) hanFrom = i;
    } else {
      if (hanFrom >= 0) total += segmentLogProb(text.slice(hanFrom, i));
      hanFrom = -1;
      total = withOther(total, cp, cls, alnum);
      alnum = alnumAfter;
    }
    i += cp > 0xffff ? 2 : 1;
  }
  if (hanFrom >= 0) total += segmentLogProb(text.slice(hanFrom));
  if (alnum) total += ALNUM_RUN_COST + ALNUM_CHAR_COST * alnum;
  return total;
}

/**
 * The quick score of a text given in pieces, read where they lie: a gain compares a repair and the visible text in
 * the same context, and building those strings cost more than scoring them. The state of one score at a time:
 * the total so far, the open Han run's characters' sum (added up in order, as one string would be), or the count
 * of the open run of letters and digits.
 */
let quickTotal = 0;
let quickInHan = false;
let quickHanSum = 0;
let quickAlnum = 0;

function quickBegin(): void {
  quickTotal = 0;
  quickInHan = false;
  quickHanSum = 0;
  quickAlnum = 0;
}

/** Scores characters [from, to) of a text as the continuation of the text so far. */
function quickAdd(text: string, from: number, to: number): void {
  for (let i = from; i < to; ) {
    let cp = text.codePointAt(i)!;
    // A pair cut by the end of the piece is a lone surrogate there, as in a slice.
    if (cp > 0xffff && i + 1 >= to) cp = text.charCodeAt(i);
    const cls = classOf(cp);
    if (cls === C_HAN) {
      if (quickAlnum) quickTotal += ALNUM_RUN_COST + ALNUM_CHAR_COST * quickAlnum;
      quickAlnum = 0;
      if (!quickInHan) {
        quickInHan = true;
        quickHanSum = 0;
      }
      quickHanSum += hanLogProb(cp);
    } else {
      if (quickInHan) quickTotal += quickHanSum;
      quickInHan = false;
      quickTotal = withOther(quickTotal, cp, cls, quickAlnum);
      quickAlnum = alnumAfter;
    }
    i += cp > 0xffff ? 2 : 1;
  }
}

function quickEnd(): number {
  if (quickInHan) quickTotal += quickHanSum;
  if (quickAlnum) quickTotal += ALNUM_RUN_COST + ALNUM_CHAR_COST * quickAlnum;
  return quickTotal;
}

/**
 * Per character, the word model's log-probability of the Han runs of a text. Nine in ten four-character
 * stretches of real news text score above this; common characters in nonsense order fall below it.
 */
const FLUENT = -8.75;

function isFluent(text: string): boolean {
  let sum = 0;
  let n = 0;
  for (const run of text.match(HAN_RUN) ?? []) {
    sum += segmentLogProb(run);
    n += [...run].length;
  }
  return n > 0 && sum / n >= FLUENT;
}

const HAN_RUN = /\p{Script=Han}+/gu;

/** Control characters, which no text a person wrote contains. */
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;

function hanCount(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const cp = text.codePointAt(i)!;
    if (cp > 0xffff) i++;
    if (classOf(cp) === C_HAN) n++;
  }
  return n;
}

const FOREIGN_OR_MARK = classFlags([...FOREIGN_LETTER, C_LATIN, C_MARK, C_GREEK, C_OTHER, C_PUA, C_BOX, C_BOPOMOFO]);

function foreignLetters(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const cp = text.codePointAt(i)!;
    if (cp > 0xffff) i++;
    if (FOREIGN_OR_MARK[classOf(cp)]) n++;
  }
  return n;
}

/** Han characters of a text that are not rare: names have a rare one here and there, noise has mostly rare ones. */
function plausibleHan(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const cp = text.codePointAt(i)!;
    if (cp > 0xffff) i++;
    if (classOf(cp) === C_HAN && hanLogProb(cp) >= RARE_HAN) n++;
  }
  return n;
}

/** Mean log-probability of the Han characters of a text: how plausible its characters are, one by one. */
function meanHanLogProb(text: string): number {
  let sum = 0;
  let n = 0;
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (classOf(cp) !== C_HAN) continue;
    sum += hanLogProb(cp);
    n++;
  }
  return n === 0 ? -Infinity : sum / n;
}

// ---------------------------------------------------------------------------------------------------------
// Code pages

type Codec = 'gbk' | 'big5' | 'utf8' | 'latin1';

/** A byte the text no longer holds: what U+FFFD stands for. */
const UNKNOWN = -1;

/** Windows-1252's bytes 0x80–0x9F; the five it leaves undefined pass through as C1 controls, as browsers do. */
const CP1252_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';
const CP1252_BYTE = new Map<number, number>([...CP1252_HIGH].map((ch, i) => [ch.charCodeAt(0), 0x80 + i]));

/**
 * Bytes per character and code page, filled on first sight: arrays indexed by BMP code point (a look-up there is
 * far cheaper than a map's), a map for the few characters beyond. The byte arrays are shared, never changed.
 */
const encodeCache: Record<Codec, (number[] | null | undefined)[] | null> = { gbk: null, big5: null, utf8: null, latin1: null };
const astralEncodeCache: Record<Codec, Map<number, number[] | null>> = { gbk: new Map(), big5: new Map(), utf8: new Map(), latin1: new Map() };
const ASCII_BYTES = Array.from({ length: 0x80 }, (_, b) => [b]);

/** The bytes a character has in a code page, or null when the code page has no such character. */
function encodeChar(cp: number, codec: Codec): number[] | null {
  if (cp < 0x80) return ASCII_BYTES[cp];
  const bmp = (encodeCache[codec] ??= new Array(0x10000));
  const bytes = cp <= 0xffff ? bmp[cp] : astralEncodeCache[codec].get(cp);
  if (bytes !== undefined) return bytes;
  const found = encodeUncached(cp, codec);
  if (cp <= 0xffff) bmp[cp] = found;
  else astralEncodeCache[codec].set(cp, found);
  return found;
}

/**
 * One encoder and one decoder per double-byte code page, reused: iconv's encode() and decode() make new ones on
 * every call, and they are called per character here. Its double-byte encoders and decoders are back in their
 * initial state after end(), so the results are those of fresh ones.
 */
const coders: Partial<Record<'gbk' | 'big5', { encoder: iconv.EncoderStream; decoder: iconv.DecoderStream }>> = {};

const codersOf = (codec: 'gbk' | 'big5') => (coders[codec] ??= { encoder: iconv.getEncoder(codec), decoder: iconv.getDecoder(codec) });

/** iconv.encode, with the code page's encoder. */
function encodeWith(codec: 'gbk' | 'big5', text: string): Buffer {
  const { encoder } = codersOf(codec);
  const bytes = encoder.write(text);
  const trail = encoder.end();
  return trail && trail.length > 0 ? Buffer.concat([bytes, trail]) : bytes;
}

/** iconv.decode, with the code page's decoder. */
function decodeWith(codec: 'gbk' | 'big5', bytes: Buffer): string {
  const { decoder } = codersOf(codec);
  const text = decoder.write(bytes);
  const trail = decoder.end();
  return trail ? text + trail : text;
}

function encodeUncached(cp: number, codec: Codec): number[] | null {
  const ch = String.fromCodePoint(cp);
  if (codec === 'utf8') return [...Buffer.from(ch, 'utf8')];
  if (codec === 'latin1') {
    // C1 controls stand for the bytes Windows-1252 leaves undefined (or for all of 0x80–0x9F, in ISO 8859-1).
    const b = CP1252_BYTE.get(cp) ?? (cp <= 0xff ? cp : undefined);
    return b === undefined ? null : [b];
  }
  const buf = encodeWith(codec, ch);
  return decodeWith(codec, buf) === ch ? [...buf] : null;
}

function isTrail(b: number, codec: 'gbk' | 'big5'): boolean {
  return (b >= 0x40 && b <= 0x7e) || (codec === 'gbk' ? b >= 0x80 && b <= 0xfe : b >= 0xa1 && b <= 0xfe);
}

/** One decoded character, or a character whose bytes are lost (text null). Units are shared, never changed. */
export interface Unit {
  text: string | null;
  /** Its code point (-1: lost), which comparisons read without touching the string. */
  code: number;
}

const LOST: Unit = { text: null, code: -1 };
const ASCII_UNITS: Unit[] = Array.from({ length: 0x80 }, (_, b) => ({ text: String.fromCharCode(b), code: b }));
const EURO: Unit = { text: '€', code: 0x20ac };

/** The unit of each byte pair per code page (LOST where it has none), indexed by the pair: filled on first sight. */
const pairCache: Record<'gbk' | 'big5', (Unit | undefined)[] | null> = { gbk: null, big5: null };

function decodePair(lead: number, trail: number, codec: 'gbk' | 'big5'): Unit {
  const key = (lead << 8) | trail;
  const cache = (pairCache[codec] ??= new Array(0x10000));
  let unit = cache[key];
  if (unit === undefined) {
    const s = decodeWith(codec, Buffer.from([lead, trail]));
    unit = s.length >= 1 && s.length <= 2 && [...s].length === 1 && s !== '\ufffd' ? { text: s, code: s.codePointAt(0)! } : LOST;
    cache[key] = unit;
  }
  return unit;
}

/** How many bytes the unit decodeUnit returned last takes: a second result, without an object per character. */
let unitLength = 1;

/** The character that starts at byte `i` of GBK or Big5 bytes ending at `to`, as a decoder that replaces what it cannot read. */
function decodeUnit(bytes: number[], i: number, codec: 'gbk' | 'big5', to: number): Unit {
  unitLength = 1;
  const b = bytes[i];
  if (b === UNKNOWN) return LOST;
  if (b < 0x80) return ASCII_UNITS[b];
  if (codec === 'gbk' && b === 0x80) return EURO;
  if (b === 0xff || b < 0x81 || i + 1 >= to) return LOST;
  const t = bytes[i + 1];
  if (t === UNKNOWN) {
    unitLength = 2;
    return LOST;
  }
  // Where the byte after a lead is no trail, the lead alone is replaced and that byte starts the next character.
  if (!isTrail(t, codec)) return LOST;
  unitLength = 2;
  return decodePair(b, t, codec);
}

/** Decodes GBK or Big5 bytes [from, to), as a decoder that replaces what it cannot read, onto `units`. */
export function decodeDoubleByte(bytes: number[], from: number, codec: 'gbk' | 'big5', to = bytes.length, units: Unit[] = []): Unit[] {
  for (let i = from; i < to; i += unitLength) units.push(decodeUnit(bytes, i, codec, to));
  return units;
}

/** A decoded UTF-8 character, a character whose bytes are lost, or the likeliest Han characters one lost byte allows. */
type Utf8Token = string | null | string[];

function sequenceLength(lead: number): number {
  if (lead >= 0xc2 && lead <= 0xdf) return 2;
  if (lead >= 0xe0 && lead <= 0xef) return 3;
  if (lead >= 0xf0 && lead <= 0xf4) return 4;
  return 0;
}

const isContinuation = (b: number) => b >= 0x80 && b <= 0xbf;

/** The character of one complete UTF-8 sequence, or null when it is overlong, a surrogate or out of range. */
function utf8Char(bytes: ArrayLike<number>, at: number, n: number): string | null {
  const lead = bytes[at];
  let cp = n === 2 ? lead & 0x1f : n === 3 ? lead & 0x0f : lead & 0x07;
  for (let i = at + 1; i < at + n; i++) cp = (cp << 6) | (bytes[i] & 0x3f);
  const min = n === 2 ? 0x80 : n === 3 ? 0x800 : 0x10000;
  if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return null;
  // Of the supplementary planes, news text holds emoji; anything else there is a chance reading.
  if (n === 4 && (cp < 0x1f000 || cp > 0x1faff)) return null;
  return String.fromCodePoint(cp);
}

/** Every character a sequence can be when one of its bytes is unknown. */
export function completions(seq: number[]): string[] {
  const at = seq.indexOf(UNKNOWN);
  const out: string[] = [];
  const [first, last] = at === 0 ? [0xc2, 0xf4] : [0x80, 0xbf];
  for (let v = first; v <= last; v++) {
    const s = seq.slice();
    s[at] = v;
    if (at === 0 && sequenceLength(v) !== s.length) continue;
    const ch = utf8Char(s, 0, s.length);
    if (ch !== null) out.push(ch);
  }
  return out;
}

/** Han characters the word model weighs for a lost byte: only the likeliest few can win (see resolveTokens). */
const GUESS_CANDIDATES = 4;

/** The Han completions of a sequence with one unknown byte worth weighing, likeliest first; null when none. */
export function likeliestCompletions(seq: number[]): string[] | null {
  const likeliest = completions(seq)
    .map((t) => t.codePointAt(0)!)
    .filter((cp) => classOf(cp) === C_HAN)
    .sort((a, b) => hanLogProb(b) - hanLogProb(a))
    .slice(0, GUESS_CANDIDATES)
    .map((cp) => String.fromCodePoint(cp));
  return likeliest.length > 0 ? likeliest : null;
}

/**
 * likeliestCompletions per sequence, keyed by its length, the unknown byte's place and the other bytes. Lost
 * bytes fall in few places of few sequences (a few thousand keys at most); the bound is a safeguard.
 */
const completionCache = new Map<number, string[] | null>();
const COMPLETION_CACHE = 8192;

export function cachedCompletions(bytes: ArrayLike<number>, from: number, n: number): string[] | null {
  // With one byte unknown, the other three at most fit below the length and place: the key stays a small integer.
  let at = from;
  while (bytes[at] !== UNKNOWN) at++;
  let key = n * 4 + at - from;
  for (let k = from; k < from + n; k++) if (bytes[k] !== UNKNOWN) key = key * 256 + bytes[k];
  let found = completionCache.get(key);
  if (found === undefined) {
    found = likeliestCompletions(Array.from({ length: n }, (_, k) => bytes[from + k]));
    if (completionCache.size >= COMPLETION_CACHE) completionCache.clear();
    completionCache.set(key, found);
  }
  return found;
}

/**
 * Decodes UTF-8 bytes (with unknown bytes) from `from`, stopping at the first invalid sequence. Returns the
 * tokens and, for each token, the byte offset where it ends.
 */
function decodeUtf8(bytes: ArrayLike<number>, from: number, to: number): { tokens: Utf8Token[]; ends: number[] } {
  const tokens: Utf8Token[] = [];
  const ends: number[] = [];
  let i = from;
  while (i < to) {
    const b = bytes[i];
    if (b !== UNKNOWN && b < 0x80) {
      tokens.push(String.fromCharCode(b));
      ends.push(++i);
      continue;
    }
    let n: number;
    if (b === UNKNOWN) {
      // An unknown lead: the continuation bytes after it tell how long its sequence was.
      let k = 0;
      while (k < 3 && i + 1 + k < to && bytes[i + 1 + k] !== UNKNOWN && isContinuation(bytes[i + 1 + k])) k++;
      if (k === 0) {
        tokens.push(null);
        ends.push(++i);
        continue;
      }
      n = k + 1;
    } else {
      n = sequenceLength(b);
      if (n === 0 || i + n > to) break;
    }
    // Checked in place: most sequences tried here are invalid, and need no copy.
    let unknown = bytes[i] === UNKNOWN ? 1 : 0;
    let valid = true;
    for (let k = i + 1; k < i + n; k++) {
      if (bytes[k] === UNKNOWN) unknown++;
      else if (!isContinuation(bytes[k])) valid = false;
    }
    if (!valid) break;
    if (unknown === 0) {
      const ch = utf8Char(bytes, i, n);
      if (ch === null) break;
      tokens.push(ch);
    } else if (unknown === 1) {
      tokens.push(cachedCompletions(bytes, i, n));
    } else {
      tokens.push(null);
    }
    i += n;
    ends.push(i);
  }
  return { tokens, ends };
}

/** Margin (natural log) by which the best completion of a lost byte must beat the next to be offered. */
const GUESS_MARGIN = 2;

/** Resolves the characters of lost bytes from their neighbours by the word model; undecided ones stay lost. */
function resolveTokens(tokens: Utf8Token[]): { chars: (string | null)[]; text: string; lost: number; guessed: number } {
  const out: (string | null)[] = tokens.map((t) => (typeof t === 'string' ? t : null));
  let guessed = 0;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    if (!Array.isArray(token)) continue;
    const left = neighbours(out, i, -1);
    const right = neighbours(out, i, 1);
    // Without neighbours to form a word with, the choice would be the commonest character: no better than none.
    if (left.length + right.length < 2) continue;
    let best = -Infinity;
    let second = -Infinity;
    let choice: string | null = null;
    for (const option of token) {
      const s = scoreText(left + option + right, false);
      if (s > best) {
        second = best;
        best = s;
        choice = option;
      } else if (s > second) second = s;
    }
    if (choice !== null && best - second >= GUESS_MARGIN) {
      out[i] = choice;
      guessed++;
    }
  }
  let lost = 0;
  let text = '';
  for (const t of out) {
    if (t === null) lost++;
    text += t ?? '\ufffd';
  }
  return { chars: out, text, lost, guessed };
}

interface Part {
  from: number;
  to: number;
  text: string;
  dirty: boolean;
  guessed: number;
}

/**
 * Splits a UTF-8 reading into parts that are exact and parts with lost or guessed characters, where the
 * visible text allows a cut (a character boundary of both readings).
 */
function cleanParts(tokens: Utf8Token[], resolved: (string | null)[], ends: number[], boundary: Int32Array, fromChar: number): Part[] {
  const parts: Part[] = [];
  const isDirty = (k: number) => typeof tokens[k] !== 'string';
  let current: Part = { from: fromChar, to: fromChar, text: '', dirty: false, guessed: 0 };
  tokens.forEach((_, k) => {
    current.text += resolved[k] ?? '\ufffd';
    if (isDirty(k)) {
      current.dirty = true;
      if (resolved[k] !== null) current.guessed++;
    }
    const aligned = boundary[ends[k]];
    if (aligned < 0) return;
    if (k === tokens.length - 1 || isDirty(k + 1) !== current.dirty) {
      current.to = aligned;
      parts.push(current);
      current = { from: aligned, to: aligned, text: '', dirty: false, guessed: 0 };
    }
  });
  return parts;
}

/** Up to three resolved characters on one side of a token, stopping at an unresolved one. */
function neighbours(out: (string | null)[], at: number, step: 1 | -1): string {
  let s = '';
  for (let i = at + step, n = 0; i >= 0 && i < out.length && n < 3; i += step, n++) {
    const t = out[i];
    if (t === null) break;
    s = step === 1 ? s + t : t + s;
  }
  return s;
}

// ---------------------------------------------------------------------------------------------------------
// Lines as characters

interface Chars {
  cps: number[];
  classes: number[];
  /** UTF-16 offset of each character, and the line length after the last. */
  offsets: number[];
}

function toChars(line: string): Chars {
  const cps: number[] = [];
  const classes: number[] = [];
  const offsets: number[] = [];
  for (let i = 0; i < line.length; ) {
    const cp = line.codePointAt(i)!;
    cps.push(cp);
    classes.push(classOf(cp));
    offsets.push(i);
    i += cp > 0xffff ? 2 : 1;
  }
  offsets.push(line.length);
  return { cps, classes, offsets };
}

/** Natural-log margins a repair must win by: structural evidence (valid UTF-8) needs less than the model alone. */
const MIN_GAIN_VALID = 8;
const MIN_GAIN_SCORED = 12;
/**
 * UTF-8 read as Latin-1 in Latin text ("CafÃ©"): a multibyte sequence spelt in Latin-1 letters and symbols is
 * itself the evidence, and the model has little to say about Latin words.
 */
const MIN_GAIN_LATIN = 3;
const MIN_GAIN_SHIFT = 12;
/** A repair this decisive, lossless and exact may be applied unattended. */
const SAFE_GAIN = 15;
/** Characters of context on each side when scoring, so that words across the boundary count. */
const CONTEXT = 4;

export function gainOf(line: string, start: number, end: number, repaired: string, quick: boolean): number {
  const from = Math.max(0, start - CONTEXT);
  const to = Math.min(line.length, end + CONTEXT);
  if (!quick) {
    const left = line.slice(from, start);
    const right = line.slice(end, to);
    return scoreText(left + repaired + right, false) - scoreText(line.slice(from, to), false);
  }
  quickBegin();
  quickAdd(line, from, start);
  quickAdd(repaired, 0, repaired.length);
  quickAdd(line, end, to);
  const repairedScore = quickEnd();
  quickBegin();
  quickAdd(line, from, to);
  return repairedScore - quickEnd();
}

/** A gain this large by the characters alone settles it: the word model is spent on the close cases only. */
const DECISIVE_QUICK_GAIN = 30;

function score(line: string, start: number, end: number, repaired: string): number {
  const quickGain = gainOf(line, start, end, repaired, true);
  return quickGain <= 0 || quickGain >= DECISIVE_QUICK_GAIN ? quickGain : gainOf(line, start, end, repaired, false);
}

/** Narrows a run to what the repair changes: equal characters at both ends are no part of it. */
function trimEqual(line: string, start: number, end: number, repaired: string): { start: number; end: number; repaired: string } {
  const visible = line.slice(start, end);
  let p = 0;
  while (p < visible.length && p < repaired.length && visible[p] === repaired[p] && repaired[p] !== '\ufffd') p++;
  let s = 0;
  while (s < visible.length - p && s < repaired.length - p && visible[visible.length - 1 - s] === repaired[repaired.length - 1 - s]) s++;
  // Never split a surrogate pair.
  if (p > 0 && /[\ud800-\udbff]/.test(visible[p - 1])) p--;
  if (s > 0 && /[\udc00-\udfff]/.test(visible[visible.length - s])) s--;
  return { start: start + p, end: end - s, repaired: repaired.slice(p, repaired.length - s) };
}

/** Scrapers that normalise full-width punctuation to ASCII do it everywhere: repairs follow the line's habit. */
const FULL_WIDTH_TO_ASCII: Record<string, string> = { '，': ',', '：': ':', '？': '?', '！': '!', '（': '(', '）': ')', '；': ';' };
const HAS_FULL_WIDTH = /[，：？！（）；]/;
const HAS_NORMALISED = /[\p{Script=Han}][,:?!();]|[,:?!();][\p{Script=Han}]/u;

/** The ASCII form of each of U+FF00–U+FF1F that scrapers normalise (0: none); they all lie in that stretch. */
const FULL_WIDTH_TO_ASCII_CODE = new Uint16Array(0x20);
for (const [f, a] of Object.entries(FULL_WIDTH_TO_ASCII)) FULL_WIDTH_TO_ASCII_CODE[f.charCodeAt(0) - 0xff00] = a.charCodeAt(0);
/** A code point as the line's habit may have written it: compared as numbers, no string is made per character. */
const asAscii = (cp: number) => (cp >= 0xff00 && cp < 0xff20 ? FULL_WIDTH_TO_ASCII_CODE[cp - 0xff00] || cp : cp);

function normaliser(line: string): (text: string) => string {
  if (HAS_FULL_WIDTH.test(line) || !HAS_NORMALISED.test(line)) return (t) => t;
  return (t) => t.replace(/[，：？！（）；]/g, (c) => FULL_WIDTH_TO_ASCII[c]);
}

// ---------------------------------------------------------------------------------------------------------
// Hypotheses

function makeRun(line: string, start: number, end: number, kind: MojibakeKind, repaired: string, lost: number, guessed: number, exact: boolean, gain: number): MojibakeRun {
  const t = trimEqual(line, start, end, repaired);
  // A lost character the visible text already marks with U+FFFD may fall outside the trimmed run.
  let marked = 0;
  for (let i = t.repaired.indexOf('\ufffd'); i >= 0; i = t.repaired.indexOf('\ufffd', i + 1)) marked++;
  return { start: t.start, end: t.end, kind, repaired: t.repaired, lost: marked, guessed, gain, lossless: exact && lost === 0 && marked === 0 && guessed === 0 };
}

/** Bytes of characters [from, to) in a code page (U+FFFD as an unknown byte), or null if one has none. */
function bytesOf(chars: Chars, from: number, to: number, codec: Codec): { bytes: number[]; starts: number[] } | null {
  const bytes: number[] = [];
  const starts: number[] = [];
  for (let i = from; i < to; i++) {
    starts.push(bytes.length);
    if (chars.classes[i] === C_REPLACEMENT) {
      // A Big5 decoder replaces a whole pair it has no character for; the others a single byte they cannot read.
      if (codec === 'big5') bytes.push(UNKNOWN, UNKNOWN);
      else bytes.push(UNKNOWN);
      continue;
    }
    const b = encodeChar(chars.cps[i], codec);
    if (b === null) return null;
    for (let k = 0; k < b.length; k++) bytes.push(b[k]);
  }
  starts.push(bytes.length);
  return { bytes, starts };
}

const UTF8_KIND: Record<'gbk' | 'big5' | 'latin1', MojibakeKind> = { gbk: 'utf8-as-gbk', big5: 'utf8-as-big5', latin1: 'utf8-as-latin1' };

/**
 * Text re-read as UTF-8: what GBK, Big5 or Latin-1 decoding made of UTF-8 bytes. The UTF-8 must be valid from
 * a character boundary of the visible text to another, which text that really is in those code pages almost
 * never is; so stretches are found by validity, and the model only has to confirm them.
 */
function utf8Readings(line: string, chars: Chars, from: number, to: number, wrong: 'gbk' | 'big5' | 'latin1', out: MojibakeRun[], established = false): void {
  const length = encodeStretch(chars, from, to, wrong);
  if (length < 0) return;
  const bytes = stretchBytes;
  const starts = stretchStarts;
  // Filled when a start first passes the test on its first two bytes, which most stretches never do.
  let boundary: Int32Array | null = null;
  let i = 0;
  while (i < to - from) {
    const lead = bytes[starts[i]];
    // Most starting points fail on their first two bytes: no need to decode there.
    if (!((lead === UNKNOWN || sequenceLength(lead) > 0) && starts[i] + 1 < length && (bytes[starts[i] + 1] === UNKNOWN || isContinuation(bytes[starts[i] + 1])))) {
      i++;
      continue;
    }
    if (boundary === null) {
      if (stretchBoundary.length <= length) stretchBoundary = new Int32Array(2 * length + 1);
      boundary = stretchBoundary;
      boundary.fill(-1, 0, length + 1);
      for (let k = 0; k <= to - from; k++) boundary[starts[k]] = from + k;
    }
    const { tokens, ends } = decodeUtf8(bytes, starts[i], length);
    // The longest prefix that ends on a character boundary of the visible text.
    let k = ends.length;
    while (k > 0 && boundary[ends[k - 1]] < 0) k--;
    const endChar = k > 0 ? boundary[ends[k - 1]] : from + i;
    tokens.length = k;
    ends.length = k;
    const reading: Utf8Reading = { from: from + i, to: endChar, tokens, ends, boundary, latinPair: lead === 0xc2 || lead === 0xc3 };
    if (isEnoughUtf8(reading, wrong, established)) {
      acceptUtf8Reading(line, chars, reading, wrong, established, out);
      i = endChar - from;
    } else i++;
  }
}

/**
 * The bytes of the stretch utf8Readings reads (as bytesOf makes them), where each character's bytes start, and
 * byte offset → character at those starts: scratch arrays, grown as needed and reused, since a reading is done
 * with them before the next stretch is encoded.
 */
let stretchBytes = new Int16Array(256);
let stretchStarts = new Int32Array(128);
let stretchBoundary = new Int32Array(256);

/** bytesOf into the scratch arrays: the number of bytes, or -1 if a character has none in the code page. */
function encodeStretch(chars: Chars, from: number, to: number, codec: Codec): number {
  // Four bytes a character at most: a UTF-8 sequence, or two unknown bytes of Big5.
  if (stretchBytes.length < 4 * (to - from)) stretchBytes = new Int16Array(8 * (to - from));
  if (stretchStarts.length <= to - from) stretchStarts = new Int32Array(2 * (to - from) + 1);
  const bytes = stretchBytes;
  const starts = stretchStarts;
  let n = 0;
  for (let i = from; i < to; i++) {
    starts[i - from] = n;
    if (chars.classes[i] === C_REPLACEMENT) {
      // A Big5 decoder replaces a whole pair it has no character for; the others a single byte they cannot read.
      bytes[n++] = UNKNOWN;
      if (codec === 'big5') bytes[n++] = UNKNOWN;
      continue;
    }
    const b = encodeChar(chars.cps[i], codec);
    if (b === null) return -1;
    for (let k = 0; k < b.length; k++) bytes[n++] = b[k];
  }
  starts[to - from] = n;
  return n;
}

interface Utf8Reading {
  /** Visible characters [from, to) and the UTF-8 tokens they decode to, with each token's end byte. */
  from: number;
  to: number;
  tokens: Utf8Token[];
  ends: number[];
  /** Byte offset → visible character index at the visible character boundaries, -1 elsewhere. */
  boundary: Int32Array;
  /** Whether it starts with Â or Ã: a Latin-1 letter or symbol spelt in UTF-8 ("Ã©" for "é"). */
  latinPair: boolean;
}

/**
 * Two characters read as GBK or Big5 are barely one of UTF-8, so two multibyte characters are needed (one
 * where the misreading is established for the article). Latin-1 spells a character in two or three, so one
 * will do when it takes three, or two beginning with Â or Ã.
 */
function isEnoughUtf8(r: Utf8Reading, wrong: 'gbk' | 'big5' | 'latin1', established: boolean): boolean {
  const length = r.to - r.from;
  if (length < 2) return false;
  let multibyte = 0;
  for (const t of r.tokens) if (typeof t !== 'string' || t.charCodeAt(0) >= 0x80) multibyte++;
  if (wrong !== 'latin1') return multibyte >= (established ? 1 : 2);
  return multibyte > 1 || (multibyte === 1 && (length >= 3 || r.latinPair));
}

function acceptUtf8Reading(line: string, chars: Chars, r: Utf8Reading, wrong: 'gbk' | 'big5' | 'latin1', established: boolean, out: MojibakeRun[]): void {
  const resolved = resolveTokens(r.tokens);
  const { text, lost, guessed } = resolved;
  const han = hanCount(text);
  // UTF-8 in a Chinese corpus is Chinese: a reading into letters of other scripts is chance.
  if (wrong !== 'latin1' && (foreignLetters(text) * 4 > han || CONTROL.test(text) || plausibleHan(text) * 2 < han)) return;
  // Nothing recovered: either noise, or (when the bytes spell U+FFFD itself, as 锟斤拷 does) text lost before
  // it was misread.
  let recovered = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    // A surrogate pair is one character: counted at its first half.
    if (c >= 0x80 && c !== 0xfffd && (c < 0xdc00 || c > 0xdfff)) recovered++;
  }
  const alreadyLost = recovered === 0 && lost === 0 && text.includes('\ufffd');
  if (recovered === 0 && !alreadyLost && !established) return;
  const start = chars.offsets[r.from];
  const end = chars.offsets[r.to];
  const gain = score(line, start, end, text);
  if (gain < (wrong === 'latin1' && han === 0 ? MIN_GAIN_LATIN : MIN_GAIN_VALID)) return;
  if (alreadyLost) {
    out.push({ ...makeRun(line, start, end, UTF8_KIND[wrong], text, lost, guessed, true, gain), repaired: null, lossless: false });
    return;
  }
  // Where bytes are lost, the exact parts are repaired apart from the rest, so they can be applied unattended.
  // Big5 decoders replace one byte or two for U+FFFD, so after a loss the alignment is not certain there.
  const parts = wrong === 'big5' ? [{ from: r.from, to: r.to, text, dirty: lost + guessed > 0, guessed }] : cleanParts(r.tokens, resolved.chars, r.ends, r.boundary, r.from);
  for (const part of parts) {
    const a = chars.offsets[part.from];
    const b = chars.offsets[part.to];
    // Each exact part answers for itself: a sliver of a long reading has little evidence of its own.
    const own = parts.length === 1 || part.dirty ? gain : Math.min(gain, score(line, a, b, part.text));
    out.push(makeRun(line, a, b, UTF8_KIND[wrong], part.text, part.dirty ? 1 : 0, part.guessed, true, own));
  }
}

/**
 * Double-byte text re-read as another double-byte code page (Big5 read as GBK, GBK read as Big5, or either
 * read as Latin-1). Nearly every pair of bytes is some character in both, so only the model can tell: each
 * clause with improbable characters is read on its own, must come out fluent and decisively better, and
 * neighbouring clauses that do are joined with the punctuation between them (garbled as well).
 */
function doubleByteReadings(line: string, chars: Chars, from: number, to: number, wrong: 'gbk' | 'big5' | 'latin1', suspicious: boolean[], out: MojibakeRun[]): void {
  const rights = wrong === 'latin1' ? (['gbk', 'big5'] as const) : ([wrong === 'gbk' ? 'big5' : 'gbk'] as const);
  for (const right of rights) {
    const accepted: [number, number][] = [];
    // Latin-1 runs hold no Chinese punctuation of their own: their quotes and dots are bytes of the text.
    const pieces = wrong === 'latin1' ? [[from, to] as [number, number]] : splitAtPunctuation(chars.classes, from, to);
    for (const [a, b] of pieces) {
      if (b - a >= 3 && countWhere(suspicious, a, b) >= 2 && doubleByteReading(line, chars, a, b, wrong, right)) accepted.push([a, b]);
    }
    if (accepted.length === 0) continue;
    // Join clauses separated by one punctuation character; fall back to the clauses alone.
    const groups: [number, number][][] = [];
    for (const piece of accepted) {
      const group = groups[groups.length - 1];
      if (group && piece[0] - group[group.length - 1][1] <= 1) group.push(piece);
      else groups.push([piece]);
    }
    for (const group of groups) {
      const joined = group.length > 1 ? doubleByteReading(line, chars, group[0][0], group[group.length - 1][1], wrong, right) : null;
      if (joined) out.push(joined);
      else for (const [a, b] of group) out.push(doubleByteReading(line, chars, a, b, wrong, right)!);
    }
    return;
  }
}

const DOUBLE_BYTE_KIND: Record<string, MojibakeKind> = {
  'gbk>big5': 'big5-as-gbk', 'big5>gbk': 'gbk-as-big5', 'latin1>gbk': 'gbk-as-latin1', 'latin1>big5': 'big5-as-latin1',
};

function doubleByteReading(line: string, chars: Chars, from: number, to: number, wrong: Codec, right: 'gbk' | 'big5'): MojibakeRun | null {
  const encoded = bytesOf(chars, from, to, wrong);
  if (!encoded) return null;
  const units = decodeDoubleByte(encoded.bytes, 0, right);
  const lost = units.filter((u) => u.text === null).length;
  // Most of the text must come back: a reading that loses much is no reading of this text.
  if (lost * 4 > units.length) return null;
  const text = units.map((u) => u.text ?? '\ufffd').join('');
  const start = chars.offsets[from];
  const end = chars.offsets[to];
  if (gainOf(line, start, end, text, true) <= 0) return null;
  // Latin-1 letters in a row are themselves no Chinese text: characters that are each plausible will do there.
  const han = hanCount(text);
  if (wrong === 'latin1' ? han < 2 || plausibleHan(text) * 4 < han * 3 : !isFluent(text)) return null;
  const gain = score(line, start, end, text);
  if (gain < MIN_GAIN_SCORED) return null;
  // Code pages map some characters from two byte pairs: the repair is exact only if it encodes back to these bytes.
  const exact = lost === 0 && [...text].flatMap((c) => encodeChar(c.codePointAt(0)!, right) ?? [UNKNOWN]).join() === encoded.bytes.join();
  return makeRun(line, start, end, DOUBLE_BYTE_KIND[`${wrong}>${right}`], text, lost, 0, exact, gain);
}

/** Full-width forms of the ASCII punctuation scrapers normalise to: in GBK they are two bytes, not one. */
const FULL_WIDTH_BYTES: Record<number, number[]> = {
  0x21: [0xa3, 0xa1], 0x2c: [0xa3, 0xac], 0x3a: [0xa3, 0xba], 0x3b: [0xa3, 0xbb], 0x3f: [0xa3, 0xbf], 0x28: [0xa3, 0xa8], 0x29: [0xa3, 0xa9],
};
const QUESTION = 0x3f;

/** How far before the first improbable character a frame shift may have begun, and how long a body is read. */
const SHIFT_LOOKBACK = 12;
const SHIFT_BODY = 48;
/** Readings of a cluster, best by characters alone, that the word model then weighs. */
const SHIFT_READINGS_SCORED = 3;

/**
 * A GBK frame shift: one byte lost, so that every pair after it is read across two characters until an ASCII
 * byte brings the decoder back in step. Re-encoding the visible text and decoding it one byte later undoes it;
 * the character the lost byte belonged to stays lost. Scrapers that turned full-width punctuation into ASCII
 * hide two bytes behind one, so both readings are tried; a `?` at the start stands for the lost character.
 */
function frameShifts(line: string, chars: Chars, first: number, last: number, normalise: (t: string) => string, out: MojibakeRun[]): void {
  const { cps, classes, offsets } = chars;
  const readings: { start: number; end: number; text: string; lost: number; hidden: number; quickGain: number }[] = [];
  const from = Math.max(0, first - SHIFT_LOOKBACK);
  // Every start reads a stretch of the same bytes: they are encoded once, as written and with full-width punctuation.
  const encoded: (ShiftBytes | undefined)[] = [];
  for (let s = from; s <= first; s++) {
    if (classes[s] === C_SPACE || classes[s] === C_ALNUM) continue;
    // A `?` where the shift starts may be the character the lost byte belonged to, or a full-width question mark.
    for (const lostFirst of cps[s] === QUESTION ? [true, false] : [false]) {
      const body = lostFirst ? s + 1 : s;
      // Without such punctuation in reach both readings are one: read once, counted twice, so that the choice
      // among the best few is what trying each would give.
      const twins = !holdsNormalised(cps, body, Math.min(cps.length, body + SHIFT_BODY));
      for (const fullWidth of twins ? [false] : [true, false]) {
        const bytes = (encoded[fullWidth ? 1 : 0] ??= shiftBytes(chars, from, first + 1 + SHIFT_BODY, last, fullWidth));
        const reading = realign(chars, bytes, body, last, normalise);
        if (!reading) continue;
        const start = offsets[s];
        const end = offsets[reading.end];
        // Lost characters shown as one mark still each cost what a lost character costs.
        const hidden = reading.merged * LOST_COST;
        const quickGain = gainOf(line, start, end, reading.text, true) + hidden;
        if (quickGain <= 0) continue;
        const found = { start, end, text: reading.text, lost: reading.lost, hidden, quickGain };
        readings.push(found);
        if (twins) readings.push(found);
      }
    }
  }
  // The model's full word segmentation only for the most promising readings.
  readings.sort((a, b) => b.quickGain - a.quickGain);
  let best: MojibakeRun | null = null;
  const top = readings.slice(0, SHIFT_READINGS_SCORED);
  for (let k = 0; k < top.length; k++) {
    const r = top[k];
    // A twin scores as its first, which it cannot beat.
    if (k > 0 && top[k - 1] === r) continue;
    const gain = gainOf(line, r.start, r.end, r.text, false) + r.hidden;
    if (gain < MIN_GAIN_SHIFT || !isFluent(r.text) || (best && gain <= best.gain)) continue;
    best = makeRun(line, r.start, r.end, 'gbk-frame-shift', r.text, r.lost, 0, false, gain);
  }
  if (best) out.push(best);
}

/** Whether characters [from, to) hold ASCII punctuation that may stand for full-width punctuation. */
function holdsNormalised(cps: number[], from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (cps[i] < 0x80 && FULL_WIDTH_BYTES[cps[i]]) return true;
  return false;
}

/** The GBK bytes of characters [from, to), with where each character's bytes start, and where readings stop. */
interface ShiftBytes {
  from: number;
  bytes: number[];
  /** Per character from `from`, the offset of its first byte; one more entry, where the bytes end. */
  starts: number[];
  /** Per character from `from`: a reading stops before it (a space, a `?` after the garbled text, no GBK bytes). */
  stops: Uint8Array;
  /**
   * Per byte offset, the unit decoded there and its length in bytes, filled on first use. Readings from nearby
   * starts fall into the same pairs after a character or two, so each offset is decoded once for all of them.
   */
  units: (Unit | undefined)[];
  lengths: Uint8Array;
}

function shiftBytes(chars: Chars, from: number, to: number, last: number, fullWidth: boolean): ShiftBytes {
  const { cps, classes } = chars;
  const end = Math.min(cps.length, to);
  const bytes: number[] = [];
  const starts: number[] = [];
  const stops = new Uint8Array(Math.max(0, end - from));
  for (let e = from; e < end; e++) {
    starts.push(bytes.length);
    const cp = cps[e];
    // A `?` after the garbled text is where the next lost character was.
    if (classes[e] === C_SPACE || (cp === QUESTION && e > last)) {
      stops[e - from] = 1;
      continue;
    }
    if (classes[e] === C_REPLACEMENT) {
      bytes.push(UNKNOWN);
      continue;
    }
    const b = fullWidth && FULL_WIDTH_BYTES[cp] ? FULL_WIDTH_BYTES[cp] : encodeChar(cp, 'gbk');
    if (b === null) stops[e - from] = 1;
    else for (let k = 0; k < b.length; k++) bytes.push(b[k]);
  }
  starts.push(bytes.length);
  return { from, bytes, starts, stops, units: new Array(bytes.length), lengths: new Uint8Array(bytes.length) };
}

/** GBK bytes with what is decoded at each offset, filled on first use (see ShiftBytes). */
export type DecodedBytes = Pick<ShiftBytes, 'bytes' | 'units' | 'lengths'>;

/** decodeDoubleByte of GBK bytes [from, to) onto `units`, each offset but the last decoded once for all readings. */
export function decodeGbkOnce(encoded: DecodedBytes, from: number, to: number, units: Unit[]): Unit[] {
  const { bytes } = encoded;
  for (let i = from; i < to; i += unitLength) {
    // Only the unit at the last byte depends on where the reading ends: a lead byte there has no trail.
    if (i + 1 >= to) {
      units.push(decodeUnit(bytes, i, 'gbk', to));
      continue;
    }
    let unit = encoded.units[i];
    if (unit === undefined) {
      unit = decodeUnit(bytes, i, 'gbk', bytes.length);
      encoded.units[i] = unit;
      encoded.lengths[i] = unitLength;
    }
    unitLength = encoded.lengths[i];
    units.push(unit);
  }
  return units;
}

/** Decodes the GBK bytes of the text from `body` one byte later, up to where the reading is back in step. */
function realign(chars: Chars, encoded: ShiftBytes, body: number, last: number, normalise: (t: string) => string): { end: number; text: string; lost: number; merged: number } | null {
  const { cps } = chars;
  const { from, starts, stops } = encoded;
  let e = body;
  const limit = Math.min(cps.length, body + SHIFT_BODY);
  while (e < limit && !stops[e - from]) e++;
  const begin = starts[body - from];
  const finish = starts[e - from];
  if (e <= last || finish - begin < 3) return null;
  const units = decodeGbkOnce(encoded, begin + 1, finish, [LOST]);
  // Once back in step the reading repeats the visible text: the shift ends where they agree again.
  let same = 0;
  while (same < e - body && same < units.length - 1) {
    const u = units[units.length - 1 - same].code;
    if (u < 0 || asAscii(u) !== asAscii(cps[e - 1 - same])) break;
    same++;
  }
  const bodyEnd = e - same;
  if (bodyEnd <= last) return null;
  const realigned = units.slice(0, units.length - same);
  let end = bodyEnd;
  if (same === 0 && e < cps.length && cps[e] === QUESTION) {
    // The `?` is the decoder's mark for the byte after a dangling lead: one character with it, not two.
    if (realigned[realigned.length - 1] !== LOST) realigned.push(LOST);
    end = e + 1;
  }
  const { text, lost, merged, kept } = markJunk(realigned, normalise);
  return kept < 2 ? null : { end, text, lost, merged };
}

/** Classes a realigned pair cannot plausibly be: they mark pairs read across bytes that are gone. */
const JUNK_CLASS = classFlags([C_PUA, C_FW_ALNUM, C_BOX, C_KANA, C_GREEK, C_CYRILLIC, C_LATIN, C_BOPOMOFO, C_MARK, C_SYMBOL, C_OTHER]);
const JUNK_HAN = -14;

/** The realigned text, with characters that are pairs of unrelated bytes marked lost, and runs of lost merged. */
function markJunk(units: Unit[], normalise: (t: string) => string): { text: string; lost: number; merged: number; kept: number } {
  let text = '';
  let lost = 0;
  let merged = 0;
  let kept = 0;
  let previousLost = false;
  for (const u of units) {
    const cp = u.code;
    const cls = cp < 0 ? -1 : classOf(cp);
    // An ASCII letter amid realigned pairs was a trail byte read on its own: the frame is still off there.
    const junk = u.text === null || JUNK_CLASS[cls] === 1 || cls === C_ALNUM || (cls === C_HAN && hanLogProb(cp) < JUNK_HAN);
    if (junk) {
      if (previousLost) merged++;
      else {
        text += '\ufffd';
        lost++;
      }
      previousLost = true;
    } else {
      text += u.text;
      previousLost = false;
      if (cls === C_HAN) kept++;
    }
  }
  return { text: normalise(text), lost, merged, kept };
}

/**
 * GBK read as UTF-8: the lead bytes the UTF-8 decoder rejected are gone (as U+FFFD, or dropped), and what is
 * left is letters of several unrelated scripts (Latin, IPA, Cyrillic, Arabic, Thaana …) in one word, with
 * ASCII letters that were trail bytes. Found by the mixture of scripts; recoverable only when no byte is lost.
 */
function gbkAsUtf8(line: string, chars: Chars, out: MojibakeRun[]): void {
  const { cps, classes, offsets } = chars;
  let i = 0;
  while (i < cps.length) {
    if (!isWordPart(classes[i])) {
      i++;
      continue;
    }
    let j = i;
    while (j < cps.length && isWordPart(classes[j])) j++;
    if (isMixedScriptWord(cps, classes, i, j)) {
      const start = offsets[i];
      const end = offsets[j];
      const repair = repairGbkAsUtf8(chars, i, j);
      const gain = repair ? gainOf(line, start, end, repair, false) : 0;
      if (repair && gain >= MIN_GAIN_VALID) out.push({ start, end, kind: 'gbk-as-utf8', repaired: repair, lost: 0, guessed: 0, gain, lossless: true });
      // Nothing to gain: any reading that does recover the text takes precedence.
      else out.push({ start, end, kind: 'gbk-as-utf8', repaired: null, lost: 0, guessed: 0, gain: 0, lossless: false });
    }
    i = j;
  }
}

const isWordPart = (cls: number) => cls === C_ALNUM || cls === C_REPLACEMENT || cls === C_LATIN || cls === C_IPA || cls === C_MARK || (cls >= C_GREEK && cls <= C_NKO);

/** Scripts of the letters of a word; Greek letters are units and symbols in science news, not a script mixed in. */
function isMixedScriptWord(cps: number[], classes: number[], from: number, to: number): boolean {
  const scripts = new Set<number>();
  let marks = 0;
  let lost = 0;
  let twoByte = 0;
  let greek = 0;
  for (let k = from; k < to; k++) {
    const cls = classes[k];
    if (cps[k] >= 0x80 && cps[k] <= 0x7ff) twoByte++;
    if (cls === C_ALNUM) {
      if (cps[k] > 0x39) scripts.add(C_LATIN);
    } else if (cls === C_IPA) scripts.add(C_LATIN);
    else if (cls === C_MARK) marks++;
    else if (cls === C_REPLACEMENT) lost++;
    else if (cls === C_GREEK) greek++;
    else scripts.add(cls);
  }
  if (twoByte === 0) return false;
  if (greek > 1 || (greek > 0 && scripts.size > 1)) scripts.add(C_GREEK);
  const foreign = [...scripts].filter((s) => s !== C_LATIN).length;
  return scripts.size >= 2 || (foreign > 0 && (marks > 0 || lost > 0)) || (lost > 0 && marks > 0) || isBlockSoup(cps, from, to);
}

/**
 * Letters from all over the two-byte range of UTF-8 (Latin-1, the Latin extensions, IPA, modifiers, combining
 * marks, Greek …) with few ASCII letters among them: what GBK pairs read as UTF-8 look like even within one
 * script. A real word keeps to one or two blocks, and is mostly ASCII where it is Latin.
 */
function isBlockSoup(cps: number[], from: number, to: number): boolean {
  const blocks = new Set<number>();
  let high = 0;
  let ascii = 0;
  for (let k = from; k < to; k++) {
    if (cps[k] < 0x80) ascii++;
    else if (cps[k] <= 0x7ff) {
      blocks.add(cps[k] >> 7);
      high++;
    }
  }
  return blocks.size >= 3 && high >= 4 && ascii < high;
}

/** Mean character log-probability that real Chinese text stays above; decoded noise falls below it. */
const PLAUSIBLE_HAN = -10;

/** The GBK text behind a UTF-8 misreading, when every byte is still there and it reads as Chinese. */
function repairGbkAsUtf8(chars: Chars, from: number, to: number): string | null {
  const encoded = bytesOf(chars, from, to, 'utf8');
  if (!encoded || encoded.bytes.includes(UNKNOWN)) return null;
  const units = decodeDoubleByte(encoded.bytes, 0, 'gbk');
  if (units.some((u) => u.text === null || classOf(u.text.codePointAt(0)!) !== C_HAN)) return null;
  const text = units.map((u) => u.text).join('');
  const exact = [...text].flatMap((c) => encodeChar(c.codePointAt(0)!, 'gbk') ?? [UNKNOWN]).join() === encoded.bytes.join();
  return exact && meanHanLogProb(text) >= PLAUSIBLE_HAN ? text : null;
}

// ---------------------------------------------------------------------------------------------------------
// Lines and articles

/** A misreading established elsewhere in the article, which lines are then checked for without a trigger. */
export interface KnownMisreadings {
  utf8?: 'gbk' | 'big5';
}

const NONE_KNOWN: KnownMisreadings = {};

/** Mean character log-probability below which a line's Han text reads as noise (two in a hundred real lines). */
const NOISE_HAN = -9;

/** Whether a line's Han characters are, on average, as rare as misread bytes make them. */
function readsAsNoise(line: string): boolean {
  let sum = 0;
  let n = 0;
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c < 0x2e80 || classOf(c) !== C_HAN) continue;
    sum += hanLogProb(c);
    n++;
  }
  return n > 0 && sum / n < NOISE_HAN;
}

/** Groups the suspicious characters of a line: those closer than this belong to one garbled stretch. */
const CLUSTER_GAP = 6;

/**
 * Lines examined lately, with what was found: pages of one site repeat their navigation, footers and
 * icon-font glyphs, and the hypotheses about a line are costly. Bounded; the oldest entries go first.
 */
const recentLines = new Map<string, MojibakeRun[]>();
const RECENT_LINES = 4096;
/** The remembered keys in the order they came, the oldest at `oldestLine`: a ring, cheaper than the map's iterator. */
const recentKeys: string[] = new Array(RECENT_LINES);
let oldestLine = 0;

/**
 * The mojibake of one line: non-overlapping runs, the most decisive first chosen. `from`: a column before which the
 * line holds nothing the pre-filter looks at (linesToExamine's scan knows where its first such character is).
 */
export function findMojibake(line: string, known: KnownMisreadings = NONE_KNOWN, from = 0): MojibakeRun[] {
  // Callers own what they get: copies, never the remembered runs.
  return lineMojibake(line, known, from).map((r) => ({ ...r }));
}

/** findMojibake's runs as remembered, shared: for readers that never change them. */
function lineMojibake(line: string, known: KnownMisreadings, from: number): readonly Readonly<MojibakeRun>[] {
  const key = known.utf8 ? `${known.utf8}\n${line}` : line;
  // The runs, and whether there are windows to look in, depend on the line alone: a remembered line needs no scan.
  const remembered = recentLines.get(key);
  if (remembered !== undefined) return remembered;
  const windows = known.utf8 && readsAsNoise(line) ? [[0, line.length]] : evidenceWindows(line, from);
  if (windows.length === 0) return NO_RUNS;
  const normalise = normaliser(line);
  const runs: MojibakeRun[] = [];
  for (const [from, to] of windows) {
    for (const r of findInWindow(line.slice(from, to), known, normalise)) runs.push({ ...r, start: r.start + from, end: r.end + from });
  }
  if (recentLines.size >= RECENT_LINES) recentLines.delete(recentKeys[oldestLine]);
  const owned = ownCopy(key);
  recentLines.set(owned, runs);
  recentKeys[oldestLine] = owned;
  oldestLine = (oldestLine + 1) % RECENT_LINES;
  return runs;
}

/** How far around its evidence a stretch is examined: a frame shift's look-back and body, with room for context. */
const WINDOW_BEFORE = 20;
const WINDOW_AFTER = 60;

/**
 * The cheap pre-filter: one pass over the line's code units with table look-ups. A line is worth examining
 * around a character no Chinese text would hold (a foreign letter, a private-use code point, U+FFFD) or two
 * rare Han characters close together (a lone rare character is a name or a term). Windows around that
 * evidence are merged where they overlap, so a long paragraph with one garbled spot costs what the spot costs.
 * Boundaries never split a surrogate pair.
 */
function evidenceWindows(line: string, from: number): [number, number][] {
  const windows: [number, number][] = [];
  let lastRare = -Infinity;
  const add = (at: number) => {
    let from = Math.max(0, at - WINDOW_BEFORE);
    let to = Math.min(line.length, at + WINDOW_AFTER);
    if (from > 0 && isLowSurrogate(line.charCodeAt(from))) from--;
    if (to < line.length && isLowSurrogate(line.charCodeAt(to))) to++;
    const last = windows[windows.length - 1];
    if (last && from <= last[1]) last[1] = Math.max(last[1], to);
    else windows.push([from, to]);
  };
  suspicionTable ??= new Uint8Array(0x10000).fill(NOT_LOOKED_UP);
  const table = suspicionTable;
  for (let i = from; i < line.length; i++) {
    let cp = line.charCodeAt(i);
    if (cp < 0x80) continue;
    let v = table[cp];
    if (v === NOT_SUSPICIOUS) continue;
    const at = i;
    if (cp >= 0xd800 && cp <= 0xdbff) {
      cp = line.codePointAt(i)!;
      if (cp > 0xffff) i++;
    }
    if (v === NOT_LOOKED_UP || cp > 0xffff) v = suspicionOf(cp);
    if (v === ODD && (!inLatinWord(line, at) || isLatinUtf8Lead(line, at))) add(at);
    else if (v === RARE) {
      if (at - lastRare <= CLUSTER_GAP) {
        add(lastRare);
        add(at);
      } else if (startsUtf8(line, at)) add(at);
      lastRare = at;
    } else if (v === UNCOMMON && startsUtf8(line, at)) add(at);
  }
  return windows;
}

const isLowSurrogate = (c: number) => c >= 0xdc00 && c <= 0xdfff;

/**
 * Whether a rare character's GBK bytes, with the first byte of the next character, begin a three-byte UTF-8
 * sequence: UTF-8 read as GBK (锟斤拷 among it) is made of such characters, a rare name seldom is.
 */
function startsUtf8(line: string, at: number): boolean {
  const bytes = encodeChar(line.charCodeAt(at), 'gbk');
  const next = at + 1 < line.length ? encodeChar(line.charCodeAt(at + 1), 'gbk') : null;
  return bytes !== null && next !== null && sequenceLength(bytes[0]) === 3 && isContinuation(bytes[1]) && isContinuation(next[0]);
}

/** The mojibake of one window of a line: every hypothesis, then the best non-overlapping runs. */
function findInWindow(line: string, known: KnownMisreadings, normalise: (t: string) => string): MojibakeRun[] {
  const chars = toChars(line);
  const { cps, classes } = chars;
  const candidates: MojibakeRun[] = [];
  const suspicious = cps.map((cp, i) => {
    const v = suspicionOf(cp);
    const at = chars.offsets[i];
    if (v === UNCOMMON) return startsUtf8(line, at);
    return (v === RARE || v === ODD) && (!inLatinWord(line, at) || isLatinUtf8Lead(line, at));
  });

  gbkAsUtf8(line, chars, candidates);
  forEachRun(chars, suspicious, isLatinRunPart, (from, to) => {
    // Two high bytes at least, and a letter or symbol among them: quotes and dashes alone are Chinese punctuation.
    const high = countWhere(cps, from, to, (cp) => cp >= 0x80);
    const letters = countWhere(classes, from, to, (c) => c === C_LATIN || c === C_MARK);
    if (high >= 2 && letters >= 1) {
      utf8Readings(line, chars, from, to, 'latin1', candidates);
      doubleByteReadings(line, chars, from, to, 'latin1', suspicious, candidates);
    }
  });
  forEachRun(chars, suspicious, isDoubleByteRunPart, (from, to, any) => {
    const before = candidates.length;
    for (const wrong of ['gbk', 'big5'] as const) {
      if (!any && known.utf8 !== wrong) continue;
      for (const [a, b] of encodableParts(chars, from, to, wrong)) utf8Readings(line, chars, a, b, wrong, candidates, known.utf8 === wrong);
      // Valid UTF-8 explains the stretch better than any reading the model alone vouches for.
      if (candidates.length > before) return;
    }
    if (!any) return;
    for (const wrong of ['gbk', 'big5'] as const) {
      for (const [a, b] of encodableParts(chars, from, to, wrong)) doubleByteReadings(line, chars, a, b, wrong, suspicious, candidates);
    }
  }, known.utf8 !== undefined);

  const chosen = selectRuns(candidates);
  // Text misread as UTF-8 was not also read out of step: what that misreading leaves is lost bytes.
  if (known.utf8 || chosen.some((r) => r.kind.startsWith('utf8-'))) return chosen.sort((a, b) => a.start - b.start);
  // Frame shifts, around suspicious characters no code-page misreading explains.
  const covered = new Uint8Array(cps.length);
  for (const r of chosen) for (let i = 0; i < cps.length; i++) if (chars.offsets[i] >= r.start && chars.offsets[i] < r.end) covered[i] = 1;
  const shifts: MojibakeRun[] = [];
  for (const [first, last] of clusters(suspicious, covered)) {
    if (strongCluster(chars, suspicious, first, last)) frameShifts(line, chars, first, last, normalise, shifts);
  }
  return selectRuns([...chosen, ...shifts]).sort((a, b) => a.start - b.start);
}

/**
 * A frame shift garbles every character up to the next ASCII byte: it leaves two improbable characters or more,
 * or one that no Chinese text holds. A lone rare character is a name or a term, and not worth re-reading.
 */
function strongCluster(chars: Chars, suspicious: boolean[], first: number, last: number): boolean {
  let n = 0;
  for (let i = first; i <= last; i++) {
    if (!suspicious[i]) continue;
    if (chars.classes[i] !== C_HAN) return true;
    n++;
  }
  return n >= 2;
}

/** Clusters of suspicious characters not yet explained, as [first, last] character indices. */
function clusters(suspicious: boolean[], covered: Uint8Array): [number, number][] {
  const out: [number, number][] = [];
  let first = -1;
  let last = -1;
  suspicious.forEach((s, i) => {
    if (!s || covered[i]) return;
    if (first >= 0 && i - last <= CLUSTER_GAP) last = i;
    else {
      if (first >= 0) out.push([first, last]);
      first = i;
      last = i;
    }
  });
  if (first >= 0) out.push([first, last]);
  return out;
}

function selectRuns(candidates: MojibakeRun[]): MojibakeRun[] {
  const chosen: MojibakeRun[] = [];
  for (const c of [...candidates].sort((a, b) => b.gain - a.gain)) {
    if (c.end <= c.start) continue;
    if (chosen.every((r) => c.end <= r.start || c.start >= r.end)) chosen.push(c);
  }
  return chosen;
}

const isLatinRunPart = (cls: number, cp: number) =>
  cp >= 0x80 ? cls === C_REPLACEMENT || (encodeChar(cp, 'latin1') !== null && cls !== C_SPACE) : cls === C_ALNUM;
const isDoubleByteRunPart = (cls: number) => cls !== C_ALNUM && cls !== C_PUNCT && cls !== C_SPACE;

/** Calls back for each maximal run of characters that `part` accepts and that holds a suspicious character. */
function forEachRun(chars: Chars, suspicious: boolean[], part: (cls: number, cp: number) => boolean, visit: (from: number, to: number, suspicious: boolean) => void, all = false): void {
  const { cps, classes } = chars;
  let i = 0;
  while (i < cps.length) {
    if (!part(classes[i], cps[i])) {
      i++;
      continue;
    }
    let j = i;
    let any = false;
    for (; j < cps.length && part(classes[j], cps[j]); j++) if (suspicious[j]) any = true;
    if (any || all) visit(i, j, any);
    i = j;
  }
}

/** Stretches of characters a code page can encode (U+FFFD counts: it is an unknown byte). */
function encodableParts(chars: Chars, from: number, to: number, codec: Codec): [number, number][] {
  const parts: [number, number][] = [];
  let a = from;
  for (let i = from; i <= to; i++) {
    if (i === to || (chars.classes[i] !== C_REPLACEMENT && encodeChar(chars.cps[i], codec) === null)) {
      if (i > a) parts.push([a, i]);
      a = i + 1;
    }
  }
  return parts;
}

function splitAtPunctuation(classes: number[], from: number, to: number): [number, number][] {
  const parts: [number, number][] = [];
  let a = from;
  for (let i = from; i <= to; i++) {
    if (i === to || classes[i] === C_CJK_PUNCT) {
      if (i > a) parts.push([a, i]);
      a = i + 1;
    }
  }
  return parts;
}

function countWhere<T>(values: T[], from: number, to: number, test: (v: T) => boolean = Boolean): number {
  let n = 0;
  for (let i = from; i < to; i++) if (test(values[i])) n++;
  return n;
}

const ASCII_LETTER = /[A-Za-z]/;

/**
 * An accented letter next to an ASCII letter is part of a Latin word (a name, pinyin with tone marks), which
 * is no evidence of mojibake by itself; Latin-1 misreadings put their accented letters next to each other.
 */
function inLatinWord(line: string, i: number): boolean {
  const cp = line.charCodeAt(i);
  if (cp > 0x24f || classOf(cp) !== C_LATIN) return false;
  return ASCII_LETTER.test(line[i - 1] ?? '') || ASCII_LETTER.test(line[i + 1] ?? '');
}

/** Â, Ã or â followed by a Latin-1 continuation byte's character: how UTF-8 looks when read as Latin-1. */
function isLatinUtf8Lead(line: string, i: number): boolean {
  const cp = line.charCodeAt(i);
  if (cp !== 0xc2 && cp !== 0xc3 && cp !== 0xe2) return false;
  const next = line.charCodeAt(i + 1);
  return (next >= 0x80 && next <= 0xbf) || CP1252_BYTE.has(next);
}

const NOT_SUSPICIOUS = 0;
const RARE = 1;
const ODD = 2;
const NOT_LOOKED_UP = 3;
/** Not suspicious in itself, but worth the cheap check whether its bytes begin UTF-8. */
const UNCOMMON = 4;
/** Per BMP code point, whether it is suspicious and how: filled on first sight, so the scan is one look-up. */
let suspicionTable: Uint8Array | null = null;

function suspicionOf(cp: number): number {
  if (cp > 0xffff) return judge(cp);
  suspicionTable ??= new Uint8Array(0x10000).fill(NOT_LOOKED_UP);
  let v = suspicionTable[cp];
  if (v === NOT_LOOKED_UP) {
    v = judge(cp);
    suspicionTable[cp] = v;
  }
  return v;
}

function judge(cp: number): number {
  const cls = classOf(cp);
  if (cls !== C_HAN) return isSuspicious(cp, cls) ? ODD : NOT_SUSPICIOUS;
  const p = hanLogProb(cp);
  if (p < RARE_HAN) return RARE;
  // Only the check whether its bytes begin UTF-8 makes an uncommon character count: where its own bytes rule
  // that out, it is not worth a look at all.
  return p < UNCOMMON_HAN && mayStartUtf8(cp) ? UNCOMMON : NOT_SUSPICIOUS;
}

/** Whether a character's GBK bytes are a three-byte UTF-8 lead and a continuation byte (see startsUtf8). */
function mayStartUtf8(cp: number): boolean {
  const bytes = encodeChar(cp, 'gbk');
  return bytes !== null && sequenceLength(bytes[0]) === 3 && isContinuation(bytes[1]);
}

/** Han characters rarer than this are looked at more closely where their bytes could begin UTF-8. */
const UNCOMMON_HAN = -11;

/** The runs of the many lines the pre-filter passes over: one array for all, frozen, since it is shared. */
const NO_RUNS: readonly MojibakeRun[] = Object.freeze([]);

/** Mojibake runs of every line of an article, computed once and shared by the rules (and other rule families). */
export function articleMojibake(article: Article): (readonly Readonly<MojibakeRun>[])[] {
  return article.memo('mojibake', () => {
    const { lines } = article;
    const { examined, from } = scannedLines(article);
    const runs: (readonly Readonly<MojibakeRun>[])[] = new Array(lines.length);
    let misread = 0;
    let gbk = 0;
    for (let i = 0; i < lines.length; i++) {
      if (!examined[i]) {
        runs[i] = NO_RUNS;
        continue;
      }
      const found = lineMojibake(lines[i], NONE_KNOWN, from[i]);
      runs[i] = found;
      for (const r of found) {
        if (r.kind === 'utf8-as-gbk') gbk++;
        if (r.kind === 'utf8-as-gbk' || r.kind === 'utf8-as-big5') misread++;
      }
    }
    // A page decoded with the wrong code page is garbled throughout, also where no character is rare enough
    // to draw attention: once UTF-8 read as GBK (or Big5) is established, every line is re-read that way.
    if (misread < ESTABLISHED) return runs;
    const known: KnownMisreadings = { utf8: gbk * 2 >= misread ? 'gbk' : 'big5' };
    return runs.map((found, i) => (found.length > 0 ? found : lineMojibake(lines[i], known, 0)));
  });
}

/**
 * Per line of an article, whether it holds a character the garbled-text checks look at: every foreign letter is
 * one, so lines without are also free of stray letters. Most lines hold none; finding them in one pass over the
 * article's text (its lines are slices of it) spares them the per-line work of the pre-filter.
 */
export function linesToExamine(article: Article): Uint8Array {
  return scannedLines(article).examined;
}

interface ScannedLines {
  examined: Uint8Array;
  /** Per line examined, the column of its first character worth a look: the pre-filter has nothing to do before it. */
  from: Int32Array;
}

function scannedLines(article: Article): ScannedLines {
  return article.memo('mojibake-lines', () => scanLines(article.text, article.index.starts, article.lines));
}

function scanLines(text: string, starts: number[], lines: string[]): ScannedLines {
  const examined = new Uint8Array(lines.length);
  const from = new Int32Array(lines.length);
  suspicionTable ??= new Uint8Array(0x10000).fill(NOT_LOOKED_UP);
  const table = suspicionTable;
  let line = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) continue;
    const v = table[c];
    if (v === NOT_SUSPICIOUS) continue;
    // Surrogates always count (the pre-filter judges whole code points): that only ever sends a line on to it.
    if (v === NOT_LOOKED_UP && (c < 0xd800 || c > 0xdfff) && suspicionOf(c) === NOT_SUSPICIOUS) continue;
    while (line + 1 < starts.length && starts[line + 1] <= i) line++;
    examined[line] = 1;
    from[line] = i - starts[line];
    // The rest of the line is the pre-filter's.
    i = starts[line] + lines[line].length;
  }
  return { examined, from };
}

/** Runs of a misreading in one article that establish it for the whole article. */
const ESTABLISHED = 3;

/** Whether a repair may be applied unattended: exact, nothing lost or guessed, and decisively better. */
export function isSafeRepair(run: MojibakeRun): boolean {
  if (run.repaired === null || !run.lossless || run.kind === 'gbk-frame-shift' || run.gain < SAFE_GAIN) return false;
  // UTF-8 in a Chinese corpus reads as Chinese: anything else is left to review.
  if (run.kind === 'utf8-as-gbk' || run.kind === 'utf8-as-big5') return hanCount(run.repaired) > 0 && [...run.repaired].every((c) => CHINESE_TEXT.has(classOf(c.codePointAt(0)!)));
  // Readings only the model vouches for (any bytes are some text in these code pages) need enough text to judge.
  return run.kind === 'utf8-as-latin1' || hanCount(run.repaired) >= SAFE_MODEL_ONLY_LENGTH;
}

const CHINESE_TEXT = new Set([C_HAN, C_CJK_PUNCT, C_SPACE, C_ALNUM, C_PUNCT, C_FW_ALNUM]);

/** Han characters a repair the model alone vouches for must have to be applied unattended. */
const SAFE_MODEL_ONLY_LENGTH = 4;

// ---------------------------------------------------------------------------------------------------------
// Stray letters of foreign scripts

export interface StrayLetters {
  start: number;
  end: number;
  script: string;
}

const SCRIPT_NAMES: Record<number, string> = {
  [C_IPA]: 'IPA', [C_CYRILLIC]: 'Cyrillic', [C_ARMENIAN]: 'Armenian', [C_HEBREW]: 'Hebrew', [C_ARABIC]: 'Arabic', [C_SYRIAC]: 'Syriac',
  [C_THAANA]: 'Thaana', [C_NKO]: 'NKo', [C_KANA]: 'Kana', [C_HANGUL]: 'Hangul',
};

const MAY_HAVE_FOREIGN_LETTERS = /[\u0250-\u02af\u0400-\u07ff\u1100-\u11ff\u3040-\u30ff\u3130-\u318f\uac00-\ud7af]/;

/** Kana that Chinese writing borrows on its own: の in titles and slogans. */
const BORROWED_KANA = new Set([0x306e]);
/** Letters of one script in a line: at this count they are words of that language, not strays. */
const LANGUAGE_IN_USE = 3;

/**
 * Letters of scripts foreign to Chinese news text standing alone among Han characters: one or two letters
 * that are no word of their own language. Letters inside mojibake runs are left to those.
 */
export function findStrayLetters(line: string, runs: readonly MojibakeRun[]): StrayLetters[] {
  if (!MAY_HAVE_FOREIGN_LETTERS.test(line)) return [];
  // Foreign letters all lie in the BMP: the line is read unit by unit in place, and only a run's neighbours need
  // whole code points (an astral Han character is Han).
  const classAt = (k: number) => classOf(line.charCodeAt(k));
  // A line that writes a script at word length somewhere writes that language: its short pieces are words too.
  const perScript = new Map<number, number>();
  for (let k = 0; k < line.length; k++) {
    const cls = classAt(k);
    if (IS_FOREIGN_LETTER[cls]) perScript.set(cls, (perScript.get(cls) ?? 0) + 1);
  }
  const inWord = (cls: number) => cls === C_ALNUM || cls === C_LATIN || cls === C_MARK;
  const out: StrayLetters[] = [];
  let i = 0;
  while (i < line.length) {
    const cls = classAt(i);
    if (!IS_FOREIGN_LETTER[cls] || BORROWED_KANA.has(line.charCodeAt(i))) {
      i++;
      continue;
    }
    let j = i + 1;
    while (j < line.length && classAt(j) === cls) j++;
    // -1: the edge of the line, neither a word nor Han.
    const before = i > 0 ? classOf(codePointBefore(line, i)) : -1;
    const after = j < line.length ? classOf(line.codePointAt(j)!) : -1;
    const isolated = perScript.get(cls)! < LANGUAGE_IN_USE && !inWord(before) && !inWord(after) && (before === C_HAN || after === C_HAN);
    const explained = runs.some((r) => i < r.end && j > r.start);
    if (isolated && !explained) out.push({ start: i, end: j, script: SCRIPT_NAMES[cls] });
    i = j;
  }
  return out;
}

/** The code point that ends at `at`: a surrogate pair counts as one. */
function codePointBefore(line: string, at: number): number {
  const low = line.charCodeAt(at - 1);
  if (low >= 0xdc00 && low <= 0xdfff && at >= 2) {
    const high = line.charCodeAt(at - 2);
    if (high >= 0xd800 && high <= 0xdbff) return line.codePointAt(at - 2)!;
  }
  return low;
}
