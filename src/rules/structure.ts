/** Broken structure: paragraphs split mid-sentence, duplicated lines (SC3xx). */
import type { Rule } from '../core/rule';

export const structureRules: Rule[] = [];
