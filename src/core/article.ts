/** The article model: a seed file's lines, headline and metadata lines, with a memo for shared analyses. */
import { countHan } from './chars';
import { indexLines, isWhiteSpace, positionAt, type LineIndex } from './text';

export interface MetadataField {
  line: number;
  /** Normalised key in simplified form: 来源, 发布时间, 日期, 作者, 责编 … */
  key: string;
  value: string;
  /** Columns of the key's first character and of the value's first character and end. */
  keyStart: number;
  valueStart: number;
  valueEnd: number;
}

export interface Article {
  path: string | null;
  text: string;
  index: LineIndex;
  lines: string[];
  metadata: MetadataField[];
  titleLine: number | null;
  /** Memoises analyses that several rules share (computed once per article). */
  memo<T>(key: string, compute: () => T): T;
}

/** Metadata keys in simplified and traditional spelling, mapped to the simplified key. */
const METADATA_KEYS: Record<string, string> = {
  来源: '来源', 來源: '来源', 发布时间: '发布时间', 發布時間: '发布时间', 发布日期: '发布日期', 發布日期: '发布日期',
  日期: '日期', 时间: '时间', 時間: '时间', 作者: '作者', 记者: '记者', 記者: '记者', 责编: '责编', 責編: '责编',
  责任编辑: '责任编辑', 責任編輯: '责任编辑', 编辑: '编辑', 編輯: '编辑', 浏览次数: '浏览次数', 瀏覽次數: '浏览次数',
  稿源: '来源', 出处: '来源', 出處: '来源', 原标题: '原标题', 原標題: '原标题', 关键词: '关键词', 關鍵詞: '关键词',
  关键字: '关键词', 關鍵字: '关键词', 报料热线: '报料热线', 報料熱線: '报料热线', 字号: '字号', 字號: '字号',
};

const KEY_ALTERNATION = Object.keys(METADATA_KEYS).sort((a, b) => b.length - a.length).join('|');
/** A key, a colon (or a lost character in its place) and the value, up to the next key or the end. */
const FIELD = new RegExp(`(${KEY_ALTERNATION})\\s*[:：?]\\s*`, 'gu');
const SEPARATORS = [':', '：', '?'];
const KEY_ENDS = new Set(Object.keys(METADATA_KEYS).map((key) => key.charCodeAt(key.length - 1)));

/** Whether a separator follows a key's last character (spaces aside) on its line: what any field needs. */
function followsKeyEnd(text: string, at: number): boolean {
  let k = at - 1;
  for (; k >= 0; k--) {
    const c = text.charCodeAt(k);
    if (c === 0x0a || c === 0x0d || !isWhiteSpace(c)) break;
  }
  return k >= 0 && KEY_ENDS.has(text.charCodeAt(k));
}

/**
 * Where fields may stand: the separators that follow a key's last character. Found with indexOf, much
 * faster than the alternation of all keys (or any regular expression) over every line: most lines have no field.
 */
function fieldSeparators(text: string): number[] {
  const found: number[] = [];
  for (const separator of SEPARATORS) {
    for (let at = text.indexOf(separator); at >= 0; at = text.indexOf(separator, at + 1)) {
      if (followsKeyEnd(text, at)) found.push(at);
    }
  }
  return found;
}

export function parseMetadataFields(line: string, lineNo: number): MetadataField[] {
  if (fieldSeparators(line).length === 0) return [];
  const found: { key: string; keyStart: number; valueStart: number }[] = [];
  FIELD.lastIndex = 0;
  for (let m = FIELD.exec(line); m; m = FIELD.exec(line)) {
    found.push({ key: METADATA_KEYS[m[1]], keyStart: m.index, valueStart: m.index + m[0].length });
  }
  return found.map((f, i) => {
    const next = i + 1 < found.length ? found[i + 1].keyStart : line.length;
    const value = line.slice(f.valueStart, next).trimEnd();
    return { line: lineNo, key: f.key, value, keyStart: f.keyStart, valueStart: f.valueStart, valueEnd: f.valueStart + value.length };
  });
}

/** A metadata line is one whose text is mostly key/value fields, not prose that mentions a key. */
function metadataOf(line: string, lineNo: number): MetadataField[] {
  const fields = parseMetadataFields(line, lineNo);
  if (fields.length === 0) return [];
  const first = fields[0];
  if (first.keyStart > 12) return [];
  if (fields.length === 1 && countHan(first.value) > 40) return [];
  return fields;
}

