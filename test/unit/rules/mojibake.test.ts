import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import * as iconv from 'iconv-lite';
import { parseArticle } from '../../../src/core/article';
import { fixText } from '../../../src/core/fix';
import { articleMojibake, findMojibake, findStrayLetters, isSafeRepair } from '../../../src/core/mojibake';
import { lintText } from '../../../src/core/runner';
import type { Finding } from '../../../src/core/types';
import { mojibakeRules } from '../../../src/rules/mojibake';

const SEEDS = path.join(__dirname, '../../../seeds');
const seed = (prefix: string) => fs.readFileSync(path.join(SEEDS, fs.readdirSync(SEEDS).find((f) => f.startsWith(prefix))!), 'utf8');

const lint = (text: string): Finding[] => lintText(text, { rules: mojibakeRules, locale: 'en' }).findings;
const onLine = (findings: Finding[], line: number, rule: string) => findings.filter((f) => f.range.start.line === line && f.rule === rule);
const fixAll = (text: string) => fixText(text, { rules: mojibakeRules }).text;

/** What each kind of misreading makes of a text: the bytes of one code page decoded as another. */
const asGbk = (s: string) => iconv.decode(Buffer.from(s, 'utf8'), 'gbk');
const asBig5 = (s: string) => iconv.decode(Buffer.from(s, 'utf8'), 'big5');
/** Browsers read the bytes Windows-1252 leaves undefined as C1 controls; iconv-lite would lose them. */
const asLatin1 = (bytes: Buffer) => [...bytes].map((b) => (b >= 0x80 && b <= 0x9f ? '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ'[b - 0x80] : String.fromCharCode(b))).join('');
const gbkAsBig5 = (s: string) => iconv.decode(iconv.encode(s, 'gbk'), 'big5');
const big5AsGbk = (s: string) => iconv.decode(iconv.encode(s, 'big5'), 'gbk');
/** GBK with one byte lost at `at`, decoded as GBK: everything after it is read across characters. */
const shifted = (s: string, at: number) => {
  const b = iconv.encode(s, 'gbk');
  return iconv.decode(Buffer.concat([b.subarray(0, at), b.subarray(at + 1)]), 'gbk');
};

const CLEAN = [
  '盛蕾带队赴天津开展产学研交流，探索产学研合作新路径，塑造开放创新新格局。',
  '中汽中心业务涵盖汽车标准法规研究和制定、产品检测认证、共性及前瞻性技术研发等领域。',
  '天津大学是教育部直属首批全国重点大学，与常州渊源深厚。',
  '据统计，瑞安市已累计引进海内外高层次人才861名，柔性引进7家院士团队，建成9家博士后工作站。',
  '副市长蒋鹏举和市政府秘书长周承涛参加活动。',
];
const TRADITIONAL = '據統計，瑞安市已累計引進海內外高層次人才，柔性引進院士團隊，建成博士後工作站。';

