// Activation stays light: no dictionary (OpenCC, jieba, divisions, pinyin) loads before the first lint.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { SeedCuratorApi } from '../../../src/extension/extension';
import { EXTENSION_ID } from './helpers';

describe('activation', () => {
  it('loads no dictionary and declares no "*" activation', async () => {
    const ext = vscode.extensions.getExtension<SeedCuratorApi>(EXTENSION_ID)!;
    const events: string[] = ext.packageJSON.activationEvents;
    assert.ok(!events.includes('*'));
    assert.deepEqual(
      [...events].sort(),
      ['onLanguage:seed', 'onView:seedCurator.corpus', 'workspaceContains:**/.seedcurator.json', 'workspaceContains:**/seeds/*.txt'].sort(),
    );
    const exported = await ext.activate();
    assert.deepEqual(exported.activation.dictionariesLoaded, []);
    console.log(`[activation] activate() took ${exported.activation.ms} ms`);
    // The probe sees them once an open article is linted (its script needs OpenCC).
    const doc = await vscode.workspace.openTextDocument({ language: 'seed', content: '中新網溫州11月14日電 記者報道。' });
    await vscode.window.showTextDocument(doc);
    await exported.whenIdle();
    assert.ok(exported.loadedDictionaries().includes('opencc-js'), exported.loadedDictionaries().join(', '));
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });
});
