/** Applying text edits: ordered, non-overlapping, positions resolved against the original text. */
import { indexLines, offsetAt, type LineIndex } from './text';
import type { TextEdit } from './types';

interface OffsetEdit {
  start: number;
  end: number;
  newText: string;
}

function toOffsets(index: LineIndex, edits: TextEdit[]): OffsetEdit[] {
  return edits.map((e) => ({ start: offsetAt(index, e.range.start), end: offsetAt(index, e.range.end), newText: e.newText }));
}

/**
 * Keeps the edit groups (one group = one fix) that do not overlap an earlier kept group, so a fix is applied
 * whole or not at all.
 */
export function selectCompatible(index: LineIndex, groups: TextEdit[][]): TextEdit[][] {
  const taken: OffsetEdit[] = [];
  const kept: TextEdit[][] = [];
  for (const group of groups) {
    const offsets = toOffsets(index, group);
    const clashes = offsets.some((o) => taken.some((t) => o.start < t.end && t.start < o.end || (o.start === t.start && o.end === t.end)));
    if (clashes) continue;
    taken.push(...offsets);
    kept.push(group);
  }
  return kept;
}

export function applyEdits(text: string, edits: TextEdit[], index: LineIndex = indexLines(text)): string {
  const offsets = toOffsets(index, edits).sort((a, b) => a.start - b.start || a.end - b.end);
  let out = '';
  let cursor = 0;
  for (const e of offsets) {
    if (e.start < cursor) continue;
    out += text.slice(cursor, e.start) + e.newText;
    cursor = e.end;
  }
  return out + text.slice(cursor);
}
