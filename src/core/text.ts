/** Line and position arithmetic over a document's text. */
import type { Position, Range } from './types';

export interface LineIndex {
  /** Lines without their terminators. */
  lines: string[];
  /** Offset of each line's first character in the text. */
  starts: number[];
  /** The most common terminator, used when the engine has to insert one. */
  eol: '\n' | '\r\n' | '\r';
  /** Lines ending in a lone \r (old Mac text, broken scrapes): rare, and what deletions must not join to a \n. */
  loneCr: ReadonlySet<number>;
}

/** Line breaks are \r\n, \n or a lone \r: found with indexOf, which is much faster than a regular expression. */
export function indexLines(text: string): LineIndex {
  const lines: string[] = [];
  const starts: number[] = [];
  let lf = 0;
  let crlf = 0;
  let cr = 0;
  const loneCr = new Set<number>();
  let lineStart = 0;
  let nextLf = text.indexOf('\n');
  let nextCr = text.indexOf('\r');
  while (nextLf >= 0 || nextCr >= 0) {
    let at: number;
    let length = 1;
    if (nextCr >= 0 && (nextLf < 0 || nextCr < nextLf)) {
      at = nextCr;
      if (nextLf === nextCr + 1) {
        length = 2;
        crlf++;
      } else {
        cr++;
        loneCr.add(lines.length);
      }
    } else {
      at = nextLf;
      lf++;
    }
    lines.push(text.slice(lineStart, at));
    starts.push(lineStart);
    lineStart = at + length;
    if (nextLf >= 0 && nextLf < lineStart) nextLf = text.indexOf('\n', lineStart);
    if (nextCr >= 0 && nextCr < lineStart) nextCr = text.indexOf('\r', lineStart);
  }
  lines.push(text.slice(lineStart));
  starts.push(lineStart);
  const eol = crlf > lf && crlf >= cr ? '\r\n' : cr > lf ? '\r' : '\n';
  return { lines, starts, eol, loneCr };
}

/** What \\s matches in a regular expression: ECMAScript's white space and line terminators. */
export function isWhiteSpace(c: number): boolean {
  return (
    (c >= 0x09 && c <= 0x0d) || c === 0x20 || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff
  );
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
  if (last + 1 < index.lines.length) {
    // A lone \r kept before an empty line's \n would read as one \r\n break: the empty line would vanish and
    // positions after the fix would fall inside a break. The lone \r goes instead and the last deleted
    // line's terminator stays (it cannot be a lone \r: a \r before a \n is a \r\n).
    if (first > 0 && index.loneCr.has(first - 1) && isEmptyEndingInLf(index, last + 1)) {
      return range(first - 1, index.lines[first - 1].length, last, index.lines[last].length);
    }
    return range(first, 0, last + 1, 0);
  }
  if (first > 0) return range(first - 1, index.lines[first - 1].length, last, index.lines[last].length);
  return range(first, 0, last, index.lines[last].length);
}

/** Whether a line is empty and ends in \n alone. */
function isEmptyEndingInLf(index: LineIndex, line: number): boolean {
  return index.lines[line] === '' && line + 1 < index.lines.length && index.starts[line + 1] - index.starts[line] === 1 && !index.loneCr.has(line);
}

export function compareRanges(a: Range, b: Range): number {
  return a.start.line - b.start.line || a.start.character - b.start.character || a.end.line - b.end.line || a.end.character - b.end.character;
}

/**
 * A copy of a string that holds only its own characters, for a cache to keep. V8 makes a slice of a long
 * string a view of the whole, so a line or context kept as it is would keep its article alive. Slicing a
 * concatenation flattens it into a new string first, so the result keeps only that (one unit longer).
 */
export const ownCopy = (text: string) => ` ${text}`.slice(1);
