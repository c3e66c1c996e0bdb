import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { screenshot } from '../screenshot';

const ID = 'seed-curator.seed-curator';

describe('smoke', () => {
  it(`${ID} is present and activates`, async () => {
    const ext = vscode.extensions.getExtension(ID);
    assert.ok(ext, `${ID} is not loaded in the extension host (is dist/extension.js built?)`);
    await ext.activate();
    assert.equal(ext.isActive, true);
    await screenshot('integration-activated');
  });
});
