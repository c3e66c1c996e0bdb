/**
 * One pass over an article that tells, for every line, whether it is web boilerplate and of which kind. The
 * boilerplate rules share it, so a line carries one label and deletions of different rules never overlap.
 *
 * Evidence is combined, never a word alone: chrome words must cover most of a line that is not prose, and
 * weaker words count only outside the body; structure (menus before the headline, lists after a related header,
 * teaser runs, the headline repeated after the body) comes from the page layout.
 */
import type { Article, MetadataField } from '../core/article';
import { contentLength, cutBodyAt, headlineKey, isHanCode, isMenuRow, isProse, type Layout, type LineShape, analyseLayout, SHAPE_SLOTS } from '../core/layout';
import {
  BREADCRUMB_END, BREADCRUMB_SEPARATOR, BREADCRUMB_WORDS, CHANNEL, CHROME_FAMILIES, CHROME_TOKENS, COMMENTS_HEADER, CREDIT_NAME, EDITOR_ROLE, EMAIL, foldToLexicon, hasStrongFooterMarker, KEYWORDS_KEY, PHOTO_PLACEHOLDER,
  MAX_NAME_BEFORE_TOKEN, NAMED_TOKEN, RELATED_HEADER, REPRINT_NOTICE, STARTS_WITH_ROLE, UNAMBIGUOUS_ROLE, WIDGET_FIELD, type ChromeFamily,
} from './boilerplate-lexicon';

export type BoilerplateKind =
  | 'site-chrome' | 'breadcrumb' | 'site-footer' | 'share-widget' | 'empty-keywords' | 'photo-placeholder' | 'editor-credit'
  | 'repeated-title' | 'related-articles';

export interface LineLabel {
  kind: BoilerplateKind;
  /** Evidence strong enough to delete unattended. */
  safe: boolean;
  /** Why, for the message: a short English and Chinese phrase. */
  reason: Reason;
}

export interface Reason {
  en: string;
  zh: string;
}

/** Chrome fields inside a metadata line that also carries real metadata (a date, a source). */
export interface FieldSpan {
  line: number;
  /** Columns to delete: the chrome fields and the space before them. */
  start: number;
  end: number;
  keys: string[];
}

export interface Block {
  kind: BoilerplateKind;
  first: number;
  last: number;
  safe: boolean;
  reason: Reason;
}

export interface BoilerplateAnalysis {
  layout: Layout;
  labels: (LineLabel | null)[];
  blocks: Block[];
  fields: FieldSpan[];
}

type Region = 'head' | 'body' | 'tail';

const reason = (en: string, zh: string): Reason => ({ en, zh });

const R = {
  chrome: reason('site navigation or account widget', '网站导航或账户组件'),
  menu: reason('navigation menu before the headline', '标题前的导航菜单'),
  breadcrumb: reason('breadcrumb trail', '面包屑导航'),
  footer: reason('site footer', '网站页脚'),
  reprint: reason('reprint notice after the article', '文末转载声明'),
  share: reason('share, print or page tool widget', '分享、打印等页面工具'),
  keywords: reason('keyword list', '关键词列表'),
  placeholder: reason('image placeholder', '图片占位文字'),
  editor: reason('editor credit', '编辑署名'),
  title: reason('headline repeated after the article', '文末重复的标题'),
  related: reason('related-articles list', '相关文章列表'),
  teasers: reason('teasers of other articles after the body', '正文后的其他文章摘要'),
};

/** Metadata keys (as article.ts normalises them) that are page widgets, not facts about the article: never a field boundary. */
const CHROME_FIELD_KEYS = new Set(['报料热线', '浏览次数', '字号']);

/** Keys article.ts reads as metadata whose lines are credits or keyword lists, judged below like other lines. */
const LISTING_KEYS = new Set(['责编', '责任编辑', '编辑', '关键词']);

const COVERAGE_FOR_CHROME = 0.6;
/** Above this a line is chrome even inside the body: nothing else is left in it. */
const COVERAGE_ANYWHERE = 0.85;
const SHORT_LINE = 40;

