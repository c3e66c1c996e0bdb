import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseArticle } from '../../../src/core/article';
import { loadsModule } from '../support/lazy-load';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fixText } from '../../../src/core/fix';
import { lintText } from '../../../src/core/runner';
import { toSimplified } from '../../../src/core/convert';
import { linesWithReadings, pinyinRuby, readingsOf } from '../../../src/rules/pinyin-residue';

const ROOT = path.join(__dirname, '../../..');
const SEEDS = path.join(ROOT, 'seeds');
const rules = [pinyinRuby];
const READING = /[(（][a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]+[0-5]?[)）]/;

function findings(text: string) {
  return lintText(text, { rules }).findings;
}

function fixed(text: string): string {
  return fixText(text, { rules }).text;
}

describe('SC108 pinyin-ruby', () => {
  describe('seed 001 (readings after nearly every polyphonic character)', () => {
    const text = fs.readFileSync(path.join(SEEDS, '001_b2cf538a030ad554.txt'), 'utf8');
    const lines = text.split(/\r?\n/);

    it('flags exactly the lines that carry readings, once each', () => {
      const flaggedLines = findings(text).map((f) => f.range.start.line);
      const withReadings = lines.flatMap((l, i) => (READING.test(l) ? [i] : []));
      assert.deepEqual(flaggedLines, withReadings);
      for (const expected of [0, 1, 2, 9, 11, 16, 17, 22, 25, 31, 32]) assert.ok(flaggedLines.includes(expected), `line ${expected}`);
      for (const clean of [18, 28]) assert.ok(!flaggedLines.includes(clean), `line ${clean}`);
    });

    it('spans the first to the last reading of a line and counts them', () => {
      const f = findings(text).find((x) => x.range.start.line === 0)!;
      assert.equal(f.range.start.character, lines[0].indexOf('(wǎng)'));
      assert.equal(f.range.end.character, lines[0].lastIndexOf('(chuàng)') + '(chuàng)'.length);
      assert.equal(f.fixes[0].edits.length, (lines[0].match(new RegExp(READING, 'g')) ?? []).length);
    });

    it('fixes the article into clean traditional Chinese, brackets of real text kept', () => {
      const after = fixed(text).split(/\r?\n/);
      assert.equal(
        after[0],
        '中新網溫州11月14日電(記者 范宇斌)11月14日,2021世界青年科學家峰會瑞安云江科創大會暨長三角汽車部件產業創新論壇在浙江溫州瑞安東新科創園舉行。',
      );
      assert.match(after[6], /日科年產3萬臺\(套\)眼鏡專用設備/);
      assert.match(after[11], /試點縣\(市、區\)。/);
      assert.match(after[28], /2023佛山\(南莊\)汽車文/);
      for (const line of after) assert.doesNotMatch(line, READING);
    });
  });

  it('recognises tone-marked, tone-numbered and full-width forms on simplified text', () => {
    assert.equal(fixed('中国新闻网(wǎng)讯,会(huì)议在长(zhǎng)沙召开。'), '中国新闻网讯,会议在长沙召开。');
    assert.equal(fixed('网(wang3)络与绿(lv4)色发(fa1)展'), '网络与绿色发展');
    assert.equal(fixed('會（huì）議開始了(le)'), '會議開始了');
  });

  it('reports one finding per line with one fix for all its readings', () => {
    const f = findings('第一行的網(wǎng)和學(xué)\n第二行沒有注音\n第三行會(huì)');
    assert.deepEqual(f.map((x) => x.range.start.line), [0, 2]);
    assert.equal(f[0].fixes.length, 1);
    assert.equal(f[0].fixes[0].safe, true);
    assert.equal(f[0].fixes[0].edits.length, 2);
  });

  it('leaves brackets that are not a reading of the character before them', () => {
    const clean = [
      '中新網溫州11月14日電(記者 范宇斌)',
      '武進(上海)新能源汽車產業',
      '年產3萬臺(套)設備',
      '美国标准技术局(NIST)颁布',
      '独家首发丨朱沐(Lydia)全新都市爱情',
      '重生之军婚(h)李晴',
      '函数(x)与变量(y)',
      '网(shi4)络', // not a reading of 网
      '安(an)全', // toneless readings count only beside toned ones
    ];
    for (const c of clean) assert.deepEqual(findings(c), [], c);
  });

  it('accepts toneless readings in an article that has toned ones', () => {
    assert.equal(fixed('網(wǎng)站說的(de)話'), '網站說的話');
  });

  it('loads pinyin-pro only when a line has a toned reading in brackets', () => {
    const probe = (sample: string) => String(loadsModule('pinyin-residue', 'pinyinRuby', sample, 'pinyin-pro'));
    assert.equal(probe('常州科教城舉行高質量發展大會(記者 范宇斌)'), 'false');
    // Toneless letters after a character count only beside a toned reading: alone they load nothing.
    assert.equal(probe('新的作用域（scope）和变量(de)规则'), 'false');
    assert.equal(probe('常州科教城舉行高質(zhì)量發展大會'), 'true');
  });
});

