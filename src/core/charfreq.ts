/**
 * A character-frequency model of Chinese, derived from jieba's dictionary (word frequencies of a large
 * corpus, summed per character). Traditional characters score as their simplified counterparts (OpenCC).
 * Built on first use, never on activation. Both models are read straight from the dictionary's bytes into
 * typed arrays: decoding the whole dictionary into strings and maps would cost tens of megabytes per thread.
 */
import { toSimplified } from './convert';
import { dictionaryBytes, forEachDictionaryWord } from './dictionary';

interface CharModel {
  /** Log-probability per BMP code point (NaN: never seen), and of the few characters beyond it. */
  bmp: Float64Array;
  astral: Map<number, number>;
}

let model: CharModel | null = null;
/** The log-probability given to characters the dictionary never saw. */
let unseen = -20;

function build(): CharModel {
  const counts = new Float64Array(0x10000);
  const astralCounts = new Map<number, number>();
  let total = 0;
  forEachDictionaryWord((units, length, rest) => {
    const freq = rest.frequency();
    if (freq <= 0) return;
    for (let k = 0; k < length; k++) {
      const u = units[k];
      if (u >= 0xd800 && u <= 0xdbff && k + 1 < length) {
        const cp = 0x10000 + ((u - 0xd800) << 10) + (units[++k] - 0xdc00);
        astralCounts.set(cp, (astralCounts.get(cp) ?? 0) + freq);
      } else counts[u] += freq;
      total += freq;
    }
  });
  const bmp = new Float64Array(0x10000).fill(NaN);
  for (let cp = 0; cp < 0x10000; cp++) if (counts[cp] > 0) bmp[cp] = Math.log(counts[cp] / total);
  const astral = new Map<number, number>();
  for (const [cp, n] of astralCounts) astral.set(cp, Math.log(n / total));
  unseen = Math.log(0.5 / total);
  return { bmp, astral };
}

function ownLogProb(m: CharModel, cp: number): number {
  const p = cp < 0x10000 ? m.bmp[cp] : m.astral.get(cp);
  return p === undefined || Number.isNaN(p) ? unseen : p;
}

/** Each character's simplified form, converted once (0: not converted yet): words are looked up simplified. */
const simplifiedBmp = new Int32Array(0x10000);
const simplifiedAstral = new Map<number, number>();

function simplifiedOf(cp: number): number {
  let s = cp < 0x10000 ? simplifiedBmp[cp] : (simplifiedAstral.get(cp) ?? 0);
  if (s === 0) {
    const converted = toSimplified(String.fromCodePoint(cp));
    const first = converted.codePointAt(0);
    // One character for one: a conversion that changes the length is a phrase rule, not this character's form.
    s = first !== undefined && converted.length === (first > 0xffff ? 2 : 1) ? first : cp;
    if (cp < 0x10000) simplifiedBmp[cp] = s;
    else simplifiedAstral.set(cp, s);
  }
  return s;
}

/** Per BMP character, the better of its own score and its simplified counterpart's (NaN: not resolved yet). */
let resolvedBmp: Float64Array | null = null;
const resolvedAstral = new Map<number, number>();

function resolve(m: CharModel, cp: number): number {
  const own = ownLogProb(m, cp);
  const simplified = simplifiedOf(cp);
  return simplified === cp ? own : Math.max(own, ownLogProb(m, simplified));
}

/** charLogProb by code point. */
function codeLogProb(cp: number): number {
  model ??= build();
  if (cp < 0x10000) {
    resolvedBmp ??= new Float64Array(0x10000).fill(NaN);
    let p = resolvedBmp[cp];
    if (Number.isNaN(p)) {
      p = resolve(model, cp);
      resolvedBmp[cp] = p;
    }
    return p;
  }
  let p = resolvedAstral.get(cp);
  if (p === undefined) {
    p = resolve(model, cp);
    resolvedAstral.set(cp, p);
  }
  return p;
}

/** Log-probability of a Han character in Chinese text. */
export function charLogProb(ch: string): number {
  return codeLogProb(ch.codePointAt(0)!);
}

