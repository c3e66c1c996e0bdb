/**
 * Findings in compact form for the index: a news page carries ~70 findings, and as objects (ten per finding,
 * every string copied by the worker's structured clone) they cost ~1 KB each, 700 MB for 10,000 files.
 * Packed, a finding is a few bytes of varints plus references to a per-file string table whose short strings
 * (rule ids, slugs, severities, fix titles, most messages) are shared across the whole index; it is turned
 * back into the same objects when read.
 */
import { CATEGORIES, SEVERITIES, type Finding, type Range } from '../core/types';

export interface PackedFindings {
  /** Varints: count, then per finding its strings, range and fixes (see pack()). */
  data: Uint8Array;
  strings: string[];
}

/** Strings up to this length are interned; longer ones (quoted text) stay with their file. */
const INTERN_MAX = 48;
const interned = new Map<string, string>();

export function intern(s: string): string {
  if (s.length > INTERN_MAX) return s;
  const known = interned.get(s);
  if (known !== undefined) return known;
  interned.set(s, s);
  return s;
}

class Writer {
  private bytes = new Uint8Array(256);
  private length = 0;
  private readonly table = new Map<string, number>();
  readonly strings: string[] = [];

  /** Zigzag LEB128, so a negative or huge position is kept too (the engine should never produce one). */
  int(value: number): void {
    let n = value >= 0 ? value * 2 : -value * 2 - 1;
    if (this.length + 8 > this.bytes.length) {
      const grown = new Uint8Array(this.bytes.length * 2);
      grown.set(this.bytes);
      this.bytes = grown;
    }
    while (n >= 0x80) {
      this.bytes[this.length++] = (n % 0x80) | 0x80;
      n = Math.floor(n / 0x80);
    }
    this.bytes[this.length++] = n;
  }

  string(s: string): void {
    // Long strings (quoted text in messages) seldom repeat within a file, and hashing them costs more than
    // a copy: they are only listed. Short ones (ids, severities, titles) are listed once per file.
    if (s.length > INTERN_MAX) {
      this.int(this.strings.push(s) - 1);
      return;
    }
    let i = this.table.get(s);
    if (i === undefined) {
      // Not interned here: the structured clone to the index's thread copies them anyway, and it interns.
      i = this.strings.push(s) - 1;
      this.table.set(s, i);
    }
    this.int(i);
  }

  /** Lines relative to a base (the previous finding's, or the finding's own for its edits): small numbers, one byte. */
  range(r: Range, baseLine: number): void {
    this.int(r.start.line - baseLine);
    this.int(r.start.character);
    this.int(r.end.line - r.start.line);
    this.int(r.end.character);
  }

  finish(): PackedFindings {
    return { data: this.bytes.slice(0, this.length), strings: this.strings };
  }
}

class Reader {
  private at = 0;
  constructor(private readonly packed: PackedFindings) {}

  int(): number {
    let n = 0;
    let scale = 1;
    for (;;) {
      const b = this.packed.data[this.at++];
      n += (b & 0x7f) * scale;
      if (b < 0x80) break;
      scale *= 0x80;
    }
    return n % 2 === 0 ? n / 2 : -(n + 1) / 2;
  }

  string(): string {
    return this.packed.strings[this.int()];
  }

  /** A range written by Writer.range against the same base line. */
  range(baseLine: number) {
    const line = baseLine + this.int();
    const character = this.int();
    return { start: { line, character }, end: { line: line + this.int(), character: this.int() } };
  }
}

/**
 * A finding's rule and slug, which go together, as one string: one reference instead of two. Read back
 * through a cache, as a corpus has few of them. Category and severity share one small number.
 */
const heads = new Map<string, [string, string]>();
/** Each rule's head, made once: a rule's slug never changes. */
const headsByRule = new Map<string, { slug: string; head: string }>();

function headOf(f: Finding): string {
  let known = headsByRule.get(f.rule);
  if (known?.slug !== f.slug) headsByRule.set(f.rule, (known = { slug: f.slug, head: JSON.stringify([f.rule, f.slug]) }));
  return known.head;
}

function readHead(head: string): [string, string] {
  let parts = heads.get(head);
  if (!parts) {
    parts = JSON.parse(head) as [string, string];
    heads.set(head, parts);
  }
  return parts;
}

const kindOf = (f: Finding) => CATEGORIES.indexOf(f.category) * SEVERITIES.length + SEVERITIES.indexOf(f.severity);

export function packFindings(findings: readonly Finding[]): PackedFindings {
  const w = new Writer();
  w.int(findings.length);
  let line = 0;
  for (const f of findings) {
    w.string(headOf(f));
    w.int(kindOf(f));
    w.string(f.message);
    w.range(f.range, line);
    line = f.range.start.line;
    w.int(f.fixes.length);
    for (const fix of f.fixes) {
      w.string(fix.title);
      w.int(fix.safe ? 1 : 0);
      w.int(fix.edits.length);
      for (const e of fix.edits) {
        w.range(e.range, line);
        w.string(e.newText);
      }
    }
  }
  return w.finish();
}

export function unpackFindings(packed: PackedFindings): Finding[] {
  const r = new Reader(packed);
  const findings: Finding[] = [];
  let line = 0;
  for (let n = r.int(); n > 0; n--) {
    const [rule, slug] = readHead(r.string());
    const kind = r.int();
    const category = CATEGORIES[Math.floor(kind / SEVERITIES.length)];
    const severity = SEVERITIES[kind % SEVERITIES.length];
    const message = r.string();
    const range = r.range(line);
    line = range.start.line;
    const fixes: Finding['fixes'] = [];
    for (let k = r.int(); k > 0; k--) {
      const title = r.string();
      const safe = r.int() === 1;
      const edits = [];
      for (let e = r.int(); e > 0; e--) edits.push({ range: r.range(line), newText: r.string() });
      fixes.push({ title, safe, edits });
    }
    findings.push({ rule, slug, category, severity, message, range, fixes });
  }
  return findings;
}

/** Shares the short strings of findings that arrived from another thread (structured clone copies them). */
export function internStrings(packed: PackedFindings): PackedFindings {
  return { data: packed.data, strings: packed.strings.map(intern) };
}
