/**
 * The layout of a scraped page: which lines are the article body, where the headline is, what precedes it
 * (site chrome) and what trails the body (footers, related lists). Purely structural: line shapes, a
 * maximum-sum segment over prose evidence (the idea behind boilerpipe and jusText) and topic overlap, no lexicon.
 */
import type { Article } from './article';

/** Shapes are shared between the lines (and articles) with the same text, so they are never modified. */
export interface LineShape {
  readonly blank: boolean;
  /** The line for pattern matching: pinyin annotations and markup residue removed, Latin lower-cased, trimmed. */
  readonly view: string;
  readonly han: number;
  /** Han characters, letters and digits: what a reader reads. */
  readonly content: number;
  /** Clause and sentence punctuation, the mark of running prose. */
  readonly clauses: number;
  readonly sentenceEnd: boolean;
  /** Ends the way a site cuts a teaser: an ellipsis, 更多, >>. */
  readonly elided: boolean;
  /** Contains a date or a time of day. */
  readonly dated: boolean;
  /** Nothing but a date and/or time. */
  readonly timestamp: boolean;
  /** See isProse, isMenuRow and isHeadlineLike: every pass asks, so they are answered once per shape. */
  readonly prose: boolean;
  readonly menuRow: boolean;
  readonly headlineLike: boolean;
  /** The shape's slot while it is cached, else -1: analyses of the line can be kept alongside by slot. */
  readonly slot: number;
}

export interface Span {
  first: number;
  last: number;
}

export interface Layout {
  shapes: LineShape[];
  /** The article body: the densest run of prose, or null when the page has none. */
  body: Span | null;
  /** The headline line, when one can be told apart. */
  headline: number | null;
  /** The first line when it is the page's <title> (the headline plus a site name, repeated further down). */
  pageTitle: number | null;
  /** Runs of teaser lines (title + clipped snippet) about other topics, after the body: a related list without header. */
  teaserRuns: Span[];
  /** Prefix sums of the prose evidence: proseMass[j] - proseMass[i] weighs lines i to j - 1. */
  proseMass: Float64Array;
}

