/** The rule registry, in rule-id order. Each family file exports its rules. */
import type { Rule } from '../core/rule';
import { boilerplateRules } from './boilerplate';
import { htmlResidueRules } from './html-residue';
import { lostCharacterRules } from './lost-characters';
import { mojibakeRules } from './mojibake';
import { pinyinResidueRules } from './pinyin-residue';
import { structureRules } from './structure';
import { variantRules } from './variant';

export const allRules: readonly Rule[] = [
  ...mojibakeRules,
  ...lostCharacterRules,
  ...htmlResidueRules,
  ...pinyinResidueRules,
  ...boilerplateRules,
  ...structureRules,
  ...variantRules,
].sort((a, b) => a.id.localeCompare(b.id));

export function findRule(idOrSlug: string): Rule | undefined {
  return allRules.find((r) => r.id === idOrSlug || r.slug === idOrSlug);
}
