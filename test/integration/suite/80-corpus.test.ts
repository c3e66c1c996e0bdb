// "Fix whole corpus" prepares one edit over every seed with safe fixes (shown in the refactor preview).
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { SeedCuratorApi } from '../../../src/extension/extension';
import { api } from './helpers';

describe('whole corpus', () => {
  let seedCurator: SeedCuratorApi;
  before(async () => {
    seedCurator = await api();
  });

  it('the corpus fix edit touches exactly the files with safe fixes', async () => {
    const edit = await seedCurator.corpusFixEdit();
    const touched = edit.entries().map(([uri]) => uri.fsPath.split('/').pop()).sort();
    const withSafeFixes = new Set<string>();
    for (const [uri, diagnostics] of vscode.languages.getDiagnostics()) {
      if (diagnostics.some((d) => d.source === 'seed-curator')) withSafeFixes.add(uri.fsPath.split('/').pop()!);
    }
    assert.ok(touched.length > 0);
    for (const name of touched) assert.ok(withSafeFixes.has(name!), `${name} changed without findings`);
    assert.ok(!touched.includes('003_b8b3af9f66439d41.txt') || withSafeFixes.has('003_b8b3af9f66439d41.txt'));
  });
});
