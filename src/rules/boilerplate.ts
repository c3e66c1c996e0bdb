/** Web boilerplate left in the article (SC2xx). */
import type { Rule } from '../core/rule';

export const boilerplateRules: Rule[] = [];
