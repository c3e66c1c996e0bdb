/**
 * HTML residue: tags, attributes and entities left by a naive scraper (SC107).
 *
 * Tags are recognised with and without their `<`: one scraper family eats the `<` and shifts the character
 * before it one code point down (浏览</a> → 浏觇/a>, 。<br /> → 、br />). Where an article shows that shift, the
 * character is restored together with the removal of the residue.
 */
import { linesContaining, type Article } from '../core/article';
import { charLogProb } from '../core/charfreq';
import type { Rule, RuleFinding, RuleFix } from '../core/rule';
import { text } from '../core/rule';
import { deleteLinesRange, range } from '../core/text';
import type { TextEdit } from '../core/types';

/** Element names of the HTML standard, with the obsolete ones that old CMS pages still emit. */
const ELEMENTS = [
  'a', 'abbr', 'address', 'area', 'article', 'aside', 'audio', 'b', 'base', 'bdi', 'bdo', 'big', 'blockquote', 'body',
  'br', 'button', 'canvas', 'caption', 'center', 'cite', 'code', 'col', 'colgroup', 'data', 'datalist', 'dd', 'del',
  'details', 'dfn', 'dialog', 'div', 'dl', 'dt', 'em', 'embed', 'fieldset', 'figcaption', 'figure', 'font', 'footer',
  'form', 'frame', 'frameset', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'head', 'header', 'hgroup', 'hr', 'html', 'i',
  'iframe', 'img', 'input', 'ins', 'kbd', 'label', 'legend', 'li', 'link', 'main', 'map', 'mark', 'marquee', 'menu',
  'meta', 'meter', 'nav', 'nobr', 'noscript', 'o:p', 'object', 'ol', 'optgroup', 'option', 'output', 'p', 'param',
  'picture', 'pre', 'progress', 'q', 'rp', 'rt', 'ruby', 's', 'samp', 'script', 'section', 'select', 'small',
  'source', 'span', 'strike', 'strong', 'style', 'sub', 'summary', 'sup', 'table', 'tbody', 'td', 'template',
  'textarea', 'tfoot', 'th', 'thead', 'time', 'title', 'tr', 'track', 'tt', 'u', 'ul', 'var', 'video', 'wbr',
];
/** Elements that end a line of text: their residue in mid-line stands for a line break. */
const BREAKING = new Set([
  'br', 'p', 'div', 'li', 'tr', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'hr', 'table', 'ul', 'ol', 'dl', 'dt', 'dd',
  'section', 'article', 'header', 'footer', 'blockquote', 'pre', 'form', 'nav', 'aside', 'main', 'figure', 'center',
  'title', 'tbody', 'thead', 'tfoot',
]);
/** Attributes that name a residue on their own, when the tag name before them is gone too. */
const ATTRIBUTES = 'id|class|style|href|src|target|title|alt|width|height|align|valign|border|cellpadding|cellspacing|colspan|rowspan|name|type|value|rel|lang|color|face|size|bgcolor|onclick|onload|data-[\\w-]+|aria-[\\w-]+';

// Longest names first, so that `abbr` is not read as `a` followed by `bbr`.
const NAME = `(?:${[...ELEMENTS].sort((x, y) => y.length - x.length).join('|')})`;
const VALUE = `(?:"[^"<>\\n]*"|'[^'<>\\n]*'|[^\\s"'=<>\`]+)`;
const ATTR_NAME = '[A-Za-z_:@][\\w:.\\-]*';
const ATTR = `${ATTR_NAME}(?:\\s*=\\s*${VALUE})?`;
const QUOTED_ATTR = `${ATTR_NAME}\\s*=\\s*(?:"[^"<>\\n]*"|'[^'<>\\n]*')`;
/** Not after a letter, `<`, `_` or `-`: the name would be the end of a longer word. */
const NO_WORD_BEFORE = `(?<![<A-Za-z_\\-])`;

/**
 * One alternative per residue shape; the group that matched tells the shape.
 *   1 whole tag  2 comment or doctype  3–4 open tag with attributes, `<` lost  5 closing tag, `<` lost
 *   6 self-closing tag, `<` lost  7 attributes whose tag name is lost, with the quotes that closed an earlier
 *   value  8 bare open tag, `<` lost
 */
