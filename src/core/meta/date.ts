import type { Article } from '../article';
import type { InferredDate } from './index';

export function inferDate(article: Article): InferredDate | null {
  for (const f of article.metadata) {
    const m = /(\d{4})-(\d{2})-(\d{2})/.exec(f.value);
    if (m) return { value: m[0], precision: 'day', evidence: { source: 'metadata', text: f.value, line: f.line } };
  }
  return null;
}
