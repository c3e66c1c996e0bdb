// seedCurator.run = manual: nothing is shown until the curator asks for a check.
import * as vscode from 'vscode';
import type { SeedCuratorApi } from '../../../src/extension/extension';
import { api, seedUri, waitForDiagnostics } from './helpers';

describe('run mode', () => {
  let seedCurator: SeedCuratorApi;
  const setRun = (value: string | undefined) => vscode.workspace.getConfiguration('seedCurator').update('run', value, vscode.ConfigurationTarget.Workspace);

  before(async () => {
    seedCurator = await api();
  });

  after(async () => {
    await setRun(undefined);
    await seedCurator.whenIdle();
  });

  it('manual clears the Problems pane and "Check Whole Corpus" fills it', async () => {
    const uri = seedUri('001_b2cf538a030ad554.txt');
    await waitForDiagnostics(uri, (d) => d.length > 0, 'findings before');
    await setRun('manual');
    await waitForDiagnostics(uri, (d) => d.length === 0, 'an empty pane in manual mode');
    await vscode.commands.executeCommand('seedCurator.checkCorpus');
    await waitForDiagnostics(uri, (d) => d.length > 0, 'findings after the manual check');
  });
});
