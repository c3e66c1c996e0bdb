/**
 * An article's keywords for the tree's tooltip: jieba's TF-IDF over the headline and the body (not the page's
 * tail). The IDF table loads on first use. Traditional articles are analysed in simplified form (the
 * dictionaries are simplified) and their keywords converted back.
 */
import type { TfIdf } from '@node-rs/jieba';
import type { Article } from './article';
import { convertText, toSimplified } from './convert';
import { articleBody, stripReadings } from './meta/body';
import { segmenter } from './meta/segment';
import { analyseVariant } from './meta/variant';

/** Nouns, names, places, organisations and verbal nouns: the words that say what an article is about. */
const KEYWORD_POS = ['n', 'nr', 'ns', 'nt', 'nz', 'vn'];
/** Enough text for the keywords of any article, however long the file. */
const MAX_CHARS = 20_000;

let tfidf: TfIdf | null = null;

function extractor(): TfIdf {
  if (!tfidf) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { TfIdf: TfIdfClass } = require('@node-rs/jieba') as typeof import('@node-rs/jieba');
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { idf } = require('@node-rs/jieba/dict') as { idf: Uint8Array };
    tfidf = TfIdfClass.withDict(idf);
  }
  return tfidf;
}

export function articleKeywords(article: Article, n: number): string[] {
  if (n <= 0) return [];
  const { start, end } = articleBody(article);
  const parts: string[] = [];
  let length = 0;
  for (let i = start; i < end && length < MAX_CHARS; i++) {
    const line = stripReadings(article.lines[i]).trim();
    if (!line) continue;
    parts.push(line);
    length += line.length;
  }
  const traditional = analyseVariant(article).kind === 'traditional';
  const body = parts.join('\n').slice(0, MAX_CHARS);
  const keywords = extractor()
    .extractKeywords(segmenter(), traditional ? toSimplified(body) : body, n, KEYWORD_POS)
    .map((k) => k.keyword);
  return traditional ? keywords.map((k) => convertText(k, 't')) : keywords;
}
