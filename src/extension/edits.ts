/** Turning the core's results into editor edits: a finding's edits as they are, a rewritten text as a line diff. */
import { diffLines } from 'diff';
import * as vscode from 'vscode';
import { indexLines, positionAt } from '../core/text';
import type { TextEdit } from '../core/types';
import { toRange } from './diagnostics';

export function toTextEdits(edits: TextEdit[]): vscode.TextEdit[] {
  return edits.map((e) => new vscode.TextEdit(toRange(e.range), e.newText));
}

/**
 * The changed lines between two versions of a text, as edits against the first. Small edits (rather than one
 * whole-document replacement) keep the cursor, folding and undo steps where the user expects them.
 */
export function diffEdits(before: string, after: string): vscode.TextEdit[] {
  if (before === after) return [];
  const index = indexLines(before);
  const at = (offset: number) => {
    const p = positionAt(index, offset);
    return new vscode.Position(p.line, p.character);
  };
  const edits: vscode.TextEdit[] = [];
  let offset = 0;
  let pending: { start: number; end: number; text: string } | null = null;
  const flush = () => {
    if (pending) edits.push(new vscode.TextEdit(new vscode.Range(at(pending.start), at(pending.end)), pending.text));
    pending = null;
  };
  for (const part of diffLines(before, after)) {
    if (part.added) {
      pending ??= { start: offset, end: offset, text: '' };
      pending.text += part.value;
    } else if (part.removed) {
      pending ??= { start: offset, end: offset, text: '' };
      offset += part.value.length;
      pending.end = offset;
    } else {
      flush();
      offset += part.value.length;
    }
  }
  flush();
  return edits;
}
