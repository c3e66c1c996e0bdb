import assert from 'node:assert/strict';
import { parseArticle } from '../../../src/core/article';
import { lintArticle } from '../../../src/core/runner';
import { allRules } from '../../../src/rules';
import { CORPUS, REAL_TEXTS } from './arbitraries';

/**
 * Linear time, checked loosely: linting 4× the input may take at most RATIO× as long (linear gives ~4,
 * quadratic ~16), on the median of a few runs, so noise cannot fail it. The small input grows from BASE until
 * it takes MIN_MS, so timer noise and pauses do not dominate a fast shape. On failure the message names the
 * rules whose own time grew the most.
 */
const RATIO = 10;
const BASE = 16_000;
const MIN_MS = 30;
const MAX_BASE = 1_000_000;

const real = REAL_TEXTS.slice(0, 5).join('\n');
const repeat = (unit: string, length: number) => {
  let out = '';
  for (let i = 0; out.length < length; i++) out += unit.replace(/0/g, String(i % 10));
  return out.slice(0, length);
};

const SHAPES: Record<string, (length: number) => string> = {
  'real pages': (n) => repeat(`${real}\n`, n),
  'one long line': (n) => repeat(real.replace(/[\r\n]+/g, '，'), n),
  'markup soup': (n) => repeat('<div class="c0"><p>新闻正文&nbsp;内容</p><br /><a href="/a/0.html">链接</a></div>', n),
  'lost characters': (n) => repeat('记者??报道\uFFFD\uFFFD今天?天气', n),
  'pinyin readings': (n) => repeat('网(wǎng)中(zhōng) guó xīn wén ', n),
  'blank lines': (n) => repeat('\n\n\r\n一\n', n),
  'no Han at all': (n) => repeat('Lorem ipsum 2023-06-29 http://example.com/0 ', n),
  'one character': (n) => '字'.repeat(n),
};

function median(values: number[]): number {
  return [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
}

function timeLint(text: string, rules = allRules): number {
  return median([0, 1, 2].map(() => {
    const article = parseArticle(text);
    const start = process.hrtime.bigint();
    lintArticle(article, { corpus: CORPUS, rules });
    return Number(process.hrtime.bigint() - start) / 1e6;
  }));
}

describe('fuzz: linear time', function () {
  this.timeout(120_000);
  for (const [shape, make] of Object.entries(SHAPES)) {
    it(`grows linearly on ${shape}`, () => {
      let base = BASE;
      let small = make(base);
      timeLint(small);
      while (timeLint(small) < MIN_MS && base < MAX_BASE) small = make((base *= 2));
      const large = make(base * 4);
      const ratio = timeLint(large) / Math.max(timeLint(small), 1);
      if (ratio <= RATIO) return;
      const culprits = allRules
        .map((r) => ({ id: r.id, ratio: timeLint(large, [r]) / Math.max(timeLint(small, [r]), 1) }))
        .filter((r) => r.ratio > RATIO)
        .map((r) => `${r.id} ×${r.ratio.toFixed(1)}`);
      assert.fail(`4× the input took ${ratio.toFixed(1)}× as long on ${shape}; rules: ${culprits.join(', ') || 'none alone'}`);
    });
  }
});
