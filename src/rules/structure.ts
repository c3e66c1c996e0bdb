/** Broken structure: paragraphs split mid-sentence, duplicated lines (SC3xx). */
import type { Article } from '../core/article';
import { CONTINUES } from '../core/chars';
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
const TRAILING_CLOSERS = new Set([...'"”\'’」』)）]】》'].map((ch) => ch.charCodeAt(0)));
/** Sentence punctuation; the ASCII ellipsis scrapers write for … is checked apart. */
const SENTENCE_PUNCTUATION = new Set([...'。！？!?…;；'].map((ch) => ch.charCodeAt(0)));
/** A photo caption ends with its credit: 小花母亲供图, 记者 段彦超 摄, （视觉中国）. */
const CAPTION = /(?:供图|摄|图|视觉中国|新华社发|资料图|图片来源[^，。]*)[)）]?$/;
/** A colon ends a line that introduces a list or a quotation: a legitimate paragraph end. */
function introduces(line: string): boolean {
  const last = line.charCodeAt(line.length - 1);
  return last === 0x3a || last === 0xff1a;
}
const HAN_CHAR = /\p{Script=Han}/u;

/**
 * Sentence punctuation, then only closers and spaces. Walked back from the end: an anchored regular
 * expression would be tried at every position of the line.
 */
function endsSentence(line: string): boolean {
  let end = line.length;
  for (; end > 0; end--) {
    const c = line.charCodeAt(end - 1);
    if (!TRAILING_CLOSERS.has(c) && !isWhiteSpace(c)) break;
  }
  if (end === 0) return false;
  if (SENTENCE_PUNCTUATION.has(line.charCodeAt(end - 1))) return true;
  return end >= 3 && line.endsWith('...', end);
}

function unbalancedQuote(line: string): boolean {
  let open = 0;
  for (const ch of line) {
    if (ch === '“') open++;
    else if (ch === '”' && open > 0) open--;
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
  const left = before.slice(-JOIN_CONTEXT);
  const right = after.slice(0, JOIN_CONTEXT);
  let pos = 0;
  let first: string | null = null;
  // Only Han words count: Latin and digits run on across lines in code, names and numbers.
  if (!HAN_CHAR.test(left[left.length - 1] ?? '') || !HAN_CHAR.test(right[0] ?? '')) return { word: null, particle: false };
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

/** Whether most paragraphs end with sentence punctuation, so that one without it stands out. */
function endsWithPunctuation(article: Article, start: number, end: number): boolean {
  let paragraphs = 0;
  let punctuated = 0;
  for (let i = start; i < end; i++) {
    const line = article.lines[i].trimEnd();
    if (!isParagraph(line)) continue;
    paragraphs++;
    if (endsSentence(line)) punctuated++;
  }
  return paragraphs >= CONVENTION_MIN_PARAGRAPHS && punctuated / paragraphs >= CONVENTION_SHARE;
}

/** The unfinished sentence at the end of a line: after its last sentence punctuation. */
function unfinishedFrom(line: string): number {
  let from = 0;
  for (let k = 0; k < line.length; k++) if (/[。！？!?;；]/.test(line[k])) from = k + 1;
  return from < line.length ? from : 0;
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
    const convention = endsWithPunctuation(article, start, end);
    const findings: RuleFinding[] = [];
    for (let i = start; i < end; i++) {
      const before = article.lines[i].trimEnd();
      // Cheapest tests first: the caption's is tried at every position of the line.
      if (i === article.titleLine || endsSentence(before) || introduces(before) || !hasHan(before, MIN_BROKEN_HAN) || CAPTION.test(before)) continue;
      let j = i + 1;
      while (j < end && j - i <= MAX_BLANK_LINES && article.lines[j].trim() === '') j++;
      if (j >= end || article.lines[j].trim() === '' || isTailLine(article.lines[j])) continue;
      const indent = LEADING_SPACE.exec(article.lines[j])![0].length;
      const after = article.lines[j].slice(indent).trimEnd();
      if (!hasHan(after, 1)) continue;

      const punctuationOpens = CONTINUATION_START.test(after);
      const { word, particle } = punctuationOpens ? { word: null, particle: false } : joinsAcross(before, after);
      const strong = punctuationOpens || particle || word !== null;
      const hanging = CONTINUES.test(before);
      const open = unbalancedQuote(before);
      // Without evidence at the break, the next line must read as the rest of a paragraph: it finishes a
      // sentence and does not open like a new paragraph (headlines and link lists do neither).
      const byConvention = convention && isProse(before) && endsSentence(after) && !PARAGRAPH_OPENING.test(after);
      if (!strong && !byConvention && !(hanging && isProse(before) && hasHan(after, MIN_BROKEN_HAN))) continue;

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

/** isWhiteSpace, deciding Han characters (above U+205F, where only U+3000 and U+FEFF are spaces) in two tests. */
const isSpace = (c: number) => (c <= 0x205f ? isWhiteSpace(c) : c === 0x3000 || c === 0xfeff);

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
  // A small integer: a key the Map hashes without allocating.
  return h & 0x3fffffff;
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
    // Per bucket, the line that opened it, or once another line joins it, its lines' first occurrences by normalised text.
    const buckets = new Map<number, number | Map<string, number>>();
    const findings: RuleFinding[] = [];
    lines.forEach((line, i) => {
      if (line.length < MIN_DUPLICATE_HAN || findings.length >= MAX_DUPLICATE_FINDINGS) return;
      const bucket = bucketOf(line);
      let seen = buckets.get(bucket);
      if (seen === undefined) {
        buckets.set(bucket, i);
        return;
      }
      if (typeof seen === 'number') {
        seen = new Map([[normalise(lines[seen]), seen]]);
        buckets.set(bucket, seen);
      }
      const key = normalise(line);
      const first = seen.get(key);
      if (first === undefined) {
        seen.set(key, i);
        return;
      }
      // Judged only for a repeat: a line too short to count is only ever equal to lines as short.
      if (key.length < MIN_DUPLICATE_LENGTH && !hasHan(key, MIN_DUPLICATE_HAN)) return;
      // Between blank lines, the blank line after the copy goes too, so no double gap is left.
      const blankAround = i > 0 && lines[i - 1].trim() === '' && i + 1 < lines.length && lines[i + 1].trim() === '';
      findings.push({
        range: lineRange(index, i),
        message: text(`Duplicate of line ${first + 1}.`, `与第 ${first + 1} 行重复。`),
        fixes: [{ title: text('Delete the repeated line', '删除重复行'), safe: true, edits: [{ range: deleteLinesRange(index, i, blankAround ? i + 1 : i), newText: '' }] }],
      });
    });
    return findings;
  },
};

export const structureRules: Rule[] = [brokenParagraph, duplicateLine];
