/** Characters lost in transfer: U+FFFD, private-use code points, `?` in place of a character (SC103–SC105). */
import { linesContaining, type Article } from '../core/article';
import type { Rule, RuleFinding } from '../core/rule';
import { text } from '../core/rule';
import { positionAt, range } from '../core/text';

/** Inside a mojibake run the repair says which characters were lost and restores them. */
const MOJIBAKE_RULES = ['SC101', 'SC102'];

/** Runs of U+FFFD, with lone `?` between them merged in: decoders often leave both for one broken sequence. */
const REPLACEMENT_RUN = /\uFFFD(?:\?*\uFFFD)*/g;

/** SC103: U+FFFD, the mark a decoder leaves where bytes could not be decoded; the character is lost. */
export const replacementCharacter: Rule = {
  id: 'SC103',
  slug: 'replacement-character',
  category: 'garbled',
  defaultSeverity: 'error',
  description: text('U+FFFD replacement characters: text lost in decoding.', 'U+FFFD 替换字符:解码时丢失的文字。'),
  deferTo: MOJIBAKE_RULES,
  check(article) {
    const findings: RuleFinding[] = [];
    for (const i of linesContaining(article, ['\uFFFD'])) {
      for (const m of article.lines[i].matchAll(REPLACEMENT_RUN)) {
        findings.push({
          range: range(i, m.index, i, m.index + m[0].length),
          message: text(`${m[0].length} character(s) lost in decoding (U+FFFD).`, `${m[0].length} 个字符在解码时丢失(U+FFFD)。`),
          fixes: [],
        });
      }
    }
    return findings;
  },
};

/** The Basic Multilingual Plane's private-use area and the supplementary private-use planes 15 and 16. */
const PRIVATE_USE_RUN = /[\uE000-\uF8FF\u{F0000}-\u{FFFFD}\u{100000}-\u{10FFFD}]+/gu;
const HAS_PRIVATE_USE = /[\uE000-\uF8FF\uDB80-\uDBFF]/;

/** SC104: private-use code points have no meaning outside the font or decoder that produced them. */
export const privateUse: Rule = {
  id: 'SC104',
  slug: 'private-use',
  category: 'garbled',
  defaultSeverity: 'error',
  description: text(
    'Private-use code points: icon-font glyphs or characters a decoder could not map.',
    '私用区码位:图标字体字形或解码器无法映射的字符。',
  ),
  deferTo: MOJIBAKE_RULES,
  check(article) {
    const findings: RuleFinding[] = [];
    // Runs never span a line break, so the whole text is searched at once: a test per line costs more.
    if (!HAS_PRIVATE_USE.test(article.text)) return findings;
    for (const m of article.text.matchAll(PRIVATE_USE_RUN)) {
      const points = [...m[0]].map((c) => `U+${c.codePointAt(0)!.toString(16).toUpperCase()}`).join(' ');
      const { line, character } = positionAt(article.index, m.index);
      const r = range(line, character, line, character + m[0].length);
      findings.push({
        range: r,
        message: text(`Private-use code point(s) ${points}: no character of any script.`, `私用区码位 ${points}:不是任何文字的字符。`),
        fixes: [{ title: text('Delete the private-use code point(s)', '删除私用区码位'), safe: false, edits: [{ range: r, newText: '' }] }],
      });
    }
    return findings;
  },
};

// SC105 decides from the characters on either side of a `?` whether a question can end there.

type Kind = 'han' | 'digit' | 'latin' | 'open' | 'joiner' | 'space' | 'other';

