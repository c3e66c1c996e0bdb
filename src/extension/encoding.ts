/**
 * Seed files in a legacy code page (GBK, GB18030, Big5): reopening them in their encoding, or converting
 * them to UTF-8 when the core proves the conversion lossless.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { convertToUtf8 as toUtf8, encodingName, type LegacyEncoding } from '../core/encoding';

/** VS Code's names of the encodings the core detects. */
const VSCODE_ENCODING: Record<LegacyEncoding, string> = { gbk: 'gbk', gb18030: 'gb18030', big5: 'cp950' };

type OpenWithEncoding = (uri: vscode.Uri, options: { encoding: string }) => Thenable<vscode.TextDocument>;

/** `TextDocument.encoding` and `openTextDocument(uri, { encoding })` came with VS Code 1.100. */
function supportsEncodingApi(doc: vscode.TextDocument): boolean {
  return typeof (doc as { encoding?: unknown }).encoding === 'string';
}

async function openWithEncoding(uri: vscode.Uri, encoding: string): Promise<vscode.TextDocument> {
  return (vscode.workspace.openTextDocument as unknown as OpenWithEncoding)(uri, { encoding });
}

export async function reopenWithEncoding(uri: vscode.Uri, encoding: LegacyEncoding): Promise<void> {
  const doc = await vscode.workspace.openTextDocument(uri);
  if (doc.isDirty) {
    void vscode.window.showWarningMessage(vscode.l10n.t('{0} has unsaved changes: save or revert them first.', path.basename(uri.fsPath)));
    return;
  }
  if (supportsEncodingApi(doc)) {
    await vscode.window.showTextDocument(await openWithEncoding(uri, VSCODE_ENCODING[encoding]));
    return;
  }
  // Older VS Code: its own picker ("Reopen with Encoding", then the guessed encoding on top).
  await vscode.window.showTextDocument(doc);
  await vscode.commands.executeCommand('workbench.action.editor.changeEncoding');
}

/** Rewrites the file as UTF-8 only when decoding and encoding back gives exactly the original bytes. */
export async function convertToUtf8(uri: vscode.Uri): Promise<boolean> {
  const name = path.basename(uri.fsPath);
  const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  if (open?.isDirty) {
    void vscode.window.showWarningMessage(vscode.l10n.t('{0} has unsaved changes: save or revert them first.', name));
    return false;
  }
  const conversion = toUtf8(await vscode.workspace.fs.readFile(uri));
  if (!conversion.ok) {
    void vscode.window.showErrorMessage(vscode.l10n.t('{0} was not converted: {1}', name, conversion.reason));
    return false;
  }
  if (!conversion.changed) {
    void vscode.window.showInformationMessage(vscode.l10n.t('{0} is already UTF-8.', name));
    return false;
  }
  await vscode.workspace.fs.writeFile(uri, conversion.bytes);
  // An editor that shows the file in the legacy encoding would read the new bytes wrongly.
  if (open && supportsEncodingApi(open) && (open as unknown as { encoding: string }).encoding !== 'utf8') await openWithEncoding(uri, 'utf8');
  void vscode.window.showInformationMessage(vscode.l10n.t('{0} converted from {1} to UTF-8.', name, encodingName(conversion.from)));
  return true;
}
