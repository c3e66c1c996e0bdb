import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { applyEdits } from '../../../src/core/edits';
import { lintText } from '../../../src/core/runner';
import { mixedScript } from '../../../src/rules/variant';

const SEEDS = path.join(__dirname, '../../../seeds');
const seedText = (n: string) => fs.readFileSync(path.join(SEEDS, fs.readdirSync(SEEDS).find((f) => f.startsWith(`${n}_`))!), 'utf8');

function findings(text: string) {
  return lintText(text, { rules: [mixedScript], locale: 'en' }).findings;
}

/** A traditional article (seed 004's opening) with one simplified slip. */
const TRADITIONAL = [
  '打造動能更加強大的“創新之核” 助力書寫好中國式現代化的常州答卷',
  '來源:武进日报 日期:2022-11-21',
  '市長盛蕾在大會上致辭。市領導白云萍、戴源、杭勇、喬俊杰出席活動。何維在視頻致辭中表示,常州科教城作為常州的“創新之核”,在推動產學研用深度融合方面作出了有益探索。',
].join('\n');

describe('SC401 mixed-script', () => {
  it('reports simplified characters in a traditional article, one finding per line, with a review fix', () => {
    const f = findings(TRADITIONAL);
    assert.equal(f.length, 1);
    assert.equal(f[0].range.start.line, 1);
    assert.match(f[0].message, /`进` → `進`, `报` → `報`|`进报` → `進報`/);
    assert.equal(f[0].fixes[0].safe, false);
    assert.equal(applyEdits(TRADITIONAL, f[0].fixes[0].edits).split('\n')[1], '來源:武進日報 日期:2022-11-21');
  });

  it('leaves characters traditional text also uses (云, 杰, 范) alone', () => {
    assert.equal(findings(TRADITIONAL).filter((f) => f.range.start.line === 2).length, 0);
  });

  it('reports traditional characters in a simplified article, but not phrases simplified text keeps (乾隆)', () => {
    const text = ['乾隆年间的故事在这里展开,人们说起当年的情景。', '活动现场气氛热烈,参与者纷纷表示收穫很大。', '更多的内容在后面的章节里继续介绍给大家。'].join('\n');
    const f = findings(text);
    assert.deepEqual(f.map((x) => x.range.start.line), [1]);
    assert.match(f[0].message, /`穫` → `获`/);
  });

  it('is silent on the clean seeds and on links to the other-script version', () => {
    for (const n of ['000', '003']) assert.equal(findings(seedText(n)).length, 0, n);
    assert.equal(findings(seedText('002')).filter((f) => f.range.start.line === 0).length, 0);
  });
});
