/** Shared shapes of the engine. Positions are 0-based lines and UTF-16 columns, as in VS Code. */

export type Category = 'garbled' | 'boilerplate' | 'structure' | 'variant';
export type Severity = 'error' | 'warning' | 'info' | 'hint';
export const CATEGORIES: readonly Category[] = ['garbled', 'boilerplate', 'structure', 'variant'];
export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info', 'hint'];
export type Locale = 'zh-CN' | 'zh-TW' | 'en';

export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

export interface TextEdit {
  range: Range;
  newText: string;
}

export interface Fix {
  title: string;
  /** Safe fixes may be applied unattended (fix-all, fix on save); review fixes are only offered. */
  safe: boolean;
  edits: TextEdit[];
}

/** A message in the engine's two source languages; zh-TW is derived from zh by conversion. */
export interface LocalizedText {
  en: string;
  zh: string;
}

export interface Finding {
  rule: string;
  slug: string;
  category: Category;
  severity: Severity;
  message: string;
  range: Range;
  fixes: Fix[];
}

export type DatePrecision = 'day' | 'month' | 'year';

export interface Evidence {
  /** Where the value came from, e.g. "metadata", "dateline", "headline", "source", "mentions". */
  source: string;
  /** The text that supports it. */
  text: string;
  line: number;
}

export interface ArticleSummary {
  title: string | null;
  date: string | null;
  datePrecision: DatePrecision | null;
  city: string | null;
  province: string | null;
  citiesMentioned: string[];
  variant: 'simplified' | 'traditional' | 'mixed';
}
