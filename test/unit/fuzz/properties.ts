/** What must hold for any text the engine is given: checked by the fuzz tests, reported with the failing text. */
import assert from 'node:assert/strict';
import { applyEdits, selectCompatible } from '../../../src/core/edits';
import { applySafeFixes, fixText } from '../../../src/core/fix';
import { lintText, type LintOptions } from '../../../src/core/runner';
import { indexLines, offsetAt, positionAt, type LineIndex } from '../../../src/core/text';
import type { Finding, Position, Range, TextEdit } from '../../../src/core/types';

function assertPosition(index: LineIndex, p: Position, what: string): void {
  assert.ok(Number.isInteger(p.line) && p.line >= 0 && p.line < index.lines.length, `${what}: line ${p.line} of ${index.lines.length}`);
  assert.ok(Number.isInteger(p.character) && p.character >= 0 && p.character <= index.lines[p.line].length, `${what}: character ${p.character} of line ${p.line} (length ${index.lines[p.line].length})`);
}

function assertRange(index: LineIndex, r: Range, what: string): void {
  assertPosition(index, r.start, what);
  assertPosition(index, r.end, what);
  assert.ok(r.start.line < r.end.line || (r.start.line === r.end.line && r.start.character <= r.end.character), `${what}: range ends before it starts`);
}

/** Every finding and every fix edit lies inside the document; a fix's edits do not overlap each other. */
export function assertRangesInside(text: string, findings: Finding[]): void {
  const index = indexLines(text);
  for (const f of findings) {
    assertRange(index, f.range, `${f.rule} finding`);
    for (const fix of f.fixes) {
      fix.edits.forEach((e) => assertRange(index, e.range, `${f.rule} fix "${fix.title}"`));
      const spans = fix.edits.map((e) => [offsetAt(index, e.range.start), offsetAt(index, e.range.end)]).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
      for (let i = 1; i < spans.length; i++) assert.ok(spans[i][0] >= spans[i - 1][1], `${f.rule} fix "${fix.title}": its edits overlap`);
    }
  }
}

/**
 * The text a finding's fix may change: the finding's lines with their line breaks, widened over the
 * whitespace around them (deleting a line may take blank lines along; merging two lines drops the break and
 * the next line's indentation). Outside this span no visible character may change.
 */
function allowedSpan(index: LineIndex, text: string, range: Range): [number, number] {
  let from = index.starts[range.start.line];
  let to = range.end.line + 1 < index.lines.length ? index.starts[range.end.line + 1] : text.length;
  while (from > 0 && /\s/.test(text[from - 1])) from--;
  while (to < text.length && /\s/.test(text[to])) to++;
  return [from, to];
}

/** A fix changes nothing outside its finding's lines and the whitespace around them. */
export function assertFixesLocal(text: string, findings: Finding[]): void {
  const index = indexLines(text);
  for (const f of findings) {
    for (const fix of f.fixes) {
      const [from, to] = allowedSpan(index, text, f.range);
      for (const e of fix.edits) {
        const s = offsetAt(index, e.range.start);
        const t = offsetAt(index, e.range.end);
        assert.ok(s >= from && t <= to, `${f.rule} fix "${fix.title}" edits [${s}, ${t}) outside its finding's lines [${from}, ${to})`);
      }
    }
  }
}

/** The edits that undo `edits` (non-overlapping, against `text`), as an editor's undo would apply them. */
function inverse(text: string, edits: TextEdit[], after: string): TextEdit[] {
  const index = indexLines(text);
  const afterIndex = indexLines(after);
  const spans = edits.map((e) => ({ start: offsetAt(index, e.range.start), end: offsetAt(index, e.range.end), newText: e.newText })).sort((a, b) => a.start - b.start);
  let shift = 0;
  return spans.map((s) => {
    const start = s.start + shift;
    shift += s.newText.length - (s.end - s.start);
    return { range: { start: positionAt(afterIndex, start), end: positionAt(afterIndex, start + s.newText.length) }, newText: text.slice(s.start, s.end) };
  });
}

/** Fix-all then undo restores the text exactly: the applied edits are exactly the ones reported. */
export function assertUndoRestores(text: string, findings: Finding[]): void {
  const groups = findings.map((f) => f.fixes.find((x) => x.safe)?.edits).filter((e): e is TextEdit[] => !!e && e.length > 0);
  const index = indexLines(text);
  const edits = selectCompatible(index, groups).flat();
  const after = applySafeFixes(text, findings);
  assert.equal(applyEdits(text, edits, index), after);
  assert.equal(applyEdits(after, inverse(text, edits, after)), text, 'undoing the fixes does not restore the text');
}

/** Applying all safe fixes twice equals applying them once. */
export function assertFixIdempotent(text: string, options: LintOptions): void {
  const once = fixText(text, options).text;
  const twice = fixText(once, options).text;
  assert.equal(twice, once, 'a second fix-all changed the text again');
}

/** Lints and checks every property; returns the findings. */
export function checkEngine(text: string, options: LintOptions): Finding[] {
  const { findings } = lintText(text, options);
  assertRangesInside(text, findings);
  assertFixesLocal(text, findings);
  assertUndoRestores(text, findings);
  return findings;
}
