// Quick fixes, fix-all for a rule, and source.fixAll.seedCurator, on untitled copies of the seeds (the corpus
// itself stays as it is). The expected texts come from the engine.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { applyEdits } from '../../../src/core/edits';
import { fixText } from '../../../src/core/fix';
import { lintText } from '../../../src/core/runner';
import type { TextEdit } from '../../../src/core/types';
import { api, closeAll, engineOptions, ours, ruleOf, scratchSeed, SEED_NAMES, waitForDiagnostics } from './helpers';

const FIX_ALL = 'source.fixAll.seedCurator';

function codeActions(uri: vscode.Uri, range: vscode.Range, kind?: string, resolve?: number): Thenable<vscode.CodeAction[]> {
  return vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, range, kind, resolve);
}

function sameEdits(actual: vscode.TextEdit[], expected: TextEdit[]): boolean {
  return (
    actual.length === expected.length &&
    actual.every((e, i) => {
      const x = expected[i];
      return e.newText === x.newText && e.range.isEqual(new vscode.Range(x.range.start.line, x.range.start.character, x.range.end.line, x.range.end.character));
    })
  );
}

function fullRange(doc: vscode.TextDocument): vscode.Range {
  return new vscode.Range(0, 0, doc.lineCount, 0);
}

describe('fixes', () => {
  before(async () => {
    await api();
  });
  afterEach(closeAll);

  for (const name of SEED_NAMES) {
    it(`${name}: every rule's quick fix changes the text as the engine says and removes the finding`, async () => {
      const doc = await scratchSeed(name);
      const rules = new Set(lintText(doc.getText(), engineOptions()).findings.filter((f) => f.fixes.length > 0).map((f) => f.rule));
      if (rules.size === 0) return;
      await waitForDiagnostics(doc.uri, (ds) => ds.length > 0, 'the first findings');
      for (const rule of rules) {
        const before = doc.getText();
        // An earlier rule's fix may have taken this rule's findings with it.
        const finding = lintText(before, engineOptions()).findings.find((f) => f.rule === rule && f.fixes.length > 0);
        if (!finding) continue;
        const diagnostic = ours(doc.uri).find((d) => ruleOf(d) === rule && d.range.isEqual(new vscode.Range(finding.range.start.line, finding.range.start.character, finding.range.end.line, finding.range.end.character)));
        assert.ok(diagnostic, `${rule}: no diagnostic at ${finding.range.start.line}:${finding.range.start.character}`);
        const actions = await codeActions(doc.uri, diagnostic.range, 'quickfix');
        const line = diagnostic.range.start.line;
        const fixes = finding.fixes.map((fix) => {
          const action = actions.find((a) => a.title === fix.title && a.edit && sameEdits(a.edit.get(doc.uri), fix.edits));
          assert.ok(action, `${rule}: no quick fix "${fix.title}" among: ${actions.map((a) => a.title).join(' | ')}`);
          const preferred = finding.fixes.findIndex((f) => f.safe);
          assert.equal(!!action.isPreferred, fix.safe && finding.fixes[preferred] === fix, `${rule}: "${fix.title}" is preferred only as the first safe fix`);
          return action;
        });
        assert.ok(
          actions.some((a) => a.command?.command === 'seedCurator.acceptFinding' && a.command.arguments?.[1] === rule && a.command.arguments?.[2] === line),
          `${rule}: no "Accept this finding"`,
        );
        const count = ours(doc.uri).filter((d) => ruleOf(d) === rule).length;
        assert.ok(await vscode.workspace.applyEdit(fixes[0].edit!));
        assert.equal(doc.getText(), applyEdits(before, finding.fixes[0].edits), `${rule}: "${finding.fixes[0].title}" changed the text otherwise`);
        await waitForDiagnostics(doc.uri, (ds) => ds.filter((d) => ruleOf(d) === rule).length < count, `${rule}: the fixed finding to disappear`);
      }
    });
  }

  it('"Fix all <rule> problems in this file" fixes every finding of that rule', async () => {
    const doc = await scratchSeed('001_b2cf538a030ad554.txt');
    const ds = await waitForDiagnostics(doc.uri, (d) => d.filter((x) => ruleOf(x) === 'SC108').length > 1, 'several SC108 findings');
    const diagnostic = ds.find((d) => ruleOf(d) === 'SC108')!;
    const actions = await codeActions(doc.uri, diagnostic.range, 'quickfix', 50);
    const all = actions.find((a) => /SC108/.test(a.title) && a.edit && a.edit.get(doc.uri).length > 1);
    assert.ok(all, `no fix-all for SC108 among: ${actions.map((a) => a.title).join(' | ')}`);
    assert.ok(await vscode.workspace.applyEdit(all.edit!));
    assert.equal(lintText(doc.getText(), engineOptions()).findings.filter((f) => f.rule === 'SC108').length, 0);
    await waitForDiagnostics(doc.uri, (d) => !d.some((x) => ruleOf(x) === 'SC108'), 'no SC108 left');
  });

  for (const name of SEED_NAMES) {
    it(`${name}: ${FIX_ALL} leaves no safe-fixable finding`, async () => {
      const doc = await scratchSeed(name);
      const original = doc.getText();
      const actions = await codeActions(doc.uri, fullRange(doc), FIX_ALL, 10);
      const safe = lintText(original, engineOptions()).findings.filter((f) => f.fixes.some((x) => x.safe));
      if (safe.length === 0) {
        assert.equal(actions.length, 0);
        return;
      }
      assert.equal(actions.length, 1, actions.map((a) => a.title).join(' | '));
      assert.equal(actions[0].kind?.value, FIX_ALL);
      assert.ok(await vscode.workspace.applyEdit(actions[0].edit!));
      assert.equal(doc.getText(), fixText(original, engineOptions()).text);
      assert.equal(lintText(doc.getText(), engineOptions()).findings.filter((f) => f.fixes.some((x) => x.safe)).length, 0);
      assert.equal((await codeActions(doc.uri, fullRange(doc), FIX_ALL, 10)).length, 0);
    });
  }

  it('"Fix All Safe Problems in File" does the same from the command palette, undoably', async () => {
    const doc = await scratchSeed('002_1a045ee9db5761ec.txt');
    const original = doc.getText();
    await vscode.commands.executeCommand('seedCurator.fixAllInFile');
    assert.equal(doc.getText(), fixText(original, engineOptions()).text);
    await vscode.commands.executeCommand('undo');
    assert.equal(doc.getText(), original);
  });
});
