/**
 * Corpus-level line recurrence (CCNet's idea): a line that appears in many files of a corpus is boilerplate.
 * Lines are kept as 32-bit hashes of their normalised text, so memory is bounded by distinct lines, not text.
 */
import { countHan } from './chars';
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

/** The distinct recurrence keys of one file's text. */
export function fileLineKeys(text: string): Set<number> {
  const keys = new Set<number>();
  // Any \r or \n ends a line: a \r\n pair only adds an empty line, which has no key.
  let start = 0;
  for (let i = 0; i <= text.length; i++) {
    const c = i < text.length ? text.charCodeAt(i) : 0x0a;
    if (c !== 0x0a && c !== 0x0d) continue;
    if (i - start >= MIN_HAN_FOR_RECURRENCE) {
      const key = recurrenceKey(text, start, i);
      if (key >= 0) keys.add(key);
    }
    start = i + 1;
  }
  return keys;
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
