import type { Article } from '../article';
import { toSimplified, toTraditional } from '../convert';
import type { VariantInfo } from './index';

export function analyseVariant(article: Article): VariantInfo {
  const text = article.text;
  const simp = toSimplified(text);
  const trad = toTraditional(text);
  let simplifiedOnly = 0;
  let traditionalOnly = 0;
  for (let i = 0; i < text.length && i < simp.length && i < trad.length; i++) {
    if (simp[i] !== text[i]) traditionalOnly++;
    if (trad[i] !== text[i]) simplifiedOnly++;
  }
  const total = simplifiedOnly + traditionalOnly;
  const minority = Math.min(simplifiedOnly, traditionalOnly);
  const minorityShare = total === 0 ? 0 : minority / total;
  const kind = minorityShare > 0.2 ? 'mixed' : traditionalOnly > simplifiedOnly ? 'traditional' : 'simplified';
  return { kind, minorityShare, simplifiedOnly, traditionalOnly };
}
