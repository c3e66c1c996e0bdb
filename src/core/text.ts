/** Line and position arithmetic over a document's text. */
import type { Position, Range } from './types';

const LINE_BREAK = /\r\n|\n|\r/g;

export interface LineIndex {
  /** Lines without their terminators. */
  lines: string[];
  /** Offset of each line's first character in the text. */
  starts: number[];
  /** The most common terminator, used when the engine has to insert one. */
  eol: '\n' | '\r\n' | '\r';
}

export function indexLines(text: string): LineIndex {
  const lines: string[] = [];
  const starts: number[] = [];
  const counts = { '\n': 0, '\r\n': 0, '\r': 0 };
  let lineStart = 0;
  LINE_BREAK.lastIndex = 0;
  for (let m = LINE_BREAK.exec(text); m; m = LINE_BREAK.exec(text)) {
    lines.push(text.slice(lineStart, m.index));
    starts.push(lineStart);
    counts[m[0] as keyof typeof counts]++;
    lineStart = m.index + m[0].length;
  }
  lines.push(text.slice(lineStart));
  starts.push(lineStart);
  const eol = counts['\r\n'] > counts['\n'] && counts['\r\n'] >= counts['\r'] ? '\r\n' : counts['\r'] > counts['\n'] ? '\r' : '\n';
  return { lines, starts, eol };
}

export function offsetAt(index: LineIndex, pos: Position): number {
  const line = Math.min(Math.max(pos.line, 0), index.lines.length - 1);
  const character = Math.min(Math.max(pos.character, 0), index.lines[line].length);
  if (pos.line > index.lines.length - 1) return index.starts[line] + index.lines[line].length;
  return index.starts[line] + character;
}

export function positionAt(index: LineIndex, offset: number): Position {
  let lo = 0;
  let hi = index.starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (index.starts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo, character: Math.min(offset - index.starts[lo], index.lines[lo].length) };
}

export function range(line: number, startChar: number, endLine: number, endChar: number): Range {
  return { start: { line, character: startChar }, end: { line: endLine, character: endChar } };
}

/** The range of a whole line's text (without its terminator). */
export function lineRange(index: LineIndex, line: number): Range {
  return range(line, 0, line, index.lines[line].length);
}

/**
 * The range that removes lines [first, last] completely, terminators included, so that deleting it leaves
 * no empty line behind. At the end of the file the preceding terminator goes instead.
 */
export function deleteLinesRange(index: LineIndex, first: number, last: number): Range {
  if (last + 1 < index.lines.length) return range(first, 0, last + 1, 0);
  if (first > 0) return range(first - 1, index.lines[first - 1].length, last, index.lines[last].length);
  return range(first, 0, last, index.lines[last].length);
}

export function compareRanges(a: Range, b: Range): number {
  return a.start.line - b.start.line || a.start.character - b.start.character || a.end.line - b.end.line || a.end.character - b.end.character;
}
