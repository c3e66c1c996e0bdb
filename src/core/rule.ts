/** The shape every rule has (markdownlint's rule modules are the model) and helpers to build findings. */
import type { Article } from './article';
import type { CorpusStats } from './corpus';
import type { LinePattern } from './patterns';
import type { Category, LocalizedText, Range, Severity, TextEdit } from './types';

export interface RuleFix {
  title: LocalizedText;
  safe: boolean;
  edits: TextEdit[];
}

export interface RuleFinding {
  range: Range;
  message: LocalizedText;
  fixes: RuleFix[];
}

export interface RuleContext {
  /** Line recurrence across the corpus, when the caller knows the corpus. */
  corpus: CorpusStats | null;
  /** Custom boilerplate patterns from the configuration, already compiled and bounded. */
  boilerplatePatterns: LinePattern[];
  /** A line in at least minFiles files and minShare of the corpus is boilerplate. */
  recurrence: { minFiles: number; minShare: number };
}

export interface Rule {
  /** Stable code, e.g. SC101. */
  id: string;
  /** Readable name, e.g. mojibake. */
  slug: string;
  category: Category;
  defaultSeverity: Severity;
  description: LocalizedText;
  /**
   * Rules whose findings already explain this rule's (a lost character inside a mojibake run that SC101
   * repairs): a finding of this rule inside one of theirs is dropped while they are on.
   */
  deferTo?: readonly string[];
  check(article: Article, context: RuleContext): RuleFinding[];
}

export function text(en: string, zh: string): LocalizedText {
  return { en, zh };
}
