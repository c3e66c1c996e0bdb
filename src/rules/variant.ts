/** Script variant: characters of the other script inside an article (SC401). */
import type { Rule } from '../core/rule';

export const variantRules: Rule[] = [];