/** Pinyin annotations that some sites put after each character, e.g. 網(wǎng): every one carries a tone mark. */
const PINYIN_ANNOTATION = /\([a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ][a-zü]*\)/g;
/** Tag residue a naive scraper leaves: `/a>`, `br />`, `span id="hits">`. */
const MARKUP_RESIDUE = /<?\/?[a-z][a-z0-9]*(?:\s+[a-z-]+=(?:"[^"]*"|'[^']*'|[^\s>]*))*\s*\/?>/gi;
const DATE = /\d{4}\s*[-/.年]\s*\d{1,2}(?:\s*[-/.月]\s*\d{1,2}\s*日?)?|\d{1,2}月\d{1,2}日|(?:^|\D)\d{1,2}:\d{2}(?::\d{2})?/;
const TIMESTAMP = /^(?:\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?|\d{1,2}月\d{1,2}日)?\s*(?:\d{1,2}:\d{2}(?::\d{2})?)?$/;

/**
 * Character classes by UTF-16 unit, bit flags: every line of every file is scanned, and a table lookup per
 * character is far cheaper than sets, regexes or range tests.
 */
const HAN = 1;
const LOWER = 2;
const UPPER = 4;
const DIGIT = 8;
/** ，,。；;！!？: clause and sentence punctuation. */
const CLAUSE = 16;
/** `?`, a clause mark only where a question ends (scrapers also leave it for a lost character). */
const QUESTION = 32;
/** What ends a question after a `?`: a space, a closing quote or bracket. */
const QUESTION_END = 64;
/** JavaScript's \s. */
const SPACE = 128;
/** Separators of menu items: \s, |, ·. */
const ITEM_SEPARATOR = 256;
/** >»›: a link arrow, never in a headline. */
const ARROW = 512;
/** 。！？!?…;；.: a sentence's final mark. */
const SENTENCE_MARK = 1024;
/** Closing quotes and brackets after a sentence's final mark. */
const CLOSER = 2048;
/** >》»: trailing arrows of a teaser's 更多 link. */
const MORE_ARROW = 4096;
const HIGH_SURROGATE = 8192;
/**
 * İ and the Kelvin sign, the only characters whose lower case changes the counts: İ becomes two characters, K
 * the letter k. Other capitals become letters of the same kind, so a line without these is not measured again.
 */
const LOWERS_DIFFERENTLY = 16384;
const CONTENT = HAN | LOWER | UPPER | DIGIT;

const CHAR_CLASS = new Uint16Array(0x10000);
const classify = (chars: string, flag: number) => {
  for (const ch of chars) CHAR_CLASS[ch.charCodeAt(0)] |= flag;
};
const classifyRange = (first: number, last: number, flag: number) => {
  for (let c = first; c <= last; c++) CHAR_CLASS[c] |= flag;
};
classifyRange(0x4e00, 0x9fff, HAN);
classifyRange(0x3400, 0x4dbf, HAN);
classifyRange(0xf900, 0xfaff, HAN);
CHAR_CLASS[0x3007] |= HAN;
classifyRange(0x61, 0x7a, LOWER);
classifyRange(0x41, 0x5a, UPPER);
classifyRange(0x30, 0x39, DIGIT);
classify('，,。；;！!？', CLAUSE);
classify('?', QUESTION);
classify('\t\n\v\f\r \u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff', SPACE | ITEM_SEPARATOR | QUESTION_END);
classify('"\'”’」』）)]】》', QUESTION_END);
classify('|·', ITEM_SEPARATOR);
classify('>»›', ARROW);
classify('。！？!?…;；.', SENTENCE_MARK);
classify('”’」』）)]】》"\'', CLOSER);
classify('>》»', MORE_ARROW);
classifyRange(0xd800, 0xdbff, HIGH_SURROGATE);
classify('\u0130\u212a', LOWERS_DIFFERENTLY);

/** The view before Latin is lower-cased (shapeOf finds the capitals while it measures). */
function withoutResidue(line: string): string {
  // The replacements only where their anchors occur: most lines have neither.
  const plain = line.includes('(') ? line.replace(PINYIN_ANNOTATION, '') : line;
  const clean = plain.includes('>') ? plain.replace(MARKUP_RESIDUE, ' ') : plain;
  return clean.trim();
}

/** Han by code point: the unified ideographs, their extensions and compatibility forms. */
export function isHanCode(cp: number): boolean {
  return cp <= 0xffff ? (CHAR_CLASS[cp] & HAN) !== 0 : cp >= 0x20000 && cp <= 0x323af;
}

/** The counts of the last measure(), in module variables: this runs on every line of every file, allocation-free. */
let measuredHan = 0;
let measuredContent = 0;
let measuredClauses = 0;
let measuredDigits = 0;

/** Counts Han, content, clauses and digits of view[from, to); returns the union of the classes met (the unified ideographs aside). */
function measure(view: string, from = 0, to = view.length): number {
  let han = 0;
  let content = 0;
  let clauses = 0;
  let digits = 0;
  let seen = 0;
  for (let i = from; i < to; i++) {
    const c = view.charCodeAt(i);
    // Most characters are unified ideographs: counted without touching the (large) class table.
    if (c >= 0x4e00 && c <= 0x9fff) {
      han++;
      content++;
      continue;
    }
    const k = CHAR_CLASS[c];
    if (k === 0) continue;
    seen |= k;
    if (k & HAN) {
      han++;
      content++;
    } else if (k & CONTENT) {
      content++;
      if (k & DIGIT) digits++;
    } else if (k & CLAUSE) clauses++;
    else if (k & HIGH_SURROGATE) {
      const cp = view.codePointAt(i)!;
      if (cp > 0xffff) {
        i++;
        if (isHanCode(cp)) {
          han++;
          content++;
        }
      }
    } else if (k & QUESTION && (i === 0 || !(CHAR_CLASS[view.charCodeAt(i - 1)] & (DIGIT | QUESTION)))) {
      // Neighbours are those in the whole view: only menu items are measured in part, and their clauses are not used.
      const next = i + 1 < view.length ? view.codePointAt(i + 1)! : -1;
      if (next < 0 || isHanCode(next) || (next <= 0xffff && CHAR_CLASS[next] & QUESTION_END)) clauses++;
    }
  }
  measuredHan = han;
  measuredContent = content;
  measuredClauses = clauses;
  measuredDigits = digits;
  return seen;
}

/** The last characters a line's ending is judged on. */
const ENDING = 16;

/** A final mark, possibly followed by closing quotes and brackets. */
function endsSentence(view: string): boolean {
  const from = Math.max(0, view.length - ENDING);
  let i = view.length - 1;
  while (i >= from && CHAR_CLASS[view.charCodeAt(i)] & CLOSER) i--;
  return i >= from && (CHAR_CLASS[view.charCodeAt(i)] & SENTENCE_MARK) !== 0;
}

/** Ends like a clipped teaser: `..`, `…`, `更多`, `>>` or `»`, then spaces and arrows (`更多 >>`, `…》`). */
function endsElided(view: string): boolean {
  const from = Math.max(0, view.length - ENDING);
  const at = (i: number) => (i >= from && i < view.length ? view.charCodeAt(i) : -1);
  let arrows = view.length;
  while (arrows > from && CHAR_CLASS[view.charCodeAt(arrows - 1)] & MORE_ARROW) arrows--;
  // The mark may be among the trailing arrows themselves.
  for (let i = arrows; i < view.length; i++) {
    const c = view.charCodeAt(i);
    if (c === 0xbb || (c === 0x3e && at(i + 1) === 0x3e)) return true;
  }
  let mark = arrows - 1;
  while (mark >= from && CHAR_CLASS[view.charCodeAt(mark)] & SPACE) mark--;
  const c = at(mark);
  const before = at(mark - 1);
  return c === 0x2026 || c === 0xbb || (c === 0x2e && before === 0x2e) || (c === 0x591a && before === 0x66f4) || (c === 0x3e && before === 0x3e);
}

export function shapeOf(line: string, slot = -1): LineShape {
  let view = withoutResidue(line);
  let seen = measure(view);
  if (seen & UPPER) {
    view = view.toLowerCase();
    if (seen & LOWERS_DIFFERENTLY) seen = measure(view);
  }
  const han = measuredHan;
  const content = measuredContent;
  const clauses = measuredClauses;
  const digits = measuredDigits;
  const elided = endsElided(view);
  const timestamp = digits > 0 && TIMESTAMP.test(view);
  const sentenceEnd = endsSentence(view);
  const menuRow = clauses === 0 && content >= MENU_ROW_ITEMS * 2 && (seen & ITEM_SEPARATOR) !== 0 && itemsOfMenu(view);
  return {
    blank: view.length === 0,
    view,
    han,
    content,
    clauses,
    sentenceEnd,
    elided,
    dated: digits > 0 && DATE.test(view),
    timestamp,
    prose: !elided && han >= 12 && (clauses >= 2 || (sentenceEnd && han >= 15)),
    menuRow,
    headlineLike: han >= 6 && content <= 60 && clauses <= 1 && !elided && !timestamp && !(seen & ARROW) && !menuRow,
    slot,
  };
}

/**
 * Site chrome repeats on every page of a site: its (short) lines are shaped once. The cache is an open-addressing
 * table keyed by a hash computed here; each entry holds the hash and a slot, and the text of a slot's line is kept
 * in one flat buffer, so a lookup reads two places in memory instead of chasing string objects around the heap.
 * Slots are handed out in order, so the lines of a page get neighbouring slots and what is kept by slot stays close.
 */
const CACHE_BITS = 15;
const CACHE_MASK = (1 << CACHE_BITS) - 1;
/** At most half full, so probe runs stay short; when full it starts over. Slots run from 0 to SHAPE_SLOTS - 1. */
export const SHAPE_SLOTS = 1 << (CACHE_BITS - 1);
const CACHED_LINE = 80;
/** Room for the text of all slots at an average line length (the cache starts over when it runs out). */
const TEXT_UNITS = SHAPE_SLOTS * 32;
/** Hash and slot of each entry, side by side; a hash of 0 marks an empty entry (lineHash is never 0). */
const cacheEntries = new Int32Array(2 << CACHE_BITS);
/** The text of slot k is cacheText[textStart[k], textStart[k + 1]). */
const cacheText = new Uint16Array(TEXT_UNITS);
const textStart = new Int32Array(SHAPE_SLOTS + 1);
const cacheShapes: (LineShape | undefined)[] = new Array<LineShape | undefined>(SHAPE_SLOTS).fill(undefined);
let cacheCount = 0;

/** The slot of the last line found or added: the lines of a page recur in order, so the next slot is tried first. */
let lastSlot = -1;

/** FNV-1a over the UTF-16 units of text[from, to), made odd so that it is never 0. */
function lineHash(text: string, from: number, to: number): number {
  let h = 0x811c9dc5;
  for (let i = from; i < to; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h | 1;
}

function slotHoldsLine(slot: number, text: string, from: number, to: number): boolean {
  const start = textStart[slot];
  if (textStart[slot + 1] - start !== to - from) return false;
  for (let k = from; k < to; k++) if (cacheText[start + k - from] !== text.charCodeAt(k)) return false;
  return true;
}

/**
 * The shape of `line`, which is text[from, to): lines are read from the article's text, one flat string, rather
 * than from their slices.
 */
function cachedShapeOf(line: string, text: string, from: number): LineShape {
  if (line.length > CACHED_LINE) return shapeOf(line);
  const to = from + line.length;
  const next = lastSlot + 1;
  if (next < cacheCount && slotHoldsLine(next, text, from, to)) return cacheShapes[(lastSlot = next)]!;
  const hash = lineHash(text, from, to);
  let i = Math.imul(hash, 0x9e3779b1) >>> (32 - CACHE_BITS);
  for (let h = cacheEntries[2 * i]; h !== 0; h = cacheEntries[2 * i]) {
    if (h === hash && slotHoldsLine(cacheEntries[2 * i + 1], text, from, to)) return cacheShapes[(lastSlot = cacheEntries[2 * i + 1])]!;
    i = (i + 1) & CACHE_MASK;
  }
  if (cacheCount === SHAPE_SLOTS || textStart[cacheCount] + line.length > TEXT_UNITS) {
    cacheEntries.fill(0);
    cacheShapes.fill(undefined);
    cacheCount = 0;
    i = Math.imul(hash, 0x9e3779b1) >>> (32 - CACHE_BITS);
  }
  const start = textStart[cacheCount];
  for (let k = from; k < to; k++) cacheText[start + k - from] = text.charCodeAt(k);
  textStart[cacheCount + 1] = start + line.length;
  // A line may be a slice of its file's text, which its shape's view would keep alive: the shape gets a copy.
  const shape = shapeOf((' ' + line).slice(1), cacheCount);
  cacheEntries[2 * i] = hash;
  cacheEntries[2 * i + 1] = cacheCount;
  cacheShapes[cacheCount] = shape;
  lastSlot = cacheCount++;
  return shape;
}

/** Running prose: several clauses, or a full sentence of some length, not cut off by the site. */
export function isProse(s: LineShape): boolean {
  return s.prose;
}

export function contentLength(text: string): number {
  measure(text);
  return measuredContent;
}

const MENU_ITEM = 8;
const MENU_ROW_ITEMS = 4;

/**
 * A row of a navigation menu: four or more short Chinese items side by side, no punctuation. Latin words do not
 * count as items, or a title like `三星 Galaxy S20 系列手机` would be a menu.
 */
export function isMenuRow(s: LineShape): boolean {
  return s.menuRow;
}

/** The items of a row, split at spaces, | and ·: at least four of two Han characters, none long. */
function itemsOfMenu(view: string): boolean {
  let items = 0;
  let start = 0;
  for (let i = 0; i <= view.length; i++) {
    if (i < view.length && !(CHAR_CLASS[view.charCodeAt(i)] & ITEM_SEPARATOR)) continue;
    if (i > start) {
      measure(view, start, i);
      if (measuredContent > MENU_ITEM) return false;
      if (measuredHan >= 2) items++;
    }
    start = i + 1;
  }
  return items >= MENU_ROW_ITEMS;
}

/** A line that could be a headline: a phrase of some length, not a sentence, not a date line, not a menu. */
export function isHeadlineLike(s: LineShape): boolean {
  return s.headlineLike;
}

/**
 * How much a line argues for being body text: prose weighs by its length, everything else counts against, a
 * clipped teaser most. The body is the segment with the largest sum.
 */
function bodyScore(s: LineShape): number {
  if (s.blank) return 0;
  if (s.elided) return -2;
  if (s.prose) return Math.min(s.han, 150) / 15;
  return s.headlineLike ? -0.5 : -1;
}

function densestSegment(scores: number[]): Span | null {
  let best: Span | null = null;
  let bestSum = 0;
  let sum = 0;
  let start = 0;
  for (let i = 0; i < scores.length; i++) {
    if (sum <= 0) {
      sum = 0;
      start = i;
    }
    sum += scores[i];
    if (sum > bestSum) {
      bestSum = sum;
      best = { first: start, last: i };
    }
  }
  return best;
}

/** How far below a headline its first paragraph may start (bylines, share bars, captions in between). */
const MAX_LEAD_GAP = 40;

/**
 * With a headline known, the body is what follows it: from the first prose line after it, as far as the
 * running sum peaks. A bigger block of prose elsewhere on the page (a live ticker, comments) does not win.
 */
function segmentAfterHeadline(shapes: LineShape[], scores: number[], headline: number): Span | null {
  const title = headlineKey(shapes[headline].view);
  let first = -1;
  for (let i = headline + 1; i < Math.min(scores.length, headline + 1 + MAX_LEAD_GAP); i++) {
    // A headline ending in ？ or ！ scores as prose; its repetition is not the first paragraph.
    if (scores[i] > 0 && !hasHeadlineKey(shapes[i].view, title)) {
      first = i;
      break;
    }
  }
  if (first < 0) return null;
  let sum = 0;
  let best = 0;
  let last = first;
  for (let i = first; i < scores.length; i++) {
    sum += scores[i];
    if (sum > best) {
      best = sum;
      last = i;
    }
  }
  return { first, last };
}

/** Normalised for comparing headlines: Han, letters and digits only. */
export function headlineKey(view: string): string {
  // Copied by runs of content characters; a view that is all content is its own key.
  let key = '';
  let run = 0;
  for (let i = 0; i < view.length; i++) {
    const c = view.charCodeAt(i);
    if (CHAR_CLASS[c] & CONTENT) continue;
    let skip = 1;
    if (c >= 0xd800 && c <= 0xdbff) {
      const cp = view.codePointAt(i)!;
      if (cp > 0xffff) {
        i++;
        if (isHanCode(cp)) continue;
        skip = 2;
      }
    }
    key += view.slice(run, i - skip + 1);
    run = i + 1;
  }
  return run === 0 ? view : key + view.slice(run);
}

/** Whether headlineKey(view) is `key`, without building it: the paragraphs after a headline are long. */
function hasHeadlineKey(view: string, key: string): boolean {
  let k = 0;
  for (let i = 0; i < view.length; i++) {
    const c = view.charCodeAt(i);
    if (CHAR_CLASS[c] & CONTENT) {
      if (c !== key.charCodeAt(k++)) return false;
    } else if (CHAR_CLASS[c] & HIGH_SURROGATE) {
      const cp = view.codePointAt(i)!;
      if (cp <= 0xffff) continue;
      i++;
      if (isHanCode(cp) && (c !== key.charCodeAt(k++) || view.charCodeAt(i) !== key.charCodeAt(k++))) return false;
    }
  }
  return k === key.length;
}

const MAX_TITLE_DISTANCE = 400;
const MAX_TITLE = 80;

/**
 * The first line is the page title when a later line is its headline: the same, the title minus a site name,
 * or the title with a label before it (原创, 天天观热点:).
 */
function findPageTitle(shapes: LineShape[]): { pageTitle: number; headline: number } | null {
  const first = shapes.findIndex((s) => !s.blank);
  if (first < 0 || shapes[first].han < 6) return null;
  const title = headlineKey(shapes[first].view);
  if (title.length > MAX_TITLE) return null;
  for (let i = first + 1; i < Math.min(shapes.length, first + MAX_TITLE_DISTANCE); i++) {
    const s = shapes[i];
    // Matching the title is evidence enough: headlines may carry several punctuation marks.
    if (s.han < 6 || s.content > MAX_TITLE || s.content * 2 < title.length || s.elided || s.timestamp) continue;
    const key = headlineKey(s.view);
    const related = title.includes(key) ? key.length * 2 >= title.length : key.includes(title);
    if (key.length >= 6 && related) return { pageTitle: first, headline: i };
  }
  return null;
}

/** Without a page title: the headline group right above the body (title, sub-title), skipping metadata lines. */
function headlineAboveBody(shapes: LineShape[], bodyStart: number, metadataLines: Set<number>): number | null {
  let headline: number | null = null;
  for (let i = bodyStart - 1; i >= 0; i--) {
    const s = shapes[i];
    if (s.blank || metadataLines.has(i) || s.timestamp) continue;
    if (!isHeadlineLike(s)) break;
    // A group extends upwards only through lines at least as long as a headline usually is.
    if (headline !== null && s.han < 8) break;
    headline = i;
  }
  return headline;
}

/** The unified ideographs and extension A, where nearly all text lives: 0x6C00 code points. */
const BMP_HAN_FIRST = 0x3400;
const BMP_HAN_SPAN = 0x7000;

/**
 * A pair of Han characters as one small integer (a Smi, cheap in a Set): exact for the BMP ideographs, a hash
 * into the rest of the range otherwise (a rare collision only nudges an overlap estimate).
 */
function pairKey(a: number, b: number): number {
  const x = a - BMP_HAN_FIRST;
  const y = b - BMP_HAN_FIRST;
  if (x >= 0 && x < BMP_HAN_SPAN && y >= 0 && y < BMP_HAN_SPAN) return x * BMP_HAN_SPAN + y;
  return BMP_HAN_SPAN * BMP_HAN_SPAN + ((a * 31 + b) % 0x1000000);
}

/** Calls `visit` with the key of each pair of adjacent Han characters in the line. */
function forEachBigram(view: string, visit: (key: number) => void): void {
  let prev = -1;
  for (let i = 0; i < view.length; i++) {
    let cp = view.charCodeAt(i);
    if (cp >= 0xd800 && cp <= 0xdbff) cp = view.codePointAt(i++)!;
    if (isHanCode(cp)) {
      if (prev >= 0) visit(pairKey(prev, cp));
      prev = cp;
    } else prev = -1;
  }
}

/**
 * Bigram keys (below 2^31) by open addressing, each with a slot number. The teaser test looks up every pair of
 * the article's last paragraphs, and a Set would take most of its time.
 */
class BigramTable {
  private readonly keys: Int32Array;
  private readonly shift: number;

  constructor(capacity: number) {
    const bits = Math.max(4, Math.ceil(Math.log2(capacity * 2)));
    this.keys = new Int32Array(1 << bits).fill(-1);
    this.shift = 32 - bits;
  }

  get size(): number {
    return this.keys.length;
  }

  /** The key's slot, -1 when it is absent and not to be added. */
  slotOf(key: number, add: boolean): number {
    const mask = this.keys.length - 1;
    for (let i = Math.imul(key, 0x9e3779b1) >>> this.shift; ; i = (i + 1) & mask) {
      const k = this.keys[i];
      if (k === key) return i;
      if (k === -1) {
        if (!add) return -1;
        this.keys[i] = key;
        return i;
      }
    }
  }
}

/**
 * A teaser: a title and a clipped snippet. Either the site marked the cut, or the line stops without closing
 * its sentence while being short enough to be a snippet.
 */
function isTeaser(s: LineShape): boolean {
  if (s.han < 8) return false;
  if (s.elided) return true;
  return !s.sentenceEnd && s.content <= 120 && s.clauses >= 1;
}

/** A complete paragraph: prose that does not stop like a teaser. */
function isParagraph(s: LineShape): boolean {
  return s.prose && !isTeaser(s);
}

const LATIN_OR_DIGIT = /[a-z0-9]/;
const OPENING = /[(（\[【《“]/g;
const CLOSING = /[)）\]】》”]/g;

/**
 * A teaser line starts with a title set off by a space from the snippet: `世界速读:总投资额超1000亿元! 4月27日,…`.
 * A space between Latin words or numbers (`5G 手机`) or inside brackets (`(记者 范宇斌)`) does not set one off.
 */
function hasTitleBeforeSnippet(view: string): boolean {
  for (const gap of view.matchAll(/\s+/g)) {
    const before = view.slice(0, gap.index);
    const after = view.slice(gap.index + gap[0].length);
    if (LATIN_OR_DIGIT.test(before.slice(-1)) && LATIN_OR_DIGIT.test(after.charAt(0))) continue;
    if ((before.match(OPENING)?.length ?? 0) > (before.match(CLOSING)?.length ?? 0)) continue;
    const title = contentLength(before);
    if (title >= 6 && title <= 45 && contentLength(after) >= 10) return true;
  }
  return false;
}

const MIN_TEASER_RUN = 3;
/** Teasers about the article share few of its word pairs; body lines share far more (measured: >0.2 vs <0.1). */
const MAX_TEASER_OVERLAP = 0.15;
const MAX_REFERENCE_PARAGRAPHS = 200;

/**
 * Runs of teasers after the body prose: at least three, no body prose after them, and either cut by the site
 * or about other things than the article (few shared character pairs).
 */
function findTeaserRuns(shapes: LineShape[]): Span[] {
  let lastProse = shapes.length - 1;
  while (lastProse >= 0 && !isParagraph(shapes[lastProse])) lastProse--;
  // Candidate runs lie after the last complete paragraph: a list in the middle of an article is not a tail.
  const runs: Span[] = [];
  let run: Span | null = null;
  let teasers = 0;
  const close = () => {
    if (run && teasers >= MIN_TEASER_RUN) runs.push(run);
    run = null;
    teasers = 0;
  };
  for (let i = lastProse + 1; i < shapes.length; i++) {
    const s = shapes[i];
    if (s.blank || s.timestamp) continue;
    const teaser = isTeaser(s);
    // Lists interleave teasers with bare titles; a run needs the teasers, titles only keep it going.
    if (teaser || (run && isHeadlineLike(s))) {
      run = run ? { first: run.first, last: i } : { first: i, last: i };
      if (teaser) teasers++;
    } else close();
  }
  close();
  if (runs.length === 0 || lastProse < 0) return [];
  // Cut by the site, or title-and-snippet lines about something else; an article wrapped mid-sentence is neither.
  const kinds = runs.map((r) => runKind(shapes, r));
  const titled = runs.filter((_, k) => kinds[k] === 'titled');
  const shares = titled.length > 0 ? sharedBigrams(shapes, titled, lastProse) : [];
  return runs.filter((r, k) => kinds[k] === 'cut' || (kinds[k] === 'titled' && shares[titled.indexOf(r)] <= MAX_TEASER_OVERLAP));
}

/** Lines of a run that count: not blank, not a bare date. */
function runLines(shapes: LineShape[], run: Span): LineShape[] {
  return shapes.slice(run.first, run.last + 1).filter((s) => !s.blank && !s.timestamp);
}

/** A run is cut when half its lines are elided, else titled when half start with a title, else neither. */
function runKind(shapes: LineShape[], run: Span): 'cut' | 'titled' | null {
  const lines = runLines(shapes, run);
  if (lines.filter((s) => s.elided).length * 2 >= lines.length) return 'cut';
  return lines.filter((s) => hasTitleBeforeSnippet(s.view)).length * 2 >= lines.length ? 'titled' : null;
}

/**
 * For each run, the mean share of its lines' bigrams that the article uses too, in its last paragraphs: enough
 * to tell its topic, bounded on huge files. Only the runs' bigrams are looked for in the paragraphs.
 */
function sharedBigrams(shapes: LineShape[], runs: Span[], lastProse: number): number[] {
  const lineBigrams = runs.map((r) =>
    runLines(shapes, r).map((s) => {
      const bigrams = new Set<number>();
      forEachBigram(s.view, (key) => bigrams.add(key));
      return bigrams;
    }),
  );
  let total = 0;
  for (const lines of lineBigrams) for (const bigrams of lines) total += bigrams.size;
  const table = new BigramTable(total);
  for (const lines of lineBigrams) for (const bigrams of lines) for (const key of bigrams) table.slotOf(key, true);
  const inArticle = new Uint8Array(table.size);
  for (let i = lastProse, taken = 0; i >= 0 && taken < MAX_REFERENCE_PARAGRAPHS; i--) {
    if (!isParagraph(shapes[i])) continue;
    forEachBigram(shapes[i].view, (key) => {
      const slot = table.slotOf(key, false);
      if (slot >= 0) inArticle[slot] = 1;
    });
    taken++;
  }
  return lineBigrams.map((lines) => {
    let shared = 0;
    for (const bigrams of lines) {
      if (bigrams.size === 0) {
        shared += 1;
        continue;
      }
      let hit = 0;
      for (const key of bigrams) hit += inArticle[table.slotOf(key, false)];
      shared += hit / bigrams.size;
    }
    return shared / lines.length;
  });
}

/** What follows a list header inside the body must weigh at least this share of what precedes it to stay body. */
const THIN_REMAINDER = 0.25;

/**
 * Ends the body before `line` (a related-list or comments header that the caller recognised) when what follows
 * it is thin next to what precedes it: a list or comment thread the densest segment swallowed. A header in the
 * middle of a long article leaves the body as it is.
 */
export function cutBodyAt(layout: Layout, line: number): Layout {
  const { body, shapes, proseMass } = layout;
  if (!body || line <= body.first || line > body.last) return layout;
  const before = proseMass[line] - proseMass[body.first];
  const after = proseMass[body.last + 1] - proseMass[line + 1];
  if (after >= before * THIN_REMAINDER) return layout;
  let last = line - 1;
  while (last > body.first && shapes[last].blank) last--;
  return { ...layout, body: { first: body.first, last } };
}

export function analyseLayout(article: Article): Layout {
  return article.memo('page-layout', () => {
    const { text, index } = article;
    const shapes = article.lines.map((line, i) => cachedShapeOf(line, text, index.starts[i]));
    const teaserRuns = findTeaserRuns(shapes);
    const scores = shapes.map(bodyScore);
    for (const r of teaserRuns) for (let i = r.first; i <= r.last; i++) scores[i] = Math.min(scores[i], -2);
    const titled = findPageTitle(shapes);
    const body = (titled && segmentAfterHeadline(shapes, scores, titled.headline)) ?? densestSegment(scores);
    const metadataLines = new Set(article.metadata.map((f) => f.line));
    const headline = titled && (!body || titled.headline <= body.first) ? titled.headline : body ? headlineAboveBody(shapes, body.first, metadataLines) : null;
    const proseMass = new Float64Array(shapes.length + 1);
    for (let i = 0; i < scores.length; i++) proseMass[i + 1] = proseMass[i] + Math.max(0, scores[i]);
    return { shapes, body, headline, pageTitle: titled?.pageTitle ?? null, teaserRuns, proseMass };
  });
}

/** Sub-headlines inside the body, as in multi-story files: headline-like lines between paragraphs of prose. */
export function subheadlines(article: Article): number[] {
  const layout = analyseLayout(article);
  if (!layout.body) return [];
  const found: number[] = [];
  for (let i = layout.body.first; i <= layout.body.last; i++) {
    const shape = layout.shapes[i];
    if (i !== layout.headline && i !== article.titleLine && !shape.blank && isHeadlineLike(shape) && !isProse(shape)) found.push(i);
  }
  return found;
}
