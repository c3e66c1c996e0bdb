/** Pinyin ruby residue such as 網(wǎng) (SC108). */
import type { Rule } from '../core/rule';

export const pinyinResidueRules: Rule[] = [];
