/**
 * The publication date of an article, with its precision and the text it comes from. Sources, most trusted
 * first: a metadata field (发布时间:2023-06-29) or a bare date line beside the headline (2019年11月25日 18:57);
 * a dateline (新华社天津6月29日电) with the year the text itself states; a year in the headline (precision year).
 * Only the article's own lines count: the dates of related articles in the page's tail never do.
 */
import { linesContaining, parseMetadataFields, type Article } from '../article';
import { countHan } from '../chars';
import { articleBody, leadParagraphs, stripReadings } from './body';
import type { InferredDate } from './index';

/** 2023-06-29, 2023/6/29, 18-03-08 and a day run into the time (2019-09-3007:42); the year may have lost digits. */
const NUMERIC_DATE = /(?<!\d)(\d{1,4})[-/.](\d{1,2})[-/.](\d{2}(?=\d{1,2}:\d{2})|\d{1,2}(?!\d))/;
const WRITTEN_DATE = /(?<!\d)(\d{1,4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*[日号號]/;
const TIME = /\d{1,2}:\d{2}(?::\d{2})?/g;
/** A year the text states: 2020年, or the year of a full date. */
const STATED_YEAR = /(?<!\d)(19[89]\d|20\d\d)(?=\s*年|[-/.]\d{1,2}[-/.]\d)/g;
const HEADLINE_YEAR = /(?<!\d)(19[89]\d|20\d\d)(?!\d)/;
const DATELINE = /(\d{1,2})月(\d{1,2})日(?:电|電|讯|訊)/;
/** A dateline opens its paragraph: after the outlet and place, within this many characters. */
const DATELINE_WITHIN = 40;
const DATE_KEYS = new Set(['发布时间', '发布日期', '日期', '时间']);
const DATE_KEY_HINTS = ['时间', '時間', '日期'];
/** Bare date lines stand just above or below the headline. */
const NEAR_HEADLINE_BEFORE = 2;
const NEAR_HEADLINE_AFTER = 12;
/** A date line carries little else: a source, an author, a view count. */
const DATE_LINE_MAX_LENGTH = 80;
const DATE_LINE_MAX_HAN = 20;
const MIN_YEAR = 1980;
const MAX_YEAR = 2099;

interface DayDate {
  year: string;
  month: number;
  day: number;
  text: string;
}

/** Both date patterns need a digit: most lines have none, and a look-behind makes the patterns try every position. */
const DIGIT = /\d/;

function parseDate(text: string): DayDate | null {
  if (!DIGIT.test(text)) return null;
  const m = NUMERIC_DATE.exec(text) ?? WRITTEN_DATE.exec(text);
  if (!m) return null;
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12 || day < 1 || day > 31) return null;
  return { year: m[1], month, day, text: m[0] };
}

/** Years the article's own lines state, most recent first. */
function statedYears(article: Article): number[] {
  return article.memo('statedYears', () => {
    const { start, end } = articleBody(article);
    const years = new Set<number>();
    for (let i = start; i < end; i++) {
      const line = article.lines[i];
      // Every stated year begins 19 or 20: most lines have neither, and need no pass of the pattern.
      if (line.indexOf('19') < 0 && line.indexOf('20') < 0) continue;
      for (const m of line.matchAll(STATED_YEAR)) years.add(Number(m[1]));
    }
    return [...years].sort((a, b) => b - a);
  });
}

/**
 * The full year of a date's year field. Two digits are this century's; a field that lost digits (?020) is
 * completed only by a year the text states that ends the same way.
 */
function fullYear(digits: string, article: Article): number | null {
  if (digits.length === 4) {
    const year = Number(digits);
    return year >= MIN_YEAR && year <= MAX_YEAR ? year : null;
  }
  const stated = statedYears(article).find((y) => String(y).endsWith(digits));
  if (stated !== undefined) return stated;
  return digits.length === 2 ? 2000 + Number(digits) : null;
}

const pad = (n: number) => String(n).padStart(2, '0');

function dayValue(year: number, month: number, day: number): string {
  return `${year}-${pad(month)}-${pad(day)}`;
}

/** A line that is a date and little else: 2019-09-07 13:43:45 来源: 新京报. */
function isDateLine(line: string, date: DayDate): boolean {
  if (line.length > DATE_LINE_MAX_LENGTH || /[。，,]/.test(line)) return false;
  return countHan(line.replace(date.text, '').replace(TIME, '')) <= DATE_LINE_MAX_HAN;
}

function fromMetadata(article: Article, end: number): InferredDate | null {
  const anchor = article.titleLine ?? 0;
  let best: { date: InferredDate; distance: number } | null = null;
  for (const i of linesContaining(article, DATE_KEY_HINTS, end)) {
    for (const field of parseMetadataFields(stripReadings(article.lines[i]), i)) {
      if (!DATE_KEYS.has(field.key)) continue;
      const date = parseDate(field.value);
      const year = date && fullYear(date.year, article);
      if (!date || !year) continue;
      const distance = Math.abs(i - anchor);
      if (!best || distance < best.distance) {
        const text = `${field.key}: ${date.text}`;
        best = { date: { value: dayValue(year, date.month, date.day), precision: 'day', evidence: { source: 'metadata', text, line: i } }, distance };
      }
    }
  }
  return best?.date ?? null;
}

function fromDateLine(article: Article, end: number): InferredDate | null {
  const anchor = article.titleLine;
  if (anchor === null) return null;
  // Below the headline down to just past the first paragraph (at least a few lines), then just above it.
  const below = Math.max(anchor + NEAR_HEADLINE_AFTER, (leadParagraphs(article)[0] ?? 0) + NEAR_HEADLINE_BEFORE);
  const order: number[] = [];
  for (let i = anchor + 1; i <= below && i < end; i++) order.push(i);
  for (let i = anchor - 1; i >= anchor - NEAR_HEADLINE_BEFORE && i >= 0; i--) order.push(i);
  for (const i of order) {
    const line = article.lines[i].trim();
    if (line.length > DATE_LINE_MAX_LENGTH) continue;
    const date = parseDate(line);
    if (!date || date.year.length !== 4 || !isDateLine(line, date)) continue;
    const year = fullYear(date.year, article);
    if (year) return { value: dayValue(year, date.month, date.day), precision: 'day', evidence: { source: 'metadata', text: line, line: i } };
  }
  return null;
}

function fromDateline(article: Article): InferredDate | null {
  const year = statedYears(article)[0];
  if (year === undefined) return null;
  for (const i of leadParagraphs(article)) {
    const m = DATELINE.exec(article.lines[i].slice(0, DATELINE_WITHIN + 12));
    if (!m || m.index > DATELINE_WITHIN) continue;
    const month = Number(m[1]);
    const day = Number(m[2]);
    if (month < 1 || month > 12 || day < 1 || day > 31) continue;
    return { value: dayValue(year, month, day), precision: 'day', evidence: { source: 'dateline', text: m[0], line: i } };
  }
  return null;
}

function fromHeadline(article: Article): InferredDate | null {
  if (article.titleLine === null) return null;
  const m = HEADLINE_YEAR.exec(article.lines[article.titleLine]);
  return m ? { value: m[1], precision: 'year', evidence: { source: 'headline', text: m[0], line: article.titleLine } } : null;
}

export function inferDate(article: Article): InferredDate | null {
  const { end } = articleBody(article);
  return fromMetadata(article, end) ?? fromDateLine(article, end) ?? fromDateline(article) ?? fromHeadline(article);
}
