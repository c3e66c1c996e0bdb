// The status bar shows the active article's script.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { SeedCuratorApi } from '../../../src/extension/extension';
import { api, closeAll, seedUri, waitForEvent } from './helpers';

async function statusFor(seedCurator: SeedCuratorApi, name: string): Promise<string> {
  await vscode.window.showTextDocument(seedUri(name));
  await seedCurator.whenIdle();
  return seedCurator.variantStatus().text;
}

describe('status bar', () => {
  let seedCurator: SeedCuratorApi;
  before(async () => {
    seedCurator = await api();
  });
  after(closeAll);

  it('shows 简 for a simplified article (000)', async () => {
    assert.equal(await statusFor(seedCurator, '000_32fa1be59cbdf019.txt'), '简');
  });

  it('shows 繁 for a traditional article (004)', async () => {
    assert.equal(await statusFor(seedCurator, '004_11938ba4ffbfebfa.txt'), '繁');
  });

  it('hides for files that are not seeds', async () => {
    const doc = await vscode.workspace.openTextDocument({ language: 'plaintext', content: 'not a seed' });
    const shown = waitForEvent(vscode.window.onDidChangeActiveTextEditor, (e) => e?.document === doc, 'the plain editor');
    await vscode.window.showTextDocument(doc);
    await shown;
    assert.equal(seedCurator.variantStatus().visible, false);
  });
});
