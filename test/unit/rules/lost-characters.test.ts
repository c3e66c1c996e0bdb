import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import iconv from 'iconv-lite';
import { hashHex } from '../../../src/core/hash';
import { lintText } from '../../../src/core/runner';
import { applyEdits } from '../../../src/core/edits';
import { lostCharacter, privateUse, replacementCharacter } from '../../../src/rules/lost-characters';
import type { Rule } from '../../../src/core/rule';

const SEEDS = path.join(__dirname, '../../../seeds');

function findings(rule: Rule, text: string) {
  return lintText(text, { rules: [rule] }).findings;
}

/** The flagged substrings, for readable assertions. */
function flagged(rule: Rule, text: string): string[] {
  const lines = text.split('\n');
  return findings(rule, text).map((f) => lines[f.range.start.line].slice(f.range.start.character, f.range.end.character));
}

/** Columns of the `?` flagged on each line. */
function flaggedColumns(rule: Rule, text: string): string[] {
  return findings(rule, text).map((f) => `${f.range.start.line}:${f.range.start.character}`);
}

describe('SC103 replacement-character', () => {
  it('reports U+FFFD with its exact range', () => {
    const f = findings(replacementCharacter, '第一行\n丢失\uFFFD\uFFFD的字');
    assert.equal(f.length, 1);
    assert.deepEqual(f[0].range, { start: { line: 1, character: 2 }, end: { line: 1, character: 4 } });
  });

  it('merges runs that a decoder interleaved with `?`', () => {
    assert.deepEqual(flagged(replacementCharacter, '鏂囧\uFFFD?\uFFFD鑹'), ['\uFFFD?\uFFFD']);
  });

  it('keeps separate runs apart and is silent on clean text', () => {
    assert.equal(findings(replacementCharacter, '前\uFFFD中间的字\uFFFD后').length, 2);
    assert.equal(findings(replacementCharacter, '正常的中文段落,没有任何问题吗?').length, 0);
  });
});

describe('SC104 private-use', () => {
  it('finds the private-use code point in seed 004', () => {
    const text = fs.readFileSync(path.join(SEEDS, '004_11938ba4ffbfebfa.txt'), 'utf8');
    const f = findings(privateUse, text);
    assert.ok(f.length >= 1);
    const line = text.split(/\r?\n/)[f[0].range.start.line];
    assert.equal(line.codePointAt(f[0].range.start.character), 0xe024);
    assert.match(f[0].message, /U\+E024/);
  });

  it('merges a run and covers the supplementary private-use planes', () => {
    assert.deepEqual(flagged(privateUse, '图标\uE600\uE601按钮'), ['\uE600\uE601']);
    assert.deepEqual(flagged(privateUse, '字\u{F0001}字\u{10FFFD}'), ['\u{F0001}', '\u{10FFFD}']);
  });

  it('offers deletion for review only', () => {
    const text = '图标\uE600按钮';
    const [f] = findings(privateUse, text);
    assert.equal(f.fixes.length, 1);
    assert.equal(f.fixes[0].safe, false);
    assert.equal(applyEdits(text, f.fixes[0].edits), '图标按钮');
  });

  it('is silent on ordinary text, emoji and rare Han characters', () => {
    assert.equal(findings(privateUse, '常州\u{20BB7}\u{1F600}科教城 ©®').length, 0);
  });
});

