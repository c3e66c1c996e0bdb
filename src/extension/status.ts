/** The status-bar item with the active article's script: 简, 繁, or 混 with the minority's share. A click converts. */
import * as vscode from 'vscode';
import { inferMetadata } from '../core/meta';
import type { CorpusManager } from './corpus';
import type { DocumentLinter } from './diagnostics';

export interface VariantSnapshot {
  visible: boolean;
  text: string;
  tooltip: string;
}

export class VariantStatus implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('seedCurator.variant', vscode.StatusBarAlignment.Right, 100);
  private readonly disposables: vscode.Disposable[] = [this.item];
  private current: VariantSnapshot = { visible: false, text: '', tooltip: '' };
  /** The variant of the active article, for the conversion picker's order. */
  kind: 'simplified' | 'traditional' | 'mixed' | undefined;

  constructor(
    private readonly manager: CorpusManager,
    private readonly linter: DocumentLinter,
  ) {
    this.item.name = vscode.l10n.t('Seed Curator: script');
    this.item.command = 'seedCurator.convertFile';
    this.disposables.push(
      vscode.window.onDidChangeActiveTextEditor(() => this.update()),
      linter.onDidLint((doc) => {
        if (doc === vscode.window.activeTextEditor?.document) this.update();
      }),
    );
  }

  snapshot(): VariantSnapshot {
    return { ...this.current };
  }

  update(): void {
    const doc = vscode.window.activeTextEditor?.document;
    const state = doc && this.manager.isSeedDocument(doc) ? this.linter.state(doc) : undefined;
    if (!state || state.kind !== 'linted') {
      this.item.hide();
      this.current = { visible: false, text: '', tooltip: '' };
      this.kind = undefined;
      return;
    }
    const variant = inferMetadata(state.article).variant;
    const share = Math.round(variant.minorityShare * 100);
    const text = variant.kind === 'simplified' ? '简' : variant.kind === 'traditional' ? '繁' : `混 ${share}%`;
    const name =
      variant.kind === 'simplified'
        ? vscode.l10n.t('Simplified Chinese')
        : variant.kind === 'traditional'
          ? vscode.l10n.t('Traditional Chinese')
          : vscode.l10n.t('Mixed Simplified and Traditional');
    const tooltip = [
      name,
      vscode.l10n.t('{0} simplified-only and {1} traditional-only characters; {2}% belong to the minority script.', variant.simplifiedOnly, variant.traditionalOnly, share),
      vscode.l10n.t('Click to convert the file.'),
    ].join('\n');
    this.item.text = text;
    this.item.tooltip = tooltip;
    this.item.show();
    this.current = { visible: true, text, tooltip };
    this.kind = variant.kind;
  }

  dispose(): void {
    this.disposables.forEach((d) => d.dispose());
  }
}
