/**
 * Findings as diagnostics: open seed documents are linted from their text (debounced while typing),
 * every other seed file shows what the corpus index found, so the Problems pane covers the whole corpus.
 */
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import type { Article } from '../core/article';
import { encodingFinding, ENCODING_RULE } from '../core/analyse';
import { decodeBytes, type LegacyEncoding } from '../core/encoding';
import { lintText } from '../core/runner';
import type { Finding, Range } from '../core/types';
import type { IndexedFile } from '../indexer/corpusIndex';
import type { CorpusManager } from './corpus';

export const SOURCE = 'seed-curator';
/** Rules are documented in the README, one anchor per rule id (as in the CLI's SARIF output). */
export const README_URL = 'https://github.com/seed-curator/seed-curator';
/** Diagnostic code of files not checked because of their size: its quick fix opens the setting. */
export const TOO_LARGE_CODE = 'maxFileSizeKB';
export const ENCODING_CODE = ENCODING_RULE.rule;

const TYPING_DEBOUNCE_MS = 300;

export type DocumentState =
  | { kind: 'linted'; version: number; findings: Finding[]; article: Article; legacy: LegacyEncoding | null }
  /** Bytes in a legacy code page shown as UTF-8: the text is not the article, so nothing else is checked. */
  | { kind: 'misdecoded'; version: number; findings: Finding[]; legacy: LegacyEncoding }
  | { kind: 'tooLarge'; version: number; sizeKB: number };

const SEVERITY: Record<Finding['severity'], vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
  hint: vscode.DiagnosticSeverity.Hint,
};

export function toRange(r: Range): vscode.Range {
  return new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character);
}

export function sameRange(a: Range, b: vscode.Range): boolean {
  return a.start.line === b.start.line && a.start.character === b.start.character && a.end.line === b.end.line && a.end.character === b.end.character;
}

export function ruleOf(diagnostic: vscode.Diagnostic): string | undefined {
  const code = diagnostic.code;
  return typeof code === 'object' ? String(code.value) : code === undefined ? undefined : String(code);
}

export function toDiagnostic(f: Finding): vscode.Diagnostic {
  const d = new vscode.Diagnostic(toRange(f.range), f.message, SEVERITY[f.severity]);
  d.source = SOURCE;
  d.code = { value: f.rule, target: vscode.Uri.parse(`${README_URL}#${f.rule.toLowerCase()}`) };
  // Boilerplate is text to drop, not text to repair: faded, like unused code.
  if (f.category === 'boilerplate') d.tags = [vscode.DiagnosticTag.Unnecessary];
  return d;
}

function tooLargeDiagnostic(sizeKB: number, maxKB: number): vscode.Diagnostic {
  const d = new vscode.Diagnostic(
    new vscode.Range(0, 0, 0, 0),
    vscode.l10n.t('Not checked: this file is {0} KB, larger than seedCurator.maxFileSizeKB ({1} KB). Raise that setting to check it.', sizeKB, maxKB),
    vscode.DiagnosticSeverity.Information,
  );
  d.source = SOURCE;
  d.code = TOO_LARGE_CODE;
  return d;
}

/** Keeps the last state per open document; lints again only when the version moved on. */
export class DocumentLinter implements vscode.Disposable {
  private readonly states = new Map<string, DocumentState>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  /** Legacy-encoding checks of files on disk, by path, valid for one modification time and size. */
  private readonly encodings = new Map<string, { stamp: string; legacy: { encoding: LegacyEncoding; text: string } | null }>();
  /** Files whose diagnostics were asked for in manual mode. */
  private readonly manualShown = new Set<string>();
  private readonly emitter = new vscode.EventEmitter<vscode.TextDocument>();
  /** Fires after a document was linted. */
  readonly onDidLint = this.emitter.event;
  private readonly disposables: vscode.Disposable[] = [this.emitter];

