import assert from 'node:assert/strict';
import { analyseVariant, countScripts } from '../../../src/core/meta/variant';
import { article, seed } from './helpers';

describe('script variant', () => {
  it('tells traditional seeds from simplified ones', () => {
    assert.equal(analyseVariant(seed('001')).kind, 'traditional');
    assert.equal(analyseVariant(seed('004')).kind, 'traditional');
    for (const n of ['000', '002', '003']) assert.equal(analyseVariant(seed(n)).kind, 'simplified');
  });

  it('does not count characters traditional text also uses (范, 云, 后, 台) as simplified', () => {
    assert.deepEqual(countScripts('范先生在台灣說,云江之後'), { simplifiedOnly: 0, traditionalOnly: 3 });
    assert.deepEqual(countScripts('进这报'), { simplifiedOnly: 3, traditionalOnly: 0 });
  });

  it('calls an even blend mixed and reports the minority share', () => {
    const v = analyseVariant(article(['这里进行报道', '這裡進行報導']));
    assert.equal(v.kind, 'mixed');
    assert.ok(v.minorityShare > 0.2);
  });
});
