import assert from 'node:assert/strict';
import fc from 'fast-check';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { applyEdits } from '../../../src/core/edits';
import { lintText } from '../../../src/core/runner';
import { brokenParagraph, duplicateLine, endsSentence } from '../../../src/rules/structure';
import type { Rule } from '../../../src/core/rule';

const SEEDS = path.join(__dirname, '../../../seeds');
const seedText = (n: string) => fs.readFileSync(path.join(SEEDS, fs.readdirSync(SEEDS).find((f) => f.startsWith(`${n}_`))!), 'utf8');

function findings(rule: Rule, text: string) {
  return lintText(text, { rules: [rule], locale: 'en' }).findings;
}

describe('SC301 broken-paragraph', () => {
  it('finds every break of seed 003 on the first line of the pair, and none of its headlines', () => {
    const f = findings(brokenParagraph, seedText('003'));
    assert.deepEqual(f.map((x) => x.range.start.line), [8, 12, 18, 22, 50, 52, 62, 68]);
    assert.ok(f.every((x) => x.range.end.line === x.range.start.line));
  });

  it('is safe only with evidence at the break (a word across it, a particle opening the next line)', () => {
    const safe = findings(brokenParagraph, seedText('003')).map((x) => `${x.range.start.line}:${x.fixes[0].safe}`);
    assert.deepEqual(safe, ['8:true', '12:true', '18:true', '22:true', '50:true', '52:false', '62:false', '68:false']);
  });

  it('joins the two halves, removing the blank line between them', () => {
    const text = seedText('003');
    const f = findings(brokenParagraph, text).find((x) => x.range.start.line === 12)!;
    const joined = applyEdits(text, f.fixes[0].edits).split('\n')[12];
    assert.ok(joined.includes('在人才引进、科研合作、创新创业等领域'));
  });

  it('does not flag paragraphs without final punctuation when the article never has it (seed 002)', () => {
    assert.equal(findings(brokenParagraph, seedText('002')).length, 0);
  });

  it('does not flag a subheading, a caption or a line introducing a list', () => {
    const text = [
      '常州代表团赴沪开展拜访对接',
      '',
      '本报讯 昨天,常州代表团密集拜访对接上海各大企业、高校、研发中心等,寻求更深入的交流合作。',
      '',
      '市、区领导在沪拜访高瓴投资',
      '',
      '本报讯 昨天上午,副市长在沪拜访上海高瓴股权投资管理有限公司,探讨未来合作模式和共赢策略。',
      '会上,双方围绕三个方面交流,达成以下共识:',
      '一是深化合作,二是加强沟通,三是优化服务,推动双方合作不断走深走实。',
      '小花母亲说,女儿的左眼被塞了不止几十块小纸片。 小花母亲供图',
      '医生说,带小花去过许多医院,可是回家又取出纸片,有时候一天出特别多。',
    ].join('\n');
    assert.deepEqual(findings(brokenParagraph, text), []);
  });

  it('never flags the clean lines of seeds 000 and 003', () => {
    const clean000 = [6, 8, 10, 12, 14, 16, 18];
    assert.equal(findings(brokenParagraph, seedText('000')).filter((f) => clean000.includes(f.range.start.line)).length, 0);
  });
});

describe('SC302 duplicate-line', () => {
  it('reports the later copies of a repeated line, not the first', () => {
    const f = findings(duplicateLine, seedText('000'));
    assert.deepEqual(f.map((x) => x.range.start.line).slice(0, 2), [24, 26]);
    assert.match(f[0].message, /line 1\b/);
  });

  it('deletes the copy and one of the blank lines around it', () => {
    const text = ['常州科教城举行高质量发展大会', '', '正文第一段写在这里,内容比较长。', '', '常州科教城举行高质量发展大会', '', '责编: 庄恩慧'].join('\n');
    const f = findings(duplicateLine, text);
    assert.equal(f.length, 1);
    assert.equal(f[0].fixes[0].safe, true);
    assert.equal(applyEdits(text, f[0].fixes[0].edits), ['常州科教城举行高质量发展大会', '', '正文第一段写在这里,内容比较长。', '', '责编: 庄恩慧'].join('\n'));
  });

  it('ignores whitespace differences but not short lines such as menu items', () => {
    assert.equal(findings(duplicateLine, '常州科教城举行 高质量发展大会\n常州科教城举行  高质量发展大会').length, 1);
    assert.equal(findings(duplicateLine, '首页\n新闻\n首页\n新闻').length, 0);
  });

  it('finds no duplicate in seed 003', () => {
    assert.equal(findings(duplicateLine, seedText('003')).length, 0);
  });
});

describe('SC301 sentence ends, read from a table of UTF-16 units', () => {
  // The plain reading: sentence punctuation or an ASCII ellipsis, then nothing but closers and white space.
  const REFERENCE = /(?:[。！？!?…;；]|\.\.\.)["”'’」』)）\]】》\s]*$/;
  // Every character the table knows, its neighbours, and some it does not.
  const units = fc.constantFrom(...'。！？!?…;；."”\'’」』)）]】》 \t\u3000\u00a0\u2028\ufeff\u200b“（(【,，:：文字aZ0\ud840\udc00');

  it('agrees with the regular expression on lines of any such characters', () => {
    fc.assert(fc.property(fc.array(units, { maxLength: 12 }), (chars) => {
      const line = chars.join('');
      assert.equal(endsSentence(line), REFERENCE.test(line), JSON.stringify(line));
    }), { numRuns: 5000 });
  });
});
