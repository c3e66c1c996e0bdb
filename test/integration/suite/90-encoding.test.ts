// A GBK-encoded seed: one diagnostic that says so, "Reopen with encoding" shows the article, and "Convert
// to UTF-8" rewrites it losslessly.
import assert from 'node:assert/strict';
import * as iconv from 'iconv-lite';
import * as vscode from 'vscode';
import type { SeedCuratorApi } from '../../../src/extension/extension';
import { api, closeAll, ruleOf, seedUri, waitForDiagnostics, workspaceRoot } from './helpers';

describe('legacy encodings', () => {
  let seedCurator: SeedCuratorApi;
  let original: string;
  const gbkUri = () => vscode.Uri.joinPath(workspaceRoot(), 'gbk-copy.txt');

  before(async () => {
    seedCurator = await api();
    // 003 is all GBK characters, so the copy holds the same text.
    original = new TextDecoder().decode(await vscode.workspace.fs.readFile(seedUri('003_b8b3af9f66439d41.txt')));
    const bytes = iconv.encode(original, 'gbk');
    assert.equal(iconv.decode(bytes, 'gbk'), original);
    await vscode.workspace.fs.writeFile(gbkUri(), bytes);
  });

  after(async () => {
    await closeAll();
    await vscode.workspace.fs.delete(gbkUri());
    await seedCurator.whenIdle();
  });

  it('the corpus check reports a GBK file with one encoding diagnostic', async () => {
    const ds = await waitForDiagnostics(gbkUri(), (d) => d.some((x) => ruleOf(x) === 'SC001'), 'SC001');
    assert.deepEqual(ds.map(ruleOf), ['SC001']);
    assert.match(ds[0].message, /GBK/);
  });

  it('opened (shown as UTF-8), it still gets only the encoding diagnostic and its two fixes', async () => {
    const doc = await vscode.workspace.openTextDocument(gbkUri());
    await vscode.window.showTextDocument(doc);
    await seedCurator.whenIdle();
    const ds = await waitForDiagnostics(gbkUri(), (d) => d.length > 0, 'diagnostics');
    assert.deepEqual(ds.map(ruleOf), ['SC001']);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', gbkUri(), ds[0].range, 'quickfix');
    assert.deepEqual(actions.map((a) => a.command?.command).sort(), ['seedCurator.convertToUtf8', 'seedCurator.reopenWithEncoding']);
  });

  it('"Reopen with encoding GBK" shows the article', async () => {
    await vscode.commands.executeCommand('seedCurator.reopenWithEncoding', gbkUri(), 'gbk');
    const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === gbkUri().toString())!;
    assert.equal(doc.getText(), original);
    // Read correctly, the article is checked as usual; the encoding finding stays until the file is converted.
    await waitForDiagnostics(gbkUri(), (d) => d.some((x) => ruleOf(x) === 'SC001') && d.length > 1, 'the article findings besides SC001');
  });

  it('"Convert to UTF-8" rewrites the bytes losslessly and the diagnostic goes', async () => {
    const gone = waitForDiagnostics(gbkUri(), (d) => !d.some((x) => ruleOf(x) === 'SC001'), 'SC001 to go');
    assert.equal(await vscode.commands.executeCommand('seedCurator.convertToUtf8', gbkUri()), true);
    assert.equal(new TextDecoder().decode(await vscode.workspace.fs.readFile(gbkUri())), original);
    await gone;
  });
});