const HAN = /\p{Script=Han}/u;
const WHITESPACE = /\s/;
const LOW_SURROGATE = /[\uDC00-\uDFFF]/;
const DIGIT = /[0-9０-９]/;
const LATIN = /[A-Za-z]/;
/** Opening quotes and brackets: a question cannot end right after them. */
const OPENING = /[“‘「『(（《〈【〔\[{]/;
/** Characters that join the parts of a number or date (11·28, 3.5, 2020-12, 1/2, 10:30). */
const JOINER = /[·.\-/:]/;
const WORD = /[\p{Script=Han}0-9０-９A-Za-z]/u;
/** Punctuation that continues a sentence: a question mark is never followed by it. */
const CONTINUING = /[。、,，;；]/;

/** The kind of a neighbour of `?`; the empty string is the edge of a paragraph. */
function kindOf(ch: string): Kind {
  if (ch === '' || WHITESPACE.test(ch)) return 'space';
  if (HAN.test(ch)) return 'han';
  if (DIGIT.test(ch)) return 'digit';
  if (LATIN.test(ch)) return 'latin';
  if (OPENING.test(ch)) return 'open';
  if (JOINER.test(ch)) return 'joiner';
  return 'other';
}

/** Sentence-final particles: a `?` right after one is a real question mark. */
const QUESTION_PARTICLE = /[吗嗎呢吧啊呀么麼嘛啦哇哦呐咯]/;
/**
 * Words that make the clause before a `?` a question: question words, particles, alternatives and the
 * A-not-A form (会不会, 是不是, 有没有).
 */
const QUESTION_CONTEXT = /[吗嗎呢么麼嘛吧啥谁誰哪几幾怎咋岂豈]|什么|什麼|多少|如何|为何|為何|是否|能否|可否|难道|難道|还是|還是|何[时時地处處]|(\p{Script=Han})[不没沒]\1/u;
/** Where the clause before a `?` starts. */
const CLAUSE_BREAK = /[\s,，;；:：。!！?？…]/;
const CLAUSE_WINDOW = 24;

const LEADING_ZERO = /^[0０][0-9０-９]/;
/** Units and measure words that follow a number. */
const UNIT = /[年月日号號时時分秒点點个個位名万萬亿億元岁歲次件条條家人天周届屆期层層%％‰℃]/;

/** Characters that need an object and cannot end a clause (prepositions, ordinal and distributive prefixes). */
const CANNOT_END = /[第每各把被从從向与與及于於约約其]/;
/** Characters that cannot open a clause (plural suffix, sentence-final particles). */
const CANNOT_START = /[们們吗嗎呢吧嘛啦么麼]/;

const URL = /(?:https?|ftp):\/\/[^\s"'<>\u3000-\u303f\uff00-\uffef“”‘’]+|www\.[A-Za-z0-9.-]+[^\s"'<>\u3000-\u303f\uff00-\uffef“”‘’]*/g;
/** A query string: `?name=`. */
const QUERY = /^[A-Za-z_][\w.-]*=/;
/** How far from a `?` a Han character must be for a digit or Latin neighbourhood to count as Chinese text. */
const HAN_NEARBY = 6;

type Verdict = 'lost' | 'maybe' | 'question';

function clauseBefore(line: string, at: number): string {
  let start = at;
  while (start > 0 && at - start < CLAUSE_WINDOW && !CLAUSE_BREAK.test(line[start - 1])) start--;
  return line.slice(start, at);
}

function hanNearby(line: string, from: number, to: number): boolean {
  for (let i = from - 1; i >= 0 && from - i <= HAN_NEARBY && !WHITESPACE.test(line[i]); i--) if (HAN.test(line[i])) return true;
  for (let i = to; i < line.length && i - to < HAN_NEARBY && !WHITESPACE.test(line[i]); i++) if (HAN.test(line[i])) return true;
  return false;
}

/**
 * The character before a `?`. At the start of an unindented line it is the previous line's last character when
 * that continues a sentence (a paragraph split at the question mark); otherwise the `?` opens a paragraph.
 */
function characterBefore(article: Article, lineNo: number, at: number): string {
  const line = article.lines[lineNo];
  // A character outside the BMP (CJK extension B) is a surrogate pair.
  if (at > 0) return String.fromCodePoint(line.codePointAt(at >= 2 && LOW_SURROGATE.test(line[at - 1]) ? at - 2 : at - 1)!);
  for (let i = lineNo - 1; i >= 0; i--) {
    const previous = article.lines[i];
    if (!previous.trim()) continue;
    const last = previous[previous.length - 1];
    return WORD.test(last) ? last : '';
  }
  return '';
}

function judge(article: Article, lineNo: number, start: number, end: number): Verdict {
  const line = article.lines[lineNo];
  const before = characterBefore(article, lineNo, start);
  const after = end < line.length ? String.fromCodePoint(line.codePointAt(end)!) : '';
  if (QUERY.test(line.slice(end, end + 40))) return 'question';
  const next = kindOf(after);
  // 今?·28: a question cannot end right before the joiner of a number.
  const beforeNumberJoiner = next === 'joiner' && after !== '.' && DIGIT.test(line[end + 1] ?? '');
  const previous = kindOf(before);
  if (CONTINUING.test(after) && previous === 'han') {
    return QUESTION_PARTICLE.test(before) || QUESTION_CONTEXT.test(clauseBefore(line, start)) ? 'question' : 'maybe';
  }
  // 12?日, 2?%: a number and its unit cannot be split by a question.
  const numberBeforeUnit = previous === 'digit' && UNIT.test(after);
  if (next !== 'han' && next !== 'digit' && next !== 'latin' && !beforeNumberJoiner && !numberBeforeUnit) return 'question';
  if (previous === 'space' || previous === 'open') return next === 'latin' ? 'maybe' : 'lost';
  // Nor right after a colon, dash or slash; `...?` is an ellipsis before a real question.
  if (previous === 'joiner') return next === 'digit' && before !== '.' ? 'lost' : 'question';
  if (previous === 'other') return 'question';
  if (QUESTION_PARTICLE.test(before) || QUESTION_CONTEXT.test(clauseBefore(line, start))) return 'question';
  if (beforeNumberJoiner) return 'lost';
  if (next === 'digit' || previous === 'digit') {
    if (!hanNearby(line, start, end)) return 'question';
    // ?020, ?00强: no number starts with a zero followed by digits, so the digits before it were lost too.
    if (next === 'digit' && LEADING_ZERO.test(line.slice(end, end + 2))) return 'lost';
    if (numberBeforeUnit) return 'lost';
    return 'maybe';
  }
  if (previous === 'han' && next === 'han' && (CANNOT_END.test(before) || CANNOT_START.test(after))) return 'lost';
  return previous === 'latin' && next === 'latin' ? 'question' : 'maybe';
}

const QUESTION_MARK = 0x3f;

interface Candidate {
  line: number;
  start: number;
  end: number;
  verdict: Verdict;
}

function candidates(article: Article): Candidate[] {
  const found: Candidate[] = [];
  for (const i of linesContaining(article, ['?'])) {
    const line = article.lines[i];
    // Every URL holds `://` or `www.`: most lines with a `?` hold neither, and need no search for one.
    const urls = line.includes('://') || line.includes('www.') ? [...line.matchAll(URL)].map((m) => [m.index, m.index + m[0].length]) : [];
    // Runs of `?`, found with indexOf.
    let end = 0;
    for (let start = line.indexOf('?'); start >= 0; start = line.indexOf('?', end)) {
      end = start + 1;
      while (line.charCodeAt(end) === QUESTION_MARK) end++;
      if (urls.some(([a, b]) => start >= a && start < b)) continue;
      found.push({ line: i, start, end, verdict: judge(article, i, start, end) });
    }
  }
  return found;
}

/**
 * SC105: `?` where a character was lost (an encoder's substitute for what it could not represent). A `?` is
 * lost when a question cannot end there: glued into a number (12?日, 世?00强, ICP?5003616), after an
 * opening bracket or at a paragraph's start, or between characters that cannot end or open a clause. Between
 * two ordinary words it is ambiguous (比预计的更热?天津升级 is a headline's question) and counts as lost only
 * in an article that has certainly lost characters elsewhere. No fix: the character itself is gone.
 */
export const lostCharacter: Rule = {
  id: 'SC105',
  slug: 'lost-character',
  category: 'garbled',
  defaultSeverity: 'warning',
  description: text(
    '`?` standing for a character lost in encoding, where no question can end.',
    '编码时丢失的字符变成了 `?`(此处不可能是问句结尾)。',
  ),
  deferTo: MOJIBAKE_RULES,
  check(article) {
    const all = candidates(article);
    const articleLosesCharacters = all.some((c) => c.verdict === 'lost');
    return all
      .filter((c) => c.verdict === 'lost' || (c.verdict === 'maybe' && articleLosesCharacters))
      .map((c) => {
        const n = c.end - c.start;
        return {
          range: range(c.line, c.start, c.line, c.end),
          message:
            n === 1
              ? text('`?` stands for a lost character: no question can end here.', '此处的 `?` 是丢失的字符,不是问号。')
              : text(`\`${'?'.repeat(n)}\` stand for ${n} lost characters: no question can end here.`, `此处的 ${n} 个 \`?\` 是丢失的字符,不是问号。`),
          fixes: [],
        };
      });
  },
};

export const lostCharacterRules: Rule[] = [replacementCharacter, privateUse, lostCharacter];