describe('SC105 lost-character', () => {
  it('finds every lost `?` in seed 002', () => {
    const text = fs.readFileSync(path.join(SEEDS, '002_1a045ee9db5761ec.txt'), 'utf8');
    const lines = text.split(/\r?\n/);
    const found = findings(lostCharacter, text).map((f) => {
      const line = lines[f.range.start.line];
      return `${f.range.start.line}:${line.slice(f.range.start.character - 2, f.range.end.character + 2)}`;
    });
    assert.deepEqual(found, ['6:日期?02', '8:12?日和', '10:。今?·2', '14:,位?02', '14:》世?00', '14:去年?3位', '25:网安?20', '25:CP?50']);
  });

  it('finds `?` glued into numbers and dates', () => {
    assert.deepEqual(flagged(lostCharacter, '会议于3?日在北京举行。'), ['?']);
    assert.deepEqual(flagged(lostCharacter, '入选全国?00强榜单。'), ['?']);
    assert.deepEqual(flagged(lostCharacter, '发布时间:?023-05-01'), ['?']);
    assert.deepEqual(flagged(lostCharacter, '今年?·15晚会如期举行。'), ['?']);
    assert.deepEqual(flagged(lostCharacter, '价格上涨2?%,涨幅明显。'), ['?']);
  });

  it('finds `?` where no question can end: after an opening bracket, at a paragraph start, inside a word', () => {
    assert.deepEqual(flagged(lostCharacter, '他说“?国人民站起来了”。'), ['?']);
    assert.deepEqual(flagged(lostCharacter, '上一段结束。\n\n  ?月以来,销量持续增长。'), ['?']);
    assert.deepEqual(flagged(lostCharacter, '他获得第?名的好成绩。'), ['?']);
    assert.deepEqual(flagged(lostCharacter, '同学?们纷纷表示赞同。'), ['?']);
    assert.deepEqual(flagged(lostCharacter, '两个问号连在一起:第??届大会。'), ['??']);
  });

  it('counts an ambiguous `?` as lost only in an article that certainly lost characters', () => {
    const ambiguous = '常州排名从去年?3位上升到17位。';
    assert.deepEqual(flagged(lostCharacter, ambiguous), []);
    assert.deepEqual(flagged(lostCharacter, `${ambiguous}\n会议于3?日举行。`), ['?', '?']);
    assert.deepEqual(flaggedColumns(lostCharacter, `苏ICP?5003616号\n发布日期?020-12-04`), ['0:4', '1:4']);
  });

  it('leaves real question marks alone', () => {
    const questions = [
      '明天会下雨吗?',
      '比预计的更热?天津升级高温预警!又要冲39℃',
      '“禪城一日游”攻略來啦,聽說你很需要?|播資訊',
      '她說“想親眼看看新疆”,卻被污蔑為“假人”?_環球快資訊',
      '會不會開翻?切爾西只差降級區10分',
      '“五一”天氣如何?佛山氣象臺預計29日佛山有中雷雨',
      '为什么?3个原因告诉你',
      '你知道吗?2023年全国GDP突破126万亿元',
      '可活动式游泳池?2020东京奥运会游泳场馆曝光',
      'He said: what? Really?',
      '真的是这样吗???',
      '这是怎么回事...?大家都在问',
      '标记为(?)的数据尚未核实',
      '尼斯湖水怪之谜揭晓?科学家:可能是巨鳗',
    ];
    for (const q of questions) assert.deepEqual(flagged(lostCharacter, q), [], q);
  });

  it('leaves URLs, query strings and code alone', () => {
    const other = [
      '详见 http://www.example.com/news/show.php?id=2041&page=3 页面',
      '链接:index.asp?classid=12&id=7',
      'var x = a>0?1:0;',
      'www.gov.cn/search?q=常州',
    ];
    for (const o of other) assert.deepEqual(flagged(lostCharacter, o), [], o);
  });

  it('does not reopen a question whose paragraph was split after its last word', () => {
    assert.deepEqual(flagged(lostCharacter, '物价会整体上涨吗\n?听专家说'), []);
  });

  it('offers no fix: the character is gone', () => {
    const [f] = findings(lostCharacter, '会议于3?日举行。');
    assert.deepEqual(f.fixes, []);
  });
});

describe('SC103–SC105 inside a mojibake run', () => {
  // UTF-8 read as GBK: the decoder leaves U+FFFD and private-use code points where it lost a byte.
  const garbled = (s: string) => `标题\n${iconv.decode(Buffer.from(s, 'utf8'), 'gbk')}\n`;
  const rulesOf = (text: string, config = {}) => lintText(text, { config }).findings.map((f) => f.rule);

  it('leave the characters to the SC101 finding that covers them', () => {
    assert.deepEqual(rulesOf(garbled('网易严选')), ['SC101']);
    assert.deepEqual(rulesOf(garbled('邮箱大师')), ['SC101']);
  });

  it('report them when SC101 is off', () => {
    assert.deepEqual(rulesOf(garbled('网易严选'), { rules: { SC101: 'off' } }), ['SC103']);
    assert.deepEqual(rulesOf(garbled('邮箱大师'), { rules: { SC101: 'off' } }), ['SC104']);
  });

  it('stay silent when the curator accepted the SC101 finding around them', () => {
    const text = garbled('邮箱大师');
    const accepted = [{ file: 'a.txt', rule: 'SC101', hash: hashHex(text.split('\n')[1]) }];
    assert.deepEqual(lintText(text, { config: { accepted }, relativePath: 'a.txt' }).findings, []);
  });

  it('still report a lost character next to a run, outside its range', () => {
    const text = `标题\n${iconv.decode(Buffer.from('邮箱大师', 'utf8'), 'gbk')} 正文\uFFFD正文\n`;
    const found = lintText(text).findings.map((f) => `${f.rule}@${f.range.start.character}`);
    assert.ok(found.includes('SC101@0'), found.join());
    assert.ok(found.some((f) => f.startsWith('SC103@')), found.join());
  });
});
