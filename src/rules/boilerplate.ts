/** Web boilerplate left in the article (SC2xx): site chrome, footers, widgets, credits, related lists, recurring lines. */
import type { Article } from '../core/article';
import { isProse } from '../core/layout';
import type { Rule, RuleContext, RuleFinding, RuleFix } from '../core/rule';
import { text } from '../core/rule';
import { deleteLinesRange, lineRange, range } from '../core/text';
import type { LocalizedText, Range } from '../core/types';
import { analyseBoilerplate, type Block, type BoilerplateKind } from './boilerplate-analysis';

const isBlankLine = (article: Article, i: number) => article.lines[i].trim() === '';

/**
 * Deletes a block with the blank lines after it, so the text closes up; a block that ends the text takes the
 * blank lines before it instead, so the text ends where the article ends.
 */
export function blockDeletion(article: Article, first: number, last: number): Range {
  let next = last + 1;
  while (next < article.lines.length && isBlankLine(article, next)) next++;
  if (next < article.lines.length) return deleteLinesRange(article.index, first, next - 1);
  let prev = first - 1;
  while (prev >= 0 && isBlankLine(article, prev)) prev--;
  return deleteLinesRange(article.index, prev + 1, last);
}

function deletion(article: Article, first: number, last: number, safe: boolean): RuleFix {
  const lines = last - first + 1;
  return {
    title: lines === 1 ? text('Delete this line', '删除此行') : text(`Delete these ${lines} lines`, `删除这 ${lines} 行`),
    safe,
    edits: [{ range: blockDeletion(article, first, last), newText: '' }],
  };
}

function blockFinding(article: Article, block: Block): RuleFinding {
  const lines = block.last - block.first + 1;
  const extent = lines === 1 ? text('', '') : text(` (${lines} lines)`, `(${lines} 行)`);
  const review = block.safe ? text('', '') : text(' Review before deleting.', '删除前请核对。');
  return {
    range: range(block.first, 0, block.last, article.lines[block.last].length),
    message: text(
      `Web boilerplate: ${block.reason.en}${extent.en}.${review.en}`,
      `网页套话:${block.reason.zh}${extent.zh}。${review.zh}`,
    ),
    fixes: [deletion(article, block.first, block.last, block.safe)],
  };
}

function blockRule(id: string, slug: BoilerplateKind, description: LocalizedText, extra?: (article: Article) => RuleFinding[]): Rule {
  return {
    id,
    slug,
    category: 'boilerplate',
    defaultSeverity: 'warning',
    description,
    check(article) {
      const { blocks } = analyseBoilerplate(article);
      const findings = blocks.filter((b) => b.kind === slug).map((b) => blockFinding(article, b));
      return extra ? [...findings, ...extra(article)] : findings;
    },
  };
}

/** Widget fields inside a metadata line (报料热线, 浏览次数, 字号): only they go, the date and source stay. */
function chromeFieldFindings(article: Article): RuleFinding[] {
  return analyseBoilerplate(article).fields.map((f) => ({
    range: range(f.line, f.start, f.line, f.end),
    message: text(
      `Web boilerplate: page widget in the metadata line (${f.keys.join(', ')}).`,
      `网页套话:元数据行中的页面组件(${f.keys.join('、')})。`,
    ),
    fixes: [{ title: text('Delete the widget fields', '删除页面组件字段'), safe: true, edits: [{ range: range(f.line, f.start, f.line, f.end), newText: '' }] }],
  }));
}

export const siteChrome = blockRule(
  'SC201', 'site-chrome',
  text('Site chrome: accessibility and language links, login, weather, header menus.', '网站框架:无障碍与语言链接、登录、天气、页眉菜单。'),
  chromeFieldFindings,
);

export const breadcrumb = blockRule('SC202', 'breadcrumb', text('Breadcrumb trails: 当前位置, 首页 >> … >> 正文.', '面包屑导航:当前位置、首页 >> … >> 正文。'));

export const siteFooter = blockRule('SC203', 'site-footer', text('Site footers: copyright, ICP and public-security registrations, contact lines.', '网站页脚:版权、ICP 与公网安备案、联系方式。'));

export const shareWidget = blockRule('SC204', 'share-widget', text('Share, print, close and back-to-top widgets.', '分享、打印、关闭窗口、返回顶部等页面工具。'));

export const emptyKeywords = blockRule('SC205', 'empty-keywords', text('Keyword lists and empty 关键词 lines.', '关键词列表与空的关键词行。'));

export const photoPlaceholder = blockRule('SC206', 'photo-placeholder', text('Image placeholders standing alone: (资料图), 图片来源: 网络.', '单独成行的图片占位:(资料图)、图片来源:网络。'));

export const editorCredit = blockRule('SC207', 'editor-credit', text('Editor credits: 责编, 责任编辑, (编辑 …).', '编辑署名:责编、责任编辑、(编辑 …)。'));

export const repeatedTitle = blockRule('SC208', 'repeated-title', text('The headline repeated after the article.', '文末重复的标题。'));

export const relatedArticles = blockRule(
  'SC209', 'related-articles',
  text('Related-article lists after the article, with or without a header.', '文末的相关文章列表(有无标题均可)。'),
);

/** A line the corpus repeats in many files (CCNet), or one the curator's patterns name. */
function recurringFindings(article: Article, context: RuleContext): RuleFinding[] {
  // Nothing to look for: no walk over the lines.
  if (!context.corpus && context.boilerplatePatterns.length === 0) return [];
  const { labels, layout } = analyseBoilerplate(article);
  const metadataLines = new Set(article.metadata.map((f) => f.line));
  const corpus = context.corpus;
  const minFiles = corpus ? Math.max(context.recurrence.minFiles, Math.ceil(context.recurrence.minShare * corpus.fileCount)) : Infinity;
  const findings: RuleFinding[] = [];
  article.lines.forEach((line, i) => {
    const s = layout.shapes[i];
    if (s.blank || labels[i] || metadataLines.has(i) || i === layout.headline || i === layout.pageTitle) return;
    const pattern = context.boilerplatePatterns.find((p) => p.test(line));
    if (pattern) {
      findings.push({
        range: lineRange(article.index, i),
        message: text(`Web boilerplate: matches the configured pattern ${pattern.source}.`, `网页套话:匹配配置的模式 ${pattern.source}。`),
        fixes: [deletion(article, i, i, true)],
      });
      return;
    }
    // Body prose is never boilerplate, however often a corpus repeats it (datelines, stock phrases).
    if (!corpus || isProse(s)) return;
    const files = corpus.filesContaining(line);
    if (files < minFiles) return;
    findings.push({
      range: lineRange(article.index, i),
      message: text(
        `Web boilerplate: this line occurs in ${files} of ${corpus.fileCount} files. Review before deleting.`,
        `网页套话:此行出现在 ${corpus.fileCount} 个文件中的 ${files} 个。删除前请核对。`,
      ),
      fixes: [deletion(article, i, i, false)],
    });
  });
  return findings;
}

export const recurringLine: Rule = {
  id: 'SC210',
  slug: 'recurring-line',
  category: 'boilerplate',
  defaultSeverity: 'warning',
  description: text('Lines repeated across many files of the corpus, and lines matching configured patterns.', '在语料中大量文件里重复出现的行,以及匹配配置模式的行。'),
  check: recurringFindings,
};

export const boilerplateRules: Rule[] = [
  siteChrome, breadcrumb, siteFooter, shareWidget, emptyKeywords, photoPlaceholder, editorCredit, repeatedTitle, relatedArticles, recurringLine,
];
