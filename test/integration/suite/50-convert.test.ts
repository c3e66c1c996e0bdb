// Script conversion: every target through its command, a selection, and the corpus-wide edit, each
// compared with the engine's own conversion.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { convertText, CONVERSION_TARGETS } from '../../../src/core/convert';
import { applyEdits } from '../../../src/core/edits';
import type { SeedCuratorApi } from '../../../src/extension/extension';
import { api, closeAll, scratchSeed } from './helpers';

const SIMPLIFIED = '000_32fa1be59cbdf019.txt';
const TRADITIONAL = '004_11938ba4ffbfebfa.txt';

describe('conversion', () => {
  let seedCurator: SeedCuratorApi;
  before(async () => {
    seedCurator = await api();
  });
  afterEach(closeAll);

  for (const target of CONVERSION_TARGETS) {
    it(`seedCurator.convertFile.${target} converts the active file as OpenCC does`, async () => {
      const doc = await scratchSeed(target === 'cn' ? TRADITIONAL : SIMPLIFIED);
      const original = doc.getText();
      await vscode.commands.executeCommand(`seedCurator.convertFile.${target}`);
      assert.notEqual(doc.getText(), original);
      assert.equal(doc.getText(), convertText(original, target));
    });
  }

  it('seedCurator.convertSelection.cn converts only the selection', async () => {
    const doc = await scratchSeed(TRADITIONAL);
    const original = doc.getText();
    const editor = vscode.window.activeTextEditor!;
    const line = doc.lineAt(3);
    editor.selection = new vscode.Selection(line.range.start, line.range.end);
    await vscode.commands.executeCommand('seedCurator.convertSelection.cn');
    assert.equal(doc.lineAt(3).text, convertText(line.text, 'cn'));
    assert.equal(doc.lineAt(7).text, original.split('\n')[7]);
  });

  it('the corpus-wide conversion covers every traditional seed and matches OpenCC', async () => {
    const edit = await seedCurator.corpusConvertEdit('cn');
    const files = edit.entries();
    assert.ok(files.length >= 2, `${files.length} files`);
    for (const [uri, edits] of files) {
      const before = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
      const after = applyEdits(before, edits.map((e) => ({ range: { start: e.range.start, end: e.range.end }, newText: e.newText })));
      assert.equal(after, convertText(before, 'cn'), uri.fsPath);
    }
    const names = files.map(([uri]) => uri.fsPath.split('/').pop());
    assert.ok(names.includes('001_b2cf538a030ad554.txt') && names.includes(TRADITIONAL), names.join(', '));
  });
});