describe('mojibake (SC101, SC102, SC106)', () => {
  describe('seed files', () => {
    it('finds the GBK frame shifts of 001 and realigns them, the lost characters marked', () => {
      const findings = lint(seed('001'));
      const repairs = [14, 33, 34].map((line) => {
        const [f] = onLine(findings, line, 'SC102');
        assert.ok(f, `line ${line}`);
        assert.equal(f.fixes.length, 1);
        assert.equal(f.fixes[0].safe, false);
        return f.fixes[0].edits[0].newText;
      });
      assert.match(repairs[0], /”目前\uFFFD宇院士團/);
      assert.match(repairs[1], /“五一”/);
      assert.match(repairs[2], /了音/);
      for (const r of repairs) assert.ok(r.includes('\uFFFD'));
    });

    it('realigns the frame shift of 004 through the private-use pair and the ASCII byte that ends it', () => {
      const text = seed('004');
      const [f] = onLine(lint(text), 15, 'SC102');
      assert.ok(f);
      const line = text.split('\n')[15];
      assert.equal(line.slice(f.range.start.character, f.range.end.character), '??平坛且\uE024c');
      assert.equal(f.fixes[0].edits[0].newText, '\uFFFD科教城要與');
    });

    it('reports the GBK-read-as-UTF-8 navigation of 002 as unrecoverable, with a review fix that deletes it', () => {
      const text = seed('002');
      const lines = text.split('\n');
      const findings = lint(text);
      for (const line of [2, 4]) {
        const found = onLine(findings, line, 'SC101');
        assert.ok(found.length >= 2, `line ${line}`);
        for (const f of found) {
          assert.match(f.message, /cannot be recovered/);
          assert.deepEqual(f.fixes.map((x) => [x.safe, x.edits[0].newText]), [[false, '']]);
        }
        assert.ok(found.some((f) => lines[line].slice(f.range.start.character, f.range.end.character) === '\u07b5VS\u01b5\u0637'));
      }
    });

    it('leaves the clean files 000 and 003 alone', () => {
      assert.deepEqual(lint(seed('000')), []);
      assert.deepEqual(lint(seed('003')), []);
    });

    it('flags nothing else in the seeds', () => {
      const flagged = (prefix: string) => [...new Set(lint(seed(prefix)).map((f) => f.range.start.line))].sort((a, b) => a - b);
      assert.deepEqual(flagged('001'), [14, 33, 34]);
      assert.deepEqual(flagged('002'), [2, 4]);
      assert.deepEqual(flagged('004'), [15]);
    });
  });

  describe('UTF-8 read as GBK', () => {
    it('repairs a whole line exactly, as a safe fix', () => {
      const original = '探索产学研合作新路径，塑造开放创新新格局';
      const garbled = asGbk(original);
      // No byte left over at the end, so none lost.
      assert.ok(!garbled.includes('\uFFFD'));
      const [f] = lint(garbled);
      assert.equal(f.rule, 'SC101');
      assert.ok(f.fixes[0].safe);
      assert.equal(fixAll(garbled), original);
    });

    it('repairs a garbled stretch inside clean text and nothing around it', () => {
      const text = `${CLEAN[2]}${asGbk('天津大学党委书记')}对盛蕾一行的到来表示欢迎。`;
      const findings = lint(text);
      assert.equal(findings.length, 1);
      assert.equal(findings[0].range.start.character, CLEAN[2].length);
      assert.equal(fixAll(text), `${CLEAN[2]}天津大学党委书记对盛蕾一行的到来表示欢迎。`);
    });

    it('keeps the last character lost where an odd byte became U+FFFD, and repairs the rest safely', () => {
      const garbled = asGbk('为了更美好的生');
      assert.ok(garbled.endsWith('\uFFFD'));
      const runs = findMojibake(garbled);
      assert.ok(runs.some((r) => isSafeRepair(r) && r.repaired === '为了更美好的'));
      assert.ok(runs.some((r) => !isSafeRepair(r)));
      assert.ok(fixAll(garbled).startsWith('为了更美好的'));
    });

    it('completes a lost byte from context only as a review fix', () => {
      const runs = findMojibake(asGbk('大都会'));
      const guessed = runs.find((r) => r.guessed > 0);
      assert.ok(guessed);
      assert.equal(isSafeRepair(guessed), false);
    });

    it('reports 锟斤拷 (U+FFFD itself read as GBK) as unrecoverable', () => {
      assert.equal(asGbk('\uFFFD\uFFFD'), '锟斤拷');
      const runs = findMojibake('据报道锟斤拷锟斤拷今天');
      assert.equal(runs.length, 1);
      assert.equal(runs[0].repaired, null);
      assert.equal(findMojibake('标题:锟斤拷')[0]?.repaired, null);
    });

    it('re-reads every line of an article once the misreading is established, short ones too', () => {
      const lines = ['网站导航', '新闻中心', '生活', '为了更美好的生活方式', '视频', '我的保险'].map(asGbk);
      const runs = articleMojibake(parseArticle(lines.join('\n')));
      runs.forEach((r, i) => assert.ok(r.length > 0, `line ${i}: ${lines[i]}`));
    });
  });

  describe('other code pages', () => {
    it('repairs UTF-8 read as Big5', () => {
      const runs = findMojibake(`據統計，${asBig5('瑞安市人才資源總量連續三年居溫州第一')}。`);
      assert.ok(runs.some((r) => r.kind === 'utf8-as-big5'));
    });

    it('repairs UTF-8 read as Latin-1, in Chinese and in Latin text', () => {
      assert.equal(asLatin1(Buffer.from('市长', 'utf8')), 'å¸‚é•¿');
      assert.equal(fixAll('大会在å¸‚æ”¿åºœä¸¾è¡Œ'), '大会在市政府举行');
      // In Latin text the model has little to say: the repair is offered, not applied.
      const [latin] = findMojibake('CafÃ© de Flore');
      assert.equal(latin.repaired, 'é');
      assert.equal(isSafeRepair(latin), false);
    });

    it('repairs GBK read as Latin-1', () => {
      assert.equal(asLatin1(iconv.encode('市长', 'gbk')), 'ÊÐ³¤');
      const text = `中新网${asLatin1(iconv.encode('市长盛蕾带队赴天津', 'gbk'))}报道`;
      const [f] = lint(text);
      assert.match(f.message, /GBK text decoded as Latin-1/);
      assert.equal(fixAll(text), '中新网市长盛蕾带队赴天津报道');
    });

    it('repairs Big5 read as GBK and GBK read as Big5', () => {
      const big5 = big5AsGbk(TRADITIONAL);
      assert.ok(findMojibake(big5).some((r) => r.kind === 'big5-as-gbk'));
      assert.equal(fixAll(big5), TRADITIONAL);
      const gbk = `据悉，${gbkAsBig5('中汽中心业务涵盖汽车标准法规研究和制定')}。`;
      assert.ok(findMojibake(gbk).some((r) => r.kind === 'gbk-as-big5' && r.repaired === '中汽中心业务涵盖汽车标准法规研究和制定'));
    });

    it('finds GBK read as UTF-8, with and without the U+FFFD the decoder left', () => {
      const withMarks = iconv.encode('市长盛蕾带队', 'gbk').toString('utf8');
      assert.ok(withMarks.includes('\uFFFD'));
      assert.ok(findMojibake(`据介绍，${withMarks}。`).some((r) => r.kind === 'gbk-as-utf8' && r.repaired === null));
      const stripped = withMarks.replace(/\uFFFD/g, '');
      assert.ok(findMojibake(`据介绍，${stripped}前往`).some((r) => r.kind === 'gbk-as-utf8'));
    });
  });

  describe('GBK frame shift', () => {
    it('realigns text read one byte out of step, up to the ASCII byte that puts it back', () => {
      const original = '盛蕾表示，高校是人才的蓄水池、创新的动力源。2023年，常州新能源汽车产量大幅增长。';
      const garbled = shifted(original, 11);
      const runs = findMojibake(garbled);
      assert.equal(runs.length, 1);
      assert.equal(runs[0].kind, 'gbk-frame-shift');
      assert.ok(runs[0].repaired!.startsWith('\uFFFD'));
      assert.ok(runs[0].repaired!.includes('人才的蓄水池'));
      const fixed = garbled.slice(0, runs[0].start) + runs[0].repaired + garbled.slice(runs[0].end);
      assert.ok(fixed.endsWith('2023年，常州新能源汽车产量大幅增长。'));
    });

    it('maps ASCII punctuation a scraper normalised back to full width when that lines the bytes up', () => {
      const garbled = shifted('他说：“科教城要与其他功能板块一道，全力扛起使命。”', 5).replace(/？/g, '?').replace(/，/g, ',');
      const runs = findMojibake(garbled);
      assert.ok(runs.some((r) => r.kind === 'gbk-frame-shift' && r.repaired!.includes('科教城要与其他')));
    });

    it('is never applied unattended', () => {
      const garbled = shifted(CLEAN[3], 7);
      assert.equal(fixAll(garbled), garbled);
    });
  });

  describe('clean text stays silent', () => {
    const SILENT = [
      ...CLEAN,
      TRADITIONAL,
      '“五一”假期会下雨吗?最新天气预报来了!',
      '比预计的更热?天津升级高温预警!又要冲39℃_当前速读',
      '武进(上海)新能源汽车产业 国际合作交流会在沪举行',
      '天天观热点:盛蕾带队赴天津开展产学研交流',
      '2024 常州—上海经贸交流和创新合作活动周期间 常州代表团密集开展拜访对接',
      '恽淇丞、孙益锋参加相关活动，璞跃中国长三角区域创新中心，高瓴投资合伙人辛音。',
      '佛山新聞網訊佛山市新聞傳媒中心記者劉嶒報道。',
      '法国兴业银行(Société Générale)发布报告，德国球星托马斯·穆勒(Thomas Müller)表示。',
      '俄罗斯总统普京在莫斯科(Москва)会见，希腊(Ελλάδα)总理表示。',
      'PM2.5浓度为35μg/m³，气温零下5°C，误差±0.5%，β-胡萝卜素，α粒子和γ射线。',
      '阿拉伯语“السلام عليكم”意为你好，以色列(ישראל)。',
      '韩国组合방탄소년단发布新歌，日本动画《ありがとう》上映，我の世界，迈克尔・杰克逊。',
      '拼音nǐ hǎo是你好，越南河内(Hà Nội)，英语hello读作/həˈləʊ/。',
      '中新網(wǎng)溫州11月14日電(記者 范宇斌)',
      'iPhone 15 Pro Max售价7999元，GDP同比增长5.2%，版权所有©2019 新华网。',
      '琼ICP备2022009675号-3 网站联系邮箱:435 227 67@qq.com',
    ];
    for (const text of SILENT) {
      it(text.slice(0, 24), () => assert.deepEqual(lint(text), []));
    }
  });

  describe('stray letters of foreign scripts (SC106)', () => {
    it('flags a lone letter of a foreign script among Han characters', () => {
      for (const [text, script] of [['中国Ж人民共和国', 'Cyrillic'], ['经济ب发展迅速', 'Arabic'], ['上海ㅋ市政府', 'Hangul'], ['我们ぃ一起走', 'Kana'], ['常州ސ市区', 'Thaana'], ['市政府ɐ办公室', 'IPA']]) {
        const [f] = lint(text);
        assert.equal(f?.rule, 'SC106', text);
        assert.match(f.message, new RegExp(script));
        assert.equal(f.fixes[0].safe, false);
      }
    });

    it('leaves words of those scripts, and letters inside mojibake runs, to themselves', () => {
      assert.deepEqual(findStrayLetters('东京街头 魔が堕ちる夜 苍井そら 韩国组合방탄소년단', []), []);
      assert.deepEqual(findStrayLetters('普京在莫斯科(Москва)会见', []), []);
      const line = '首页>> \u07b5VS\u01b5\u0637 >> 正文';
      assert.deepEqual(findStrayLetters(line, findMojibake(line)), []);
    });
  });

  describe('properties', () => {
    const corpus = CLEAN.join('');

    it('never flags a stretch of clean text', () => {
      fc.assert(
        fc.property(fc.integer({ min: 0, max: corpus.length - 2 }), fc.integer({ min: 2, max: 60 }), (at, length) => {
          assert.deepEqual(findMojibake(corpus.slice(at, at + length)), []);
        }),
        { seed: 20240601, numRuns: 200 },
      );
    });

    it('finds UTF-8 read as GBK in any stretch of three characters or more, and repairs exact ones exactly', () => {
      fc.assert(
        fc.property(fc.integer({ min: 0, max: corpus.length - 3 }), fc.integer({ min: 3, max: 30 }), (at, length) => {
          const original = corpus.slice(at, at + length);
          const garbled = asGbk(original);
          const runs = findMojibake(`据介绍${garbled}`);
          assert.ok(runs.length > 0, garbled);
          if (!garbled.includes('\uFFFD') && runs.every(isSafeRepair)) assert.equal(fixAll(`据介绍${garbled}`), `据介绍${original}`);
        }),
        { seed: 20240602, numRuns: 100 },
      );
    });
  });
});
