/**
 * Corpus-level line recurrence (CCNet's idea): a line that appears in many files of a corpus is boilerplate.
 * Lines are kept as 32-bit hashes of their normalised text, so memory is bounded by distinct lines, not text.
 */
import { countHan } from './chars';
import { hashString } from './hash';
import { indexLines } from './text';

/** Lines shorter than this are too generic ("更多", dates) to count as evidence on their own. */
const MIN_HAN_FOR_RECURRENCE = 4;

export function normaliseForRecurrence(line: string): string | null {
  // Normalising never changes the Han count, so most short lines are rejected before it.
  if (countHan(line, MIN_HAN_FOR_RECURRENCE) < MIN_HAN_FOR_RECURRENCE) return null;
  return line.replace(/\s+/g, '').replace(/\d+/g, '0');
}

/** The distinct recurrence keys of one file's text. */
export function fileLineKeys(text: string): Set<number> {
  const keys = new Set<number>();
  for (const line of indexLines(text).lines) {
    const n = normaliseForRecurrence(line);
    if (n !== null) keys.add(hashString(n));
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
    const n = normaliseForRecurrence(line);
    return n === null ? 0 : (this.counts.get(hashString(n)) ?? 0);
  }

  static fromTexts(texts: Iterable<string>): CorpusStats {
    const stats = new CorpusStats();
    for (const t of texts) stats.add(fileLineKeys(t));
    return stats;
  }
}
