/**
 * The corpus configuration seen from the editor: its problems as diagnostics at their exact places, and
 * edits the extension makes to it (accepted findings, corrections) that keep the curator's formatting.
 */
import * as vscode from 'vscode';
import { applyEdits, findNodeAtLocation, modify, parse, parseTree, type FormattingOptions, type JSONPath, type ParseError } from 'jsonc-parser';
import { CONFIG_FILE_NAME, parseConfig } from '../core/config';
import { compileBoilerplatePatterns } from '../core/patterns';
import { indexLines, positionAt } from '../core/text';
import type { CorpusManager, Root } from './corpus';
import { SOURCE } from './diagnostics';

function formattingOf(text: string): FormattingOptions {
  const indent = /^([ \t]+)\S/m.exec(text)?.[1];
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  if (indent?.startsWith('\t')) return { insertSpaces: false, tabSize: 4, eol };
  return { insertSpaces: true, tabSize: indent ? indent.length : 2, eol };
}

function configDocument(root: Root): vscode.TextDocument | undefined {
  const key = root.configUri.toString();
  return vscode.workspace.textDocuments.find((d) => d.uri.toString() === key);
}

/**
 * Changes one value of a corpus configuration (undefined removes it), creating the file when the corpus has
 * none. The change goes through the editor, so it can be undone; an open, unsaved configuration is left unsaved.
 */
export async function setConfigValue(manager: CorpusManager, root: Root, path: JSONPath, value: unknown, options: { arrayInsertion?: boolean } = {}): Promise<boolean> {
  const open = configDocument(root);
  if (!open && root.configText === null) {
    const base = '{}\n';
    const text = applyEdits(base, modify(base, path, value, { formattingOptions: formattingOf(''), isArrayInsertion: options.arrayInsertion }));
    const edit = new vscode.WorkspaceEdit();
    edit.createFile(root.configUri, { contents: new TextEncoder().encode(text), ignoreIfExists: true });
    if (!(await vscode.workspace.applyEdit(edit))) return false;
    await manager.configWritten(root);
    return true;
  }
  const doc = open ?? (await vscode.workspace.openTextDocument(root.configUri));
  const text = doc.getText();
  const errors: ParseError[] = [];
  parse(text, errors, { allowTrailingComma: true });
  if (errors.length > 0) {
    void vscode.window.showErrorMessage(vscode.l10n.t('{0} has syntax errors: fix them first.', CONFIG_FILE_NAME));
    return false;
  }
  const changes = modify(text, path, value, { formattingOptions: formattingOf(text), isArrayInsertion: options.arrayInsertion });
  if (changes.length === 0) return true;
  const wasDirty = doc.isDirty;
  const edit = new vscode.WorkspaceEdit();
  for (const c of changes) edit.replace(doc.uri, new vscode.Range(doc.positionAt(c.offset), doc.positionAt(c.offset + c.length)), c.content);
  if (!(await vscode.workspace.applyEdit(edit))) return false;
  if (wasDirty) {
    void vscode.window.showInformationMessage(vscode.l10n.t('{0} has unsaved changes: the change applies once you save it.', CONFIG_FILE_NAME));
    return true;
  }
  await doc.save();
  await manager.configWritten(root);
  return true;
}

/** Problems of each corpus configuration, live while it is being edited. */
export class ConfigDiagnostics implements vscode.Disposable {
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly manager: CorpusManager,
    private readonly collection: vscode.DiagnosticCollection,
  ) {
    this.disposables.push(
      manager.onDidChangeConfig((root) => this.publish(root)),
      vscode.workspace.onDidChangeTextDocument((e) => this.documentChanged(e.document)),
      vscode.workspace.onDidOpenTextDocument((doc) => this.documentChanged(doc)),
      vscode.workspace.onDidCloseTextDocument((doc) => this.documentChanged(doc)),
    );
  }

  private documentChanged(doc: vscode.TextDocument): void {
    if (!doc.uri.path.endsWith(`/${CONFIG_FILE_NAME}`)) return;
    const root = this.manager.allRoots().find((r) => r.configUri.toString() === doc.uri.toString());
    if (root) this.publish(root);
  }

  publish(root: Root): void {
    const doc = configDocument(root);
    const text = doc && !doc.isClosed ? doc.getText() : root.configText;
    if (text === null) {
      this.collection.delete(root.configUri);
      return;
    }
    const index = indexLines(text);
    const rangeOf = (offset: number, length: number) => {
      const a = positionAt(index, offset);
      const b = positionAt(index, offset + length);
      return new vscode.Range(a.line, a.character, b.line, b.character);
    };
    const { config, problems } = parseConfig(text);
    const diagnostics = problems.map((p) => {
      const syntax = p.message.startsWith('Invalid JSON');
      const d = new vscode.Diagnostic(
        rangeOf(p.offset, p.length),
        vscode.l10n.t('{0} (defaults apply meanwhile)', p.message),
        syntax ? vscode.DiagnosticSeverity.Error : vscode.DiagnosticSeverity.Warning,
      );
      d.source = SOURCE;
      return d;
    });
    const tree = parseTree(text);
    const patterns = config.boilerplatePatterns ?? [];
    if (tree && patterns.length > 0) {
      if (!this.manager.trusted) {
        const node = findNodeAtLocation(tree, ['boilerplatePatterns']);
        const d = new vscode.Diagnostic(
          rangeOf(node?.parent?.offset ?? 0, node?.parent?.length ?? 1),
          vscode.l10n.t('Ignored: boilerplate patterns apply only in trusted workspaces.'),
          vscode.DiagnosticSeverity.Information,
        );
        d.source = SOURCE;
        diagnostics.push(d);
      } else {
        for (const problem of compileBoilerplatePatterns(patterns).problems) {
          const node = findNodeAtLocation(tree, ['boilerplatePatterns', problem.index]);
          const d = new vscode.Diagnostic(
            rangeOf(node?.offset ?? 0, node?.length ?? 1),
            vscode.l10n.t('Invalid pattern, ignored: {0}', problem.message),
            vscode.DiagnosticSeverity.Warning,
          );
          d.source = SOURCE;
          diagnostics.push(d);
        }
      }
    }
    this.collection.set(root.configUri, diagnostics);
  }

  dispose(): void {
    this.disposables.forEach((d) => d.dispose());
  }
}
