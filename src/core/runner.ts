/** Runs the rules over an article and turns their raw findings into configured, localised findings. */
import { parseArticle, type Article } from './article';
import { resolveSeverity, type SeedConfig } from './config';
import type { CorpusStats } from './corpus';
import { hashHex } from './hash';
import { localize } from './i18n';
import { compileBoilerplatePatterns } from './patterns';
import type { Rule, RuleContext } from './rule';
import type { Finding, Locale, Position, Range } from './types';
import { allRules } from '../rules';

/** Recurrence needs a corpus large enough that chance repeats are rare. */
export const DEFAULT_RECURRENCE = { minFiles: 5, minShare: 0.02 };

export interface LintOptions {
  config?: SeedConfig;
  corpus?: CorpusStats | null;
  locale?: Locale;
  /** Path relative to the corpus root, with forward slashes: matches accepted findings in the config. */
  relativePath?: string;
  /** Untrusted workspaces ignore user-supplied patterns. */
  trusted?: boolean;
  rules?: readonly Rule[];
}

export function lintArticle(article: Article, options: LintOptions = {}): Finding[] {
  const config = options.config ?? {};
  const locale = options.locale ?? config.locale ?? 'zh-CN';
  const context: RuleContext = {
    corpus: options.corpus ?? null,
    boilerplatePatterns: options.trusted === false ? [] : compileBoilerplatePatterns(config.boilerplatePatterns ?? []).patterns,
    recurrence: { minFiles: config.recurrence?.minFiles ?? DEFAULT_RECURRENCE.minFiles, minShare: config.recurrence?.minShare ?? DEFAULT_RECURRENCE.minShare },
  };
  const accepted = new Set(
    (config.accepted ?? []).filter((a) => a.file === options.relativePath).map((a) => `${a.rule}|${a.hash}`),
  );
  const lineHashes = new Map<number, string>();
  const lineHash = (line: number) => {
    let h = lineHashes.get(line);
    if (h === undefined) lineHashes.set(line, (h = hashHex(article.lines[line] ?? '')));
    return h;
  };
  const findings: Finding[] = [];
  // Accepted findings are not shown, but still explain the findings inside them (Rule.deferTo).
  const acceptedFindings: Finding[] = [];
  let deferring = false;
  for (const rule of options.rules ?? allRules) {
    const severity = resolveSeverity(config, rule);
    if (severity === null) continue;
    deferring ||= rule.deferTo !== undefined;
    for (const raw of rule.check(article, context)) {
      const shown = accepted.size === 0 || !accepted.has(`${rule.id}|${lineHash(raw.range.start.line)}`);
      (shown ? findings : acceptedFindings).push({
        rule: rule.id,
        slug: rule.slug,
        category: rule.category,
        severity,
        message: localize(raw.message, locale),
        range: raw.range,
        fixes: raw.fixes.map((f) => ({ title: localize(f.title, locale), safe: f.safe, edits: f.edits })),
      });
    }
  }
  const kept = deferring ? withoutDeferred(findings, acceptedFindings, options.rules ?? allRules) : findings;
  return kept.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
}

/** Drops the findings of rules that defer to another rule's finding around them, shown or accepted (Rule.deferTo). */
function withoutDeferred(findings: Finding[], acceptedFindings: Finding[], rules: readonly Rule[]): Finding[] {
  const deferTo = new Map(rules.filter((r) => r.deferTo).map((r) => [r.id, new Set(r.deferTo)]));
  const deferredTo = new Set([...deferTo.values()].flatMap((to) => [...to]));
  // The findings deferred to, under each line they span.
  const onLine = new Map<number, Finding[]>();
  for (const f of [...findings, ...acceptedFindings]) {
    if (!deferredTo.has(f.rule)) continue;
    for (let line = f.range.start.line; line <= f.range.end.line; line++) {
      const list = onLine.get(line);
      if (list) list.push(f);
      else onLine.set(line, [f]);
    }
  }
  return findings.filter((f) => {
    const to = deferTo.get(f.rule);
    return !to || !onLine.get(f.range.start.line)?.some((g) => to.has(g.rule) && contains(g.range, f.range));
  });
}

const before = (a: Position, b: Position) => a.line < b.line || (a.line === b.line && a.character <= b.character);
const contains = (outer: Range, inner: Range) => before(outer.start, inner.start) && before(inner.end, outer.end);

export function lintText(text: string, options: LintOptions & { path?: string } = {}): { article: Article; findings: Finding[] } {
  const article = parseArticle(text, options.path ?? null);
  return { article, findings: lintArticle(article, options) };
}
