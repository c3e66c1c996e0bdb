import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as OpenCC from 'opencc-js';
import { CorpusStats } from '../../../src/core/corpus';
import { fixText } from '../../../src/core/fix';
import { lintText, type LintOptions } from '../../../src/core/runner';
import type { Finding } from '../../../src/core/types';
import { boilerplateRules } from '../../../src/rules/boilerplate';
import * as lexicon from '../../../src/rules/boilerplate-lexicon';

const SEEDS = path.join(__dirname, '../../../seeds');
const seed = (prefix: string) => {
  const name = fs.readdirSync(SEEDS).find((f) => f.startsWith(prefix))!;
  return fs.readFileSync(path.join(SEEDS, name), 'utf8');
};
const rules = boilerplateRules;

function lint(text: string, options: LintOptions = {}): Finding[] {
  return lintText(text, { rules, ...options }).findings;
}

/** Every flagged line with the slug of the rule that flagged it. */
function byLine(text: string, options: LintOptions = {}): Map<number, string> {
  const out = new Map<number, string>();
  for (const f of lint(text, options)) {
    for (let l = f.range.start.line; l <= f.range.end.line; l++) out.set(l, f.slug);
  }
  return out;
}

function nonBlankLines(text: string, from: number, to: number): number[] {
  return text.split('\n').map((l, i) => (i >= from && i <= to && l.trim() ? i : -1)).filter((i) => i >= 0);
}

function fixed(text: string, options: LintOptions = {}): string {
  return fixText(text, { rules, ...options }).text;
}

/** A page the way a naive scraper leaves it: menu, breadcrumb, headline, metadata, body, tail. */
const BODY = [
  '新华社北京3月5日电 记者从有关部门获悉，今年一季度全市新增就业岗位超过两万个，同比增长百分之十二，创近五年同期新高。',
  '该负责人表示，登录政务服务平台即可在线办理失业登记，版权所有人也可通过平台申请作品登记，相关材料会在三个工作日内审核完毕。',
  '业内人士认为，关键词是“稳”，下一步将继续扩大技能培训覆盖面，帮助更多青年找到合适岗位，推动就业质量稳步提升。',
];
const PAGE = [
  '一季度全市新增就业岗位超两万个_新闻中心_某某网',
  '首页',
  '新闻',
  '体育',
  '财经',
  '登录',
  '注册',
  '首页 > 新闻中心 > 正文',
  '一季度全市新增就业岗位超两万个',
  '来源：某某日报 发布时间：2023-04-01 10:00 浏览次数：1234',
  ...BODY,
  '（编辑 王小明）',
  '关键词：就业 岗位 培训',
  '分享到：微信 微博 QQ空间',
  '一季度全市新增就业岗位超两万个',
  '相关阅读',
  '外地游客春节期间消费创新高',
  '2023-03-01 09:00',
  '某地地铁新线路今日开通运营，市民纷纷...',
  '联系我们 | 网站地图 | 广告服务',
  'Copyright © 2010-2023 某某网 版权所有 京ICP备12345678号-1',
].join('\n');

