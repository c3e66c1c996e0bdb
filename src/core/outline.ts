/** The corpus outline: articles grouped by date (year › month) or by place (province › city). */
import type { ArticleSummary } from './types';

export type OutlineGrouping = 'date' | 'city';

export interface OutlineEntry {
  path: string;
  summary: ArticleSummary;
  problems: number;
}

export interface OutlineGroup {
  label: string;
  /** Sort key: newest first for dates, then by name. */
  key: string;
  children: OutlineGroup[];
  entries: OutlineEntry[];
}

export const UNKNOWN_DATE = 'Unknown date';
export const UNKNOWN_CITY = 'Unknown city';

function groupBy<T>(items: T[], keyOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const list = groups.get(key);
    if (list) list.push(item);
    else groups.set(key, [item]);
  }
  return groups;
}

const byDateDesc = (a: OutlineEntry, b: OutlineEntry) =>
  (b.summary.date ?? '').localeCompare(a.summary.date ?? '') || a.path.localeCompare(b.path);

function dateOutline(entries: OutlineEntry[]): OutlineGroup[] {
  const years = groupBy(entries, (e) => e.summary.date?.slice(0, 4) ?? UNKNOWN_DATE);
  const groups = [...years].map(([year, inYear]): OutlineGroup => {
    if (year === UNKNOWN_DATE) return { label: UNKNOWN_DATE, key: '0000', children: [], entries: inYear.sort(byDateDesc) };
    const months = groupBy(inYear, (e) => e.summary.date?.slice(5, 7) || '');
    const children = [...months]
      .filter(([month]) => month !== '')
      .map(([month, inMonth]) => ({ label: `${year}-${month}`, key: month, children: [], entries: inMonth.sort(byDateDesc) }))
      .sort((a, b) => b.key.localeCompare(a.key));
    return { label: year, key: year, children, entries: (months.get('') ?? []).sort(byDateDesc) };
  });
  return groups.sort((a, b) => b.key.localeCompare(a.key));
}

function cityOutline(entries: OutlineEntry[]): OutlineGroup[] {
  const provinces = groupBy(entries, (e) => (e.summary.city ? (e.summary.province ?? '') : UNKNOWN_CITY));
  const groups = [...provinces].map(([province, inProvince]): OutlineGroup => {
    if (province === UNKNOWN_CITY) return { label: UNKNOWN_CITY, key: '\uffff', children: [], entries: inProvince.sort(byDateDesc) };
    const cities = groupBy(inProvince, (e) => e.summary.city!);
    const children = [...cities]
      .map(([city, inCity]) => ({ label: city, key: city, children: [], entries: inCity.sort(byDateDesc) }))
      .sort((a, b) => b.entries.length - a.entries.length || a.key.localeCompare(b.key, 'zh-CN'));
    return { label: province, key: province, children, entries: [] };
  });
  return groups.sort((a, b) => a.key.localeCompare(b.key, 'zh-CN'));
}

export function buildOutline(entries: OutlineEntry[], by: OutlineGrouping): OutlineGroup[] {
  return by === 'date' ? dateOutline(entries) : cityOutline(entries);
}
