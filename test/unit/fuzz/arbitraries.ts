/** Inputs for fuzzing the engine: random Unicode, decoded random bytes, and real seed text with the damage scrapers do. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import * as iconv from 'iconv-lite';
import { CorpusStats } from '../../../src/core/corpus';

const DEVSET = '/work/shared/devset/news';
const SEEDS = path.join(__dirname, '../../../seeds');

function readDir(dir: string, limit: number): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir).sort().slice(0, limit).map((f) => fs.readFileSync(path.join(dir, f), 'utf8'));
}

/** Real pages: the seeds and some of the development set (several pages of one site, so lines recur). */
export const REAL_TEXTS = [...readDir(SEEDS, 20), ...readDir(DEVSET, 30)].filter((t) => t.length < 60_000);

/** The corpus the fuzzed texts are linted against, so corpus-dependent rules run too. */
export const CORPUS = CorpusStats.fromTexts(REAL_TEXTS);

export const FUZZ_RUNS = Number(process.env.FUZZ_RUNS ?? 0) || undefined;

/** How many cases a property runs: a short default for `npx mocha`, FUZZ_RUNS for `npm run fuzz`. */
export function runs(short: number): number {
  return FUZZ_RUNS ?? short;
}

const lineBreak = fc.constantFrom('\n', '\r\n', '\r');
const cjk = fc.integer({ min: 0x4e00, max: 0x9fff }).map((c) => String.fromCharCode(c));
const webChars = fc.constantFrom('<', '>', '/', '&', ';', '?', '\uFFFD', '\u3000', '。', '，', ':', '：', '"', '“', '”', ' ', '\t', '(', ')', '（', '）', 'ā', 'ǎ', 'é', '0', '1', '2', '-', '©', '|', '»', '\ufeff', '\u200b');

/** Any UTF-16 string, lone surrogates included, with line breaks of every kind. */
export const anyUnicode = fc.array(fc.oneof(
  { weight: 4, arbitrary: fc.string({ unit: 'binary', maxLength: 30 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 30 }) },
  { weight: 1, arbitrary: fc.array(fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c)), { maxLength: 4 }).map((s) => s.join('')) },
  { weight: 2, arbitrary: lineBreak },
), { maxLength: 60 }).map((parts) => parts.join(''));

/** Chinese-looking text: Han characters, web punctuation and markup fragments, line breaks. */
export const chineseLike = fc.array(fc.oneof(
  { weight: 8, arbitrary: cjk },
  { weight: 3, arbitrary: webChars },
  { weight: 1, arbitrary: lineBreak },
  { weight: 1, arbitrary: fc.constantFrom('<p>', '</div>', '&nbsp;', '&#12345;', 'wǎng', 'zhōng guó', 'http://example.com/a?b=1', '责任编辑：', '来源：', '2023-06-29', '【', '】', '分享到', '返回顶部') },
), { maxLength: 400 }).map((parts) => parts.join(''));

/** Random bytes read as text the way a curator's tools might: every code page the engine meets. */
export const decodedBytes = fc.tuple(fc.uint8Array({ maxLength: 600 }), fc.constantFrom('gbk', 'gb18030', 'big5', 'utf8', 'utf16le', 'utf16be', 'latin1', 'shift_jis', 'euc-kr')).map(([bytes, encoding]) => iconv.decode(Buffer.from(bytes), encoding));

/** A window of lines of a real page, so the cases stay small. */
const realWindow = fc.tuple(fc.nat(REAL_TEXTS.length - 1), fc.nat(400), fc.integer({ min: 1, max: 80 })).map(([i, start, length]) => {
  const lines = REAL_TEXTS[i].split('\n');
  const from = Math.min(start, Math.max(0, lines.length - length));
  return lines.slice(from, from + length).join('\n');
});

type Corruption = (text: string, at: number, n: number) => string;

const CORRUPTIONS: Record<string, Corruption> = {
  /** A GBK re-encoding with bytes dropped, decoded as UTF-8 or GBK: mojibake and lost characters. */
  gbkBytesDropped: (text, at, n) => {
    const bytes = iconv.encode(text, 'gbk');
    const cut = Buffer.concat([bytes.subarray(0, at % (bytes.length + 1)), bytes.subarray((at % (bytes.length + 1)) + (n % 7) + 1)]);
    return n % 2 ? iconv.decode(cut, 'gbk') : cut.toString('utf8');
  },
  /** UTF-8 read as GBK: the classic mojibake. */
  utf8AsGbk: (text) => iconv.decode(Buffer.from(text, 'utf8'), 'gbk'),
  insertedTags: (text, at, n) => {
    const tags = ['<p>', '</p>', '<br />', '<div class="article-content">', '&nbsp;', '<!-- ad -->', '<span style="color:red">', '<a href="/news/2023/0629.html">'];
    return text.slice(0, at % (text.length + 1)) + tags[n % tags.length] + text.slice(at % (text.length + 1));
  },
  questionMarks: (text, at, n) => {
    const chars = [...text];
    for (let k = 0; k < (n % 12) + 1 && chars.length; k++) chars[(at + k * 7919) % chars.length] = '?';
    return chars.join('');
  },
  pinyinReadings: (text, at, n) => {
    const readings = ['(wǎng)', '（zhōng）', 'guó', '(xīn wén)', 'bào dào'];
    const chars = [...text];
    for (let k = 0; k < (n % 6) + 1 && chars.length; k++) chars.splice((at + k * 104729) % chars.length, 0, readings[(n + k) % readings.length]);
    return chars.join('');
  },
  replacementChars: (text, at, n) => text.slice(0, at % (text.length + 1)) + '\uFFFD'.repeat((n % 4) + 1) + text.slice(at % (text.length + 1)),
  lineEndings: (text, _at, n) => text.replace(/\n/g, () => ['\n', '\r\n', '\r'][(n = (n * 1103515245 + 12345) & 0x7fffffff) % 3]),
  duplicatedLines: (text, at) => {
    const lines = text.split('\n');
    const i = at % lines.length;
    return [...lines.slice(0, i + 1), lines[i], ...lines.slice(i + 1)].join('\n');
  },
};

/** Real text with one to three corruptions. */
export const corruptedReal = fc.tuple(realWindow, fc.array(fc.tuple(fc.constantFrom(...Object.keys(CORRUPTIONS)), fc.nat(), fc.nat()), { minLength: 1, maxLength: 3 }))
  .map(([text, steps]) => steps.reduce((t, [name, at, n]) => CORRUPTIONS[name](t, at, n), text));

export const anyText = fc.oneof(anyUnicode, chineseLike, decodedBytes, corruptedReal, corruptedReal);
