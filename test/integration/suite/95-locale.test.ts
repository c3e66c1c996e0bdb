// seedCurator.locale: finding messages in Simplified or Traditional Chinese, for open and closed files.
import * as vscode from 'vscode';
import type { SeedCuratorApi } from '../../../src/extension/extension';
import { api, closeAll, ruleOf, scratchSeed, seedUri, waitForDiagnostics } from './helpers';

describe('message language', () => {
  let seedCurator: SeedCuratorApi;
  const setLocale = (value: string | undefined) => vscode.workspace.getConfiguration('seedCurator').update('locale', value, vscode.ConfigurationTarget.Workspace);
  const pinyin = (ds: vscode.Diagnostic[]) => ds.filter((d) => ruleOf(d) === 'SC108');

  before(async () => {
    seedCurator = await api();
  });

  after(async () => {
    await closeAll();
    await setLocale(undefined);
    await seedCurator.whenIdle();
  });

  it('zh-TW reaches the corpus check and the open document', async () => {
    const open = await scratchSeed('001_b2cf538a030ad554.txt');
    await setLocale('zh-TW');
    const traditional = (ds: vscode.Diagnostic[]) => pinyin(ds).length > 0 && pinyin(ds).every((d) => d.message.includes('殘留'));
    await waitForDiagnostics(seedUri('001_b2cf538a030ad554.txt'), traditional, 'traditional messages from the corpus check');
    await waitForDiagnostics(open.uri, traditional, 'traditional messages in the open document');
  });

  it('zh-CN gives simplified messages', async () => {
    await setLocale('zh-CN');
    await waitForDiagnostics(seedUri('001_b2cf538a030ad554.txt'), (ds) => pinyin(ds).length > 0 && pinyin(ds).every((d) => d.message.includes('残留')), 'simplified messages');
  });
});
