/** Broken structure: paragraphs split mid-sentence, duplicated lines (SC3xx). */
import { CONTINUES, countHan } from '../core/chars';
import { articleBody, hasHan, isParagraph, isTailLine } from '../core/meta/body';
import { cutWords, mayJoinAt } from '../core/meta/segment';
import type { Rule, RuleFinding } from '../core/rule';
import { text } from '../core/rule';
import { deleteLinesRange, isWhiteSpace, lineRange, range } from '../core/text';

/** A paragraph may be separated from its continuation by this many blank lines. */
const MAX_BLANK_LINES = 2;
/** A line shorter than this (in Han characters) is a caption or a label, not half a paragraph. */
const MIN_BROKEN_HAN = 10;
/** A line with clauses this long is prose, not a subheading. */
const PROSE_MIN_HAN = 25;
/** Characters either side of a break that jieba looks at for a word across it. */
const JOIN_CONTEXT = 6;
/** When most paragraphs of an article end with sentence punctuation, one that does not is suspicious. */
const CONVENTION_SHARE = 0.7;
const CONVENTION_MIN_PARAGRAPHS = 3;

const LEADING_SPACE = /^[\s\u3000]*/;
/** Punctuation that cannot begin a paragraph: it continues or closes the sentence before. */
const CONTINUATION_START = /^(?:[,，、。.;；:：!！?？)）」』”’》]|"[。，,.;；!！?？])/;
/** Particles that cannot begin a paragraph when they stand as a word of their own. */
const PARTICLES = new Set(['的', '了', '着', '过', '们', '地', '得', '吗', '呢', '吧', '么', '之', '所']);
/** How paragraphs open: a byline, a dateline, a time, an enumeration. A paragraph starting so is new. */
const PARAGRAPH_OPENING = /^(?:本报讯|本报|本刊讯|又讯|记者|新华社|中新网|据|近日|日前|今年|去年|目前|此外|另外|同时|与此同时|据悉|据了解|据介绍|当天|当日|昨天|今天|[一二三四五六七八九十]+[、是要]|\d+[、.．]|\d{1,2}月\d{1,2}日|[【■●◆▲★（(\[])/;

/** Closing quotes and brackets (and the spaces scrapers leave) after a sentence's end do not end it. */
const TRAILING_CLOSERS = '"”\'’」』)）]】》';
/** Sentence punctuation; the ASCII ellipsis scrapers write for … is checked apart. */
const SENTENCE_PUNCTUATION = '。！？!?…;；';
const FULL_STOP = 0x2e;

/** Classes of UTF-16 units, as bits: lines are tested at their ends and for blankness, one look-up per unit. */
const TRAILING = 1;
const SENTENCE_END = 2;
const SPACE = 4;
const UNIT_CLASSES = new Uint8Array(0x10000);
for (let c = 0; c < 0x10000; c++) if (isWhiteSpace(c)) UNIT_CLASSES[c] = TRAILING | SPACE;
for (const ch of TRAILING_CLOSERS) UNIT_CLASSES[ch.charCodeAt(0)] |= TRAILING;
for (const ch of SENTENCE_PUNCTUATION) UNIT_CLASSES[ch.charCodeAt(0)] |= SENTENCE_END;
const isSpace = (c: number) => (UNIT_CLASSES[c] & SPACE) !== 0;

/** Nothing but white space (what trim() removes), tested without trimming. */
function isBlank(line: string): boolean {
  for (let k = 0; k < line.length; k++) if (!isSpace(line.charCodeAt(k))) return false;
  return true;
}

/** A photo caption ends with its credit: 小花母亲供图, 记者 段彦超 摄, （视觉中国）. */
const CAPTION = /(?:供图|摄|图|视觉中国|新华社发|资料图|图片来源[^，。]*)[)）]?$/;
/** A colon ends a line that introduces a list or a quotation: a legitimate paragraph end. */
function introduces(line: string): boolean {
  const last = line.charCodeAt(line.length - 1);
  return last === 0x3a || last === 0xff1a;
}
/** Whether the UTF-16 unit at `at` is a Han character on its own (half a surrogate pair is not). */
const isHanUnit = (text: string, at: number) => countHan(text, 1, at, at + 1) === 1;

/**
 * Sentence punctuation, then only closers and spaces. Walked back from the end: an anchored regular
 * expression would be tried at every position of the line.
 */
export function endsSentence(line: string): boolean {
  let end = line.length;
  while (end > 0 && (UNIT_CLASSES[line.charCodeAt(end - 1)] & TRAILING) !== 0) end--;
  if (end === 0) return false;
  const last = line.charCodeAt(end - 1);
  if ((UNIT_CLASSES[last] & SENTENCE_END) !== 0) return true;
  return last === FULL_STOP && end >= 3 && line.charCodeAt(end - 2) === FULL_STOP && line.charCodeAt(end - 3) === FULL_STOP;
}

const OPENING_QUOTE = 0x201c;
const CLOSING_QUOTE = 0x201d;

function unbalancedQuote(line: string): boolean {
  let open = 0;
  for (let k = 0; k < line.length; k++) {
    const c = line.charCodeAt(k);
    if (c === OPENING_QUOTE) open++;
    else if (c === CLOSING_QUOTE && open > 0) open--;
  }
  return open > 0;
}

/**
 * Prose rather than a headline or a subheading: a long line of several clauses. Headlines, however long,
 * separate their parts with spaces, colons and exclamation marks rather than commas.
 */
function isProse(line: string): boolean {
  return hasHan(line, PROSE_MIN_HAN) && (line.match(/[,，;；]/g)?.length ?? 0) >= 2;
}

/** A dictionary word across the break (国际|化, 合|作, 表|示), or a particle opening the next line (所做|的). */
function joinsAcross(before: string, after: string): { word: string | null; particle: boolean } {
  // Only Han words count: Latin and digits run on across lines in code, names and numbers.
  if (!isHanUnit(before, before.length - 1) || !isHanUnit(after, 0)) return { word: null, particle: false };
  const left = before.slice(-JOIN_CONTEXT);
  const right = after.slice(0, JOIN_CONTEXT);
  let pos = 0;
  let first: string | null = null;
  const window = left + right;
  // Most breaks have no dictionary word across them, nor a particle after: then jieba has nothing to tell.
  if (!PARTICLES.has(right[0]) && !mayJoinAt(window, left.length)) return { word: null, particle: false };
  for (const word of cutWords(window)) {
    const end = pos + word.length;
    if (pos < left.length && end > left.length) return { word, particle: false };
    if (pos === left.length) first = word;
    pos = end;
  }
  return { word: null, particle: first !== null && PARTICLES.has(first) };
}

/** The unfinished sentence at the end of a line: after its last sentence punctuation. */
function unfinishedFrom(line: string): number {
  let from = 0;
  for (let k = 0; k < line.length; k++) if (/[。！？!?;；]/.test(line[k])) from = k + 1;
  return from < line.length ? from : 0;
}

/** A line that does not end a sentence, and the line after it (blank lines aside). */
interface Break {
  line: number;
  next: number;
  /** Columns of leading space on the next line. */
  indent: number;
  before: string;
  after: string;
  punctuationOpens: boolean;
}

/**
 * SC301: a paragraph broken mid-sentence. Evidence at the break: a dictionary word across it, a particle or
 * closing punctuation opening the next line, an opening quote or comma left hanging; or, in an article whose
 * paragraphs end with sentence punctuation, a paragraph without it followed by one that does not open like
 * a paragraph. Headlines (short, no punctuation) are never half of a broken paragraph on their own evidence.
 */
export const brokenParagraph: Rule = {
  id: 'SC301',
  slug: 'broken-paragraph',
  category: 'structure',
  defaultSeverity: 'warning',
  description: text('A paragraph broken in the middle of a sentence.', '段落在句子中间断开。'),
  check(article) {
    const { start, end } = articleBody(article);
    // Whether most paragraphs end with sentence punctuation, so that one without it stands out: counted in
    // the pass that looks for breaks, which trims and tests the same lines.
    let paragraphs = 0;
    let punctuated = 0;
    const breaks: Break[] = [];
    for (let i = start; i < end; i++) {
      const before = article.lines[i].trimEnd();
      const endsWithSentence = endsSentence(before);
      const paragraph = isParagraph(before);
      if (paragraph) {
        paragraphs++;
        if (endsWithSentence) punctuated++;
      }
      // Cheapest tests first: the caption's is tried at every position of the line. A paragraph has the Han
      // characters a broken line needs.
      if (endsWithSentence || i === article.titleLine || introduces(before) || (!paragraph && !hasHan(before, MIN_BROKEN_HAN)) || CAPTION.test(before)) continue;
      let j = i + 1;
      while (j < end && j - i <= MAX_BLANK_LINES && isBlank(article.lines[j])) j++;
      if (j >= end || isBlank(article.lines[j]) || isTailLine(article.lines[j])) continue;
      const indent = LEADING_SPACE.exec(article.lines[j])![0].length;
      const after = article.lines[j].slice(indent).trimEnd();
      if (!hasHan(after, 1)) continue;
      breaks.push({ line: i, next: j, indent, before, after, punctuationOpens: CONTINUATION_START.test(after) });
    }
    if (breaks.length === 0) return [];
    const convention = paragraphs >= CONVENTION_MIN_PARAGRAPHS && punctuated / paragraphs >= CONVENTION_SHARE;
    const findings: RuleFinding[] = [];
    for (const { line: i, next: j, indent, before, after, punctuationOpens } of breaks) {
      const { word, particle } = punctuationOpens ? { word: null, particle: false } : joinsAcross(before, after);
      const strong = punctuationOpens || particle || word !== null;
      const hanging = CONTINUES.test(before);
      // Without evidence at the break, the next line must read as the rest of a paragraph: it finishes a
      // sentence and does not open like a new paragraph (headlines and link lists do neither).
      const byConvention = convention && isProse(before) && endsSentence(after) && !PARAGRAPH_OPENING.test(after);
      if (!strong && !byConvention && !(hanging && isProse(before) && hasHan(after, MIN_BROKEN_HAN))) continue;

      const open = unbalancedQuote(before);
      const reason = word
        ? text(`“${word}” runs across the break`, `“${word}”被断开`)
        : particle || punctuationOpens
          ? text('the next line cannot begin a paragraph', '下一行不能作为段落开头')
          : open
            ? text('a quotation is left open', '引号未闭合')
            : hanging
              ? text('the line ends with continuing punctuation', '行末是句中标点')
              : text('the line ends without sentence punctuation, unlike the other paragraphs', '与其他段落不同,行末没有句末标点');
      findings.push({
        range: range(i, unfinishedFrom(before), i, before.length),
        message: text(`Paragraph broken mid-sentence: ${reason.en}.`, `段落在句中断开:${reason.zh}。`),
        fixes: [
          {
            title: text('Join with the next line', '与下一行合并'),
            // Unattended joining needs evidence at the break itself and an article that punctuates its paragraphs.
            safe: strong && (convention || hanging || open),
            edits: [{ range: range(i, before.length, j, indent), newText: '' }],
          },
        ],
      });
    }
    return findings;
  },
};

/** Too short to be a meaningful repeat: menu items, bylines, dates. */
const MIN_DUPLICATE_HAN = 6;
const MIN_DUPLICATE_LENGTH = 20;
/** A file with more repeats than this is a concatenation, not an article: the first ones make the point. */
const MAX_DUPLICATE_FINDINGS = 1000;

/** Runs of whitespace other than single spaces: most lines have none, and then need no rewriting. */
const IRREGULAR_SPACE = /[^\S ]|  /;

function normalise(line: string): string {
  const trimmed = line.trim();
  return IRREGULAR_SPACE.test(trimmed) ? trimmed.replace(/\s+/g, ' ') : trimmed;
}

/** Characters at each end of a line that place it in a bucket. */
const ENDS = 4;

/**
 * A hash of the first and last few non-space characters of a line: the same for lines whose normalised
 * forms are equal (normalising only trims and collapses spaces), so that only lines sharing a bucket need
 * normalising and hashing whole. Most lines share one with no other.
 */
function bucketOf(line: string): number {
  let h = 0x811c9dc5;
  let start = 0;
  while (start < line.length && isSpace(line.charCodeAt(start))) start++;
  for (let k = start, n = 0; k < line.length && n < ENDS; k++) {
    const c = line.charCodeAt(k);
    if (isSpace(c)) continue;
    h = Math.imul(h ^ c, 0x01000193);
    n++;
  }
  for (let k = line.length - 1, n = 0; k >= start && n < ENDS; k--) {
    const c = line.charCodeAt(k);
    if (isSpace(c)) continue;
    h = Math.imul(h ^ c, 0x01000193);
    n++;
  }
  return h;
}

/** The smallest bucket table; a table with at most REUSED_SLOTS slots is kept from one article to the next. */
const MIN_SLOTS = 1024;
const REUSED_SLOTS = 1 << 14;
let reusedTable = new Int32Array(2 * MIN_SLOTS);

/**
 * An empty open-addressing table of buckets, two Int32 per slot: the bucket, and the line that opened it + 1
 * or, once another line joins it, -(its group + 1); 0 marks an empty slot. Half full at most.
 */
function bucketTable(slots: number): Int32Array {
  if (slots > REUSED_SLOTS) return new Int32Array(2 * slots);
  if (reusedTable.length < 2 * slots) reusedTable = new Int32Array(2 * slots);
  else reusedTable.fill(0, 0, 2 * slots);
  return reusedTable;
}

/** SC302: a line repeated verbatim (whitespace aside); the later copy goes. */
export const duplicateLine: Rule = {
  id: 'SC302',
  slug: 'duplicate-line',
  category: 'structure',
  defaultSeverity: 'warning',
  description: text('A line repeated verbatim elsewhere in the file.', '与文件中另一行完全相同的重复行。'),
  check(article) {
    const { lines, index } = article;
    let slots = MIN_SLOTS;
    while (slots < 2 * lines.length) slots *= 2;
    const table = bucketTable(slots);
    // Fibonacci hashing: the top bits of the product index the table.
    const shift = Math.clz32(slots) + 1;
    // Per bucket that more than one line shares, its lines' first occurrences by normalised text.
    const groups: Map<string, number>[] = [];
    const findings: RuleFinding[] = [];
    for (let i = 0; i < lines.length && findings.length < MAX_DUPLICATE_FINDINGS; i++) {
      const line = lines[i];
      if (line.length < MIN_DUPLICATE_HAN) continue;
      const bucket = bucketOf(line);
      let slot = Math.imul(bucket, 0x9e3779b1) >>> shift;
      while (table[2 * slot + 1] !== 0 && table[2 * slot] !== bucket) slot = (slot + 1) & (slots - 1);
      const entry = table[2 * slot + 1];
      if (entry === 0) {
        table[2 * slot] = bucket;
        table[2 * slot + 1] = i + 1;
        continue;
      }
      let seen: Map<string, number>;
      if (entry > 0) {
        seen = new Map<string, number>().set(normalise(lines[entry - 1]), entry - 1);
        table[2 * slot + 1] = -groups.push(seen);
      } else seen = groups[-entry - 1];
      const key = normalise(line);
      const first = seen.get(key);
      if (first === undefined) {
        seen.set(key, i);
        continue;
      }
      // Judged only for a repeat: a line too short to count is only ever equal to lines as short.
      if (key.length < MIN_DUPLICATE_LENGTH && !hasHan(key, MIN_DUPLICATE_HAN)) continue;
      // Between blank lines, the blank line after the copy goes too, so no double gap is left.
      const blankAround = i > 0 && isBlank(lines[i - 1]) && i + 1 < lines.length && isBlank(lines[i + 1]);
      findings.push({
        range: lineRange(index, i),
        message: text(`Duplicate of line ${first + 1}.`, `与第 ${first + 1} 行重复。`),
        fixes: [{ title: text('Delete the repeated line', '删除重复行'), safe: true, edits: [{ range: deleteLinesRange(index, i, blankAround ? i + 1 : i), newText: '' }] }],
      });
    }
    return findings;
  },
};

export const structureRules: Rule[] = [brokenParagraph, duplicateLine];
