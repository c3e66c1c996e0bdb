/**
 * Corpus-level line recurrence (CCNet's idea): a line that appears in many files of a corpus is boilerplate.
 * Lines are kept as 32-bit hashes of their normalised text, so memory is bounded by distinct lines, not text.
 */
import { countHan, HAN, hanTable } from './chars';
import { FNV_OFFSET, FNV_PRIME } from './hash';
import { isWhiteSpace } from './text';

/** Lines shorter than this are too generic ("更多", dates) to count as evidence on their own. */
const MIN_HAN_FOR_RECURRENCE = 4;

/**
 * The recurrence key of the line text[start, end): the 32-bit FNV-1a hash of the line with its white space
 * removed and each run of digits read as "0", so the same chrome with another date or count shares a key.
 * Computed in one pass without building the normalised line: keys of every line of every file are a large
 * part of indexing. -1 for a line with too few Han characters to be evidence.
 */
export function recurrenceKey(text: string, start = 0, end = text.length): number {
  // Normalising never changes the Han count, so most short lines are rejected before hashing.
  if (countHan(text, MIN_HAN_FOR_RECURRENCE, start, end) < MIN_HAN_FOR_RECURRENCE) return -1;
  let hash = FNV_OFFSET;
  let inDigits = false;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (isWhiteSpace(c)) continue;
    const digit = c >= 0x30 && c <= 0x39;
    // White space is removed first, so digits on both sides of it form one run.
    if (digit && inDigits) continue;
    inDigits = digit;
    hash = Math.imul(hash ^ (digit ? 0x30 : c), FNV_PRIME);
  }
  return hash >>> 0;
}

/** UTF-16 units of the file being keyed; a file larger than this gets its own array, so none is held long. */
const SCRATCH_UNITS = 1 << 20;
let scratch = new Uint16Array(4096);

function unitsFor(length: number): Uint16Array {
  if (length > SCRATCH_UNITS) return new Uint16Array(length);
  if (scratch.length < length) scratch = new Uint16Array(Math.min(SCRATCH_UNITS, 2 * length));
  return scratch;
}

/**
 * The keys of the lines of units[0, length), in one pass: each line's hash (as recurrenceKey makes it) and
 * its Han count grow together, and a line break settles both. Any \r or \n ends a line: a \r\n pair only
 * adds an empty line, which has no key.
 */
function lineKeysOfUnits(units: Uint16Array, length: number): Set<number> {
  const keys = new Set<number>();
  const hanUnits = hanTable();
  let hash = FNV_OFFSET;
  let han = 0;
  let inDigits = false;
  for (let i = 0; i <= length; i++) {
    const c = i < length ? units[i] : 0x0a;
    if (c === 0x0a || c === 0x0d) {
      if (han >= MIN_HAN_FOR_RECURRENCE) keys.add(hash >>> 0);
      hash = FNV_OFFSET;
      han = 0;
      inDigits = false;
      continue;
    }
    if ((c & 0xfc00) === 0xd800 && i + 1 < length && (units[i + 1] & 0xfc00) === 0xdc00) {
      // Extensions B and later are astral: rare enough for the regular expression. Both halves are hashed.
      if (HAN.test(String.fromCharCode(c, units[i + 1]))) han++;
    } else {
      han += hanUnits[c];
    }
    if (isWhiteSpace(c)) continue;
    const digit = c >= 0x30 && c <= 0x39;
    if (!digit || !inDigits) hash = Math.imul(hash ^ (digit ? 0x30 : c), FNV_PRIME);
    inDigits = digit;
  }
  return keys;
}

/** The distinct recurrence keys of one file's text. */
export function fileLineKeys(text: string): Set<number> {
  const units = unitsFor(text.length);
  for (let i = 0; i < text.length; i++) units[i] = text.charCodeAt(i);
  return lineKeysOfUnits(units, text.length);
}

/**
 * fileLineKeys of the text that valid UTF-8 bytes (no BOM) hold, read from the bytes: a pass that needs only
 * the keys need not decode the file into a string, which costs more than the hashing.
 */
export function utf8LineKeys(bytes: Uint8Array): Set<number> {
  const units = unitsFor(bytes.length);
  let n = 0;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    if (b < 0x80) units[n++] = b;
    else if (b < 0xe0) units[n++] = ((b & 0x1f) << 6) | (bytes[++i] & 0x3f);
    else if (b < 0xf0) units[n++] = ((b & 0x0f) << 12) | ((bytes[++i] & 0x3f) << 6) | (bytes[++i] & 0x3f);
    else {
      const astral = (((b & 0x07) << 18) | ((bytes[++i] & 0x3f) << 12) | ((bytes[++i] & 0x3f) << 6) | (bytes[++i] & 0x3f)) - 0x10000;
      units[n++] = 0xd800 | (astral >> 10);
      units[n++] = 0xdc00 | (astral & 0x3ff);
    }
  }
  return lineKeysOfUnits(units, n);
}

export class CorpusStats {
  private readonly counts = new Map<number, number>();
  private files = 0;

  get fileCount(): number {
    return this.files;
  }

  add(keys: Iterable<number>): void {
    this.files++;
    for (const k of keys) this.counts.set(k, (this.counts.get(k) ?? 0) + 1);
  }

  remove(keys: Iterable<number>): void {
    this.files = Math.max(0, this.files - 1);
    for (const k of keys) {
      const n = (this.counts.get(k) ?? 0) - 1;
      if (n > 0) this.counts.set(k, n);
      else this.counts.delete(k);
    }
  }

  /** In how many files of the corpus the line occurs. */
  filesContaining(line: string): number {
    const key = recurrenceKey(line);
    return key < 0 ? 0 : (this.counts.get(key) ?? 0);
  }

  static fromTexts(texts: Iterable<string>): CorpusStats {
    const stats = new CorpusStats();
    for (const t of texts) stats.add(fileLineKeys(t));
    return stats;
  }
}