describe('SC2xx boilerplate', () => {
  describe('a constructed page', () => {
    const lines = PAGE.split('\n');
    const flags = byLine(PAGE);
    const at = (text: string) => lines.indexOf(text);

    it('flags the chrome of the page by kind', () => {
      for (let i = 1; i <= 6; i++) assert.equal(flags.get(i), 'site-chrome', `line ${i}`);
      assert.equal(flags.get(7), 'breadcrumb');
      assert.equal(flags.get(at('（编辑 王小明）')), 'editor-credit');
      assert.equal(flags.get(at('关键词：就业 岗位 培训')), 'empty-keywords');
      assert.equal(flags.get(at('分享到：微信 微博 QQ空间')), 'share-widget');
      assert.equal(flags.get(lines.lastIndexOf('一季度全市新增就业岗位超两万个')), 'repeated-title');
      for (let i = at('相关阅读'); i <= at('某地地铁新线路今日开通运营，市民纷纷...'); i++) assert.equal(flags.get(i), 'related-articles', `line ${i}`);
      assert.equal(flags.get(at('联系我们 | 网站地图 | 广告服务')), 'site-footer');
      assert.equal(flags.get(lines.length - 1), 'site-footer');
    });

    it('leaves the page title, the headline and every body paragraph alone, though they mention 登录, 版权所有, 关键词', () => {
      for (const line of [0, 8, ...BODY.map((b) => at(b))]) assert.equal(flags.get(line), undefined, `line ${line}`);
    });

    it('flags only the view counter of the metadata line', () => {
      const widget = lint(PAGE).find((f) => f.range.start.line === 9)!;
      assert.equal(lines[9].slice(widget.range.start.character, widget.range.end.character).trim(), '浏览次数：1234');
    });

    it('deletes the boilerplate and keeps the article', () => {
      const after = fixed(PAGE);
      assert.equal(after, ['一季度全市新增就业岗位超两万个_新闻中心_某某网', '一季度全市新增就业岗位超两万个', '来源：某某日报 发布时间：2023-04-01 10:00', ...BODY].join('\n'));
    });
  });

  describe('SC201 site-chrome', () => {
    it('flags accessibility, language, login and weather widgets', () => {
      const text = ['无障碍浏览 外文版 繁體中文', '登录个人中心', '武进天气:', '字号：大 中 小', '', '标题行在这里出现了', '', BODY[0]].join('\n');
      assert.deepEqual([0, 1, 2, 3].map((i) => byLine(text).get(i)), ['site-chrome', 'site-chrome', 'site-chrome', 'site-chrome']);
    });

    it('flags a row of menu items before the headline, for review when no chrome word anchors it', () => {
      const text = ['走进本市 政府信息公开 政务服务 政民互动 数据发布', '市长带队赴京对接重大项目', '', BODY[0], BODY[1]].join('\n');
      const finding = lint(text).find((f) => f.range.start.line === 0)!;
      assert.equal(finding.slug, 'site-chrome');
      assert.equal(finding.fixes[0].safe, false);
      assert.equal(byLine(text).get(1), undefined);
    });

    it('does not take a headline with Latin words for a menu row', () => {
      const text = ['三星 Galaxy S20 系列手机正式发布', '', BODY[0], BODY[1]].join('\n');
      assert.equal(byLine(text).size, 0);
    });
  });

  describe('SC202 breadcrumb', () => {
    it('flags trails and the words of one', () => {
      for (const line of ['首页>> 新闻中心 >> 正文', '您當前的位置 :  > 新聞中心 > 新聞中心 > 正文', '当前位置：', '国内新闻>正文', '> 10%公司']) {
        assert.equal(byLine([line, '标题行在这里出现了', BODY[0]].join('\n')).get(0), 'breadcrumb', line);
      }
    });

    it('leaves a route with one arrow in the body, and a more-link', () => {
      const text = [BODY[0], '北京→上海', BODY[1], BODY[2], '更多精彩评论>>'].join('\n');
      const flags = byLine(text);
      assert.equal(flags.get(1), undefined);
      assert.notEqual(flags.get(4), 'breadcrumb');
    });
  });

  describe('SC203 site-footer', () => {
    it('flags copyright, registration and contact lines, in both scripts', () => {
      const footer = ['版權所有 武進區融媒體中心 聯繫電話:0519-86571031', '蘇ICP備10099057號-3', '苏公网安?2041102000483 网站标识码:3204000002', '网站联系邮箱:435 227 67@qq.com', '主办:某市人民政府办公室 承办:某市大数据管理局'];
      const text = [BODY[0], BODY[1], ...footer].join('\n');
      const flags = byLine(text);
      footer.forEach((_, k) => assert.equal(flags.get(2 + k), 'site-footer', footer[k]));
    });

    it('flags a reprint notice only after the article', () => {
      const notice = '未经授权，任何单位和个人不得转载、摘编或以其他方式使用本网作品。';
      assert.equal(byLine([BODY[0], BODY[1], notice].join('\n')).get(2), 'site-footer');
      assert.equal(byLine([BODY[0], notice, BODY[1], BODY[2]].join('\n')).get(1), undefined);
    });
  });

  describe('SC204 share-widget', () => {
    it('flags print, close, back-to-top and share bars', () => {
      const widgets = ['扫一扫在手机打开当前页', '【返回顶部】【打印此页】【关闭窗口】', '分享到：微信 微博 QQ空间', '【字体：大 中 小】'];
      const flags = byLine([BODY[0], BODY[1], ...widgets].join('\n'));
      widgets.forEach((w, k) => assert.equal(flags.get(2 + k), 'share-widget', w));
    });

    it('leaves prose that mentions sharing', () => {
      const text = [BODY[0], '活动现场，不少市民拿出手机扫一扫，把照片分享到朋友圈和微博，并为志愿者点赞。', BODY[1]].join('\n');
      assert.equal(byLine(text).size, 0);
    });
  });

  describe('SC205 empty-keywords', () => {
    it('flags empty keyword lines and keyword lists, with values on the next line', () => {
      const text = [BODY[0], BODY[1], '關鍵詞: 產業 創新 項目 科創 瑞安', '关键字 :', '公园', 'Tags: 就业'].join('\n');
      const flags = byLine(text);
      for (const i of [2, 3, 4, 5]) assert.equal(flags.get(i), 'empty-keywords', `line ${i}`);
    });

    it('leaves a sentence that starts with 关键词', () => {
      const text = [BODY[0], '关键词：稳中求进是今年经济工作的总基调，各地都在围绕这一要求部署任务。', BODY[1]].join('\n');
      assert.equal(byLine(text).size, 0);
    });
  });

  describe('SC206 photo-placeholder', () => {
    it('flags placeholders standing alone', () => {
      for (const line of ['(资料图)', '（图片来源：网络）', '【资料图片】', '图片来源: 视觉中国']) {
        assert.equal(byLine([line, BODY[0], BODY[1]].join('\n')).get(0), 'photo-placeholder', line);
      }
    });

    it('leaves captions', () => {
      assert.equal(byLine([BODY[0], '图为市民在公园晨练。', '加拿大大叔Gweilo （视频截图）', BODY[1]].join('\n')).size, 0);
    });
  });

  describe('SC207 editor-credit', () => {
    it('flags credit lines, a name on the next line included', () => {
      const credits = ['责编: 莊恩慧', '(责编:汤诗瑶、丁涛)', '编辑 刘晓阳 校对 李铭', '【责任编辑：李四 王五】', '责任编辑：', '尹世杰'];
      const flags = byLine([BODY[0], BODY[1], ...credits].join('\n'));
      credits.forEach((c, k) => assert.equal(flags.get(2 + k), 'editor-credit', c));
    });

    it('leaves prose about editors and sub-headlines that start with a role word', () => {
      const text = [BODY[0], '编辑部负责人表示，今年将继续扩大报道规模，并加强审核把关。', '审核把关要严格', BODY[1], '统筹推进城乡发展', BODY[2]].join('\n');
      assert.equal(byLine(text).size, 0);
    });
  });

  describe('SC208 repeated-title', () => {
    it('flags the headline repeated after the body, not a sub-headline inside it', () => {
      const text = ['武进新能源汽车产业合作交流会举行', '', BODY[0], '', '市区领导在沪拜访投资机构', '', BODY[1], '', BODY[2], '', '武进新能源汽车产业合作交流会举行'].join('\n');
      const flags = byLine(text);
      assert.equal(flags.get(10), 'repeated-title');
      assert.equal(flags.get(0), undefined);
      assert.equal(flags.get(4), undefined);
    });
  });

  describe('SC209 related-articles', () => {
    it('flags a header and the list after it, up to the footer', () => {
      const list = ['猜你喜欢', '', '这条铁路正线贯通!开通后半小时直达机场!', '', '最新消息!继城际铁路后第4条连通两地的铁路更多', '', '2023-06-29 20:42:59'];
      const text = [BODY[0], BODY[1], ...list, '© 2012-2020 某某网 版权所有'].join('\n');
      const finding = lint(text).find((f) => f.slug === 'related-articles')!;
      assert.deepEqual([finding.range.start.line, finding.range.end.line], [2, 8]);
      assert.equal(finding.fixes[0].safe, true);
    });

    it('offers a header-less run of teasers about other topics for review', () => {
      const teasers = [
        '拒绝对过敏“束手就擒” 世界动态 近年来,过敏的人越来越多了,这种现象已经被多个大型的流行病学研究所证实。面对过敏,我们只能“束手就擒',
        '今日快讯:“五一”来南庄,不仅有车展,还有美食、美景等着你! 4月29日,2023佛山(南庄)汽车文化嘉年华马上就要和大家见面啦!本届汽车文',
        '白银期货上行继续看涨 今日周五(4月28日)亚盘时段,白银...',
        '会不会开翻?切尔西只差降级区10分,剩6战将对枪魔城纽卡... 英超已经来到本赛季的最后冲刺阶段...',
      ];
      const text = [...BODY, ...teasers].join('\n');
      const findings = lint(text).filter((f) => f.slug === 'related-articles');
      assert.equal(findings.length, 1);
      assert.deepEqual([findings[0].range.start.line, findings[0].range.end.line], [3, 6]);
      assert.equal(findings[0].fixes[0].safe, false);
    });

    it('leaves an article whose lines a scraper wrapped mid-sentence', () => {
      const wrapped = BODY.join('').match(/.{1,30}/gu)!.map((l) => l.replace(/[。，]$/u, '')).join('\n');
      assert.equal(byLine(wrapped).size, 0);
    });

    it('leaves a paragraph that mentions related reading', () => {
      const text = [BODY[0], '相关阅读材料已经发放到各个社区，居民可以到服务中心领取，也可以在网上查阅。', BODY[1]].join('\n');
      assert.equal(byLine(text).size, 0);
    });
  });

  describe('SC210 recurring-line', () => {
    const chrome = '本站部分内容来自互联网如有侵权请联系删除';
    const texts = Array.from({ length: 10 }, (_, k) => [`第${k}篇文章的标题在这里`, BODY[k % 3], chrome].join('\n'));
    const corpus = CorpusStats.fromTexts(texts);

    it('flags a line many files share, for review', () => {
      const finding = lint(texts[0], { corpus }).find((f) => f.slug === 'recurring-line')!;
      assert.equal(finding.range.start.line, 2);
      assert.equal(finding.fixes[0].safe, false);
    });

    it('never flags body prose, however often it recurs', () => {
      assert.ok(!lint(texts[0], { corpus }).some((f) => f.range.start.line === 1));
    });

    it('needs the configured number of files', () => {
      assert.ok(!lint(texts[0], { corpus, config: { recurrence: { minFiles: 11 } } }).some((f) => f.slug === 'recurring-line'));
    });

    it('flags lines matching configured patterns, unless the workspace is untrusted', () => {
      const text = [BODY[0], '广告：点击领取优惠券'].join('\n');
      const config = { boilerplatePatterns: ['^广告[:：]'] };
      assert.equal(byLine(text, { config }).get(1), 'recurring-line');
      assert.equal(byLine(text, { config, trusted: false }).get(1), undefined);
    });
  });

  describe('deletion', () => {
    it('takes the blank lines after a block, and before a block that ends the text', () => {
      const text = ['(资料图)', '', BODY[0], '', BODY[1], '', '责编: 张三', '', '琼ICP备2022009675号-3', ''].join('\n');
      assert.equal(fixed(text), [BODY[0], '', BODY[1], ''].join('\n'));
    });
  });

  describe('the seeds', () => {
    const expectations: [string, number[], number[]][] = [
      // seed, lines that must be flagged, lines that must stay unflagged
      ['000', [4, 20, ...nonBlankLines(seed('000'), 22, 99)], [1, 6, 8, 10, 12, 14, 16, 18]],
      ['001', nonBlankLines(seed('001'), 16, 34), nonBlankLines(seed('001'), 0, 15)],
      ['002', [0, 1, 2, 3, 4, 20, 22, 23, 24, 25], [5, 8, 10, 12, 14, 16, 18]],
      ['003', [], nonBlankLines(seed('003'), 0, 70)],
      ['004', [0, 2, 25, 27, 29, 30, 32], [3, 4, 7, 9, 11, 13, 15, 17, 19, 21, 23]],
    ];
    for (const [name, positive, negative] of expectations) {
      it(`seed ${name}: flags its boilerplate and nothing of the article`, () => {
        const flags = byLine(seed(name));
        for (const l of positive) assert.ok(flags.has(l), `line ${l} not flagged`);
        for (const l of negative) assert.ok(!flags.has(l), `line ${l} flagged ${flags.get(l)}`);
      });
    }

    it('seed 001: the header-less teaser tail is offered for review, not deleted unattended', () => {
      const tail = lint(seed('001')).find((f) => f.slug === 'related-articles')!;
      assert.deepEqual([tail.range.start.line, tail.range.end.line, tail.fixes[0].safe], [17, 34, false]);
    });

    it('seed 004: flags the hotline inside the metadata line and keeps its date', () => {
      const text = seed('004');
      const line5 = lint(text).filter((f) => f.range.start.line === 5);
      assert.equal(line5.length, 1);
      assert.ok(line5[0].range.start.character > 0);
      assert.match(fixed(text), /來源:武進日報 作者: 日期:2022-11-21\n/);
    });

    it('fixing keeps every article line of every seed', () => {
      for (const name of ['000', '001', '002', '003', '004']) {
        const text = seed(name);
        const after = new Set(fixed(text).split('\n'));
        for (const l of expectations.find((e) => e[0] === name)![2]) assert.ok(after.has(text.split('\n')[l]), `seed ${name} line ${l} lost`);
      }
    });
  });

  describe('the lexicon', () => {
    it('folds every traditional form of its characters onto them', () => {
      const sources = Object.values(lexicon).flatMap((v) => (v instanceof RegExp ? [v.source] : []));
      const han = [...new Set(sources.join('').match(/\p{Script=Han}/gu))];
      for (const to of ['tw', 'hk'] as const) {
        const convert = OpenCC.Converter({ from: 'cn', to });
        for (const ch of han) assert.equal(lexicon.foldToLexicon(convert(ch)), ch, `${convert(ch)} (${to}) does not fold to ${ch}`);
      }
    });
  });
});
