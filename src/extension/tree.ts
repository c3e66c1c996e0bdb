/**
 * The "Seed Corpus" view: articles grouped by date (year › month) or by place (province › city), with
 * their problems, a filter, and the curator's corrections of date and city.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { parseArticle } from '../core/article';
import { toSimplified } from '../core/convert';
import { decodeBytes } from '../core/encoding';
import { articleKeywords } from '../core/keywords';
import { inferMetadata } from '../core/meta';
import { buildOutline, UNKNOWN_CITY, UNKNOWN_DATE, type OutlineEntry, type OutlineGroup, type OutlineGrouping } from '../core/outline';
import type { ArticleSummary, Evidence } from '../core/types';
import type { IndexedFile } from '../indexer/corpusIndex';
import type { CorpusManager, Root } from './corpus';
import { setConfigValue } from './configFile';

export interface GroupNode {
  kind: 'group';
  id: string;
  label: string;
  group: OutlineGroup;
  depth: number;
  parent: GroupNode | undefined;
}

export interface ArticleNode {
  kind: 'article';
  id: string;
  uri: vscode.Uri;
  root: Root;
  file: IndexedFile;
  summary: ArticleSummary;
  parent: GroupNode | undefined;
}

export type CorpusNode = GroupNode | ArticleNode;

const GROUPING_KEY = 'seedCurator.groupBy';
const REFRESH_DEBOUNCE_MS = 150;
const KEYWORDS = 8;

/** Files that could not be read as articles still belong in the tree, in the unknown buckets. */
const NO_SUMMARY: ArticleSummary = { title: null, date: null, datePrecision: null, city: null, province: null, citiesMentioned: [], variant: 'simplified' };

function count(group: OutlineGroup): number {
  return group.entries.length + group.children.reduce((n, c) => n + count(c), 0);
}

