/** The outline of a seed: its headline, sub-headlines, metadata lines and the blocks of boilerplate the engine found. */
import * as vscode from 'vscode';
import { subheadlines } from '../core/layout';
import type { CorpusManager } from './corpus';
import type { DocumentLinter } from './diagnostics';

/** Boilerplate findings this close together (blank lines between) form one block. */
const BLOCK_GAP = 2;

export class SeedSymbols implements vscode.DocumentSymbolProvider {
  constructor(
    private readonly manager: CorpusManager,
    private readonly linter: DocumentLinter,
  ) {}

  provideDocumentSymbols(doc: vscode.TextDocument): vscode.DocumentSymbol[] {
    if (!this.manager.isSeedDocument(doc)) return [];
    const state = this.linter.state(doc);
    if (state.kind !== 'linted') return [];
    const { article, findings } = state;
    const lineRange = (line: number) => doc.lineAt(line).range;
    const symbols: vscode.DocumentSymbol[] = [];

    if (article.titleLine !== null) {
      const range = lineRange(article.titleLine);
      symbols.push(new vscode.DocumentSymbol(article.lines[article.titleLine].trim(), vscode.l10n.t('headline'), vscode.SymbolKind.String, range, range));
    }

    // A line broken mid-sentence can look like a sub-headline; the structure finding tells them apart.
    const brokenLines = new Set(findings.filter((f) => f.category === 'structure').map((f) => f.range.start.line));
    for (const line of subheadlines(article)) {
      if (brokenLines.has(line) || line >= doc.lineCount) continue;
      const range = lineRange(line);
      symbols.push(new vscode.DocumentSymbol(article.lines[line].trim(), vscode.l10n.t('sub-headline'), vscode.SymbolKind.String, range, range));
    }

    const byLine = new Map<number, typeof article.metadata>();
    for (const field of article.metadata) byLine.set(field.line, [...(byLine.get(field.line) ?? []), field]);
    for (const [line, fields] of byLine) {
      const range = lineRange(line);
      const parent = new vscode.DocumentSymbol(vscode.l10n.t('Metadata'), fields.map((f) => f.key).join(' · '), vscode.SymbolKind.Object, range, range);
      parent.children = fields.map((f) => {
        const fieldRange = new vscode.Range(line, f.keyStart, line, f.valueEnd);
        return new vscode.DocumentSymbol(f.key, f.value, vscode.SymbolKind.Property, fieldRange, fieldRange);
      });
      symbols.push(parent);
    }

    const lines = [...new Set(findings.filter((f) => f.category === 'boilerplate').flatMap((f) => {
      const out: number[] = [];
      for (let l = f.range.start.line; l <= f.range.end.line; l++) out.push(l);
      return out;
    }))].sort((a, b) => a - b);
    let start = -1;
    let end = -1;
    const flush = () => {
      if (start < 0) return;
      const range = new vscode.Range(start, 0, end, doc.lineAt(end).text.length);
      const name = start === end ? vscode.l10n.t('Boilerplate (line {0})', start + 1) : vscode.l10n.t('Boilerplate (lines {0}–{1})', start + 1, end + 1);
      symbols.push(new vscode.DocumentSymbol(name, doc.lineAt(start).text.trim().slice(0, 40), vscode.SymbolKind.Null, range, lineRange(start)));
    };
    for (const line of lines) {
      if (line >= doc.lineCount) continue;
      if (start >= 0 && line - end <= BLOCK_GAP) {
        end = line;
        continue;
      }
      flush();
      start = end = line;
    }
    flush();
    return symbols.sort((a, b) => a.range.start.compareTo(b.range.start));
  }
}
