/** HTML residue: tags, attributes and entities left by a naive scraper (SC107). */
import type { Rule } from '../core/rule';

export const htmlResidueRules: Rule[] = [];
