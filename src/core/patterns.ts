/**
 * User-supplied boilerplate patterns. They are compiled with RE2JS, a linear-time engine, so a catastrophic
 * pattern cannot hang the editor, and exposed as RegExp-like objects with a test() method.
 */
import { RE2JS } from 're2js';

export interface PatternProblem {
  index: number;
  pattern: string;
  message: string;
}

export interface LinePattern {
  readonly source: string;
  test(text: string): boolean;
}

const compiled = new Map<string, LinePattern | PatternProblem>();

class LinearPattern implements LinePattern {
  constructor(private readonly re: RE2JS, readonly source: string) {}
  test(text: string): boolean {
    return this.re.matcher(text).find();
  }
}

export function compileBoilerplatePatterns(sources: string[]): { patterns: LinePattern[]; problems: PatternProblem[] } {
  const patterns: LinePattern[] = [];
  const problems: PatternProblem[] = [];
  sources.forEach((source, index) => {
    let entry = compiled.get(source);
    if (!entry) {
      try {
        entry = new LinearPattern(RE2JS.compile(source), source);
      } catch (e) {
        entry = { index, pattern: source, message: (e as Error).message };
      }
      compiled.set(source, entry);
    }
    if ('test' in entry) patterns.push(entry);
    else problems.push({ ...entry, index });
  });
  return { patterns, problems };
}
