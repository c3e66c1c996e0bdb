// A curator's session with the extension in development mode: seed 002's problems, a quick fix, the
// corpus tree in both groupings, a conversion from the command palette.
import assert from 'node:assert/strict';
import { EXTENSION_DIR, copyCorpus, workbenchUrl } from '../../scripts/vscode/harness';
import { workbenchSession } from './session';

const FINDING = /SC\d{3}/; // rule codes as the Problems panel shows them

describe('workbench (extension in development mode)', () => {
  const { server, wb } = workbenchSession('e2e-dev');

  before(async () => {
    await wb().open(workbenchUrl(server(), copyCorpus(), { extensionDevelopmentPath: EXTENSION_DIR }));
  });

  it('lists the findings of seed 002 in the Problems panel', async () => {
    await wb().openFile('002_');
    const text = await wb().problems(FINDING);
    assert.match(text, /002_1a045ee9db5761ec\.txt/);
    await wb().shot('problems', { docs: true });
  });

  it('applies a quick fix with the keyboard', async () => {
    const menu = await wb().openQuickFixMenu();
    assert.ok(menu.trim().length > 0);
    await wb().shot('quick-fix-menu', { docs: true });
    const before = await wb().editorText();
    await wb().applyQuickFix();
    await wb().editorTextChanged(before); // the fix edited the article
  });

  it('groups the Seed Corpus tree by date, then by city', async () => {
    await wb().showContainer('Seed Curator');
    await wb().runCommand('seedCurator.groupByDate');
    const byDate = await wb().sidebarTreeText();
    assert.match(byDate, /(19|20)\d\d/);
    await wb().shot('tree-by-date', { docs: true });
    await wb().runCommand('seedCurator.groupByCity');
    const byCity = await wb().sidebarTreeText(byDate);
    assert.notEqual(byCity, byDate);
    await wb().shot('tree-by-city', { docs: true });
  });

  it('converts a file to Traditional (Taiwan) from the command palette', async () => {
    await wb().openFile('002_');
    assert.match(await wb().editorText(), /发布/);
    await wb().runCommand('seedCurator.convertFile.tw');
    for (const until = Date.now() + 15_000; !/發/.test(await wb().editorText()); await wb().page.waitForTimeout(200)) {
      if (Date.now() > until) assert.fail('the editor shows no Traditional characters 15 s after the conversion');
    }
    await wb().shot('convert-tw');
  });
});
