// Accepting a finding and correcting metadata write the corpus's .seedcurator.json, never the seed text.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { hashHex } from '../../../src/core/hash';
import type { SeedCuratorApi } from '../../../src/extension/extension';
import { api, closeAll, ours, ruleOf, seedUri, waitForDiagnostics, workspaceRoot } from './helpers';

const NAME = '002_1a045ee9db5761ec.txt';

async function readJson(uri: vscode.Uri): Promise<Record<string, unknown>> {
  return JSON.parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(uri)));
}

async function exists(uri: vscode.Uri): Promise<boolean> {
  return vscode.workspace.fs.stat(uri).then(() => true, () => false);
}

describe('corpus configuration', () => {
  let seedCurator: SeedCuratorApi;
  const configUri = () => vscode.Uri.joinPath(workspaceRoot(), '.seedcurator.json');

  before(async () => {
    seedCurator = await api();
    assert.equal(await exists(configUri()), false, 'the test corpus starts without a configuration');
  });

  after(async () => {
    await closeAll();
    // Later suites expect the corpus as it came.
    if (await exists(configUri())) await vscode.workspace.fs.delete(configUri());
    await seedCurator.whenIdle();
  });

  it('"Accept this finding" hides it and records it in a new .seedcurator.json', async () => {
    const uri = seedUri(NAME);
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc);
    const text = doc.getText();
    const ds = await waitForDiagnostics(uri, (d) => d.length > 0, 'findings');
    const target = ds[ds.length - 1];
    const rule = ruleOf(target);
    const sameLine = (d: vscode.Diagnostic) => ruleOf(d) === rule && d.range.start.line === target.range.start.line;
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, target.range, 'quickfix');
    const accept = actions.find((a) => a.command?.command === 'seedCurator.acceptFinding' && a.command.arguments?.[1] === rule && a.command.arguments?.[2] === target.range.start.line);
    assert.ok(accept, actions.map((a) => a.title).join(' | '));
    await vscode.commands.executeCommand(accept.command!.command, ...accept.command!.arguments!);
    await waitForDiagnostics(uri, (d) => !d.some(sameLine), `${rule} on line ${target.range.start.line} to be hidden`);
    const config = await readJson(configUri());
    assert.deepEqual(config.accepted, [{ rule, file: NAME, hash: hashHex(doc.lineAt(target.range.start.line).text) }]);
    assert.equal(doc.getText(), text, 'the seed text is untouched');
    assert.equal(doc.isDirty, false);
    assert.ok(ours(uri).length > 0, 'other findings stay');
  });

  it('corrections of date and city show as confirmed in the tree', async () => {
    const edit = new vscode.WorkspaceEdit();
    const doc = await vscode.workspace.openTextDocument(configUri());
    const config = JSON.parse(doc.getText());
    config.corrections = { '003_b8b3af9f66439d41.txt': { date: '2024-03-15', city: '上海' } };
    edit.replace(configUri(), new vscode.Range(0, 0, doc.lineCount, 0), JSON.stringify(config, null, 2));
    await vscode.workspace.applyEdit(edit);
    await doc.save();
    const tree = seedCurator.corpusTree;
    await vscode.commands.executeCommand('seedCurator.groupByDate');
    const find = async (): Promise<vscode.TreeItem | undefined> => {
      await seedCurator.whenIdle();
      const years = (await tree.getChildren()) ?? [];
      const y2024 = years.find((n) => n.kind === 'group' && n.label === '2024');
      const months = y2024 ? ((await tree.getChildren(y2024)) ?? []) : [];
      const march = months.find((n) => n.kind === 'group' && n.label === '2024-03');
      const article = march && ((await tree.getChildren(march)) ?? []).find((n) => n.kind === 'article');
      return article && tree.getTreeItem(article);
    };
    let item = await find();
    // The configuration reaches the index through the file watcher: wait for the tree to change.
    while (!item) {
      await new Promise<void>((resolve) => {
        const sub = tree.onDidChangeTreeData!(() => {
          sub.dispose();
          resolve();
        });
      });
      item = await find();
    }
    assert.match(String(item.description), /2024-03-15 ✓/);
    assert.match(String(item.description), /上海 ✓/);
    assert.equal(item.contextValue, 'article.corrected');
  });

  it('problems of .seedcurator.json show at their exact places', async () => {
    const text = '{\n  "rules": { "SC108": "loud" },\n  "boilerplatePatterns": ["(unclosed"]\n}\n';
    await vscode.workspace.fs.writeFile(configUri(), new TextEncoder().encode(text));
    const ds = await waitForDiagnostics(configUri(), (d) => d.length >= 2, 'two configuration problems');
    const doc = await vscode.workspace.openTextDocument(configUri());
    const at = ds.map((d) => doc.getText(d.range)).sort();
    assert.deepEqual(at, ['"(unclosed"', '"loud"']);
  });
});

