import assert from 'node:assert/strict';
import { inferCity, provinceOfCity } from '../../../src/core/meta/city';
import { article, seed } from './helpers';

describe('city inference', () => {
  it('trusts the source outlet over the places the headline names', () => {
    const { city, citiesMentioned } = inferCity(seed('000'));
    assert.deepEqual([city?.city, city?.province, city?.evidence.source], ['常州', '江苏', 'source']);
    assert.deepEqual(citiesMentioned, ['天津']);
  });

  it('reads a traditional dateline and simplifies the city', () => {
    const { city } = inferCity(seed('001'));
    assert.deepEqual([city?.city, city?.province, city?.evidence.source], ['温州', '浙江', 'dateline']);
  });

  it('maps a district outlet to its prefecture (武进 → 常州)', () => {
    assert.equal(inferCity(seed('004')).city?.city, '常州');
  });

  it('counts mentions in the body, districts for their city', () => {
    const { city, citiesMentioned } = inferCity(seed('003'));
    assert.equal(city?.city, '常州');
    assert.equal(city?.evidence.source, 'mentions');
    assert.ok(citiesMentioned.includes('上海'));
    assert.equal(inferCity(seed('002')).city?.city, '常州');
  });

  it('does not count a name inside a longer word (天津大学) or a common word that is a district elsewhere', () => {
    const a = article(['天津大学代表团来访', '天津大学党委书记一行深入合作,双方围绕光明前景进行交流,在太湖之畔共商合作。']);
    assert.deepEqual(inferCity(a), { city: null, citiesMentioned: [] });
  });

  it('takes a distinctive district name alone when nothing else is named', () => {
    const a = article(['瑞安召开科创大会', '大会在瑞安举行,瑞安各界代表出席,共商科创发展大计,现场气氛热烈。']);
    assert.deepEqual([inferCity(a).city?.city, inferCity(a).city?.province], ['温州', '浙江']);
  });

  it('settles an ambiguous district name by the city named beside it', () => {
    const a = article(['北京朝阳区举行活动', '活动在北京举行,朝阳区领导出席,朝阳群众积极参与,现场气氛热烈,各方代表发言。']);
    assert.equal(inferCity(a).city?.city, '北京');
  });

  it('gives each city its province, municipalities included, in either script', () => {
    assert.equal(provinceOfCity('常州'), '江苏');
    assert.equal(provinceOfCity('溫州市'), '浙江');
    assert.equal(provinceOfCity('北京'), '北京');
    assert.equal(provinceOfCity('武进'), '江苏');
    assert.equal(provinceOfCity('不存在'), null);
  });
});
