/**
 * Corpus line recurrence in bounded memory. Each distinct line key (a 32-bit hash) costs 8 bytes in an
 * open-addressing table of typed arrays, instead of ~40 in a Map, so 100,000 files of ~50 distinct lines fit
 * in well under 100 MB. It is a CorpusStats, so rules read it through the same interface; it adds key-level
 * access, which the index needs to ship the recurrent part of the counts to worker threads.
 */
import { CorpusStats, recurrenceKey } from '../core/corpus';

export interface Recurrence {
  minFiles: number;
  minShare: number;
}

/**
 * The recurrence contract: a line is boilerplate when it is in at least minFiles files and at least minShare
 * of the corpus. Rules must compare filesContaining() only against this, because the index decides which
 * files' corpus findings are stale by whether this verdict changed for one of their lines.
 */
export function isRecurrent(count: number, fileCount: number, recurrence: Recurrence): boolean {
  return count >= recurrence.minFiles && count >= recurrence.minShare * fileCount;
}

/** Key → count, linear probing with backward-shift deletion; a slot is empty when its count is 0. */
class KeyTable {
  private keys = new Uint32Array(1024);
  private counts = new Uint32Array(1024);
  private used = 0;

  get size(): number {
    return this.used;
  }

  private slot(key: number): number {
    const mask = this.keys.length - 1;
    let i = Math.imul(key, 0x9e3779b1) >>> 0 & mask;
    while (this.counts[i] !== 0 && this.keys[i] !== key) i = (i + 1) & mask;
    return i;
  }

  get(key: number): number {
    return this.counts[this.slot(key)];
  }

  add(key: number, delta: number): void {
    const i = this.slot(key);
    if (this.counts[i] === 0) {
      if (delta <= 0) return;
      this.keys[i] = key;
      this.counts[i] = delta;
      if (++this.used * 2 > this.keys.length) this.grow();
      return;
    }
    const n = this.counts[i] + delta;
    if (n > 0) this.counts[i] = n;
    else this.delete(i);
  }

  private delete(hole: number): void {
    const mask = this.keys.length - 1;
    this.counts[hole] = 0;
    this.used--;
    for (let j = (hole + 1) & mask; this.counts[j] !== 0; j = (j + 1) & mask) {
      const home = Math.imul(this.keys[j], 0x9e3779b1) >>> 0 & mask;
      // Move j into the hole when its home is not cyclically in (hole, j].
      if ((j > hole && (home <= hole || home > j)) || (j < hole && home <= hole && home > j)) {
        this.keys[hole] = this.keys[j];
        this.counts[hole] = this.counts[j];
        this.counts[j] = 0;
        hole = j;
      }
    }
  }

  private grow(): void {
    const keys = this.keys;
    const counts = this.counts;
    this.keys = new Uint32Array(keys.length * 2);
    this.counts = new Uint32Array(keys.length * 2);
    for (let i = 0; i < keys.length; i++) {
      if (counts[i] !== 0) {
        const j = this.slot(keys[i]);
        this.keys[j] = keys[i];
        this.counts[j] = counts[i];
      }
    }
  }

  clone(): KeyTable {
    const copy = new KeyTable();
    copy.keys = this.keys.slice();
    copy.counts = this.counts.slice();
    copy.used = this.used;
    return copy;
  }

  forEach(fn: (key: number, count: number) => void): void {
    for (let i = 0; i < this.keys.length; i++) if (this.counts[i] !== 0) fn(this.keys[i], this.counts[i]);
  }
}

export class CorpusCounts extends CorpusStats {
  private table = new KeyTable();
  private documents = 0;

  override get fileCount(): number {
    return this.documents;
  }

  /** Distinct line keys held. */
  get distinctLines(): number {
    return this.table.size;
  }

  override add(keys: Iterable<number>): void {
    this.documents++;
    for (const k of keys) this.table.add(k, 1);
  }

  override remove(keys: Iterable<number>): void {
    this.documents = Math.max(0, this.documents - 1);
    for (const k of keys) this.table.add(k, -1);
  }

  countOf(key: number): number {
    return this.table.get(key);
  }

  override filesContaining(line: string): number {
    const key = recurrenceKey(line);
    return key < 0 ? 0 : this.table.get(key);
  }

  /**
   * The counts that can matter to a rule, as key/count pairs: below minFiles no line is recurrent whatever
   * the corpus size, so those counts are left out (they read as 0 in a snapshot).
   */
  snapshot(recurrence: Recurrence): CorpusSnapshot {
    const pairs: number[] = [];
    this.table.forEach((key, count) => {
      if (count >= recurrence.minFiles) pairs.push(key, count);
    });
    return { fileCount: this.documents, pairs: Uint32Array.from(pairs), recurrence };
  }

  /** The corpus as a worker sees it: the snapshot's counts, fixed. */
  static fromSnapshot<T extends CorpusCounts>(this: new () => T, snapshot: CorpusSnapshot): T {
    const counts = new this();
    for (let i = 0; i < snapshot.pairs.length; i += 2) counts.table.add(snapshot.pairs[i], snapshot.pairs[i + 1]);
    counts.documents = snapshot.fileCount;
    return counts;
  }

  clone(): CorpusCounts {
    const copy = new CorpusCounts();
    copy.table = this.table.clone();
    copy.documents = this.documents;
    return copy;
  }

  /** Keys of `keys` that are recurrent in this corpus, sorted (typed: an index keeps one such set per file). */
  recurrentAmong(keys: ArrayLike<number>, recurrence: Recurrence): Uint32Array {
    const out: number[] = [];
    for (let i = 0; i < keys.length; i++) if (isRecurrent(this.table.get(keys[i]), this.documents, recurrence)) out.push(keys[i]);
    return Uint32Array.from(out).sort();
  }
}

export interface CorpusSnapshot {
  fileCount: number;
  /** key, count, key, count … */
  pairs: Uint32Array;
  recurrence: Recurrence;
}