/** The log-probability below which a character is rare enough to be suspicious in news text. */
export const RARE_LOG_PROB = -14;

const HAN = /\p{Script=Han}/u;
const NOT_FOREIGN = /[\p{P}\p{Zs}\p{S}\u3000-\u303f\uff00-\uffef]/u;
const IS_HAN = 1;
const IS_FOREIGN = 2;
const IS_NEITHER = 3;
/** Per BMP code point, what chineseScore makes of it (0: not classified yet): the regexes run once per character. */
const scoreClass = new Uint8Array(0x10000);

function classifyForScore(ch: string, cp: number): number {
  if (HAN.test(ch)) return IS_HAN;
  return cp > 0x7f && !NOT_FOREIGN.test(ch) ? IS_FOREIGN : IS_NEITHER;
}

/**
 * How much a text reads as Chinese: the mean log-probability of its Han characters, with characters of
 * other scripts that do not belong in Chinese text (not ASCII, not punctuation) scored as unseen.
 */
export function chineseScore(text: string): number {
  let sum = 0;
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const cp = text.codePointAt(i)!;
    let c: number;
    if (cp > 0xffff) {
      c = classifyForScore(String.fromCodePoint(cp), cp);
      i++;
    } else {
      c = scoreClass[cp];
      if (c === 0) {
        c = classifyForScore(String.fromCharCode(cp), cp);
        scoreClass[cp] = c;
      }
    }
    if (c === IS_HAN) {
      sum += codeLogProb(cp);
      n++;
    } else if (c === IS_FOREIGN) {
      sum += unseen;
      n++;
    }
  }
  return n === 0 ? unseen : sum / n;
}

/** hanLogProb per BMP code point (NaN: not resolved yet): half the size of codeLogProb's table, for scanners. */
let hanBmp: Float32Array | null = null;

/** charLogProb by code point, in single precision in the BMP: the hot path of scanners that look at every character. */
export function hanLogProb(code: number): number {
  if (code > 0xffff) return codeLogProb(code);
  hanBmp ??= new Float32Array(0x10000).fill(NaN);
  let p = hanBmp[code];
  if (Number.isNaN(p)) {
    p = Math.fround(codeLogProb(code));
    hanBmp[code] = p;
  }
  return p;
}

// ---------------------------------------------------------------------------------------------------------
// The word model: an open-addressing hash table over the words' UTF-16 units

interface WordModel {
  /** Slot → entry + 1 (0: empty); a power of two in size. */
  slots: Int32Array;
  /** Per entry, where its units start in `units`, how many there are, and its log-probability. */
  starts: Uint32Array;
  lengths: Uint8Array;
  logProbs: Float64Array;
  units: Uint16Array;
}

let words: WordModel | null = null;
/** Longest word, in UTF-16 units, that segmentation looks for. Longer dictionary entries are idioms and names. */
const MAX_WORD = 6;
/** A character that is no word of its own is rarer than the character count alone suggests. */
const NOT_A_WORD_PENALTY = 2;

/** FNV-1a over UTF-16 units, extended one unit at a time so that segmentation hashes each prefix in one step. */
const HASH_SEED = 0x811c9dc5;
const hashStep = (h: number, unit: number) => Math.imul(h ^ unit, 0x01000193);
/** Folds the high bits into the low ones that pick the slot. */
const slotOf = (hash: number, mask: number) => (hash ^ (hash >>> 15) ^ (hash >>> 23)) & mask;

function findEntry(m: WordModel, text: Uint16Array, from: number, length: number, hash: number): number {
  const mask = m.slots.length - 1;
  for (let slot = slotOf(hash, mask); ; slot = (slot + 1) & mask) {
    const e = m.slots[slot] - 1;
    if (e < 0) return -1;
    if (m.lengths[e] !== length) continue;
    const start = m.starts[e];
    let k = 0;
    while (k < length && m.units[start + k] === text[from + k]) k++;
    if (k === length) return e;
  }
}