  constructor(
    private readonly manager: CorpusManager,
    readonly collection: vscode.DiagnosticCollection,
  ) {
    this.disposables.push(
      vscode.workspace.onDidOpenTextDocument((doc) => this.opened(doc)),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.contentChanges.length > 0 && this.manager.settings.run === 'onType') this.schedule(e.document);
      }),
      vscode.workspace.onDidSaveTextDocument((doc) => {
        if (this.manager.settings.run !== 'manual') this.lintAndPublish(doc);
      }),
      vscode.workspace.onDidCloseTextDocument((doc) => this.closed(doc)),
      manager.onDidChange((change) => this.corpusChanged(change.roots.map((r) => r.path))),
      manager.onDidChangeConfig(() => this.relintOpen()),
    );
  }

  /** Lints the documents already open when the extension starts. */
  start(): void {
    for (const doc of vscode.workspace.textDocuments) this.opened(doc);
  }

  private opened(doc: vscode.TextDocument): void {
    if (!this.manager.isSeedDocument(doc)) return;
    // Seed files outside the language's filename patterns (a folder with a corpus configuration) get it too.
    if (doc.languageId === 'plaintext') {
      void vscode.languages.setTextDocumentLanguage(doc, 'seed');
      return;
    }
    if (this.manager.settings.run !== 'manual') this.schedule(doc, 0);
  }

  private closed(doc: vscode.TextDocument): void {
    const key = doc.uri.toString();
    this.states.delete(key);
    clearTimeout(this.timers.get(key));
    this.timers.delete(key);
    this.publishFromIndex(doc.uri);
  }

  private schedule(doc: vscode.TextDocument, delay = TYPING_DEBOUNCE_MS): void {
    if (!this.manager.isSeedDocument(doc)) return;
    const key = doc.uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        if (!doc.isClosed) this.lintAndPublish(doc);
      }, delay),
    );
  }

  /** Resolves when no lint is waiting for its debounce delay. */
  async whenIdle(): Promise<void> {
    while (this.timers.size > 0) await new Promise((resolve) => setTimeout(resolve, TYPING_DEBOUNCE_MS));
  }

  private legacyEncoding(doc: vscode.TextDocument): { encoding: LegacyEncoding; text: string } | null {
    if (doc.uri.scheme !== 'file') return null;
    const file = doc.uri.fsPath;
    let stamp: string;
    try {
      const st = fs.statSync(file);
      stamp = `${st.mtimeMs}:${st.size}`;
    } catch {
      return null;
    }
    const cached = this.encodings.get(file);
    if (cached?.stamp === stamp) return cached.legacy;
    const decoded = decodeBytes(fs.readFileSync(file));
    const legacy = decoded.kind === 'legacy' ? { encoding: decoded.encoding, text: decoded.text } : null;
    this.encodings.set(file, { stamp, legacy });
    return legacy;
  }

  /** The document's findings for its current version (lints now when they are out of date). */
  state(doc: vscode.TextDocument): DocumentState {
    const key = doc.uri.toString();
    const cached = this.states.get(key);
    if (cached && cached.version === doc.version) return cached;
    const text = doc.getText();
    const sizeKB = Math.ceil(Buffer.byteLength(text, 'utf8') / 1024);
    const options = this.manager.lintOptions(doc.uri);
    let state: DocumentState;
    const legacy = this.legacyEncoding(doc);
    if (sizeKB > this.manager.settings.maxFileSizeKB) {
      state = { kind: 'tooLarge', version: doc.version, sizeKB };
    } else if (legacy && (doc.isDirty ? cached?.kind === 'misdecoded' : legacy.text !== text)) {
      // Shown in another encoding than its own (typing into that view does not make it the article).
      state = { kind: 'misdecoded', version: doc.version, findings: [encodingFinding({ kind: 'legacy', ...legacy }, options.locale)], legacy: legacy.encoding };
    } else {
      const { article, findings } = lintText(text, options);
      if (legacy) findings.unshift(encodingFinding({ kind: 'legacy', ...legacy }, options.locale));
      state = { kind: 'linted', version: doc.version, findings, article, legacy: legacy?.encoding ?? null };
    }
    this.states.set(key, state);
    return state;
  }

  private diagnosticsOf(state: DocumentState): vscode.Diagnostic[] {
    if (state.kind === 'tooLarge') return [tooLargeDiagnostic(state.sizeKB, this.manager.settings.maxFileSizeKB)];
    return state.findings.map(toDiagnostic);
  }

  private shows(uri: vscode.Uri): boolean {
    return this.manager.settings.run !== 'manual' || this.manualShown.has(uri.toString());
  }

  lintAndPublish(doc: vscode.TextDocument): DocumentState | undefined {
    if (!this.manager.isSeedDocument(doc)) return undefined;
    const state = this.state(doc);
    if (this.shows(doc.uri)) this.collection.set(doc.uri, this.diagnosticsOf(state));
    this.emitter.fire(doc);
    return state;
  }

  /** Manual mode: show the problems of one file, or of every file of the corpus. */
  check(doc: vscode.TextDocument): void {
    this.manualShown.add(doc.uri.toString());
    this.lintAndPublish(doc);
  }

  checkAll(): void {
    for (const { file } of this.manager.entries()) this.manualShown.add(vscode.Uri.file(file.path).toString());
    for (const doc of vscode.workspace.textDocuments) {
      if (this.manager.isSeedDocument(doc)) this.manualShown.add(doc.uri.toString());
    }
    this.republishAll();
  }

  /** After the run mode changed: manual clears the pane, the others fill it. */
  runModeChanged(): void {
    this.manualShown.clear();
    if (this.manager.settings.run === 'manual') this.collection.clear();
    this.republishAll();
  }

  private entryDiagnostics(file: IndexedFile): vscode.Diagnostic[] {
    const max = this.manager.settings.maxFileSizeKB;
    if (file.size > max * 1024) return [tooLargeDiagnostic(Math.ceil(file.size / 1024), max)];
    const diagnostics = file.findings.map(toDiagnostic);
    if (file.notice && file.findings.length === 0) {
      const d = new vscode.Diagnostic(new vscode.Range(0, 0, 0, 0), vscode.l10n.t('Not checked: {0}', file.notice), vscode.DiagnosticSeverity.Information);
      d.source = SOURCE;
      diagnostics.push(d);
    }
    return diagnostics;
  }

  private isOpen(uri: vscode.Uri): vscode.TextDocument | undefined {
    const key = uri.toString();
    return vscode.workspace.textDocuments.find((d) => d.uri.toString() === key);
  }

  private publishFromIndex(uri: vscode.Uri): void {
    const entry = this.manager.entry(uri);
    if (entry && this.shows(uri)) this.collection.set(uri, this.entryDiagnostics(entry.file));
    else this.collection.delete(uri);
  }

  private corpusChanged(rootPaths: string[]): void {
    const roots = new Set(rootPaths);
    const indexed = new Set<string>();
    for (const { root, file } of this.manager.entries()) {
      const uri = vscode.Uri.file(file.path);
      indexed.add(uri.toString());
      if (roots.has(root.path) && !this.isOpen(uri) && this.shows(uri)) this.collection.set(uri, this.entryDiagnostics(file));
    }
    // Files that left the corpus keep no stale problems.
    const stale: vscode.Uri[] = [];
    this.collection.forEach((uri) => {
      if (!indexed.has(uri.toString()) && !this.isOpen(uri)) stale.push(uri);
    });
    stale.forEach((uri) => this.collection.delete(uri));
    // Corpus statistics (line recurrence) changed: open documents are judged against them again.
    this.relintOpen();
  }

  private relintOpen(): void {
    for (const doc of vscode.workspace.textDocuments) {
      if (!this.manager.isSeedDocument(doc)) continue;
      this.states.delete(doc.uri.toString());
      if (this.shows(doc.uri)) this.schedule(doc, 0);
    }
  }

  private republishAll(): void {
    for (const { file } of this.manager.entries()) {
      const uri = vscode.Uri.file(file.path);
      if (!this.isOpen(uri)) this.publishFromIndex(uri);
    }
    this.relintOpen();
  }

  dispose(): void {
    this.timers.forEach((t) => clearTimeout(t));
    this.disposables.forEach((d) => d.dispose());
  }
}
