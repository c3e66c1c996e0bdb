/**
 * Repairs: a quick fix per finding (titles and edits from the engine), fix-all for one rule or the whole
 * file, `source.fixAll.seedCurator` for codeActionsOnSave, accepting a finding, and the whole corpus fixed
 * through the refactor preview. Unattended paths only ever apply safe fixes; review fixes are offered.
 */
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { decodeBytes } from '../core/encoding';
import { fixText } from '../core/fix';
import { hashHex } from '../core/hash';
import type { Finding } from '../core/types';
import type { CorpusManager } from './corpus';
import { setConfigValue } from './configFile';
import { ENCODING_CODE, ruleOf, sameRange, SOURCE, TOO_LARGE_CODE, type DocumentLinter } from './diagnostics';
import { diffEdits, toTextEdits } from './edits';

export const FIX_ALL_KIND = vscode.CodeActionKind.SourceFixAll.append('seedCurator');
export const ACCEPT_KIND = vscode.CodeActionKind.QuickFix.append('seedCurator').append('accept');

/** A fix-all whose edit is computed only when the action is chosen (it lints the text again, to a fixpoint). */
class FixAllAction extends vscode.CodeAction {
  constructor(
    title: string,
    kind: vscode.CodeActionKind,
    readonly document: vscode.TextDocument,
    readonly version: number,
    readonly select?: (f: Finding) => boolean,
  ) {
    super(title, kind);
  }
}

function hasSafeFix(f: Finding): boolean {
  return f.fixes.some((x) => x.safe);
}

export class Fixer implements vscode.CodeActionProvider<vscode.CodeAction> {
  static readonly metadata: vscode.CodeActionProviderMetadata = {
    providedCodeActionKinds: [vscode.CodeActionKind.QuickFix, ACCEPT_KIND, FIX_ALL_KIND],
  };

  constructor(
    private readonly manager: CorpusManager,
    private readonly linter: DocumentLinter,
  ) {}

  /** The text with every selected safe fix applied, linting again until nothing is left to fix. */
  fixedText(doc: vscode.TextDocument, select?: (f: Finding) => boolean): string {
    return fixText(doc.getText(), { ...this.manager.lintOptions(doc.uri), select }).text;
  }

  provideCodeActions(doc: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    if (!this.manager.isSeedDocument(doc)) return [];
    const state = this.linter.state(doc);
    const wants = (kind: vscode.CodeActionKind) => !context.only || context.only.contains(kind) || kind.contains(context.only);
    const actions: vscode.CodeAction[] = [];
    const findings = state.kind === 'linted' ? state.findings : [];
    const safeCount = findings.filter(hasSafeFix).length;

    if (wants(FIX_ALL_KIND) && safeCount > 0) {
      actions.push(new FixAllAction(vscode.l10n.t('Fix all safe Seed Curator problems'), FIX_ALL_KIND, doc, doc.version));
    }
    if (!wants(vscode.CodeActionKind.QuickFix)) return actions;

    const offeredRules = new Set<string>();
    for (const diagnostic of context.diagnostics) {
      if (diagnostic.source !== SOURCE) continue;
      const rule = ruleOf(diagnostic);
      if (rule === ENCODING_CODE && state.kind !== 'tooLarge') {
        actions.push(...this.encodingActions(doc, diagnostic, state.legacy ?? 'gbk'));
        continue;
      }
      if (rule === TOO_LARGE_CODE) {
        const open = new vscode.CodeAction(vscode.l10n.t('Open the setting seedCurator.maxFileSizeKB'), vscode.CodeActionKind.QuickFix);
        open.command = { title: open.title, command: 'workbench.action.openSettings', arguments: ['seedCurator.maxFileSizeKB'] };
        open.diagnostics = [diagnostic];
        actions.push(open);
        continue;
      }
      const finding = findings.find((f) => f.rule === rule && sameRange(f.range, diagnostic.range));
      if (!finding) continue;
      const preferred = finding.fixes.findIndex((x) => x.safe);
      finding.fixes.forEach((fix, i) => {
        const action = new vscode.CodeAction(fix.title, vscode.CodeActionKind.QuickFix);
        action.edit = new vscode.WorkspaceEdit();
        action.edit.set(doc.uri, toTextEdits(fix.edits));
        action.diagnostics = [diagnostic];
        action.isPreferred = i === preferred;
        actions.push(action);
      });
      const sameRule = findings.filter((f) => f.rule === finding.rule && hasSafeFix(f));
      if (sameRule.length > 1 && !offeredRules.has(finding.rule)) {
        offeredRules.add(finding.rule);
        const action = new FixAllAction(
          vscode.l10n.t('Fix all {0} problems in this file ({1})', `${finding.rule} ${finding.slug}`, sameRule.length),
          vscode.CodeActionKind.QuickFix,
          doc,
          doc.version,
          (f) => f.rule === finding.rule,
        );
        action.diagnostics = [diagnostic];
        actions.push(action);
      }
      const accept = new vscode.CodeAction(vscode.l10n.t('Accept this finding ({0}): hide it from now on', finding.rule), ACCEPT_KIND);
      accept.command = { title: accept.title, command: 'seedCurator.acceptFinding', arguments: [doc.uri, finding.rule, finding.range.start.line] };
      accept.diagnostics = [diagnostic];
      actions.push(accept);
    }
    if (safeCount > 1 && context.diagnostics.some((d) => d.source === SOURCE)) {
      actions.push(new FixAllAction(vscode.l10n.t('Fix all safe problems in this file ({0})', safeCount), vscode.CodeActionKind.QuickFix, doc, doc.version));
    }
    return actions;
  }