/** Markdown-escapes text that comes from the articles. */
function md(text: string): string {
  return text.replace(/[\\`*_[\]<>|]/g, '\\$&');
}

function sourceLabel(source: string): string {
  switch (source) {
    case 'metadata':
      return vscode.l10n.t('a metadata line');
    case 'dateline':
      return vscode.l10n.t('the dateline');
    case 'headline':
      return vscode.l10n.t('the headline');
    case 'source':
      return vscode.l10n.t('the source');
    case 'mentions':
      return vscode.l10n.t('places mentioned in the text');
    default:
      return source;
  }
}

function evidenceText(e: Evidence): string {
  return vscode.l10n.t('from {0}, line {1}: “{2}”', sourceLabel(e.source), e.line + 1, md(e.text.trim()));
}

export class CorpusTree implements vscode.TreeDataProvider<CorpusNode>, vscode.Disposable {
  private readonly changeEmitter = new vscode.EventEmitter<CorpusNode | undefined>();
  readonly onDidChangeTreeData = this.changeEmitter.event;
  private readonly disposables: vscode.Disposable[] = [this.changeEmitter];
  private view: vscode.TreeView<CorpusNode> | undefined;
  private roots: CorpusNode[] | undefined;
  private refreshTimer: NodeJS.Timeout | undefined;
  private filterText = '';
  /** Simplified form of each entry's searchable text, so 溫州 finds 温州 and back. */
  private readonly haystacks = new Map<string, { key: string; text: string }>();
  grouping: OutlineGrouping;

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly manager: CorpusManager,
  ) {
    this.grouping = context.workspaceState.get<OutlineGrouping>(GROUPING_KEY, 'date');
    void vscode.commands.executeCommand('setContext', GROUPING_KEY, this.grouping);
    void vscode.commands.executeCommand('setContext', 'seedCurator.filterActive', false);
    this.disposables.push(manager.onDidChange(() => this.scheduleRefresh()));
  }

  attach(view: vscode.TreeView<CorpusNode>): void {
    this.view = view;
    this.updateViewState();
  }

  private scheduleRefresh(): void {
    if (this.refreshTimer) clearTimeout(this.refreshTimer);
    this.refreshTimer = setTimeout(() => this.refresh(), REFRESH_DEBOUNCE_MS);
  }

  refresh(): void {
    this.refreshTimer = undefined;
    this.roots = undefined;
    this.changeEmitter.fire(undefined);
    this.updateViewState();
  }

  async setGrouping(grouping: OutlineGrouping): Promise<void> {
    this.grouping = grouping;
    await this.context.workspaceState.update(GROUPING_KEY, grouping);
    await vscode.commands.executeCommand('setContext', GROUPING_KEY, grouping);
    this.refresh();
  }

  get filter(): string {
    return this.filterText;
  }

  async setFilter(text: string): Promise<void> {
    this.filterText = text.trim();
    await vscode.commands.executeCommand('setContext', 'seedCurator.filterActive', this.filterText.length > 0);
    this.refresh();
  }

  async promptFilter(): Promise<void> {
    const text = await vscode.window.showInputBox({
      title: vscode.l10n.t('Filter articles'),
      prompt: vscode.l10n.t('Words in the title, path, date, city or province; simplified and traditional match each other.'),
      value: this.filterText,
    });
    if (text !== undefined) await this.setFilter(text);
  }

  private matches(file: IndexedFile, summary: ArticleSummary): boolean {
    if (!this.filterText) return true;
    const key = [summary.title, file.relativePath, summary.date, summary.city, summary.province].join('\u0000');
    let cached = this.haystacks.get(file.path);
    if (cached?.key !== key) {
      cached = { key, text: toSimplified(key).toLowerCase() };
      this.haystacks.set(file.path, cached);
    }
    const needles = toSimplified(this.filterText).toLowerCase().split(/\s+/).filter(Boolean);
    return needles.every((n) => cached.text.includes(n));
  }

  private articles(): { all: number; shown: ArticleNode[] } {
    const entries = this.manager.entries();
    const shown: ArticleNode[] = [];
    for (const { root, file } of entries) {
      const summary = file.summary ?? NO_SUMMARY;
      if (!this.matches(file, summary)) continue;
      shown.push({ kind: 'article', id: '', uri: vscode.Uri.file(file.path), root, file, summary, parent: undefined });
    }
    return { all: entries.length, shown };
  }

  private build(): CorpusNode[] {
    const { shown } = this.articles();
    const byPath = new Map(shown.map((a) => [a.file.path, a]));
    const outlineEntries: OutlineEntry[] = shown.map((a) => ({ path: a.file.path, summary: a.summary, problems: a.file.findings.length }));
    const toNodes = (groups: OutlineGroup[], parent: GroupNode | undefined, depth: number): CorpusNode[] =>
      groups.map((group) => {
        const label = group.label === UNKNOWN_DATE ? vscode.l10n.t('Unknown date') : group.label === UNKNOWN_CITY ? vscode.l10n.t('Unknown city') : group.label;
        const node: GroupNode = { kind: 'group', id: `${parent?.id ?? this.grouping}/${group.label}`, label, group, depth, parent };
        return node;
      });
    this.childrenOf = (node) => {
      const group = node.group;
      const children: CorpusNode[] = toNodes(group.children, node, node.depth + 1);
      for (const e of group.entries) {
        const article = byPath.get(e.path);
        if (article) children.push({ ...article, id: `${node.id}/${e.path}`, parent: node });
      }
      return children;
    };
    return toNodes(buildOutline(outlineEntries, this.grouping), undefined, 0);
  }

  private childrenOf: (node: GroupNode) => CorpusNode[] = () => [];

  getChildren(node?: CorpusNode): CorpusNode[] {
    if (!node) {
      this.roots ??= this.build();
      return this.roots;
    }
    return node.kind === 'group' ? this.childrenOf(node) : [];
  }

  getParent(node: CorpusNode): CorpusNode | undefined {
    return node.parent;
  }

  private problems(file: IndexedFile): { errors: number; total: number } {
    return { errors: file.findings.filter((f) => f.severity === 'error').length, total: file.findings.length };
  }

  getTreeItem(node: CorpusNode): vscode.TreeItem {
    if (node.kind === 'group') {
      const item = new vscode.TreeItem(node.label, node.depth === 0 ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed);
      item.id = node.id;
      item.description = String(count(node.group));
      const unknown = node.group.label === UNKNOWN_DATE || node.group.label === UNKNOWN_CITY;
      item.iconPath = new vscode.ThemeIcon(unknown ? 'question' : this.grouping === 'date' ? 'calendar' : node.depth === 0 ? 'globe' : 'location');
      item.contextValue = 'group';
      return item;
    }
    const { summary, file } = node;
    const correction = node.root.config.corrections?.[file.relativePath];
    const item = new vscode.TreeItem(summary.title ?? path.basename(file.path), vscode.TreeItemCollapsibleState.None);
    item.id = node.id;
    item.resourceUri = node.uri;
    const { errors, total } = this.problems(file);
    const parts = [
      summary.date ? `${summary.date}${correction?.date ? ' ✓' : ''}` : '',
      summary.city ? `${summary.city}${correction?.city ? ' ✓' : ''}` : '',
      total > 0 ? `⚠ ${total}` : '',
      file.notice && total === 0 ? file.notice : '',
    ];
    item.description = parts.filter(Boolean).join(' · ');
    item.iconPath = new vscode.ThemeIcon(
      errors > 0 ? 'error' : total > 0 ? 'warning' : 'file-text',
      errors > 0 ? new vscode.ThemeColor('list.errorForeground') : total > 0 ? new vscode.ThemeColor('list.warningForeground') : undefined,
    );
    item.contextValue = correction ? 'article.corrected' : 'article';
    item.command = { title: vscode.l10n.t('Open Article'), command: 'seedCurator.openArticle', arguments: [node.uri] };
    return item;
  }

  /** The tooltip needs the article itself (evidence), so it is built on hover only. */
  async resolveTreeItem(item: vscode.TreeItem, node: CorpusNode): Promise<vscode.TreeItem> {
    if (node.kind !== 'article') return item;
    item.tooltip = await this.tooltip(node);
    return item;
  }

  async tooltip(node: ArticleNode): Promise<vscode.MarkdownString> {
    const { file, summary } = node;
    const tip = new vscode.MarkdownString(undefined, true);
    tip.appendMarkdown(`**${md(summary.title ?? path.basename(file.path))}**\n\n`);
    tip.appendMarkdown(`\`${file.relativePath.replace(/`/g, '')}\`\n\n`);
    const text = await this.articleText(node.uri);
    const article = text === null ? null : parseArticle(text, file.path);
    const meta = article && inferMetadata(article);
    const correction = node.root.config.corrections?.[file.relativePath];
    const lines: string[] = [];
    const confirmed = vscode.l10n.t('confirmed by the curator');
    if (correction?.date) lines.push(`${vscode.l10n.t('Date')}: **${md(correction.date)}** — ${confirmed}`);
    else if (meta?.date) lines.push(`${vscode.l10n.t('Date')}: **${md(meta.date.value)}** — ${evidenceText(meta.date.evidence)}`);
    else lines.push(`${vscode.l10n.t('Date')}: ${vscode.l10n.t('unknown')}`);
    const place = (city: string, province: string | null) => (province && province !== city ? `${city}, ${province}` : city);
    if (correction?.city) lines.push(`${vscode.l10n.t('City')}: **${md(place(correction.city, summary.province))}** — ${confirmed}`);
    else if (meta?.city) lines.push(`${vscode.l10n.t('City')}: **${md(place(meta.city.city, meta.city.province))}** — ${evidenceText(meta.city.evidence)}`);
    else lines.push(`${vscode.l10n.t('City')}: ${vscode.l10n.t('unknown')}`);
    if (meta && meta.citiesMentioned.length > 0) lines.push(`${vscode.l10n.t('Places mentioned')}: ${md(meta.citiesMentioned.slice(0, 8).join('、'))}`);
    if (meta) {
      const variant = meta.variant.kind === 'simplified' ? '简' : meta.variant.kind === 'traditional' ? '繁' : `混 ${Math.round(meta.variant.minorityShare * 100)}%`;
      lines.push(`${vscode.l10n.t('Script')}: ${variant}`);
    }
    const keywords = article ? articleKeywords(article, KEYWORDS) : [];
    if (keywords.length > 0) lines.push(`${vscode.l10n.t('Keywords')}: ${md(keywords.join(' · '))}`);
    const { errors, total } = this.problems(file);
    lines.push(`${vscode.l10n.t('Problems')}: ${total}${errors > 0 ? ` (${vscode.l10n.t('{0} errors', errors)})` : ''}`);
    if (file.notice) lines.push(md(file.notice));
    tip.appendMarkdown(lines.join('  \n'));
    return tip;
  }

  private async articleText(uri: vscode.Uri): Promise<string | null> {
    const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    if (open) return open.getText();
    try {
      const decoded = decodeBytes(await fs.promises.readFile(uri.fsPath));
      return decoded.kind === 'text' ? decoded.text : null;
    } catch {
      return null;
    }
  }

  private updateViewState(): void {
    if (!this.view) return;
    const entries = this.manager.entries();
    const withProblems = entries.filter(({ file }) => file.findings.length > 0).length;
    this.view.badge = withProblems > 0 ? { value: withProblems, tooltip: vscode.l10n.t('{0} articles with problems', withProblems) } : undefined;
    if (this.filterText) {
      const shown = this.articles().shown.length;
      this.view.message = vscode.l10n.t('Filter “{0}”: {1} of {2} articles', this.filterText, shown, entries.length);
    } else {
      this.view.message = undefined;
    }
  }

  // --- corrections -----------------------------------------------------------------------------------

  private target(arg: unknown): { root: Root; uri: vscode.Uri; relativePath: string } | undefined {
    const uri = (arg as ArticleNode | undefined)?.kind === 'article' ? (arg as ArticleNode).uri : arg instanceof vscode.Uri ? arg : vscode.window.activeTextEditor?.document.uri;
    const root = uri && this.manager.rootFor(uri);
    if (!uri || !root) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Choose an article of the corpus first.'));
      return undefined;
    }
    return { root, uri, relativePath: this.manager.relativePath(uri) };
  }

  private async storeCorrection(root: Root, relativePath: string, change: { date?: string; city?: string }): Promise<void> {
    const next = { ...root.config.corrections?.[relativePath], ...change };
    for (const k of Object.keys(next) as (keyof typeof next)[]) if (!next[k]) delete next[k];
    await setConfigValue(this.manager, root, ['corrections', relativePath], Object.keys(next).length > 0 ? next : undefined);
  }

  async correctDate(arg: unknown): Promise<void> {
    const t = this.target(arg);
    if (!t) return;
    const current = t.root.config.corrections?.[t.relativePath]?.date ?? this.manager.entry(t.uri)?.file.summary?.date ?? '';
    const value = await vscode.window.showInputBox({
      title: vscode.l10n.t('Correct the date of {0}', t.relativePath),
      prompt: vscode.l10n.t('YYYY-MM-DD, YYYY-MM or YYYY. Leave empty to go back to the inferred date.'),
      value: current,
      validateInput: (v) => {
        const s = v.trim();
        if (!s) return undefined;
        const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(s);
        if (!m) return vscode.l10n.t('Use YYYY-MM-DD, YYYY-MM or YYYY.');
        const month = m[2] ? Number(m[2]) : 1;
        const day = m[3] ? Number(m[3]) : 1;
        const date = new Date(Date.UTC(Number(m[1]), month - 1, day));
        return date.getUTCMonth() === month - 1 && date.getUTCDate() === day ? undefined : vscode.l10n.t('No such date.');
      },
    });
    if (value === undefined) return;
    await this.storeCorrection(t.root, t.relativePath, { date: value.trim() });
  }

  async correctCity(arg: unknown): Promise<void> {
    const t = this.target(arg);
    if (!t) return;
    const summary = this.manager.entry(t.uri)?.file.summary;
    const corrected = t.root.config.corrections?.[t.relativePath]?.city;
    const cities = [...new Set([corrected, summary?.city, ...(summary?.citiesMentioned ?? [])].filter((c): c is string => !!c))];
    const clear = vscode.l10n.t('Go back to the inferred city');
    const pick = vscode.window.createQuickPick<vscode.QuickPickItem>();
    pick.title = vscode.l10n.t('Correct the city of {0}', t.relativePath);
    pick.placeholder = vscode.l10n.t('Choose a city mentioned in the article or type one');
    const known = [...cities.map((label) => ({ label })), ...(corrected ? [{ label: clear, alwaysShow: true }] : [])];
    pick.items = known;
    // A typed name is offered as it is, so a city the article never mentions can be chosen too.
    pick.onDidChangeValue((v) => {
      pick.items = v.trim() && !cities.includes(v.trim()) ? [{ label: v.trim(), alwaysShow: true }, ...known] : known;
    });
    const chosen = await new Promise<string | undefined>((resolve) => {
      pick.onDidAccept(() => resolve(pick.selectedItems[0]?.label ?? pick.value));
      pick.onDidHide(() => resolve(undefined));
      pick.show();
    });
    pick.dispose();
    if (chosen === undefined) return;
    await this.storeCorrection(t.root, t.relativePath, { city: chosen === clear ? '' : chosen.trim() });
  }

  dispose(): void {
    if (this.refreshTimer) clearTimeout(this.refreshTimer);
    this.disposables.forEach((d) => d.dispose());
  }
}
