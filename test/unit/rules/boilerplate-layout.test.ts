import assert from 'node:assert/strict';
import fc from 'fast-check';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArticle } from '../../../src/core/article';
import { analyseLayout, cutBodyAt, isMenuRow, isProse, type LineShape, SHAPE_SLOTS, shapeOf } from '../../../src/core/layout';

const SEEDS = path.join(__dirname, '../../../seeds');
const layoutOf = (prefix: string) => {
  const name = fs.readdirSync(SEEDS).find((f) => f.startsWith(prefix))!;
  return analyseLayout(parseArticle(fs.readFileSync(path.join(SEEDS, name), 'utf8')));
};
const layoutOfText = (lines: string[]) => analyseLayout(parseArticle(lines.join('\n')));

const PARAGRAPHS = [
  '新华社北京3月5日电 记者从有关部门获悉，今年一季度全市新增就业岗位超过两万个，同比增长百分之十二，创近五年同期新高。',
  '该负责人表示，下一步将继续扩大技能培训覆盖面，帮助更多青年找到合适岗位，推动就业质量稳步提升。',
  '业内人士认为，稳就业的关键在于稳企业，各地出台的减税降费措施正在逐步显效，企业用工需求明显回升。',
];

describe('page layout', () => {
  describe('shape cache', () => {
    // The cache compares line text in its own buffer and guesses the next slot: it must give what shapeOf gives.
    const withoutSlot = ({ slot: _slot, ...rest }: LineShape) => rest;
    const sameAsShapeOf = (text: string) => {
      const article = parseArticle(text);
      analyseLayout(article).shapes.forEach((s, i) => assert.deepEqual(withoutSlot(s), withoutSlot(shapeOf(article.lines[i]))));
    };

    it('gives the shapes of shapeOf, for repeated, reordered and near-identical lines', () => {
      const piece = fc.constantFrom('首页', '新闻', ' ', '登录', 'A', '。', '，', '2020-06-05', '>>', '|', '更多', '記者', '\u3000', 'x');
      const line = fc.array(piece, { maxLength: 8 }).map((parts) => parts.join(''));
      const article = fc.array(line, { maxLength: 30 });
      const eol = fc.constantFrom('\n', '\r\n', '\r');
      fc.assert(
        fc.property(fc.array(fc.tuple(article, eol), { minLength: 1, maxLength: 6 }), (articles) => {
          for (const [lines, separator] of articles) sameAsShapeOf(lines.join(separator));
        }),
        { numRuns: 200 },
      );
    });

    it('starts over when full, in the middle of an article', () => {
      const lines = Array.from({ length: SHAPE_SLOTS + 500 }, (_, i) => `第${i}条 要闻`);
      sameAsShapeOf(lines.join('\n'));
      sameAsShapeOf(lines.slice(0, 1000).join('\n'));
      // Long lines fill the text buffer before the slots run out.
      sameAsShapeOf(Array.from({ length: 20000 }, (_, i) => `${i}`.padStart(70, '新')).join('\n'));
    });
  });

  describe('line shapes', () => {
    it('reads through pinyin annotations and markup residue', () => {
      const s = shapeOf('關(guān)鍵詞(cí): 產(chǎn)業 /a> 創新');
      assert.equal(s.view, '關鍵詞: 產業   創新');
      assert.equal(s.han, 7);
    });

    it('counts a `?` as a clause mark only where a question ends', () => {
      assert.equal(shapeOf('发布日期?020-12-04').clauses, 0);
      assert.equal(shapeOf('苏ICP?5003616号').clauses, 0);
      assert.equal(shapeOf('会下雨吗?最新天气预报来了').clauses, 1);
    });

    it('tells prose from headlines and teasers cut by the site', () => {
      assert.ok(isProse(shapeOf(PARAGRAPHS[0])));
      assert.ok(!isProse(shapeOf('盛蕾带队赴天津开展产学研交流')));
      assert.ok(!isProse(shapeOf('日前,《天津市贯彻落实劳动合同法若干问题实施细则》向社会公开征求意更多')));
    });

    it('knows a menu row from a headline with Latin words', () => {
      assert.ok(isMenuRow(shapeOf('走进常州 政府信息公开 政务服务 政民互动 数据发布')));
      assert.ok(!isMenuRow(shapeOf('三星 Galaxy S20 系列手机正式发布')));
    });
  });

  describe('the seeds', () => {
    it('000: the page title, the headline under it, the body between chrome and the related list', () => {
      const l = layoutOf('000');
      assert.equal(l.pageTitle, 0);
      assert.equal(l.headline, 6);
      assert.deepEqual(l.body, { first: 10, last: 18 });
    });

    it('001: the body is all prose lines, the teasers after it are a run of their own', () => {
      const l = layoutOf('001');
      assert.deepEqual(l.body, { first: 0, last: 15 });
      assert.deepEqual(l.teaserRuns, [{ first: 17, last: 34 }]);
    });

    it('003: one body across the stories of a multi-story page, sub-headlines inside it', () => {
      const l = layoutOf('003');
      assert.equal(l.headline, 2);
      assert.deepEqual(l.body, { first: 4, last: 70 });
      assert.deepEqual(l.teaserRuns, []);
    });

    it('004: the headline group above the metadata line, without a page title', () => {
      const l = layoutOf('004');
      assert.equal(l.pageTitle, null);
      assert.equal(l.headline, 3);
      assert.deepEqual(l.body, { first: 7, last: 23 });
    });
  });

  it('keeps the body after the headline when a bigger block of prose sits elsewhere on the page', () => {
    const ticker = Array.from({ length: 12 }, (_, k) => `网友提问第${k}次：老师，这只股票还能继续持有吗？今天早上入了，现在快涨停了，后市怎么看，要不要加仓？`);
    const menu = Array.from({ length: 40 }, (_, k) => `栏目${k}`);
    const l = layoutOfText(['一季度全市新增就业岗位超两万个_某某网', '一季度全市新增就业岗位超两万个', ...PARAGRAPHS, ...menu, ...ticker]);
    assert.deepEqual(l.body, { first: 2, last: 4 });
  });

  it('does not take a hard-wrapped article for teasers, even after a paragraph left whole', () => {
    const wrap = (text: string) => text.match(/.{1,30}/gu)!.map((l) => l.replace(/[。，]$/u, ''));
    assert.deepEqual(layoutOfText(wrap(PARAGRAPHS.join(''))).teaserRuns, []);
    assert.deepEqual(layoutOfText([PARAGRAPHS[0], ...wrap(PARAGRAPHS[1] + PARAGRAPHS[2])]).teaserRuns, []);
  });

  describe('cutting the body at a list header', () => {
    it('cuts when little prose follows the header', () => {
      const lines = [...PARAGRAPHS, '相关推荐', '武汉音乐学院迎新现场，土味情话齁甜，新生看了想恋爱'];
      const l = layoutOfText(lines);
      assert.deepEqual(cutBodyAt(l, 3).body, { first: 0, last: 2 });
    });

    it('keeps the body when the article goes on after the header', () => {
      const lines = [PARAGRAPHS[0], '延伸阅读', PARAGRAPHS[1], PARAGRAPHS[2], PARAGRAPHS[0]];
      const l = layoutOfText(lines);
      assert.equal(cutBodyAt(l, 1), l);
    });
  });
});
