/** The rule registry, in rule-id order. */
import type { Rule } from '../core/rule';
import { replacementCharacter } from './replacement-char';

export const allRules: readonly Rule[] = [replacementCharacter].sort((a, b) => a.id.localeCompare(b.id));

export function findRule(idOrSlug: string): Rule | undefined {
  return allRules.find((r) => r.id === idOrSlug || r.slug === idOrSlug);
}
