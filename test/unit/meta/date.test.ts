import assert from 'node:assert/strict';
import { inferDate } from '../../../src/core/meta/date';
import { article, devPage, seed } from './helpers';

describe('date inference', () => {
  it('reads a metadata line near the headline, not the dates of related articles in the tail', () => {
    const d = inferDate(seed('000'))!;
    assert.equal(d.value, '2023-06-29');
    assert.equal(d.precision, 'day');
    assert.equal(d.evidence.line, 1);
  });

  it('completes a year that lost a digit from a year the text states', () => {
    assert.equal(inferDate(seed('002'))?.value, '2020-12-04');
  });

  it('does not guess a damaged year the text does not confirm', () => {
    assert.equal(inferDate(article(['某地召开会议', '发布日期?020-12-04', '会议于今日召开,各方代表出席,会议讨论了许多问题。'])), null);
  });

  it('reads traditional metadata keys', () => {
    assert.equal(inferDate(seed('004'))?.value, '2022-11-21');
  });

  it('dates a dateline with the most recent year the body states', () => {
    const d = inferDate(seed('001'))!;
    assert.deepEqual([d.value, d.precision, d.evidence.source], ['2021-11-14', 'day', 'dateline']);
  });

  it('falls back to a year in the headline, with year precision', () => {
    const d = inferDate(seed('003'))!;
    assert.deepEqual([d.value, d.precision, d.evidence.source], ['2024', 'year', 'headline']);
  });

  it('reads bare date lines beside the headline of a news page', () => {
    const page = devPage('sina_1.txt');
    if (page) assert.equal(inferDate(page)?.value, '2019-11-25');
    const a = article(['中国人习以为常的地方 为何老外却说了不得', '2019年11月25日 18:57', '报道举例称,一位加拿大人从中国旅行回国后,就向议会建议在当地公园增设健身器材。']);
    assert.equal(inferDate(a)?.value, '2019-11-25');
  });

  it('ignores dates in prose and gives nothing without evidence', () => {
    const a = article(['某市召开经济工作会议', '会议指出,2019年10月15日以来,全市经济运行总体平稳,各项指标稳中有进。']);
    assert.equal(inferDate(a), null);
  });
});
