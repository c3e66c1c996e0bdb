/** Output formats of `lint`: a readable report, the JSON other tools read, and SARIF for code-scanning UIs. */
import type { ArticleSummary, Finding } from '../core/types';
import { allRules } from '../rules';

export interface FileResult {
  path: string;
  article: ArticleSummary | null;
  findings: Finding[];
  /** Why the file was not linted as text, or could not be read. */
  notice?: string;
}

const SEVERITY_MARK: Record<Finding['severity'], string> = { error: 'error', warning: 'warn ', info: 'info ', hint: 'hint ' };

export function formatText(results: FileResult[], color: boolean): string {
  const paint = (code: number, s: string) => (color ? `\x1b[${code}m${s}\x1b[0m` : s);
  const out: string[] = [];
  const totals = { error: 0, warning: 0, info: 0, hint: 0 };
  for (const r of results) {
    if (r.findings.length === 0 && !r.notice) continue;
    const a = r.article;
    const meta = a ? ` ${paint(2, [a.date ?? '?', a.city ?? '?', a.variant].join(' · '))}` : '';
    out.push(paint(4, r.path) + meta);
    if (r.notice) out.push(`  ${paint(33, r.notice)}`);
    for (const f of r.findings) {
      totals[f.severity]++;
      const where = `${f.range.start.line + 1}:${f.range.start.character + 1}`.padEnd(8);
      const sev = paint(f.severity === 'error' ? 31 : f.severity === 'warning' ? 33 : 36, SEVERITY_MARK[f.severity]);
      const fix = f.fixes.some((x) => x.safe) ? paint(32, ' [fix]') : f.fixes.length ? paint(2, ' [review]') : '';
      out.push(`  ${where} ${sev}  ${f.message}  ${paint(2, `${f.rule}/${f.slug}`)}${fix}`);
    }
    out.push('');
  }
  const n = totals.error + totals.warning + totals.info + totals.hint;
  out.push(`${n} finding(s) in ${results.length} file(s): ${totals.error} error, ${totals.warning} warning, ${totals.info} info, ${totals.hint} hint`);
  return out.join('\n');
}

export function toJsonFile(r: FileResult): object {
  return {
    path: r.path,
    article: r.article,
    findings: r.findings.map((f) => ({ rule: f.rule, slug: f.slug, category: f.category, severity: f.severity, message: f.message, range: f.range, fixes: f.fixes })),
    ...(r.notice ? { notice: r.notice } : {}),
  };
}

export function formatJson(results: FileResult[]): string {
  return JSON.stringify({ version: 1, files: results.map(toJsonFile) });
}

const SARIF_LEVEL: Record<Finding['severity'], string> = { error: 'error', warning: 'warning', info: 'note', hint: 'note' };

export function formatSarif(results: FileResult[], helpUri: string): string {
  const rules = allRules.map((r) => ({
    id: r.id,
    name: r.slug,
    shortDescription: { text: r.description.en },
    helpUri: `${helpUri}#${r.id.toLowerCase()}`,
    properties: { category: r.category },
  }));
  const sarifResults = results.flatMap((r) =>
    r.findings.map((f) => ({
      ruleId: f.rule,
      level: SARIF_LEVEL[f.severity],
      message: { text: f.message },
      locations: [{
        physicalLocation: {
          artifactLocation: { uri: r.path.split('\\').join('/') },
          region: { startLine: f.range.start.line + 1, startColumn: f.range.start.character + 1, endLine: f.range.end.line + 1, endColumn: f.range.end.character + 1 },
        },
      }],
    })),
  );
  return JSON.stringify({
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{ tool: { driver: { name: 'seed-curator', informationUri: helpUri, rules } }, results: sarifResults }],
  }, null, 2);
}