  resolveCodeAction(action: vscode.CodeAction): vscode.CodeAction {
    if (action instanceof FixAllAction && action.document.version === action.version && !action.document.isClosed) {
      action.edit = new vscode.WorkspaceEdit();
      action.edit.set(action.document.uri, diffEdits(action.document.getText(), this.fixedText(action.document, action.select)));
    }
    return action;
  }

  private encodingActions(doc: vscode.TextDocument, diagnostic: vscode.Diagnostic, encoding: string): vscode.CodeAction[] {
    const name = encoding.toUpperCase();
    const reopen = new vscode.CodeAction(vscode.l10n.t('Reopen with encoding {0}', name), vscode.CodeActionKind.QuickFix);
    reopen.command = { title: reopen.title, command: 'seedCurator.reopenWithEncoding', arguments: [doc.uri, encoding] };
    reopen.diagnostics = [diagnostic];
    const convert = new vscode.CodeAction(vscode.l10n.t('Convert from {0} to UTF-8', name), vscode.CodeActionKind.QuickFix);
    convert.command = { title: convert.title, command: 'seedCurator.convertToUtf8', arguments: [doc.uri] };
    convert.diagnostics = [diagnostic];
    convert.isPreferred = true;
    return [convert, reopen];
  }

  // --- commands ------------------------------------------------------------------------------------

  async fixAllInFile(uri?: vscode.Uri): Promise<void> {
    const doc = uri ? await vscode.workspace.openTextDocument(uri) : vscode.window.activeTextEditor?.document;
    if (!doc || !this.manager.isSeedDocument(doc)) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Open a seed file first.'));
      return;
    }
    const state = this.linter.state(doc);
    if (state.kind !== 'linted') {
      void vscode.window.showWarningMessage(vscode.l10n.t('This file cannot be fixed as it is shown (see its problems).'));
      return;
    }
    const edits = diffEdits(doc.getText(), this.fixedText(doc));
    if (edits.length === 0) {
      void vscode.window.showInformationMessage(vscode.l10n.t('No safe fixes in this file.'));
      return;
    }
    const edit = new vscode.WorkspaceEdit();
    edit.set(doc.uri, edits);
    await vscode.workspace.applyEdit(edit);
  }

  /** Records the finding in the corpus configuration; the seed text is never touched. */
  async acceptFinding(uri: vscode.Uri, rule: string, line: number): Promise<void> {
    const root = this.manager.rootFor(uri);
    if (!root) {
      void vscode.window.showWarningMessage(vscode.l10n.t('Only files inside a workspace folder can have accepted findings.'));
      return;
    }
    const doc = await vscode.workspace.openTextDocument(uri);
    const entry = { rule, file: this.manager.relativePath(uri), hash: hashHex(doc.lineAt(line).text) };
    if (root.config.accepted?.some((a) => a.rule === entry.rule && a.file === entry.file && a.hash === entry.hash)) return;
    await setConfigValue(this.manager, root, ['accepted', -1], entry, { arrayInsertion: true });
  }

  /**
   * One edit over every seed file with safe fixes, each change marked for confirmation so the refactor
   * preview shows all of them before anything lands.
   */
  async corpusFixEdit(token?: vscode.CancellationToken, progress?: vscode.Progress<{ message?: string; increment?: number }>): Promise<{ edit: vscode.WorkspaceEdit; files: number }> {
    const edit = new vscode.WorkspaceEdit();
    const candidates = this.manager.entries().filter(({ file }) => file.findings.some(hasSafeFix));
    const open = new Map(vscode.workspace.textDocuments.map((d) => [d.uri.toString(), d]));
    for (const doc of open.values()) {
      if (!this.manager.isSeedDocument(doc) || doc.uri.scheme !== 'file') continue;
      const state = this.linter.state(doc);
      if (state.kind === 'linted' && state.findings.some(hasSafeFix) && !candidates.some((c) => c.file.path === doc.uri.fsPath)) {
        const entry = this.manager.entry(doc.uri);
        if (entry) candidates.push(entry);
      }
    }
    let files = 0;
    // One label for every change: the preview's "group by type" then checks or unchecks them all at once.
    const metadata = { label: vscode.l10n.t('Seed Curator: safe fixes'), needsConfirmation: true };
    for (let i = 0; i < candidates.length; i++) {
      if (token?.isCancellationRequested) break;
      const { file } = candidates[i];
      const uri = vscode.Uri.file(file.path);
      const doc = open.get(uri.toString());
      let before: string;
      if (doc) {
        if (this.linter.state(doc).kind !== 'linted') continue;
        before = doc.getText();
      } else {
        const decoded = decodeBytes(await fs.promises.readFile(file.path));
        if (decoded.kind !== 'text') continue;
        before = decoded.text;
      }
      const after = fixText(before, this.manager.lintOptions(uri)).text;
      const edits = diffEdits(before, after);
      if (edits.length > 0) {
        files++;
        for (const e of edits) edit.replace(uri, e.range, e.newText, metadata);
      }
      progress?.report({ increment: 100 / candidates.length, message: file.relativePath });
      if (i % 20 === 19) await new Promise((resolve) => setImmediate(resolve));
    }
    return { edit, files };
  }

  async fixCorpus(): Promise<void> {
    await this.manager.whenIdle();
    const result = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Seed Curator: preparing fixes'), cancellable: true },
      (progress, token) => this.corpusFixEdit(token, progress).then((r) => (token.isCancellationRequested ? undefined : r)),
    );
    if (!result) return;
    if (result.files === 0) {
      void vscode.window.showInformationMessage(vscode.l10n.t('No safe fixes in the corpus.'));
      return;
    }
    await vscode.workspace.applyEdit(result.edit, { isRefactoring: true });
  }
}
