/** Fix-all: applies the safe fixes of the selected findings until none is left (bounded passes). */
import { selectCompatible, applyEdits } from './edits';
import { lintText, type LintOptions } from './runner';
import type { Finding } from './types';
import { indexLines } from './text';

export interface FixOptions extends LintOptions {
  /** Which findings to fix; all by default. */
  select?: (finding: Finding) => boolean;
  maxPasses?: number;
}

/** One pass: the first safe fix of every selected finding, whole fixes only, none overlapping. */
export function applySafeFixes(text: string, findings: Finding[], select: (f: Finding) => boolean = () => true): string {
  const groups = findings.filter(select).map((f) => f.fixes.find((x) => x.safe)?.edits).filter((e): e is NonNullable<typeof e> => !!e && e.length > 0);
  if (groups.length === 0) return text;
  const index = indexLines(text);
  return applyEdits(text, selectCompatible(index, groups).flat(), index);
}

export function fixText(text: string, options: FixOptions = {}): { text: string; applied: number } {
  let current = text;
  let applied = 0;
  for (let pass = 0; pass < (options.maxPasses ?? 5); pass++) {
    const { findings } = lintText(current, options);
    const fixable = findings.filter((f) => (options.select?.(f) ?? true) && f.fixes.some((x) => x.safe));
    if (fixable.length === 0) break;
    const next = applySafeFixes(current, fixable);
    if (next === current) break;
    applied += fixable.length;
    current = next;
  }
  return { text: current, applied };
}
