/**
 * Script variant: whether an article is written in simplified or traditional characters, from the characters
 * that exist in one script only. Each distinct character is classified once through OpenCC and remembered
 * in a table, so measuring a file is one pass of table lookups.
 */
import * as iconv from 'iconv-lite';
import type { Article } from '../article';
import { convertText, toSimplified, toTraditional } from '../convert';
import type { VariantInfo } from './index';

export enum Script {
  Unknown = 0,
  /** Written the same in both scripts, or not Han. */
  Shared = 1,
  Simplified = 2,
  Traditional = 3,
}

/** Above this share of minority-script characters, an article is mixed rather than one script with slips. */
const MIXED_SHARE = 0.2;

const bmp = new Uint8Array(0x10000);
const astral = new Map<number, Script>();

/**
 * Whether traditional text uses the character: Big5 is the traditional character set. OpenCC converts 范, 云,
 * 后, 于, 台 to 範, 雲, 後, 於, 臺, yet each is also a traditional character in its own right (a surname, 云 "to
 * say", 皇后, 台灣); simplified-only characters (进, 这, 报) are not in Big5.
 */
function inBig5(ch: string): boolean {
  return iconv.decode(iconv.encode(ch, 'big5'), 'big5') === ch;
}

function classify(ch: string): Script {
  if (!/\p{Script=Han}/u.test(ch)) return Script.Shared;
  if (toSimplified(ch) !== ch) return Script.Traditional;
  if (toTraditional(ch) !== ch && convertText(ch, 'tw') !== ch && !inBig5(ch)) return Script.Simplified;
  return Script.Shared;
}

/** The script a character belongs to. */
export function scriptOf(cp: number): Script {
  if (cp < 0x2e80) return Script.Shared;
  if (cp < 0x10000) {
    let s = bmp[cp] as Script;
    if (s === Script.Unknown) {
      s = classify(String.fromCharCode(cp));
      bmp[cp] = s;
    }
    return s;
  }
  let s = astral.get(cp);
  if (s === undefined) {
    s = classify(String.fromCodePoint(cp));
    astral.set(cp, s);
  }
  return s;
}

export function countScripts(text: string): { simplifiedOnly: number; traditionalOnly: number } {
  let simplifiedOnly = 0;
  let traditionalOnly = 0;
  for (let i = 0; i < text.length; i++) {
    let cp = text.charCodeAt(i);
    if (cp < 0x2e80) continue;
    if (cp >= 0xd800 && cp < 0xdc00 && i + 1 < text.length) {
      cp = text.codePointAt(i)!;
      i++;
    }
    const s = scriptOf(cp);
    if (s === Script.Simplified) simplifiedOnly++;
    else if (s === Script.Traditional) traditionalOnly++;
  }
  return { simplifiedOnly, traditionalOnly };
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