/** Longer lines are never chrome by word coverage: menus and footers are rows of short items. */
const MAX_CHROME_LINE = 120;

/** Han characters right before `end` and after `floor`, at most a name's length. */
function hanBefore(view: string, end: number, floor: number): number {
  let n = 0;
  while (n < MAX_NAME_BEFORE_TOKEN && end - n > floor && isHanCode(view.charCodeAt(end - n - 1))) n++;
  return n;
}

type Coverage = { family: ChromeFamily; coverage: number } | null;

/** Which chrome family covers most of the line, and how much of the line's content all families cover together. */
function chromeCoverage(view: string, content: number): Coverage {
  if (content === 0 || content > MAX_CHROME_LINE) return null;
  const perFamily = CHROME_FAMILIES.map(() => 0);
  let covered = 0;
  let lastEnd = 0;
  CHROME_TOKENS.lastIndex = 0;
  for (let m = CHROME_TOKENS.exec(view); m; m = CHROME_TOKENS.exec(view)) {
    if (m[0].length === 0) {
      CHROME_TOKENS.lastIndex++;
      continue;
    }
    const family = m.findIndex((g, k) => k > 0 && g !== undefined) - 1;
    const n = contentLength(m[0]) + (NAMED_TOKEN.test(m[0]) ? hanBefore(view, m.index, lastEnd) : 0);
    perFamily[family] += n;
    covered += n;
    lastEnd = m.index + m[0].length;
  }
  // Addresses, counted at most up to what the tokens left uncovered (a key like 邮箱: may have taken them already).
  if (view.includes('@') && covered < content) {
    for (const m of view.matchAll(EMAIL)) {
      const n = Math.min(contentLength(m[0]), content - covered);
      perFamily[CHROME_FAMILIES.indexOf('site-footer')] += n;
      covered += n;
    }
  }
  if (covered === 0) return null;
  covered = Math.min(covered, content);
  const best = perFamily.indexOf(Math.max(...perFamily));
  return { family: CHROME_FAMILIES[best], coverage: covered / content };
}

const KIND_OF_FAMILY: Record<ChromeFamily, BoilerplateKind> = { 'site-chrome': 'site-chrome', 'share-widget': 'share-widget', 'site-footer': 'site-footer' };
const REASON_OF_FAMILY: Record<ChromeFamily, Reason> = { 'site-chrome': R.chrome, 'share-widget': R.share, 'site-footer': R.footer };

const ITEM_SEPARATOR = /[\s,，、;；|/]+/u;
const MAX_KEYWORD = 10;

/** `关键词: a b c` or an empty `关键词:`: the key and a list of short items. */
function keywordLine(view: string): { empty: boolean; bare: boolean } | null {
  const key = KEYWORDS_KEY.exec(view);
  if (!key) return null;
  const rest = view.slice(key[0].length).replace(/[)）】\]]$/u, '').trim();
  if (rest === '') return { empty: true, bare: !/[:：]/.test(key[0]) };
  // Without a colon the key must stand apart from the list, or `标签化管理…` would count.
  if (!/[:：]/.test(key[0]) && !/\s$/.test(key[0])) return null;
  const items = rest.split(ITEM_SEPARATOR).filter(Boolean);
  const listLike = items.every((w) => contentLength(w) <= MAX_KEYWORD && !/[。！？!?]/.test(w));
  return listLike ? { empty: false, bare: false } : null;
}

/**
 * A line of editorial credits only: roles, each followed by names, e.g. `(责编:汤诗瑶、丁涛)`, `编辑 刘晓阳 校对 李铭`.
 * A role must be set off (colon, space, bracket) unless it is 责编 or 责任编辑, so `审核把关要严格` is no credit.
 */
