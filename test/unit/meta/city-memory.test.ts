import assert from 'node:assert/strict';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { inferCity } from '../../../src/core/meta/city';
import { article } from './helpers';

/** A full garbage collection, without starting node with --expose-gc. */
function collectGarbage(): void {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
}

function heapAfterCollection(): number {
  collectGarbage();
  collectGarbage();
  return process.memoryUsage().heapUsed;
}

describe('city inference memory', () => {
  it('keeps no article text alive in its caches', () => {
    const articles = 40;
    const fillerLines = 1000;
    // Long texts, each with a name jieba must segment in a context of its own (天津 inside 天津大学), what the
    // segmentation cache keeps across articles: a full context, as V8 copies short slices rather than share them.
    const text = (k: number) => {
      const unique = String.fromCharCode(0x4e00 + 37 * k, 0x4e00 + 37 * k + 1);
      const filler = Array.from({ length: fillerLines }, (_, i) => `Line ${i} of article ${k}, with nothing to find in it at all.`);
      return ['科研交流活动举行', `本届科研交流${unique}天津大学交流活动顺利举行,各方代表出席会议并发言,会议取得圆满成功。`, ...filler].join('\n');
    };
    const textBytes = 2 * text(0).length;
    inferCity(article(['天津大学', text(articles)]));

    const before = heapAfterCollection();
    for (let k = 0; k < articles; k++) inferCity(article(text(k).split('\n')));
    const retained = heapAfterCollection() - before;

    assert.ok(retained < (articles * textBytes) / 4, `${(retained / 1e6).toFixed(1)} MB retained by ${articles} articles of ${(textBytes / 1e6).toFixed(1)} MB`);
  });
});
