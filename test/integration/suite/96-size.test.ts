// seedCurator.maxFileSizeKB: larger files are not checked, and the diagnostic says which setting changes that.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { SeedCuratorApi } from '../../../src/extension/extension';
import { api, ruleOf, seedUri, waitForDiagnostics } from './helpers';

describe('file size limit', () => {
  let seedCurator: SeedCuratorApi;
  const setLimit = (value: number | undefined) => vscode.workspace.getConfiguration('seedCurator').update('maxFileSizeKB', value, vscode.ConfigurationTarget.Workspace);

  before(async () => {
    seedCurator = await api();
  });

  after(async () => {
    await setLimit(undefined);
    await seedCurator.whenIdle();
  });

  it('a file over the limit gets one diagnostic naming the setting, with a quick fix that opens it', async () => {
    await setLimit(1);
    const uri = seedUri('000_32fa1be59cbdf019.txt');
    const ds = await waitForDiagnostics(uri, (d) => d.length === 1 && ruleOf(d[0]) === 'maxFileSizeKB', 'the size diagnostic');
    assert.match(ds[0].message, /seedCurator\.maxFileSizeKB/);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, ds[0].range, 'quickfix');
    assert.ok(actions.some((a) => a.command?.command === 'workbench.action.openSettings' && a.command.arguments?.[0] === 'seedCurator.maxFileSizeKB'));
  });
});
