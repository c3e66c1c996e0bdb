// The corpus tree: the five seeds under their dates (year › month) and places (province › city).
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { SeedCuratorApi } from '../../../src/extension/extension';
import type { CorpusNode } from '../../../src/extension/tree';
import { api, expectedSeeds, SEED_NAMES } from './helpers';

/** Every article with the labels of the groups above it. */
async function walk(tree: SeedCuratorApi['corpusTree']): Promise<Map<string, { groups: string[]; item: vscode.TreeItem; node: CorpusNode }>> {
  const out = new Map<string, { groups: string[]; item: vscode.TreeItem; node: CorpusNode }>();
  const visit = async (node: CorpusNode | undefined, groups: string[]) => {
    for (const child of (await tree.getChildren(node)) ?? []) {
      const item = await tree.getTreeItem(child);
      const label = typeof item.label === 'string' ? item.label : item.label!.label;
      if (child.kind === 'group') await visit(child, [...groups, label]);
      else out.set(child.uri.fsPath.split('/').pop()!, { groups, item, node: child });
    }
  };
  await visit(undefined, []);
  return out;
}

describe('corpus tree', () => {
  const expected = expectedSeeds();
  let seedCurator: SeedCuratorApi;

  before(async () => {
    seedCurator = await api();
  });

  it('groups the articles by date, newest year first', async () => {
    await vscode.commands.executeCommand('seedCurator.groupByDate');
    assert.equal(seedCurator.corpusTree.grouping, 'date');
    const articles = await walk(seedCurator.corpusTree);
    assert.deepEqual([...articles.keys()].sort(), SEED_NAMES);
    for (const [name, e] of Object.entries(expected)) {
      const { groups, item } = articles.get(name)!;
      const months = e.date.length >= 7 ? [e.date.slice(0, 7)] : [];
      assert.deepEqual(groups, [e.date.slice(0, 4), ...months], name);
      assert.ok(String(item.description).includes(e.date), `${name}: ${item.description}`);
      assert.equal(item.command?.command, 'seedCurator.openArticle');
    }
    const years = ((await seedCurator.corpusTree.getChildren()) ?? []).map((n) => (n.kind === 'group' ? n.label : ''));
    assert.deepEqual(years, [...years].sort().reverse());
  });

  it('groups the articles by province and city', async () => {
    await vscode.commands.executeCommand('seedCurator.groupByCity');
    assert.equal(seedCurator.corpusTree.grouping, 'city');
    const articles = await walk(seedCurator.corpusTree);
    assert.deepEqual([...articles.keys()].sort(), SEED_NAMES);
    for (const [name, e] of Object.entries(expected)) {
      const { groups, item } = articles.get(name)!;
      assert.equal(groups.length, 2, `${name}: ${groups.join(' › ')}`);
      assert.equal(groups[1], e.city, name);
      assert.ok(String(item.description).includes(e.city), `${name}: ${item.description}`);
    }
    assert.equal(articles.get('000_32fa1be59cbdf019.txt')!.groups[0], articles.get('004_11938ba4ffbfebfa.txt')!.groups[0]);
    await vscode.commands.executeCommand('seedCurator.groupByDate');
  });

  it('explains in the tooltip where the date and the city came from', async () => {
    const articles = await walk(seedCurator.corpusTree);
    const { item, node } = articles.get('000_32fa1be59cbdf019.txt')!;
    const resolved = await seedCurator.corpusTree.resolveTreeItem!(item, node, new vscode.CancellationTokenSource().token);
    const tip = (resolved?.tooltip as vscode.MarkdownString).value.replace(/\\/g, '');
    assert.match(tip, /2023-06-29/);
    assert.match(tip, /line 2/);
    assert.match(tip, /常州/);
    assert.match(tip, /Keywords: .*天津大学/);
  });
});
