/** Mojibake: text decoded with the wrong code page, and GBK frame shift (SC101, SC102). */
import type { Rule } from '../core/rule';

export const mojibakeRules: Rule[] = [];
