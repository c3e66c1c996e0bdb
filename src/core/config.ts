/**
 * The corpus configuration (.seedcurator.json): parsing with exact error positions, schema validation,
 * and resolution of rule severities. A broken file never stops linting: defaults apply and the problems
 * are reported with their places.
 */
import Ajv from 'ajv';
import { parse as parseJsonc, parseTree, findNodeAtLocation, printParseErrorCode, type ParseError } from 'jsonc-parser';
import schema from '../../schemas/seedcurator.schema.json';
import { SEVERITIES, type Category, type Locale, type Severity } from './types';

export const CONFIG_FILE_NAME = '.seedcurator.json';

export type RuleSetting = Severity | 'off' | boolean;

export interface AcceptedFinding {
  rule: string;
  file: string;
  hash: string;
}

export interface Correction {
  date?: string;
  city?: string;
}

export interface SeedConfig {
  locale?: Locale;
  rules?: Record<string, RuleSetting>;
  categories?: Partial<Record<Category, RuleSetting>>;
  boilerplatePatterns?: string[];
  recurrence?: { minFiles?: number; minShare?: number };
  accepted?: AcceptedFinding[];
  corrections?: Record<string, Correction>;
}

export interface ConfigProblem {
  message: string;
  /** Offsets into the config text. */
  offset: number;
  length: number;
}

export interface LoadedConfig {
  config: SeedConfig;
  problems: ConfigProblem[];
}

let validator: ReturnType<Ajv['compile']> | null = null;

function validate(value: unknown) {
  validator ??= new Ajv({ allErrors: true, strict: false }).compile(schema);
  validator(value);
  return validator.errors ?? [];
}

/** Parses and validates config text. Invalid parts are dropped; everything valid still applies. */
export function parseConfig(text: string): LoadedConfig {
  const errors: ParseError[] = [];
  const value: unknown = parseJsonc(text, errors, { allowTrailingComma: true, disallowComments: false });
  const problems: ConfigProblem[] = errors.map((e) => ({
    message: `Invalid JSON: ${printParseErrorCode(e.error)}`,
    offset: e.offset,
    length: Math.max(1, e.length),
  }));
  if (problems.length > 0) return { config: {}, problems };
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { config: {}, problems: [{ message: 'The configuration must be a JSON object.', offset: 0, length: Math.max(1, text.length) }] };
  }
  const tree = parseTree(text);
  const config = structuredClone(value) as Record<string, unknown>;
  const invalidTopKeys = new Set<string>();
  for (const error of validate(value)) {
    const path = error.instancePath.split('/').slice(1).map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
    const segments: (string | number)[] = path.map((p) => (/^\d+$/.test(p) ? Number(p) : p));
    let detail = error.message ?? 'is invalid';
    if (error.keyword === 'additionalProperties') {
      const extra = String((error.params as { additionalProperty: string }).additionalProperty);
      segments.push(extra);
      detail = `unknown key "${extra}"`;
    } else if (error.keyword === 'enum') {
      detail = `must be one of ${JSON.stringify((error.params as { allowedValues: unknown[] }).allowedValues)}`;
    }
    const node = tree ? findNodeAtLocation(tree, segments) : undefined;
    const where = segments.length ? segments.join('.') : '(root)';
    if (problems.some((p) => p.message.startsWith(`${where}:`))) continue;
    problems.push({ message: `${where}: ${detail}`, offset: node?.offset ?? 0, length: node?.length ?? 1 });
    invalidTopKeys.add(String(segments[0] ?? ''));
  }
  for (const key of invalidTopKeys) delete config[key];
  return { config: config as SeedConfig, problems };
}

/** The severity a rule runs with, or null when it is off. */
export function resolveSeverity(config: SeedConfig, rule: { id: string; slug: string; category: Category; defaultSeverity: Severity }): Severity | null {
  const setting = config.rules?.[rule.id] ?? config.rules?.[rule.slug] ?? config.categories?.[rule.category];
  if (setting === undefined || setting === true) return rule.defaultSeverity;
  if (setting === false || setting === 'off') return null;
  return SEVERITIES.includes(setting) ? setting : rule.defaultSeverity;
}
