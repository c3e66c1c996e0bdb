// editor.codeActionsOnSave with source.fixAll.seedCurator: saving a seed applies its safe fixes.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { SeedCuratorApi } from '../../../src/extension/extension';
import { api, closeAll, seedUri, workspaceRoot } from './helpers';

describe('fix on save', () => {
  let seedCurator: SeedCuratorApi;
  const copy = () => vscode.Uri.joinPath(workspaceRoot(), 'onsave-copy.txt');
  const editorConfig = () => vscode.workspace.getConfiguration('editor', { languageId: 'seed' });

  before(async () => {
    seedCurator = await api();
    await vscode.workspace.fs.copy(seedUri('002_1a045ee9db5761ec.txt'), copy());
    await editorConfig().update('codeActionsOnSave', { 'source.fixAll.seedCurator': 'explicit' }, vscode.ConfigurationTarget.Workspace, true);
  });

  after(async () => {
    await closeAll();
    await editorConfig().update('codeActionsOnSave', undefined, vscode.ConfigurationTarget.Workspace, true);
    await vscode.workspace.fs.delete(copy());
    await seedCurator.whenIdle();
  });

  it('saving leaves no safe fix and writes the fixed text', async () => {
    const doc = await vscode.workspace.openTextDocument(copy());
    await vscode.window.showTextDocument(doc);
    await seedCurator.whenIdle();
    const fixAll = () => vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, new vscode.Range(0, 0, doc.lineCount, 0), 'source.fixAll.seedCurator');
    assert.equal((await fixAll()).length, 1, 'the copy has safe fixes');
    const edit = new vscode.WorkspaceEdit();
    edit.insert(doc.uri, new vscode.Position(doc.lineCount, 0), '\n');
    await vscode.workspace.applyEdit(edit);
    assert.ok(await doc.save());
    assert.equal((await fixAll()).length, 0);
    assert.equal(new TextDecoder().decode(await vscode.workspace.fs.readFile(copy())), doc.getText());
  });
});
