/** Where an article's own text stands in a scraped page, and its lines cleaned for analysis. */
import type { Article } from '../article';

export interface BodyRange {
  /** The headline's line, or 0 when there is none. */
  start: number;
  /** The first line of the page's tail (keywords, related articles, footer), or the line count. */
  end: number;
}

/** Ruby readings left by a scrape, 網(wǎng): they split words, so analyses drop them. */
const READING = /\([a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ][a-zü]*\)/g;
const READING_AT = new RegExp(READING.source, 'y');

/** Tries the pattern only where a bracket opens: most lines have none, or brackets without readings. */
export function stripReadings(line: string): string {
  for (let at = line.indexOf('('); at >= 0; at = line.indexOf('(', at + 1)) {
    READING_AT.lastIndex = at;
    if (READING_AT.test(line)) return line.replace(READING, '');
  }
  return line;
}

/** Openings of the lines that end an article on news pages, in both scripts. */
const TAIL = new RegExp(
  '^[【\\[(（]?\\s*(?:' +
    [
      '关键词', '關鍵詞', '关键字', '關鍵字', '标签[:：]', '標籤[:：]', '猜你喜欢', '猜你喜歡', '相关阅读', '相關閱讀', '相关新闻', '相關新聞',
      '相关文章', '相關文章', '相关推荐', '相關推薦', '推荐阅读', '推薦閱讀', '延伸阅读', '延伸閱讀', '热门推荐', '熱門推薦', '精彩推荐',
      '精彩推薦', '更多精彩', '责任编辑', '責任編輯', '责编', '責編', '编辑[:：]', '編輯[:：]', '上一篇', '下一篇', '分享到', '返回顶部',
      '返回頂部', '扫一扫', '掃一掃', '版权所有', '版權所有', '版权声明', '版權聲明', '免责声明', '免責聲明', '网友评论', '網友評論',
      '我要评论', '我要評論', '热门评论', '熱門評論', '原文链接', '原文鏈接', '打印本页', '打印此页', '关闭窗口', '關閉窗口', '©', 'Copyright',
    ].join('|') +
    ')',
  'i',
);

export function isTailLine(line: string): boolean {
  return TAIL.test(stripReadings(line).trim());
}

/**
 * Whether a text has at least `n` Han characters, stopping as soon as it has: rules ask this of every line,
 * and a regular expression per character is slow on long lines. Counts the CJK ideograph blocks (unified,
 * extension A, compatibility) and the supplementary ideographic planes.
 */
export function hasHan(text: string, n: number): boolean {
  let count = 0;
  for (let i = 0; i < text.length && count < n; i++) {
    const c = text.charCodeAt(i);
    if ((c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf) || (c >= 0xf900 && c <= 0xfaff)) count++;
    else if (c >= 0xd840 && c <= 0xd87f) {
      count++;
      i++;
    }
  }
  return count >= n;
}

/** A paragraph of the article (not a headline, menu or byline). */
export function isParagraph(line: string): boolean {
  return hasHan(line, PARAGRAPH_MIN_HAN);
}

const PARAGRAPH_MIN_HAN = 30;
const LEAD_PARAGRAPHS = 3;

/** The tail begins at the first tail line after a paragraph: share bars and bylines also stand above the text. */
export function articleBody(article: Article): BodyRange {
  return article.memo('body', () => {
    const start = article.titleLine ?? 0;
    let seenParagraph = false;
    for (let i = start; i < article.lines.length; i++) {
      const line = article.lines[i];
      if (seenParagraph && isTailLine(line)) return { start, end: i };
      seenParagraph ||= i !== article.titleLine && isParagraph(line);
    }
    return { start, end: article.lines.length };
  });
}

/** The first paragraphs below the headline, where a dateline or an outlet stands. */
export function leadParagraphs(article: Article): number[] {
  return article.memo('leadParagraphs', () => {
    const { start, end } = articleBody(article);
    const lead: number[] = [];
    for (let i = start; i < end && lead.length < LEAD_PARAGRAPHS; i++) {
      if (i !== article.titleLine && isParagraph(article.lines[i])) lead.push(i);
    }
    return lead;
  });
}
