// The extension the way a user gets it: packaged with vsce, installed into code-server from the .vsix,
// then a workbench without extensionDevelopmentPath must still show its diagnostics.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { EXTENSION_DIR, codeServerCli, copyCorpus, tempDir, workbenchUrl } from '../../scripts/vscode/harness';
import { ROOT } from '../../scripts/vscode/install';
import { workbenchSession } from './session';

const VSCE = join(ROOT, 'node_modules', '@vscode', 'vsce', 'vsce'); // this repo's, whichever extension is packaged

describe('workbench (extension installed from its .vsix)', () => {
  const extensionsDir = tempDir('extensions');
  let id = '';

  before(async function () {
    // vsce matches every file of the working tree: a local bench-corpus/ of 100k files makes this minutes.
    this.timeout(600_000);
    const vsix = join(tempDir('vsix'), 'seed-curator.vsix');
    execFileSync(process.execPath, [VSCE, 'package', '--allow-missing-repository', '--skip-license', '--out', vsix], { cwd: EXTENSION_DIR, stdio: ['ignore', 'ignore', 'inherit'] });
    await codeServerCli(['--install-extension', vsix, '--extensions-dir', extensionsDir]);
    const listed = await codeServerCli(['--list-extensions', '--extensions-dir', extensionsDir]);
    id = listed.split('\n').find((l) => /^seed-curator\./.test(l.trim()))?.trim() ?? '';
  });

  const { server, wb } = workbenchSession('e2e-vsix', { extensionsDir: () => extensionsDir });

  it('is installed under its id', () => {
    assert.equal(id, 'seed-curator.seed-curator');
  });

  it('activates and shows the findings of seed 002', async () => {
    await wb().open(workbenchUrl(server(), copyCorpus()));
    await wb().openFile('002_');
    await wb().problems(/SC\d{3}/);
    await wb().shot('vsix-problems');
  });
});
