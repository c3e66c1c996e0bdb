/** Metadata inferred from an article: date, city, variant, with the evidence for each. */
import type { Article } from '../article';
import { stripReadings } from './body';
import { inferCity } from './city';
import { inferDate } from './date';
import { analyseVariant } from './variant';
import type { ArticleSummary, DatePrecision, Evidence } from '../types';

export interface InferredDate {
  value: string;
  precision: DatePrecision;
  evidence: Evidence;
}

export interface InferredCity {
  city: string;
  province: string;
  evidence: Evidence;
}

export interface VariantInfo {
  kind: 'simplified' | 'traditional' | 'mixed';
  /** Share (0..1) of script-specific characters that belong to the minority script. */
  minorityShare: number;
  simplifiedOnly: number;
  traditionalOnly: number;
}

export interface ArticleMeta {
  title: string | null;
  date: InferredDate | null;
  city: InferredCity | null;
  citiesMentioned: string[];
  variant: VariantInfo;
}

export function summarise(meta: ArticleMeta): ArticleSummary {
  return {
    title: meta.title,
    date: meta.date?.value ?? null,
    datePrecision: meta.date?.precision ?? null,
    city: meta.city?.city ?? null,
    province: meta.city?.province ?? null,
    citiesMentioned: meta.citiesMentioned,
    variant: meta.variant.kind,
  };
}

export function inferMetadata(article: Article): ArticleMeta {
  return article.memo('meta', () => ({
    title: article.titleLine === null ? null : stripReadings(article.lines[article.titleLine]).trim(),
    date: inferDate(article),
    ...inferCity(article),
    variant: analyseVariant(article),
  }));
}
