import assert from 'node:assert/strict';
import { loadsModule } from '../support/lazy-load';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fixText } from '../../../src/core/fix';
import { lintText } from '../../../src/core/runner';
import { htmlResidue } from '../../../src/rules/html-residue';

const ROOT = path.join(__dirname, '../../..');
const SEEDS = path.join(ROOT, 'seeds');
const rules = [htmlResidue];

function flagged(text: string): string[] {
  const lines = text.split('\n');
  return lintText(text, { rules }).findings.map((f) => lines[f.range.start.line].slice(f.range.start.character, f.range.end.character));
}

function fixed(text: string): string {
  return fixText(text, { rules }).text;
}

/** What the scraper of seed 002 does to markup: it eats each `<` and shifts the character before it one code point down. */
function eatOpeningBrackets(html: string): string {
  let out = '';
  for (const ch of html) {
    if (ch !== '<') out += ch;
    else if (out) {
      const last = String.fromCodePoint(out.codePointAt(out.length - 1)!);
      out = out.slice(0, out.length - last.length) + String.fromCodePoint(last.codePointAt(0)! - 1);
    }
  }
  return out;
}

describe('SC107 html-residue', () => {
  describe('seed 002 (a scraper that ate every `<`)', () => {
    const text = fs.readFileSync(path.join(SEEDS, '002_1a045ee9db5761ec.txt'), 'utf8');

    it('flags every line with residue', () => {
      const lines = new Set(lintText(text, { rules }).findings.map((f) => f.range.start.line));
      assert.deepEqual([...lines], [0, 3, 6, 12, 14, 18, 20, 22, 25]);
    });

    it('removes the residue and restores the shifted characters', () => {
      const after = fixed(text);
      assert.doesNotMatch(after, /\/(a|p|div|td)>|br \/>|span id=|href=/);
      const lines = after.split('\n');
      assert.equal(lines[0], '无障碍浏览外文 繁體中文');
      assert.equal(lines[3], '当前位置:');
      assert.equal(lines[6], '发布日期?020-12-04浏览次数:字号:〖??小〗');
      assert.ok(lines.includes('扫一扫在手机打开当前页'));
      assert.ok(lines.includes('【返回顶部】【打印此页】【关闭窗口】'));
      assert.match(after, /提出的“争当表率、争做示范、走在前列”新要求/);
      assert.match(after, /苏公网安\?2041102000483号 网站标识码:3204000002 苏ICP\?5003616号 技术支持电话/);
    });

    it('turns a mid-line <br /> into a line break after the restored full stop', () => {
      const after = fixed(text);
      assert.match(after, /推动更多的前沿成果在常转化。\n   农工党领导专家对研究院建设进度表示满意/);
    });
  });

  it('restores what the shifting scraper did to constructed markup', () => {
    const html = '<p>更多内容请<a href="/news/list.html" target="_blank">点击浏览</a>相关报道。<br />责任编辑:王页</p>';
    const scraped = eatOpeningBrackets(html);
    assert.equal(scraped, 'p>更多内容诶a href="/news/list.html" target="_blank">点击浏觇/a>相关报道、br />责任编辑:王顴/p>');
    assert.equal(fixed(scraped), '更多内容请点击浏览相关报道。\n责任编辑:王页');
  });

  it('removes residue without restoring when the article shows no shift', () => {
    assert.equal(fixed('作者:叶/a> 来源:新华社'), '作者:叶 来源:新华社');
    assert.equal(fixed('当前位置:首页/div>'), '当前位置:首页');
  });

  it('removes a residue after a lost character without touching the `?`', () => {
    assert.equal(fixed('无障碍浏觇/a> 字号:?/a>'), '无障碍浏览 字号:?');
  });

  it('removes whole tags, comments and attributes', () => {
    assert.equal(fixed('<p>常州科教城举行高质量发展大会</p>'), '常州科教城举行高质量发展大会');
    assert.equal(fixed('<span style="color:red;font-weight:bold">重要</span>通知'), '重要通知');
    assert.equal(fixed('正文<!-- 广告位 -->继续'), '正文继续');
    assert.equal(fixed('第一段。<BR>第二段。'), '第一段。\n第二段。');
    assert.equal(fixed(`'" id="sinaadtk_sandbox_id_0" style="float:left;">`), '');
  });

  it('decodes entities', () => {
    assert.equal(fixed('&nbsp;&nbsp;中国&amp;美国&#20013;&#x6587;&ldquo;引号&rdquo;'), '  中国&美国中文“引号”');
    assert.equal(fixed('记者&nbsp张三'), '记者 张三');
    assert.equal(fixed('&amp;nbsp;'), ' ');
  });

  it('offers the removal of a bare tag name only for review', () => {
    const f = lintText('正文内容、p>下一段', { rules }).findings;
    assert.equal(f.length, 1);
    assert.equal(f[0].fixes[0].safe, false);
  });

  it('leaves breadcrumbs, comparisons and prose alone', () => {
    const clean = [
      '首页 > 新闻中心 > 正文',
      '首页>>新闻>>正文',
      '您当前的位置 :  > 新聞中心 > 新聞中心 > 正文',
      '比例为a/b>c时成立',
      '差异显著(p>0.05)',
      '显著性p>0.05',
      '如果a<b且b>c,那么a<c',
      '《三国演义》<<红楼梦>>',
      'AT&T;公司与Rock&Roll乐队',
      'Swisse 钙&VD片',
      '跟贴已关闭去跟贴广场看看 >',
      'if (x > 0 && y < 1) { return a; }',
      '查看全部评论>>',
      '执笔/叨叨姐、胡一刀&李小飞刀',
    ];
    for (const c of clean) assert.deepEqual(flagged(c), [], c);
  });
});

describe('SC107 loading', () => {
  it('loads the character model only for residue whose `<` was lost after a Han character', () => {
    const probe = (sample: string) => String(loadsModule('html-residue', 'htmlResidue', sample, 'jieba'));
    assert.equal(probe('首页 > 新闻 > 正文\n<p>正文&nbsp;内容</p>'), 'false');
    assert.equal(probe('无障碍浏觇/a>外文'), 'true');
  });
});
