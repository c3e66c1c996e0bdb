import type { Article } from '../article';
import type { InferredCity } from './index';

export function inferCity(_article: Article): { city: InferredCity | null; citiesMentioned: string[] } {
  return { city: null, citiesMentioned: [] };
}

export function provinceOfCity(_city: string): string | null {
  return null;
}
