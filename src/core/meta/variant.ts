/**
 * Script variant: whether an article is written in simplified or traditional characters, from the characters
 * that exist in one script only. On first use every Han character is classified through OpenCC's dictionaries
 * into a table of a byte per BMP code point, so measuring a file is one pass of table lookups.
 */
import * as iconv from 'iconv-lite';
import type { Article } from '../article';
import { uncachedConverter } from '../convert';
import { characterStages, convertCharacter, type Stage } from './opencc';
import type { VariantInfo } from './index';

export enum Script {
  /** Written the same in both scripts, or not Han. */
  Shared = 0,
  Simplified = 1,
  Traditional = 2,
}

/** Above this share of minority-script characters, an article is mixed rather than one script with slips. */
const MIXED_SHARE = 0.2;

/** Below this code point (CJK Radicals Supplement) there is no Han character. */
const FIRST_HAN = 0x2e80;
/** Unicode allots Han to the BMP and to planes 1–3 (the Supplementary and Tertiary Ideographic Planes). */
const HAN_END = 0x40000;

/**
 * Which of the characters traditional text uses: Big5 is the traditional character set. OpenCC converts 范,
 * 云, 后, 于, 台 to 範, 雲, 後, 於, 臺, yet each is also a traditional character in its own right (a surname,
 * 云 "to say", 皇后, 台灣); simplified-only characters (进, 这, 报) are not in Big5. One round trip for all:
 * a character that Big5 lacks comes back as "?", and the line breaks between them survive.
 */
function inBig5(chars: readonly string[]): boolean[] {
  const back = iconv.decode(iconv.encode(chars.join('\n'), 'big5'), 'big5').split('\n');
  return chars.map((ch, k) => back[k] === ch);
}

const HAN = /^\p{Script=Han}$/u;

/** The characters some stage of the conversions replaces: any other one converts to itself. */
function convertible(...lists: readonly Stage[][]): string[] {
  const cps = new Set<number>();
  for (const list of lists) {
    for (const stage of list) {
      for (let cp = 0; cp < stage.bmp.length; cp++) if (stage.bmp[cp] !== 0) cps.add(cp);
      for (const cp of stage.other.keys()) cps.add(cp);
    }
  }
  const han: string[] = [];
  for (const cp of [...cps].sort((a, b) => a - b)) {
    const ch = String.fromCodePoint(cp);
    if (cp >= FIRST_HAN && cp < HAN_END && HAN.test(ch)) han.push(ch);
  }
  return han;
}

/** A character's conversion by the stages, or by the converter when a stage makes it several characters. */
function convertOne(list: readonly Stage[], from: 'cn' | 't', to: 'cn' | 't' | 'tw', ch: string): string {
  return convertCharacter(list, ch) ?? uncachedConverter(from, to)(ch);
}

/**
 * Per BMP code point, its Script, or HIGH_SURROGATE: the character is astral and its script is in `astral`.
 * Null until first use.
 */
let bmp: Uint8Array | null = null;
const HIGH_SURROGATE = 3;
/** The astral characters of one script; every other one is shared. */
const astral = new Map<number, Script>();

/**
 * A Han character is traditional when OpenCC simplifies it, simplified when OpenCC changes it both to
 * traditional and to Taiwan's standard forms (台 stays 台 in Taiwan) and Big5 lacks it. Read from OpenCC's
 * dictionaries character by character: building its converters would take most of a second.
 */
