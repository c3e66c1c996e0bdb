/** The extension's settings (`seedCurator.*`) and the language finding messages are shown in. */
import * as vscode from 'vscode';
import type { Locale } from '../core/types';

export type RunMode = 'onType' | 'onSave' | 'manual';

export interface Settings {
  include: string[];
  exclude: string[];
  run: RunMode;
  maxFileSizeKB: number;
  /** The locale chosen in the settings; undefined when it follows the corpus configuration and the UI. */
  locale: Locale | undefined;
}

export const SECTION = 'seedCurator';

export function readSettings(): Settings {
  const c = vscode.workspace.getConfiguration(SECTION);
  const locale = c.get<string>('locale', 'auto');
  return {
    include: c.get<string[]>('include', ['**/seeds/**/*.txt']).filter((g) => typeof g === 'string' && g.length > 0),
    exclude: c.get<string[]>('exclude', ['**/node_modules/**', '**/.git/**']).filter((g) => typeof g === 'string' && g.length > 0),
    run: c.get<RunMode>('run', 'onType'),
    maxFileSizeKB: Math.max(1, c.get<number>('maxFileSizeKB', 1024)),
    locale: locale === 'zh-CN' || locale === 'zh-TW' || locale === 'en' ? locale : undefined,
  };
}

/**
 * The display language's counterpart: Chinese UIs get Chinese messages in their script (Hong Kong and
 * Macau read Traditional), every other UI language gets English.
 */
export function uiLocale(language = vscode.env.language): Locale {
  const lang = language.toLowerCase();
  if (lang === 'zh-tw' || lang === 'zh-hk' || lang === 'zh-mo' || lang === 'zh-hant') return 'zh-TW';
  if (lang.startsWith('zh')) return 'zh-CN';
  return 'en';
}

/** Settings win, then the corpus's `locale`, then the UI language. */
export function effectiveLocale(settings: Settings, configLocale: Locale | undefined): Locale {
  return settings.locale ?? configLocale ?? uiLocale();
}
