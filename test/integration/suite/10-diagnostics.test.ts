// The Problems pane covers the corpus: every seed gets the findings listed in shared/seeds-expected.json,
// from the background index before a file is opened and from the live document after.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { api, categoryOf, closeAll, expectedSeeds, ruleOf, seedUri, waitForDiagnostics, type ExpectedSeed } from './helpers';

/** The lines each category covers, as shared/tools/check-seeds.py counts them. */
function coverage(ds: vscode.Diagnostic[]): Map<number, Set<string>> {
  const cover = new Map<number, Set<string>>();
  for (const d of ds) {
    for (let line = d.range.start.line; line <= d.range.end.line; line++) {
      const set = cover.get(line) ?? new Set<string>();
      set.add(categoryOf(d) ?? '?');
      cover.set(line, set);
    }
  }
  return cover;
}

function mismatches(ds: vscode.Diagnostic[], e: ExpectedSeed): string[] {
  const cover = coverage(ds);
  const out: string[] = [];
  const want = (lines: number[] | undefined, category: string) =>
    (lines ?? []).forEach((l) => cover.get(l)?.has(category) || out.push(`line ${l}: no ${category}`));
  const never = (lines: number[] | undefined, category?: string) =>
    (lines ?? []).forEach((l) => {
      const got = cover.get(l);
      if (got && (!category || got.has(category))) out.push(`line ${l}: unexpected ${[...got].join('/')}`);
    });
  want(e.boilerplate, 'boilerplate');
  want(e.garbled, 'garbled');
  want(e.broken, 'structure');
  never(e.clean);
  never(e.notBoilerplate, 'boilerplate');
  never(e.notBroken, 'structure');
  return out;
}

describe('diagnostics', () => {
  const expected = expectedSeeds();

  before(async () => {
    await api();
  });
  after(closeAll);

  for (const [name, e] of Object.entries(expected)) {
    it(`${name}: the corpus check reports the expected lines without opening the file`, async () => {
      const uri = seedUri(name);
      assert.equal(vscode.workspace.textDocuments.some((d) => d.uri.toString() === uri.toString()), false);
      const ds = await waitForDiagnostics(uri, (d) => mismatches(d, e).length === 0, () => `the expected findings (${mismatches(vscode.languages.getDiagnostics(uri), e).slice(0, 5).join('; ')})`);
      for (const d of ds) {
        assert.equal(d.source, 'seed-curator');
        assert.match(ruleOf(d), /^SC\d{3}$/);
        const target = (d.code as { target: vscode.Uri }).target;
        assert.equal(target.toString(), `https://github.com/seed-curator/seed-curator#${ruleOf(d).toLowerCase()}`);
      }
    });

    it(`${name}: the open document reports the same lines`, async () => {
      const uri = seedUri(name);
      const doc = await vscode.window.showTextDocument(uri);
      assert.equal(doc.document.languageId, 'seed');
      await waitForDiagnostics(uri, (d) => mismatches(d, e).length === 0, () => `the expected findings (${mismatches(vscode.languages.getDiagnostics(uri), e).slice(0, 5).join('; ')})`);
    });
  }
});
