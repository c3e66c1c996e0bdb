/**
 * The layout of a scraped page: which lines are the article body, where the headline is, what precedes it
 * (site chrome) and what trails the body (footers, related lists). Purely structural: line shapes, a
 * maximum-sum segment over prose evidence (the idea behind boilerpipe and jusText) and topic overlap, no lexicon.
 */
import type { Article } from './article';

export interface LineShape {
  blank: boolean;
  /** The line for pattern matching: pinyin annotations and markup residue removed, Latin lower-cased, trimmed. */
  view: string;
  han: number;
  /** Han characters, letters and digits: what a reader reads. */
  content: number;
  /** Clause and sentence punctuation, the mark of running prose. */
  clauses: number;
  sentenceEnd: boolean;
  /** Ends the way a site cuts a teaser: an ellipsis, 更多, >>. */
  elided: boolean;
  /** Contains a date or a time of day. */
  dated: boolean;
  /** Nothing but a date and/or time. */
  timestamp: boolean;
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
/** A `?` counts only where a question ends; scrapers also leave it for a lost character, inside words and numbers. */
const QUESTION_END = /[\s"'”’」』）)\]】》]/;
/** ，,。；;！!？ by code. */
const CLAUSE_MARKS = new Set([0xff0c, 0x2c, 0x3002, 0xff1b, 0x3b, 0xff01, 0x21, 0xff1f]);
const SENTENCE_END = /[。！？!?…;；.](?:[”’」』）)\]】》"']*)$/;
const ELIDED = /(?:\.{2,}|…+|更多|>>|»)\s*[>》»]*$/;
const DATE = /\d{4}\s*[-/.年]\s*\d{1,2}(?:\s*[-/.月]\s*\d{1,2}\s*日?)?|\d{1,2}月\d{1,2}日|(?:^|\D)\d{1,2}:\d{2}(?::\d{2})?/;
const TIMESTAMP = /^(?:\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?|\d{1,2}月\d{1,2}日)?\s*(?:\d{1,2}:\d{2}(?::\d{2})?)?$/;

export function viewOf(line: string): string {
  // The replacements only where their anchors occur: most lines have neither.
  const plain = line.includes('(') ? line.replace(PINYIN_ANNOTATION, '') : line;
  const clean = plain.includes('>') ? plain.replace(MARKUP_RESIDUE, ' ') : plain;
  const trimmed = clean.trim();
  return /[A-Z]/.test(trimmed) ? trimmed.toLowerCase() : trimmed;
}

/** Han by code point: the unified ideographs, their extensions and compatibility forms. */
export function isHanCode(cp: number): boolean {
  return (cp >= 0x4e00 && cp <= 0x9fff) || (cp >= 0x3400 && cp <= 0x4dbf) || (cp >= 0xf900 && cp <= 0xfaff) || (cp >= 0x20000 && cp <= 0x323af) || cp === 0x3007;
}

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

export function isContentCode(cp: number): boolean {
  return isDigit(cp) || (cp >= 0x41 && cp <= 0x5a) || (cp >= 0x61 && cp <= 0x7a) || isHanCode(cp);
}

/** Han, content and clause counts in one pass over the text: this runs on every line of every file. */
function measure(view: string): { han: number; content: number; clauses: number; digits: number } {
  let han = 0;
  let content = 0;
  let clauses = 0;
  let digits = 0;
  for (let i = 0; i < view.length; i++) {
    const c = view.charCodeAt(i);
    const cp = c >= 0xd800 && c <= 0xdbff ? view.codePointAt(i)! : c;
    if (cp > 0xffff) i++;
    if (isHanCode(cp)) {
      han++;
      content++;
    } else if (isContentCode(cp)) {
      content++;
      if (isDigit(cp)) digits++;
    } else if (CLAUSE_MARKS.has(c)) clauses++;
    else if (c === 0x3f && (i === 0 || (!isDigit(view.charCodeAt(i - 1)) && view.charCodeAt(i - 1) !== 0x3f))) {
      const next = i + 1 < view.length ? view.codePointAt(i + 1)! : -1;
      if (next < 0 || isHanCode(next) || QUESTION_END.test(String.fromCodePoint(next))) clauses++;
    }
  }
  return { han, content, clauses, digits };
}

export function shapeOf(line: string): LineShape {
  const view = viewOf(line);
  const { han, content, clauses, digits } = measure(view);
  // Endings are judged on the last characters only.
  const end = view.length > 16 ? view.slice(-16) : view;
  return {
    blank: view.length === 0,
    view,
    han,
    content,
    clauses,
    sentenceEnd: SENTENCE_END.test(end),
    elided: ELIDED.test(end),
    dated: digits > 0 && DATE.test(view),
    timestamp: digits > 0 && TIMESTAMP.test(view),
  };
}

/** Running prose: several clauses, or a full sentence of some length, not cut off by the site. */
export function isProse(s: LineShape): boolean {
  return !s.elided && s.han >= 12 && (s.clauses >= 2 || (s.sentenceEnd && s.han >= 15));
}

export function contentLength(text: string): number {
  return measure(text).content;
}

const MENU_ITEM = 8;
const MENU_ROW_ITEMS = 4;

/**
 * A row of a navigation menu: four or more short Chinese items side by side, no punctuation. Latin words do not
 * count as items, or a title like `三星 Galaxy S20 系列手机` would be a menu.
 */
export function isMenuRow(s: LineShape): boolean {
  if (s.clauses > 0 || s.content < MENU_ROW_ITEMS * 2 || !/[\s|·]/.test(s.view)) return false;
  const items = s.view.split(/[\s|·]+/u).filter((w) => contentLength(w) > 0);
  return items.filter((w) => measure(w).han >= 2).length >= MENU_ROW_ITEMS && items.every((w) => contentLength(w) <= MENU_ITEM);
}

/** A line that could be a headline: a phrase of some length, not a sentence, not a date line, not a menu. */
export function isHeadlineLike(s: LineShape): boolean {
  return s.han >= 6 && s.content <= 60 && s.clauses <= 1 && !s.elided && !s.timestamp && !/[>»›]/.test(s.view) && !isMenuRow(s);
}

/**
 * How much a line argues for being body text: prose weighs by its length, everything else counts against, a
 * clipped teaser most. The body is the segment with the largest sum.
 */
function bodyScore(s: LineShape): number {
  if (s.blank) return 0;
  if (s.elided) return -2;
  if (isProse(s)) return Math.min(s.han, 150) / 15;
  return isHeadlineLike(s) ? -0.5 : -1;
}

function densestSegment(scores: number[]): Span | null {
  let best: Span | null = null;
  let bestSum = 0;
  let sum = 0;
  let start = 0;
  scores.forEach((score, i) => {
    if (sum <= 0) {
      sum = 0;
      start = i;
    }
    sum += score;
    if (sum > bestSum) {
      bestSum = sum;
      best = { first: start, last: i };
    }
  });
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
    if (scores[i] > 0 && headlineKey(shapes[i].view) !== title) {
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
  let key = '';
  for (const ch of view) if (isContentCode(ch.codePointAt(0)!)) key += ch;
  return key;
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

/** Adds a line's pairs of adjacent Han characters to `into`. */
function addBigrams(view: string, into: Set<number>): Set<number> {
  let prev = -1;
  for (let i = 0; i < view.length; i++) {
    let cp = view.charCodeAt(i);
    if (cp >= 0xd800 && cp <= 0xdbff) cp = view.codePointAt(i++)!;
    if (isHanCode(cp)) {
      if (prev >= 0) into.add(pairKey(prev, cp));
      prev = cp;
    } else prev = -1;
  }
  return into;
}

/** Share of a line's bigrams that occur in the reference set. */
function overlap(line: Set<number>, reference: Set<number>): number {
  if (line.size === 0) return 1;
  let hit = 0;
  for (const b of line) if (reference.has(b)) hit++;
  return hit / line.size;
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
  const prose = shapes.map((s) => isProse(s) && !isTeaser(s));
  let lastProse = -1;
  prose.forEach((p, i) => {
    if (p) lastProse = i;
  });
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
  // The article's vocabulary, from its last paragraphs: enough to tell its topic, bounded on huge files.
  const reference = new Set<number>();
  for (let i = lastProse, taken = 0; i >= 0 && taken < MAX_REFERENCE_PARAGRAPHS; i--) {
    if (!prose[i]) continue;
    addBigrams(shapes[i].view, reference);
    taken++;
  }
  return runs.filter((r) => {
    let elided = 0;
    let titled = 0;
    let lines = 0;
    let shared = 0;
    for (let i = r.first; i <= r.last; i++) {
      const s = shapes[i];
      if (s.blank || s.timestamp) continue;
      lines++;
      if (s.elided) elided++;
      if (hasTitleBeforeSnippet(s.view)) titled++;
      shared += overlap(addBigrams(s.view, new Set()), reference);
    }
    // Cut by the site, or title-and-snippet lines about something else; an article wrapped mid-sentence is neither.
    return elided * 2 >= lines || (titled * 2 >= lines && shared / lines <= MAX_TEASER_OVERLAP);
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
    const shapes = article.lines.map(shapeOf);
    const teaserRuns = findTeaserRuns(shapes);
    const scores = shapes.map(bodyScore);
    for (const r of teaserRuns) for (let i = r.first; i <= r.last; i++) scores[i] = Math.min(scores[i], -2);
    const titled = findPageTitle(shapes);
    const body = (titled && segmentAfterHeadline(shapes, scores, titled.headline)) ?? densestSegment(scores);
    const metadataLines = new Set(article.metadata.map((f) => f.line));
    const headline = titled && (!body || titled.headline <= body.first) ? titled.headline : body ? headlineAboveBody(shapes, body.first, metadataLines) : null;
    const proseMass = new Float64Array(shapes.length + 1);
    scores.forEach((score, i) => (proseMass[i + 1] = proseMass[i] + Math.max(0, score)));
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