function buildWords(): WordModel {
  const dict = dictionaryBytes();
  let lines = 1;
  for (let i = 0; i < dict.length; i++) if (dict[i] === 0x0a) lines++;
  let size = 1;
  while (size < lines * 2) size *= 2;
  const m: WordModel = {
    slots: new Int32Array(size),
    starts: new Uint32Array(lines),
    lengths: new Uint8Array(lines),
    logProbs: new Float64Array(lines),
    units: new Uint16Array(lines * MAX_WORD),
  };
  let entries = 0;
  let used = 0;
  let total = 0;
  forEachDictionaryWord((units, length, rest) => {
    const freq = length <= MAX_WORD ? rest.frequency() : 0;
    if (freq <= 0) return;
    total += freq;
    let hash = HASH_SEED;
    for (let k = 0; k < length; k++) hash = hashStep(hash, units[k]);
    const found = findEntry(m, units, 0, length, hash);
    // A word listed twice counts with both frequencies.
    if (found >= 0) {
      m.logProbs[found] += freq;
      return;
    }
    const mask = size - 1;
    let slot = slotOf(hash, mask);
    while (m.slots[slot] !== 0) slot = (slot + 1) & mask;
    m.slots[slot] = entries + 1;
    m.starts[entries] = used;
    m.lengths[entries] = length;
    m.logProbs[entries] = freq;
    for (let k = 0; k < length; k++) m.units[used++] = units[k];
    entries++;
  });
  for (let e = 0; e < entries; e++) m.logProbs[e] = Math.log(m.logProbs[e] / total);
  // Only what the entries use is kept.
  return { ...m, starts: m.starts.slice(0, entries), lengths: m.lengths.slice(0, entries), logProbs: m.logProbs.slice(0, entries), units: m.units.slice(0, used) };
}

/** Scratch buffers of segmentation, grown as needed: a run's simplified units and the best score up to each. */
let simplifiedUnits = new Uint16Array(256);
let best = new Float64Array(257);

/**
 * Log-probability of the most probable segmentation of a run of Han text into dictionary words (a unigram
 * word model, as jieba's own; traditional characters are looked up in their simplified form). Fluent text
 * segments into long, frequent words; the same characters in nonsense order fall apart into single
 * characters, which is what tells them apart.
 */
export function segmentLogProb(han: string): number {
  const m = (words ??= buildWords());
  if (simplifiedUnits.length < han.length * 2) {
    simplifiedUnits = new Uint16Array(han.length * 2);
    best = new Float64Array(han.length * 2 + 1);
  }
  const text = simplifiedUnits;
  let n = 0;
  for (let i = 0; i < han.length; i++) {
    const cp = han.codePointAt(i)!;
    if (cp > 0xffff) i++;
    const s = simplifiedOf(cp);
    if (s > 0xffff) {
      text[n++] = 0xd800 + ((s - 0x10000) >> 10);
      text[n++] = 0xdc00 + ((s - 0x10000) & 0x3ff);
    } else text[n++] = s;
  }
  best.fill(-Infinity, 0, n + 1);
  best[0] = 0;
  for (let i = 0; i < n; i++) {
    if (best[i] === -Infinity) continue;
    // A surrogate pair is one character: it is never split.
    const lead = text[i];
    const single = lead >= 0xd800 && lead <= 0xdbff && i + 1 < n && text[i + 1] >= 0xdc00 && text[i + 1] <= 0xdfff ? 2 : 1;
    let hash = HASH_SEED;
    for (let len = 1; len <= MAX_WORD && i + len <= n; len++) {
      hash = hashStep(hash, text[i + len - 1]);
      if (len < single) continue;
      const e = findEntry(m, text, i, len, hash);
      if (len === single) {
        const cp = single === 2 ? 0x10000 + ((lead - 0xd800) << 10) + (text[i + 1] - 0xdc00) : lead;
        const singleScore = e >= 0 ? m.logProbs[e] : codeLogProb(cp) - NOT_A_WORD_PENALTY;
        if (best[i] + singleScore > best[i + single]) best[i + single] = best[i] + singleScore;
      } else if (e >= 0 && best[i] + m.logProbs[e] > best[i + len]) best[i + len] = best[i] + m.logProbs[e];
    }
  }
  return best[n];
}