const RESIDUE = new RegExp(
  // Every shape starts with one of these; testing it first keeps the scan over plain text cheap.
  '(?=[<a-z/_:@\x27"])(?:' +
  [
    `<\\/?(${NAME})(?:\\s+${ATTR})*\\s*\\/?>`,
    `(<!--.*?-->|<!doctype[^<>]*>)`,
    `${NO_WORD_BEFORE}(${NAME})((?:\\s+${ATTR})*\\s+${QUOTED_ATTR}(?:\\s+${ATTR})*)\\s*\\/?>`,
    `${NO_WORD_BEFORE}\\/(${NAME})\\s*>`,
    `${NO_WORD_BEFORE}(${NAME})\\s*\\/>`,
    `(?<![\\w\\-"'])(?:['"]+\\s*)?((?:${ATTRIBUTES})\\s*=\\s*(?:"[^"<>\\n]*"|'[^'<>\\n]*')(?:\\s+${ATTR})*)\\s*\\/?>`,
    `${NO_WORD_BEFORE}(${NAME})>`,
  ].join('|') + ')',
  'gi',
);
const MAY_HAVE_TAG = />/;
/** Every tag shape ends with `>` and every entity starts with `&`. */
const RESIDUE_MARKS = ['>', '&'];

const ENTITY = /&(?:#(\d{1,7});|#[xX]([0-9a-fA-F]{1,6});|([A-Za-z][A-Za-z0-9]{1,31});|(nbsp)(?![\w;=]))/g;
const MAY_HAVE_ENTITY = /&[#A-Za-z]/;
/** The named entities that occur in Chinese news pages; others are left alone (AT&T; is not an entity). */
const NAMED_ENTITIES: Record<string, string> = {
  nbsp: ' ', ensp: ' ', emsp: ' ', thinsp: ' ', amp: '&', lt: '<', gt: '>', quot: '"', apos: "'",
  ldquo: '“', rdquo: '”', lsquo: '‘', rsquo: '’', laquo: '«', raquo: '»', middot: '·', bull: '•', hellip: '…',
  mdash: '—', ndash: '–', copy: '©', reg: '®', trade: '™', times: '×', divide: '÷', deg: '°', plusmn: '±',
  yen: '¥', permil: '‰', sup2: '²', sup3: '³', frac12: '½', sect: '§', para: '¶', shy: '', zwsp: '', zwj: '', zwnj: '',
};

const HAN = /\p{Script=Han}/u;
const WHITESPACE = /\s/;
const LOW_SURROGATE = /[\uDC00-\uDFFF]/;
const PUNCTUATION = /\p{P}/u;
const ASCII_DIGIT = /[0-9]/;
const WORD_OR_EQUALS = /[\w=]/;
const ARITHMETIC_AFTER = /[\s\w=.+\-*/]/;
/** A character whose +1 neighbour is this much more probable (log scale) is certainly shifted. */
const CERTAIN_SHIFT = 3;

interface Residue {
  start: number;
  end: number;
  /** Element name, for tags. */
  element: string | null;
  /** The `<` is missing, so the character before may have been shifted. */
  lostOpen: boolean;
  /** Markup that cannot be read as anything else; otherwise the fix is only offered. */
  certain: boolean;
  /** The decoded text of an entity. */
  decoded: string | null;
}

function decodeEntity(m: RegExpExecArray): string | null {
  const code = m[1] !== undefined ? parseInt(m[1], 10) : m[2] !== undefined ? parseInt(m[2], 16) : -1;
  if (code >= 0) {
    if (code === 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return null;
    return code === 0xa0 ? ' ' : String.fromCodePoint(code);
  }
  return NAMED_ENTITIES[(m[3] ?? m[4]).toLowerCase()] ?? null;
}

function tagResidues(line: string): Residue[] {
  const found: Residue[] = [];
  RESIDUE.lastIndex = 0;
  for (let m = RESIDUE.exec(line); m; m = RESIDUE.exec(line)) {
    const start = m.index;
    const end = start + m[0].length;
    const before = line[start - 1] ?? '';
    const after = line[end] ?? '';
    if (m[1] !== undefined) found.push({ start, end, element: m[1].toLowerCase(), lostOpen: false, certain: true, decoded: null });
    else if (m[2] !== undefined) found.push({ start, end, element: null, lostOpen: false, certain: true, decoded: null });
    else if (m[3] !== undefined) found.push({ start, end, element: m[3].toLowerCase(), lostOpen: true, certain: true, decoded: null });
    else if (m[5] !== undefined) {
      // A one-letter name after a digit or before one is arithmetic (1/p>2), not a closing tag.
      if (m[5].length === 1 && (ASCII_DIGIT.test(before) || WORD_OR_EQUALS.test(after))) continue;
      found.push({ start, end, element: m[5].toLowerCase(), lostOpen: true, certain: true, decoded: null });
    } else if (m[6] !== undefined) found.push({ start, end, element: m[6].toLowerCase(), lostOpen: true, certain: true, decoded: null });
    else if (m[7] !== undefined) found.push({ start, end, element: null, lostOpen: false, certain: true, decoded: null });
    else if (m[8] !== undefined) {
      // p>0.05, a>b: comparisons. A bare name is only a tag between words that are not arithmetic.
      if (ASCII_DIGIT.test(before) || ARITHMETIC_AFTER.test(after) || after === '') continue;
      // At the start of a line nothing else reads `p>文字`; after text, a bare name is only offered for review.
      found.push({ start, end, element: m[8].toLowerCase(), lostOpen: true, certain: start === 0, decoded: null });
    }
  }
  return found;
}

function entityResidues(line: string): Residue[] {
  const found: Residue[] = [];
  ENTITY.lastIndex = 0;
  for (let m = ENTITY.exec(line); m; m = ENTITY.exec(line)) {
    const decoded = decodeEntity(m);
    if (decoded !== null) found.push({ start: m.index, end: m.index + m[0].length, element: null, lostOpen: false, certain: true, decoded });
  }
  return found;
}

function residuesOf(line: string): Residue[] {
  const tags = MAY_HAVE_TAG.test(line) ? tagResidues(line) : [];
  const entities = MAY_HAVE_ENTITY.test(line) ? entityResidues(line) : [];
  if (entities.length === 0) return tags;
  // Entities inside a tag's attributes go with the tag; both lists are in line order, so one sweep merges them.
  const merged: Residue[] = [];
  let t = 0;
  for (const e of entities) {
    while (t < tags.length && tags[t].end <= e.start) merged.push(tags[t++]);
    if (t < tags.length && tags[t].start <= e.start) continue;
    merged.push(e);
  }
  while (t < tags.length) merged.push(tags[t++]);
  return merged;
}

function characterBefore(line: string, at: number): string {
  if (at <= 0) return '';
  return String.fromCodePoint(line.codePointAt(at >= 2 && LOW_SURROGATE.test(line[at - 1]) ? at - 2 : at - 1)!);
}

function shiftedUp(ch: string): string {
  return String.fromCodePoint(ch.codePointAt(0)! + 1);
}

/** How much more probable, as Chinese, the character one code point up is; null when either is not Han. */
function shiftGain(ch: string): number | null {
  if (!ch) return null;
  const up = shiftedUp(ch);
  return HAN.test(ch) && HAN.test(up) ? charLogProb(up) - charLogProb(ch) : null;
}

/** A line's residues, with the line's number. */
interface LineResidues {
  line: number;
  residues: Residue[];
}

/**
 * Whether the article's scraper shifted the character before each lost `<`: at least one shift is certain
 * (a rare character whose neighbour is a common one, 觇 → 览) and most Han characters before residues gain.
 */
function articleShifts(lines: string[], found: LineResidues[]): boolean {
  let han = 0;
  let gains = 0;
  let certain = false;
  for (const { line, residues } of found) {
    for (const r of residues) {
      if (!r.lostOpen) continue;
      const gain = shiftGain(characterBefore(lines[line], r.start));
      if (gain === null) continue;
      han++;
      if (gain > 0) gains++;
      if (gain > CERTAIN_SHIFT) certain = true;
    }
  }
  return certain && gains * 2 >= han;
}

/** The character a shifting scraper left before a lost `<`, restored; null when it is kept as it is. */
function restoredCharacter(line: string, at: number): string | null {
  const ch = characterBefore(line, at);
  if (!ch || ch === '?') return null;
  const gain = shiftGain(ch);
  if (gain !== null) return gain > 0 ? shiftedUp(ch) : null;
  const up = shiftedUp(ch);
  if (!PUNCTUATION.test(up)) return null;
  // Punctuation shifted from punctuation (。 → 、, 】 → 【), and the colon that became a 9 after a word.
  if (PUNCTUATION.test(ch)) return up;
  return ch === '9' && !ASCII_DIGIT.test(line[at - 2] ?? '') ? up : null;
}

interface Group {
  residues: Residue[];
  start: number;
  end: number;
}

/** Residues separated by nothing but whitespace or by a single character (shifted or lost) form one finding. */
function groupResidues(line: string, residues: Residue[]): Group[] {
  const groups: Group[] = [];
  for (const r of residues) {
    const last = groups[groups.length - 1];
    if (last && (isBlank(line, last.end, r.start) || characterBefore(line, r.start).length === r.start - last.end)) {
      last.residues.push(r);
      last.end = r.end;
    } else groups.push({ residues: [r], start: r.start, end: r.end });
  }
  return groups;
}

function isBlank(line: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (!WHITESPACE.test(line[i])) return false;
  return true;
}

function describe(line: string, group: Group): string {
  const shown = line.slice(group.start, group.end);
  return shown.length > 40 ? `${shown.slice(0, 37)}…` : shown;
}

/**
 * A line-breaking element between two pieces of text stood for a line break: the group's last edit ends the
 * line there, and the whitespace before it and inside the group goes.
 */
function breakLine(line: string, group: Group, edits: TextEdit[], eol: string): void {
  if (!group.residues.some((r) => r.element !== null && BREAKING.has(r.element))) return;
  const lineNo = edits[0].range.start.line;
  const firstEdit = edits[0].range.start.character;
  let textEnd = firstEdit;
  while (textEnd > 0 && WHITESPACE.test(line[textEnd - 1])) textEnd--;
  if (textEnd === 0 || isBlank(line, group.end, line.length)) return;
  const gaps: TextEdit[] = [];
  if (textEnd < firstEdit) gaps.push({ range: range(lineNo, textEnd, lineNo, firstEdit), newText: '' });
  for (let k = 1; k < edits.length; k++) {
    const from = edits[k - 1].range.end.character;
    const to = edits[k].range.start.character;
    if (to > from && isBlank(line, from, to)) gaps.push({ range: range(lineNo, from, lineNo, to), newText: '' });
  }
  edits[edits.length - 1].newText += eol;
  edits.push(...gaps);
}

export const htmlResidue: Rule = {
  id: 'SC107',
  slug: 'html-residue',
  category: 'garbled',
  defaultSeverity: 'error',
  description: text(
    'HTML tags, attributes or entities left in the text, with or without their `<`.',
    '正文中残留的 HTML 标签、属性或实体(包括丢失了 `<` 的标签)。',
  ),
  check(article: Article) {
    const { lines } = article;
    const found: LineResidues[] = [];
    for (const line of linesContaining(article, RESIDUE_MARKS)) {
      const residues = residuesOf(lines[line]);
      if (residues.length > 0) found.push({ line, residues });
    }
    if (found.length === 0) return [];
    const shifts = articleShifts(lines, found);
    const eol = article.index.eol;
    const findings: RuleFinding[] = [];
    for (const { line: i, residues } of found) {
      const line = lines[i];
      for (const group of groupResidues(line, residues)) {
        const edits: TextEdit[] = [];
        const restored: string[] = [];
        for (const r of group.residues) {
          let start = r.start;
          let newText = r.decoded ?? '';
          const restoredChar = r.lostOpen && shifts ? restoredCharacter(line, r.start) : null;
          if (restoredChar) {
            start -= characterBefore(line, r.start).length;
            newText = restoredChar;
            restored.push(`\`${characterBefore(line, r.start)}→${restoredChar}\``);
          }
          edits.push({ range: range(i, start, i, r.end), newText });
        }
        breakLine(line, group, edits, eol);
        const findingStart = Math.min(group.start, edits[0].range.start.character);
        // A line that is nothing but markup goes whole: emptying it would leave a blank line (and between a lone
        // CR and an LF, fuse two line breaks into one).
        if (edits.every((e) => e.newText === '') && lineAfter(line, edits).trim() === '') edits.splice(0, edits.length, { range: deleteLinesRange(article.index, i, i), newText: '' });
        const shown = describe(line, group);
        const restoredList = restored.join(' ');
        const fix: RuleFix = {
          title: restored.length
            ? text(`Remove the markup and restore ${restoredList}`, `删除 HTML 残留并还原 ${restoredList}`)
            : text('Remove the markup', '删除 HTML 残留'),
          safe: group.residues.every((r) => r.certain),
          edits,
        };
        findings.push({
          // The shifted character before the residue belongs to the damage.
          range: range(i, findingStart, i, group.end),
          message: restored.length
            ? text(
                `HTML residue \`${shown}\` (its \`<\` lost, the character before shifted: ${restoredList}).`,
                `HTML 残留 \`${shown}\`(\`<\` 已丢失,前一字被移位:${restoredList})。`,
              )
            : text(`HTML residue \`${shown}\`.`, `HTML 残留 \`${shown}\`。`),
          fixes: [fix],
        });
      }
    }
    return findings;
  },
};

/** The line's text after edits that all lie within it. */
function lineAfter(line: string, edits: TextEdit[]): string {
  let out = '';
  let cursor = 0;
  for (const e of [...edits].sort((a, b) => a.range.start.character - b.range.start.character)) {
    out += line.slice(cursor, e.range.start.character) + e.newText;
    cursor = e.range.end.character;
  }
  return out + line.slice(cursor);
}

export const htmlResidueRules: Rule[] = [htmlResidue];
