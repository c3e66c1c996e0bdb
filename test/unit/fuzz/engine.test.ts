import assert from 'node:assert/strict';
import fc from 'fast-check';
import { lintText } from '../../../src/core/runner';
import { anyText, anyUnicode, chineseLike, CORPUS, corruptedReal, decodedBytes, runs } from './arbitraries';
import { assertFixIdempotent, checkEngine } from './properties';

const options = { corpus: CORPUS, config: { boilerplatePatterns: ['^分享到', '(a|aa)+$'] } };

/** On failure fast-check prints the shrunk counterexample and the seed and path that replay it. */
const params = (numRuns: number, examples: [string][] = []) => ({ numRuns, examples });

/** Counterexamples found by longer runs, checked on every run. */
const FOUND: [string][] = [
  // SC107 empties the line between a lone CR and an LF: the two breaks become one CRLF, so the edit cannot
  // be undone by line and column.
  ['电视新闻\r<p>\n音乐节目'],
];

describe('fuzz: the engine on hostile text', function () {
  this.timeout(Number(process.env.FUZZ_RUNS ?? 0) ? 0 : 60_000);

  it('never throws and keeps ranges inside the document, on random Unicode', () => {
    fc.assert(fc.property(anyUnicode, (text) => void checkEngine(text, options)), params(runs(60)));
  });

  it('never throws and keeps ranges inside the document, on Chinese-like web text', () => {
    fc.assert(fc.property(chineseLike, (text) => void checkEngine(text, options)), params(runs(60)));
  });

  it('never throws and keeps ranges inside the document, on random bytes in several code pages', () => {
    fc.assert(fc.property(decodedBytes, (text) => void checkEngine(text, options)), params(runs(60)));
  });

  it('never throws on real seed text with scraper damage, and its fixes stay local and undoable', () => {
    fc.assert(fc.property(corruptedReal, (text) => void checkEngine(text, options)), params(runs(80), FOUND));
  });

  it('applying all safe fixes twice equals applying them once', () => {
    fc.assert(fc.property(anyText, (text) => assertFixIdempotent(text, options)), params(runs(60)));
  });

  it('lints without a corpus as well as with one', () => {
    fc.assert(fc.property(anyText, (text) => {
      const { findings } = lintText(text, {});
      assert.ok(Array.isArray(findings));
    }), params(runs(30)));
  });
});