function editorCredit(view: string): { empty: boolean } | null {
  if (!STARTS_WITH_ROLE.test(view)) return null;
  const bracketed = /^[[(（【]/u.test(view);
  const inner = view.replace(/^[[(（【]\s*/u, '').replace(/\s*[)）】\]]$/u, '');
  const roles = [...inner.matchAll(EDITOR_ROLE)];
  if (roles.length === 0 || roles[0].index !== 0) return null;
  let empty = true;
  for (let r = 0; r < roles.length; r++) {
    const from = roles[r].index + roles[r][0].length;
    const to = r + 1 < roles.length ? roles[r + 1].index : inner.length;
    const after = inner.slice(from, to);
    const setOff = /^\s*[:：]|^\s/u.test(after) || after === '' || (bracketed && roles.length === 1) || UNAMBIGUOUS_ROLE.test(roles[r][0]);
    if (!setOff) return null;
    const names = after.replace(/^\s*[:：]?\s*/u, '').split(/[\s、,，/]+/u).filter(Boolean);
    if (names.length > 0) empty = false;
    if (names.length > MAX_NAMES || !names.every((name) => CREDIT_NAME.test(name))) return null;
  }
  return { empty };
}

const MAX_NAMES = 4;

const MAX_CRUMB = 12;

function breadcrumb(view: string, shape: LineShape): { strong: boolean } | null {
  if (shape.content > 60) return null;
  if (BREADCRUMB_WORDS.test(view)) return { strong: true };
  if (shape.content <= SHORT_LINE && shape.clauses === 0 && view.endsWith('正文') && BREADCRUMB_END.test(view)) return { strong: true };
  BREADCRUMB_SEPARATOR.lastIndex = 0;
  const parts = view.split(BREADCRUMB_SEPARATOR);
  if (parts.length < 2 || shape.clauses > 0) return null;
  const crumbs = parts.filter((p) => p.trim() !== '');
  const leadingArrow = parts[0].trim() === '';
  // `更多精彩评论>>` is a link, not a trail: a trail has two steps, or starts with an arrow (`> 10%公司`).
  if ((crumbs.length < 2 && !leadingArrow) || !crumbs.every((p) => contentLength(p) <= MAX_CRUMB)) return null;
  // One arrow between two words can be a formula or a route; a leading arrow, 首页 or several arrows cannot.
  const strong = parts.length >= 3 || leadingArrow || crumbs.some((p) => /首页|频道|正文/.test(p));
  return { strong };
}

const MENU_ITEM = 8;
const SHORT_NAV = 16;
const MIN_MENU_RUN = 3;

/** A line of a navigation menu: a short item, or a row of short items. */
function navLike(s: LineShape): boolean {
  if (s.blank || s.dated || isProse(s)) return false;
  if (s.content <= SHORT_NAV && s.clauses <= 1 && s.han < 15) return true;
  return isMenuRow(s);
}

/** A line of a related list: a title, a clipped teaser, a timestamp, a bracket: anything but a paragraph of prose. */
function listLike(s: LineShape): boolean {
  return s.elided || !(isProse(s) && s.sentenceEnd && s.content > 45);
}

export function analyseBoilerplate(article: Article): BoilerplateAnalysis {
  return article.memo('boilerplate', () => label(article));
}

/** A short line that opens a related list or a comment thread. */
function listHeader(s: LineShape, lexis: Lexis): boolean {
  return !s.blank && s.content <= 16 && s.clauses === 0 && (lexis.relatedHeader || lexis.commentsHeader);
}

/**
 * What the lexicon makes of a line, each answer worked out when first asked. Chrome lines repeat on every page
 * of a site, so the lexis of a cached shape is kept (by the shape's slot): each such line is folded and judged once.
 */
class Lexis {
  /** The view folded to the lexicon's script. */
  readonly folded: string;
  private placeholderLine: boolean | undefined = undefined;
  private relatedLine: boolean | undefined = undefined;
  private commentsLine: boolean | undefined = undefined;
  private channelLine: boolean | undefined = undefined;
  private reprintLine: boolean | undefined = undefined;
  private inside: Verdict | null | undefined = undefined;
  private outside: Verdict | null | undefined = undefined;

  constructor(readonly shape: LineShape) {
    this.folded = foldToLexicon(shape.view);
  }

  get placeholder(): boolean {
    return (this.placeholderLine ??= PHOTO_PLACEHOLDER.test(this.folded));
  }

  get relatedHeader(): boolean {
    return (this.relatedLine ??= RELATED_HEADER.test(this.folded));
  }

  get commentsHeader(): boolean {
    return (this.commentsLine ??= COMMENTS_HEADER.test(this.folded));
  }

  get channel(): boolean {
    return (this.channelLine ??= CHANNEL.test(this.folded));
  }

  get reprintNotice(): boolean {
    return (this.reprintLine ??= REPRINT_NOTICE.test(this.folded));
  }

  /** What the words of a non-prose line say it is; `outside` (of the body) admits weaker evidence. */
  verdict(outside: boolean): Verdict | null {
    if (outside) return this.outside === undefined ? (this.outside = judge(this.folded, this.shape, true)) : this.outside;
    return this.inside === undefined ? (this.inside = judge(this.folded, this.shape, false)) : this.inside;
  }
}

const lexisBySlot: (Lexis | undefined)[] = new Array<Lexis | undefined>(SHAPE_SLOTS).fill(undefined);

/** The lexis of a cached shape: the one kept in its slot, unless the slot has since gone to another line. */
function cachedLexis(s: LineShape): Lexis {
  const kept = lexisBySlot[s.slot];
  if (kept?.shape === s) return kept;
  return (lexisBySlot[s.slot] = new Lexis(s));
}

function label(article: Article): BoilerplateAnalysis {
  const plain = analyseLayout(article);
  // Worked out on demand: long prose lines never meet the lexicon. Lines not cached are kept for this article only.
  const lexes: (Lexis | undefined)[] = new Array(plain.shapes.length);
  const lexisAt: LexisAt = (i) => {
    const s = plain.shapes[i];
    return s.slot >= 0 ? cachedLexis(s) : (lexes[i] ??= new Lexis(s));
  };
  // The densest segment may run on into a list or a comment thread; end the body at the first header that starts one.
  let layout = plain;
  for (let i = plain.body?.first ?? plain.shapes.length; layout === plain && i <= (plain.body?.last ?? -1); i++) {
    if (listHeader(plain.shapes[i], lexisAt(i))) layout = cutBodyAt(plain, i);
  }
  const { shapes, body } = layout;
  const n = shapes.length;
  const labels: (LineLabel | null)[] = new Array(n).fill(null);
  const region = (i: number): Region => (!body ? 'head' : i < body.first ? 'head' : i > body.last ? 'tail' : 'body');
  const metadataLines: (MetadataField[] | undefined)[] = new Array(n);
  for (const f of article.metadata) (metadataLines[f.line] ??= []).push(f);

  // A reprint notice is a sentence, so the body may end with it; it counts as footer once no article prose follows.
  let lastArticleProse = n - 1;
  while (lastArticleProse >= 0 && !(isProse(shapes[lastArticleProse]) && !lexisAt(lastArticleProse).reprintNotice)) lastArticleProse--;
  const fields: FieldSpan[] = [];
  const emptyKeys: number[] = [];
  const emptyCredits: number[] = [];
  for (let i = 0; i < n; i++) {
    const s = shapes[i];
    if (s.blank) continue;
    const onLine = metadataLines[i];
    const keys = onLine?.map((f) => f.key);
    if (onLine) {
      const widgets = chromeFields(article.lines[i], i, onLine);
      if (widgets.wholeLine) labels[i] = LABEL.chrome;
      else fields.push(...widgets.fields);
    }
    if (isProse(s)) {
      // Prose is the article's, save a reprint notice after its last paragraph.
      if (i > lastArticleProse && s.content <= 150 && lexisAt(i).reprintNotice) labels[i] = LABEL.reprint;
      continue;
    }
    const lexis = lexisAt(i);
    // Before the metadata test: `（图片来源：网络）` has a 来源 key but is no fact about the article.
    if (lexis.placeholder) {
      labels[i] = LABEL.placeholder;
      continue;
    }
    if (labels[i] || (keys && !keys.every((k) => LISTING_KEYS.has(k)))) continue;
    const verdict = lexis.verdict(region(i) !== 'body');
    if (verdict) {
      labels[i] = verdict.label;
      if (verdict.emptyKey) emptyKeys.push(i);
      if (verdict.emptyCredit) emptyCredits.push(i);
      continue;
    }
    if (i > lastArticleProse && s.content <= 150 && lexis.reprintNotice) labels[i] = LABEL.reprint;
  }

  // Related lists first: a title repeated inside one belongs to the list.
  labelRelated(layout, lexisAt, labels, region);
  labelRepeatedTitle(layout, labels);
  labelListsAfter(emptyKeys, 3, (s) => s.content <= MENU_ITEM && s.clauses === 0 && !/\s/.test(s.view), shapes, labels, LABEL.keywords);
  labelListsAfter(emptyCredits, 1, (s) => s.han >= 2 && s.han <= 4 && s.content <= 6 && s.clauses === 0, shapes, labels, LABEL.editor);
  labelMenus(layout, lexisAt, labels, metadataLines);
  absorbCounters(shapes, labels, region);
  return { layout, labels, blocks: blocksOf(shapes, labels), fields };
}

/** Labels are values: one object per kind, safety and reason, shared by every line that carries it. */
const labelObjects = new Map<Reason, Map<BoilerplateKind, [LineLabel, LineLabel]>>();

function sharedLabel(kind: BoilerplateKind, safe: boolean, reason: Reason): LineLabel {
  let byKind = labelObjects.get(reason);
  if (!byKind) labelObjects.set(reason, (byKind = new Map()));
  let pair = byKind.get(kind);
  if (!pair) byKind.set(kind, (pair = [Object.freeze({ kind, safe: false, reason }), Object.freeze({ kind, safe: true, reason })]));
  return pair[safe ? 1 : 0];
}

/** The labels the passes below set, made once. */
const LABEL = {
  chrome: sharedLabel('site-chrome', true, R.chrome),
  reprint: sharedLabel('site-footer', true, R.reprint),
  placeholder: sharedLabel('photo-placeholder', true, R.placeholder),
  title: sharedLabel('repeated-title', true, R.title),
  keywords: sharedLabel('empty-keywords', true, R.keywords),
  editor: sharedLabel('editor-credit', true, R.editor),
  menu: sharedLabel('site-chrome', true, R.menu),
  menuToReview: sharedLabel('site-chrome', false, R.menu),
  related: sharedLabel('related-articles', true, R.related),
  teasers: sharedLabel('related-articles', false, R.teasers),
};

interface Verdict {
  label: LineLabel;
  /** A key without its value (`关键字 :`, `责任编辑:`): the value may stand on the next line. */
  emptyKey?: boolean;
  emptyCredit?: boolean;
}

function judge(view: string, s: LineShape, outside: boolean): Verdict | null {
  const keyword = keywordLine(view);
  // A bare `标签` without a colon could head a paragraph; only outside the body is it a widget.
  if (keyword && (outside || !keyword.bare)) return { label: LABEL.keywords, emptyKey: keyword.empty };
  const credit = s.content <= 60 ? editorCredit(view) : null;
  if (credit) return { label: LABEL.editor, emptyCredit: credit.empty };
  const crumb = breadcrumb(view, s);
  if (crumb && (crumb.strong || outside)) return { label: sharedLabel('breadcrumb', true, R.breadcrumb) };
  if (s.content <= 200 && hasStrongFooterMarker(view)) return { label: sharedLabel('site-footer', true, R.footer) };
  const chrome = chromeCoverage(view, s.content);
  if (chrome && chrome.coverage >= (outside ? COVERAGE_FOR_CHROME : COVERAGE_ANYWHERE)) {
    return { label: sharedLabel(KIND_OF_FAMILY[chrome.family], true, REASON_OF_FAMILY[chrome.family]) };
  }
  return null;
}

/** A line's lexis, by line number. */
type LexisAt = (i: number) => Lexis;

/**
 * The widget fields of a metadata line (浏览次数, 字号, 报料热线): each runs from its key to the next real field
 * or the end of the line. Keys are found in the text itself, since a scraper often drops the colon after them.
 */
function chromeFields(text: string, line: number, onLine: MetadataField[]): { fields: FieldSpan[]; wholeLine: boolean } {
  const folded = foldToLexicon(text);
  const realStarts = onLine.filter((f) => !CHROME_FIELD_KEYS.has(f.key)).map((f) => f.keyStart).sort((a, b) => a - b);
  const fields: FieldSpan[] = [];
  let nextReal = 0;
  WIDGET_FIELD.lastIndex = 0;
  for (let m = WIDGET_FIELD.exec(folded); m; m = WIDGET_FIELD.exec(folded)) {
    // Matches come in order, so the next real field is found by walking forward once.
    while (nextReal < realStarts.length && realStarts[nextReal] <= m.index) nextReal++;
    const next = nextReal < realStarts.length ? realStarts[nextReal] : text.length;
    // The separator before the widget goes with it: `发布时间: 2018-05-17 | 浏览次数: 2168`.
    let start = m.index;
    while (start > 0 && /[\s|｜·/]/.test(text[start - 1])) start--;
    let end = next;
    while (end > m.index && /\s/.test(text[end - 1])) end--;
    const key = m[0].replace(/[\s:：?]+$/u, '');
    const previous = fields[fields.length - 1];
    if (previous && start <= previous.end) {
      previous.end = Math.max(previous.end, end);
      previous.keys.push(key);
    } else fields.push({ line, start, end, keys: [key] });
  }
  const wholeLine = fields.length === 1 && fields[0].start === 0 && fields[0].end === text.trimEnd().length;
  return { fields: wholeLine ? [] : fields, wholeLine };
}

/** The headline (or the page title) again after the body. */
function labelRepeatedTitle(layout: Layout, labels: (LineLabel | null)[]): void {
  const titles = new Set<string>();
  for (const line of [layout.headline, layout.pageTitle]) {
    if (line !== null) titles.add(headlineKey(layout.shapes[line].view));
  }
  titles.delete('');
  if (titles.size === 0) return;
  const lengths = new Set([...titles].map((t) => t.length));
  const { shapes } = layout;
  for (let i = tailStart(layout); i < shapes.length; i++) {
    const s = shapes[i];
    // The key is the line's content, so only lines of a title's length need building one.
    if (labels[i] || s.han < 6 || !lengths.has(s.content)) continue;
    if (titles.has(headlineKey(s.view))) labels[i] = LABEL.title;
  }
}

/** The first line after the body: without a body, every line is head and there is no tail. */
function tailStart(layout: Layout): number {
  return layout.body ? layout.body.last + 1 : layout.shapes.length;
}

/** Values a CMS prints on the lines after an empty key: `关键字 :` then `公园`; `责任编辑:` then a name. */
function labelListsAfter(
  keys: number[], max: number, fits: (s: LineShape) => boolean, shapes: LineShape[], labels: (LineLabel | null)[], label: LineLabel,
): void {
  for (const key of keys) {
    let taken = 0;
    for (let i = key + 1; i < shapes.length && taken < max; i++) {
      if (shapes[i].blank) continue;
      if (labels[i] || !fits(shapes[i])) break;
      labels[i] = label;
      taken++;
    }
  }
}

/**
 * Menus before the headline: runs of short items or rows of items. The page title and metadata lines are not
 * menu items. A run with a chrome word in it (登录, 首页…) or several channel names is deleted unattended; a run
 * without is offered.
 */
function labelMenus(layout: Layout, lexisAt: LexisAt, labels: (LineLabel | null)[], metadataLines: (MetadataField[] | undefined)[]): void {
  const { shapes } = layout;
  const end = layout.headline ?? layout.body?.first ?? 0;
  let run: number[] = [];
  const close = () => {
    const items = run.filter((i) => shapes[i].content > 0);
    const channels = items.filter((i) => lexisAt(i).channel).length;
    const anchored = channels >= MIN_MENU_RUN || items.some((i) => labels[i]?.kind === 'site-chrome' || labels[i]?.kind === 'share-widget');
    const menu = items.length >= MIN_MENU_RUN || items.some((i) => isMenuRow(shapes[i]));
    if (menu) {
      const label = anchored && items.length >= MIN_MENU_RUN ? LABEL.menu : LABEL.menuToReview;
      for (const i of items) if (!labels[i]) labels[i] = label;
    }
    run = [];
  };
  for (let i = 0; i < end; i++) {
    const s = shapes[i];
    if (s.blank) continue;
    const chromeLabel = labels[i] && (labels[i]!.kind === 'site-chrome' || labels[i]!.kind === 'share-widget');
    const item = i !== layout.pageTitle && !metadataLines[i] && (chromeLabel || (!labels[i] && navLike(s)));
    if (item) run.push(i);
    else close();
  }
  close();
}

/**
 * Related lists after the body: a header (猜你喜欢, 相关阅读…) and the list-like lines that follow it, up to a
 * paragraph of prose; and header-less runs of teasers about other topics (offered for review only).
 */
function labelRelated(layout: Layout, lexisAt: LexisAt, labels: (LineLabel | null)[], region: (i: number) => Region): void {
  const { shapes } = layout;
  for (let h = tailStart(layout); h < shapes.length; h++) {
    const s = shapes[h];
    if (s.blank || s.content > 16 || s.clauses > 0) continue;
    if (labels[h] && labels[h]!.kind !== 'site-chrome' && labels[h]!.kind !== 'share-widget') continue;
    if (!lexisAt(h).relatedHeader) continue;
    labels[h] = LABEL.related;
    let i = h + 1;
    for (; i < shapes.length; i++) {
      const t = shapes[i];
      if (t.blank || labels[i]) continue;
      if (!listLike(t)) break;
      labels[i] = LABEL.related;
    }
    h = i - 1;
  }
  for (const run of layout.teaserRuns) {
    for (let i = run.first; i <= run.last; i++) {
      if (!shapes[i].blank && !labels[i] && region(i) !== 'body') labels[i] = LABEL.teasers;
    }
  }
}

const COUNTER = /^[\d\s,.万千kw+]*$/u;

/** A bare number between two lines of one widget (share counts, comment counts) belongs to the widget. */
function absorbCounters(shapes: LineShape[], labels: (LineLabel | null)[], region: (i: number) => Region): void {
  for (let i = 1; i + 1 < shapes.length; i++) {
    const before = labels[i - 1];
    const after = labels[i + 1];
    if (!before || !after || before.kind !== after.kind) continue;
    const s = shapes[i];
    if (labels[i] || s.blank || region(i) === 'body' || s.content > 8 || !COUNTER.test(s.view)) continue;
    labels[i] = before;
  }
}

/** Consecutive lines of one kind (blank lines between them included) form a block; it is safe when all its lines are. */
function blocksOf(shapes: LineShape[], labels: (LineLabel | null)[]): Block[] {
  const blocks: Block[] = [];
  let current: Block | null = null;
  labels.forEach((l, i) => {
    if (!l) {
      if (!shapes[i].blank) current = null;
      return;
    }
    if (current && current.kind === l.kind) {
      current.last = i;
      current.safe = current.safe && l.safe;
      return;
    }
    current = { kind: l.kind, first: i, last: i, safe: l.safe, reason: l.reason };
    blocks.push(current);
  });
  return blocks;
}
