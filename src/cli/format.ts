/**
 * Output formats of `lint`, written file by file so that a corpus of any size never becomes one string:
 * a readable report, JSON (`{"version":1,"files":[…]}`, byte for byte what JSON.stringify of the whole would
 * give), JSON Lines (one such file object per line) and SARIF for code-scanning UIs.
 */
import type { ArticleSummary, Finding } from '../core/types';
import { allRules } from '../rules';

export interface FileResult {
  path: string;
  article: ArticleSummary | null;
  findings: Finding[];
  /** Why the file was not linted as text, or could not be read. */
  notice?: string;
}

export type OutputFormat = 'text' | 'json' | 'jsonl' | 'sarif';

export const OUTPUT_FORMATS: OutputFormat[] = ['text', 'json', 'jsonl', 'sarif'];

type Write = (chunk: string) => void | Promise<void>;

export interface Reporter {
  file(result: FileResult): Promise<void>;
  end(): Promise<void>;
}

export function toJsonFile(r: FileResult): object {
  return {
    path: r.path,
    article: r.article,
    findings: r.findings.map((f) => ({ rule: f.rule, slug: f.slug, category: f.category, severity: f.severity, message: f.message, range: f.range, fixes: f.fixes })),
    ...(r.notice ? { notice: r.notice } : {}),
  };
}

export function createReporter(format: OutputFormat, write: Write, color: boolean, helpUri: string): Reporter {
  switch (format) {
    case 'text': return textReporter(write, color);
    case 'json': return jsonReporter(write);
    case 'jsonl': return { file: async (r) => write(`${JSON.stringify(toJsonFile(r))}\n`), end: async () => {} };
    case 'sarif': return sarifReporter(write, helpUri);
  }
}

const SEVERITY_MARK: Record<Finding['severity'], string> = { error: 'error', warning: 'warn ', info: 'info ', hint: 'hint ' };

function textReporter(write: Write, color: boolean): Reporter {
  const paint = (code: number, s: string) => (color ? `\x1b[${code}m${s}\x1b[0m` : s);
  const totals = { error: 0, warning: 0, info: 0, hint: 0 };
  let files = 0;
  return {
    async file(r) {
      files++;
      if (r.findings.length === 0 && !r.notice) return;
      const out: string[] = [];
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
      await write(`${out.join('\n')}\n\n`);
    },
    async end() {
      const n = totals.error + totals.warning + totals.info + totals.hint;
      await write(`${n} finding(s) in ${files} file(s): ${totals.error} error, ${totals.warning} warning, ${totals.info} info, ${totals.hint} hint\n`);
    },
  };
}

function jsonReporter(write: Write): Reporter {
  let first = true;
  return {
    async file(r) {
      await write(`${first ? '{"version":1,"files":[' : ','}${JSON.stringify(toJsonFile(r))}`);
      first = false;
    },
    async end() {
      await write(first ? '{"version":1,"files":[]}\n' : ']}\n');
    },
  };
}

const SARIF_LEVEL: Record<Finding['severity'], string> = { error: 'error', warning: 'warning', info: 'note', hint: 'note' };

/** SARIF 2.1.0, pretty-printed as JSON.stringify(…, null, 2) would, with the results streamed into place. */
function sarifReporter(write: Write, helpUri: string): Reporter {
  const rules = allRules.map((r) => ({
    id: r.id,
    name: r.slug,
    shortDescription: { text: r.description.en },
    helpUri: `${helpUri}#${r.id.toLowerCase()}`,
    properties: { category: r.category },
  }));
  const skeleton = (results: unknown[]) => JSON.stringify({
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{ tool: { driver: { name: 'seed-curator', informationUri: helpUri, rules } }, results }],
  }, null, 2);
  const SLOT = '@@results@@';
  const template = skeleton([SLOT]);
  const slotAt = template.indexOf(`"${SLOT}"`);
  const lineStart = template.lastIndexOf('\n', slotAt) + 1;
  const indent = template.slice(lineStart, slotAt);
  const head = template.slice(0, lineStart);
  const tail = template.slice(slotAt + SLOT.length + 2);
  let count = 0;
  return {
    async file(r) {
      for (const f of r.findings) {
        const result = {
          ruleId: f.rule,
          level: SARIF_LEVEL[f.severity],
          message: { text: f.message },
          locations: [{
            physicalLocation: {
              artifactLocation: { uri: r.path.split('\\').join('/') },
              region: { startLine: f.range.start.line + 1, startColumn: f.range.start.character + 1, endLine: f.range.end.line + 1, endColumn: f.range.end.character + 1 },
            },
          }],
        };
        const body = indent + JSON.stringify(result, null, 2).split('\n').join(`\n${indent}`);
        await write(count === 0 ? head + body : `,\n${body}`);
        count++;
      }
    },
    async end() {
      await write(count === 0 ? `${skeleton([])}\n` : `${tail}\n`);
    },
  };
}