function buildTable(): Uint8Array {
  const table = new Uint8Array(0x10000);
  table.fill(HIGH_SURROGATE, 0xd800, 0xdc00);
  const set = (ch: string, script: Script) => {
    const cp = ch.codePointAt(0)!;
    if (cp < 0x10000) table[cp] = script;
    else astral.set(cp, script);
  };
  const toSimplified = characterStages('t2s');
  const toTraditional = characterStages('s2t');
  const toTaiwan = characterStages('t2tw');
  const changed: string[] = [];
  for (const ch of convertible(toSimplified, toTraditional)) {
    if (convertOne(toSimplified, 't', 'cn', ch) !== ch) set(ch, Script.Traditional);
    else {
      const traditional = convertOne(toTraditional, 'cn', 't', ch);
      if (traditional !== ch && convertOne(toTaiwan, 't', 'tw', traditional) !== ch) changed.push(ch);
    }
  }
  const big5 = inBig5(changed);
  changed.forEach((ch, k) => {
    if (!big5[k]) set(ch, Script.Simplified);
  });
  return table;
}

/** The script a character belongs to. */
export function scriptOf(cp: number): Script {
  if (cp < FIRST_HAN) return Script.Shared;
  const table = (bmp ??= buildTable());
  if (cp > 0xffff) return astral.get(cp) ?? Script.Shared;
  const s = table[cp];
  return s === HIGH_SURROGATE ? Script.Shared : (s as Script);
}

export function countScripts(text: string): { simplifiedOnly: number; traditionalOnly: number } {
  const table = (bmp ??= buildTable());
  // Script.Simplified is bit 0 and Script.Traditional bit 1: a count per character without a branch on its script.
  let simplifiedOnly = 0;
  let traditionalOnly = 0;
  for (let i = 0; i < text.length; i++) {
    let s = table[text.charCodeAt(i)];
    if (s === HIGH_SURROGATE) {
      // An unpaired surrogate reads as itself, shared; the unit after it is skipped all the same.
      s = astral.get(text.codePointAt(i)!) ?? Script.Shared;
      i++;
    }
    simplifiedOnly += s & Script.Simplified;
    traditionalOnly += s >> 1;
  }
  return { simplifiedOnly, traditionalOnly };
}

/** Where the first character of `script` at or after `from` starts in `text`; -1 if there is none. */
export function indexOfScript(text: string, script: Script.Simplified | Script.Traditional, from = 0): number {
  const table = (bmp ??= buildTable());
  for (let i = from; i < text.length; i++) {
    const s = table[text.charCodeAt(i)];
    if (s === script) return i;
    if (s !== HIGH_SURROGATE) continue;
    const cp = text.codePointAt(i)!;
    if (cp > 0xffff) {
      if (astral.get(cp) === script) return i;
      i++;
    }
  }
  return -1;
}

export function variantOfCounts(simplifiedOnly: number, traditionalOnly: number): VariantInfo {
  const total = simplifiedOnly + traditionalOnly;
  const minorityShare = total === 0 ? 0 : Math.min(simplifiedOnly, traditionalOnly) / total;
  const kind = minorityShare > MIXED_SHARE ? 'mixed' : traditionalOnly > simplifiedOnly ? 'traditional' : 'simplified';
  return { kind, minorityShare, simplifiedOnly, traditionalOnly };
}

/** Beyond this length a file is measured on evenly spaced samples: the share does not need every character. */
const SAMPLE_WINDOWS = 32;
const SAMPLE_WINDOW = 32 * 1024;

export function analyseVariant(article: Article): VariantInfo {
  return article.memo('variant', () => {
    const text = article.text;
    if (text.length <= SAMPLE_WINDOWS * SAMPLE_WINDOW) {
      const { simplifiedOnly, traditionalOnly } = countScripts(text);
      return variantOfCounts(simplifiedOnly, traditionalOnly);
    }
    let simplified = 0;
    let traditional = 0;
    const step = Math.floor((text.length - SAMPLE_WINDOW) / (SAMPLE_WINDOWS - 1));
    for (let k = 0; k < SAMPLE_WINDOWS; k++) {
      const counts = countScripts(text.slice(k * step, k * step + SAMPLE_WINDOW));
      simplified += counts.simplifiedOnly;
      traditional += counts.traditionalOnly;
    }
    return variantOfCounts(simplified, traditional);
  });
}