/**
 * The lines before `end` that contain one of `words` (which never span lines), in order: indexOf through
 * the text is much faster than testing each line, and most articles hold none of what a rule for damaged
 * text looks for.
 */
export function linesContaining(article: Article, words: readonly string[], end = article.index.starts.length): number[] {
  const { index } = article;
  // Cut at `end`, so that a word absent from there is not searched for in the rest of the page.
  const text = end < index.starts.length ? article.text.slice(0, index.starts[end]) : article.text;
  const lines = new Set<number>();
  for (const word of words) {
    for (let at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + 1)) {
      const line = positionAt(index, at).line;
      lines.add(line);
      // The rest of the line does not matter any more.
      if (line + 1 < index.starts.length) at = Math.max(at, index.starts[line + 1] - 1);
    }
  }
  return [...lines].sort((a, b) => a - b);
}

const HEADLINE_MIN_HAN = 6;
const HEADLINE_MAX_LENGTH = 90;
/** How far below the first headline-like line the page's own headline may stand (pages open with their <title>). */
const HEADLINE_REPEAT_WINDOW = 300;

/** Markup left by a broken scrape: a headline never contains it. */
const MARKUP = /<\/?[a-z]|\/[a-z]+>|[a-z-]+="/i;
/** Words of site chrome (login, accessibility, script switch, home page) on short lines. */
const CHROME = /登录|登錄|注册|註冊|个人中心|個人中心|无障碍|無障礙|繁體|繁体|简体|簡體|首页|首頁|网站地图|網站地圖|设为首页|設為首頁|加入收藏|English/;
const BREADCRUMB = /[>»]|当前位置|當前的?位置|您的位置/;

/** A menu: three or more short items separated by spaces. */
function isMenu(line: string): boolean {
  const items = line.split(/\s+/).filter(Boolean);
  return items.length >= 3 && items.every((item) => item.length <= 6);
}

function isHeadlineLike(line: string): boolean {
  if (countHan(line) < HEADLINE_MIN_HAN || line.length > HEADLINE_MAX_LENGTH) return false;
  if (BREADCRUMB.test(line) || MARKUP.test(line) || isMenu(line)) return false;
  if (/[:：]$/.test(line)) return false;
  return !(CHROME.test(line) && countHan(line) <= 20);
}

/** Prose: a long line with a full stop or several clauses; headlines have at most a comma or two. */
function isProse(line: string): boolean {
  return line.length > 40 && (line.includes('。') || (line.match(/[，,]/g)?.length ?? 0) >= 2);
}

/**
 * The headline: the first headline-like line before any prose. Pages often open with their <title> (with a
 * site suffix or a clickbait prefix) and state the bare headline again just above the body; when such a
 * restatement comes before the prose starts, it is the page's own headline.
 */
function findTitleLine(lines: string[], metadataLines: Set<number>): number | null {
  let first: number | null = null;
  for (let i = 0; i < Math.min(lines.length, 40); i++) {
    const line = lines[i].trim();
    if (!line || metadataLines.has(i)) continue;
    if (isProse(line) || line.length > HEADLINE_MAX_LENGTH) return null;
    if (isHeadlineLike(line)) {
      first = i;
      break;
    }
  }
  if (first === null) return null;
  const headline = lines[first].trim();
  for (let i = first + 1; i < Math.min(lines.length, first + HEADLINE_REPEAT_WINDOW); i++) {
    const line = lines[i].trim();
    if (isProse(line)) break;
    if (line.length <= headline.length && line.length >= headline.length * 0.4 && countHan(line) >= HEADLINE_MIN_HAN && headline.includes(line)) return i;
  }
  return first;
}

export function parseArticle(text: string, path: string | null = null): Article {
  const index = indexLines(text);
  const metadata: MetadataField[] = [];
  const candidates = new Set(fieldSeparators(text).map((at) => positionAt(index, at).line));
  for (const i of [...candidates].sort((a, b) => a - b)) {
    for (const field of metadataOf(index.lines[i], i)) metadata.push(field);
  }
  const titleLine = findTitleLine(index.lines, new Set(metadata.map((f) => f.line)));
  const cache = new Map<string, unknown>();
  return {
    path,
    text,
    index,
    lines: index.lines,
    metadata,
    titleLine,
    memo<T>(key: string, compute: () => T): T {
      if (!cache.has(key)) cache.set(key, compute());
      return cache.get(key) as T;
    },
  };
}
