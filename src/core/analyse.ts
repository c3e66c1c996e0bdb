/** One file from bytes to report: decoding, linting, metadata and the curator's corrections. */
import type { Article } from './article';
import { decodeBytes, type Decoded } from './encoding';
import { inferMetadata, summarise } from './meta';
import { lintText, type LintOptions } from './runner';
import type { ArticleSummary, Finding } from './types';
import { range } from './text';

export interface FileReport {
  article: ArticleSummary | null;
  findings: Finding[];
  /** Set when the file was not linted as text (binary, legacy encoding). */
  notice: string | null;
  /** Decoded text when linted, so callers can apply fixes. */
  text: string | null;
  parsed: Article | null;
}

export const ENCODING_RULE = { rule: 'SC001', slug: 'not-utf8', category: 'garbled' as const };

export function encodingFinding(decoded: Extract<Decoded, { kind: 'legacy' }>, locale: LintOptions['locale']): Finding {
  const name = decoded.encoding.toUpperCase();
  const firstLine = decoded.text.split(/\r\n|\n|\r/, 1)[0] ?? '';
  return {
    ...ENCODING_RULE,
    severity: 'error',
    message: locale === 'en'
      ? `This file is ${name}-encoded, not UTF-8. Reopen it as ${name} or convert it to UTF-8.`
      : `此文件为 ${name} 编码,不是 UTF-8。请以 ${name} 重新打开或转换为 UTF-8。`,
    range: range(0, 0, 0, firstLine.length),
    fixes: [],
  };
}

/** Applies the curator's confirmed date and city over the inferred ones. */
export function applyCorrection(summary: ArticleSummary, correction: { date?: string; city?: string } | undefined, provinceOf: (city: string) => string | null): ArticleSummary {
  if (!correction) return summary;
  const out = { ...summary };
  if (correction.date) {
    out.date = correction.date;
    out.datePrecision = correction.date.length === 10 ? 'day' : correction.date.length === 7 ? 'month' : 'year';
  }
  if (correction.city) {
    out.city = correction.city;
    out.province = provinceOf(correction.city);
  }
  return out;
}

export function analyseText(text: string, options: LintOptions & { path?: string }): FileReport {
  const { article, findings } = lintText(text, options);
  return { article: summarise(inferMetadata(article)), findings, notice: null, text, parsed: article };
}

export function analyseDecoded(decoded: Decoded, options: LintOptions & { path?: string }): FileReport {
  if (decoded.kind === 'binary') {
    return { article: null, findings: [], notice: `binary file skipped (${decoded.reason})`, text: null, parsed: null };
  }
  if (decoded.kind === 'legacy') {
    return { article: null, findings: [encodingFinding(decoded, options.locale ?? options.config?.locale)], notice: `${decoded.encoding.toUpperCase()}-encoded, not UTF-8`, text: null, parsed: null };
  }
  return analyseText(decoded.text, options);
}

export function analyseBytes(bytes: Uint8Array, options: LintOptions & { path?: string }): FileReport {
  return analyseDecoded(decodeBytes(bytes), options);
}
