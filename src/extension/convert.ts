/**
 * Script conversion (OpenCC through the core): a selection, files, or the whole corpus, to Simplified or
 * one of the Traditional standards. Several files at once go through the refactor preview.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { convertText, CONVERSION_TARGETS, type ConversionTarget } from '../core/convert';
import { decodeBytes } from '../core/encoding';
import type { CorpusManager } from './corpus';
import type { DocumentLinter } from './diagnostics';
import { diffEdits } from './edits';

export { CONVERSION_TARGETS, type ConversionTarget };

export function targetLabel(target: ConversionTarget): string {
  switch (target) {
    case 'cn':
      return vscode.l10n.t('Simplified Chinese (Mainland)');
    case 'tw':
      return vscode.l10n.t('Traditional Chinese (Taiwan)');
    case 'twp':
      return vscode.l10n.t('Traditional Chinese (Taiwan, with phrases)');
    case 'hk':
      return vscode.l10n.t('Traditional Chinese (Hong Kong)');
    case 't':
      return vscode.l10n.t('Traditional Chinese (OpenCC standard)');
  }
}

export async function pickTarget(current?: 'simplified' | 'traditional' | 'mixed'): Promise<ConversionTarget | undefined> {
  // Offer the other script first: that is what a click on the status bar usually wants.
  const order: ConversionTarget[] = current === 'simplified' ? ['tw', 'twp', 'hk', 't', 'cn'] : ['cn', 'tw', 'twp', 'hk', 't'];
  const picked = await vscode.window.showQuickPick(
    order.map((target) => ({ label: targetLabel(target), description: `OpenCC ${target}`, target })),
    { placeHolder: vscode.l10n.t('Convert to…') },
  );
  return picked?.target;
}

export class Converter {
  constructor(
    private readonly manager: CorpusManager,
    private readonly linter: DocumentLinter,
  ) {}

  private convertible(doc: vscode.TextDocument): boolean {
    if (this.manager.isSeedDocument(doc) && this.linter.state(doc).kind === 'misdecoded') {
      void vscode.window.showWarningMessage(vscode.l10n.t('{0} is shown in the wrong encoding: reopen or convert it to UTF-8 first.', path.basename(doc.uri.fsPath)));
      return false;
    }
    return true;
  }

  async convertSelection(target: ConversionTarget): Promise<void> {
    const editor = vscode.window.activeTextEditor;
    if (!editor || !this.convertible(editor.document)) return;
    const selections = editor.selections.filter((s) => !s.isEmpty);
    if (selections.length === 0) {
      await this.convertDocument(editor.document, target);
      return;
    }
    await editor.edit((b) => {
      for (const s of selections) b.replace(s, convertText(editor.document.getText(s), target));
    });
  }

  private async convertDocument(doc: vscode.TextDocument, target: ConversionTarget): Promise<void> {
    if (!this.convertible(doc)) return;
    const edits = diffEdits(doc.getText(), convertText(doc.getText(), target));
    if (edits.length === 0) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Nothing to convert: the text is already {0}.', targetLabel(target)));
      return;
    }
    const edit = new vscode.WorkspaceEdit();
    edit.set(doc.uri, edits);
    await vscode.workspace.applyEdit(edit, { isRefactoring: true });
  }

  /** From the editor: the active file; from the explorer: the selected files and folders. */
  async convertFiles(target: ConversionTarget, uri?: vscode.Uri, uris?: vscode.Uri[]): Promise<void> {
    const chosen = uris && uris.length > 0 ? uris : uri ? [uri] : [];
    if (chosen.length === 0) {
      const doc = vscode.window.activeTextEditor?.document;
      if (!doc) {
        void vscode.window.showInformationMessage(vscode.l10n.t('Open a seed file first.'));
        return;
      }
      await this.convertDocument(doc, target);
      return;
    }
    // The editor's context menu passes its document, which may be untitled or unsaved.
    const open = chosen.length === 1 && vscode.workspace.textDocuments.find((d) => d.uri.toString() === chosen[0].toString());
    if (open) {
      await this.convertDocument(open, target);
      return;
    }
    const files = await this.expand(chosen);
    if (files.length === 1 && chosen.length === 1 && chosen[0].fsPath === files[0].fsPath) {
      await this.convertDocument(await vscode.workspace.openTextDocument(files[0]), target);
      return;
    }
    await this.preview(target, files);
  }

  /** Folders stand for the seed files below them. */
  private async expand(uris: vscode.Uri[]): Promise<vscode.Uri[]> {
    const out = new Map<string, vscode.Uri>();
    for (const uri of uris) {
      const st = await vscode.workspace.fs.stat(uri);
      if (st.type & vscode.FileType.Directory) {
        for (const f of await vscode.workspace.findFiles(new vscode.RelativePattern(uri, '**/*.txt'))) {
          if (this.manager.isSeed(f)) out.set(f.fsPath, f);
        }
      } else {
        out.set(uri.fsPath, uri);
      }
    }
    return [...out.values()].sort((a, b) => a.fsPath.localeCompare(b.fsPath));
  }

  async convertCorpus(target?: ConversionTarget): Promise<void> {
    const chosen = target ?? (await pickTarget());
    if (!chosen) return;
    await this.manager.whenIdle();
    await this.preview(chosen, this.manager.entries().map(({ file }) => vscode.Uri.file(file.path)));
  }

  /** One edit over the files, every change marked for confirmation: the refactor preview shows them all first. */
  async corpusEdit(
    target: ConversionTarget,
    files: vscode.Uri[],
    token?: vscode.CancellationToken,
    progress?: vscode.Progress<{ message?: string; increment?: number }>,
  ): Promise<{ edit: vscode.WorkspaceEdit; files: number }> {
    const edit = new vscode.WorkspaceEdit();
    const open = new Map(vscode.workspace.textDocuments.map((d) => [d.uri.toString(), d]));
    const metadata = { label: vscode.l10n.t('Convert to {0}', targetLabel(target)), needsConfirmation: true };
    let changed = 0;
    for (let i = 0; i < files.length; i++) {
      if (token?.isCancellationRequested) break;
      const uri = files[i];
      progress?.report({ increment: 100 / files.length, message: this.manager.relativePath(uri) });
      const doc = open.get(uri.toString());
      let before: string;
      if (doc) {
        if (this.manager.isSeedDocument(doc) && this.linter.state(doc).kind === 'misdecoded') continue;
        before = doc.getText();
      } else {
        const decoded = decodeBytes(await fs.promises.readFile(uri.fsPath));
        if (decoded.kind !== 'text') continue;
        before = decoded.text;
      }
      const edits = diffEdits(before, convertText(before, target));
      if (edits.length > 0) changed++;
      for (const e of edits) edit.replace(uri, e.range, e.newText, metadata);
      if (i % 20 === 19) await new Promise((resolve) => setImmediate(resolve));
    }
    return { edit, files: changed };
  }

  private async preview(target: ConversionTarget, files: vscode.Uri[]): Promise<void> {
    const result = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Seed Curator: converting to {0}', targetLabel(target)), cancellable: true },
      (progress, token) => this.corpusEdit(target, files, token, progress).then((r) => (token.isCancellationRequested ? undefined : r)),
    );
    if (!result) return;
    if (result.files === 0) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Nothing to convert: the text is already {0}.', targetLabel(target)));
      return;
    }
    await vscode.workspace.applyEdit(result.edit, { isRefactoring: true });
  }
}