describe('SC108 readings of a character', () => {
  // The reference: pinyin() with `multiple`, which the rule used before it looked characters up with polyphonic().
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const pinyinPro = require('pinyin-pro') as {
    pinyin(text: string, options: { multiple: true; type: 'array'; toneType?: 'symbol' | 'num' | 'none' }): string[];
  };
  function expectedReadings(ch: string): { toned: string[]; toneless: string[] } {
    const toned = new Set<string>();
    const toneless = new Set<string>();
    const simplified = toSimplified(ch);
    for (const c of simplified === ch ? [ch] : [ch, simplified]) {
      for (const r of pinyinPro.pinyin(c, { multiple: true, type: 'array' })) toned.add(r);
      for (const r of pinyinPro.pinyin(c, { multiple: true, type: 'array', toneType: 'num' })) {
        toned.add(r);
        if (r.endsWith('0')) toned.add(`${r.slice(0, -1)}5`);
      }
      for (const r of pinyinPro.pinyin(c, { multiple: true, type: 'array', toneType: 'none' })) toneless.add(r);
    }
    return { toned: [...toned].sort(), toneless: [...toneless].sort() };
  }

  it('are those pinyin() gives, in every form, for polyphonic, traditional, rare and non-Han characters', () => {
    const sample = [...'行长乐了的和重網處覺還发髮〇𠀀A。'];
    // Every fifth code point of the ideograph blocks (extension A, unified, compatibility) and a stretch of extension B.
    for (const [from, to] of [[0x3400, 0x4dbf], [0x4e00, 0x9fff], [0xf900, 0xfaff], [0x20000, 0x20400]]) {
      for (let cp = from; cp <= to; cp += 5) sample.push(String.fromCodePoint(cp));
    }
    for (const ch of sample) {
      const { toned, toneless } = readingsOf(ch);
      assert.deepEqual({ toned: [...toned].sort(), toneless: [...toneless].sort() }, expectedReadings(ch), ch);
    }
  });
});

describe('SC108 lines that may hold readings', () => {
  // The plain reading: a bracket, then a letter a reading can start with.
  const REFERENCE = /[(（][a-züāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ]/u;
  const units = fc.constantFrom(...'(（)）aüǎḿzA0网 \n\r'.split(''), '\r\n');

  it('are the lines where a bracket opens before such a letter, in order', () => {
    fc.assert(fc.property(fc.array(units, { maxLength: 40 }), (parts) => {
      const text = parts.join('');
      const expected = text.split(/\r\n|\r|\n/).flatMap((line, i) => (REFERENCE.test(line) ? [i] : []));
      assert.deepEqual(linesWithReadings(parseArticle(text)), expected, JSON.stringify(text));
    }), { numRuns: 3000 });
  });
});
