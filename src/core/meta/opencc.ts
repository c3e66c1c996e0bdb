/**
 * OpenCC's conversions (opencc-js) read from its dictionaries as per-character maps, without building its
 * converters: the cn→t converter alone takes half a second and tens of megabytes to build.
 *
 * A converter runs its stages (normalisation, then conversion) in turn; each stage replaces, from left to
 * right, the longest key starting at each position (the first dictionary of a stage winning over the later
 * ones). A single character can only match a key of one character, so its conversion is a lookup per stage.
 * A text converts character by character too wherever no key of two or more characters starts, and that is
 * told by the first two code units of those keys.
 */
import { PairSet } from './places';

type DictGroup = readonly (string | readonly (readonly string[])[])[];

interface OpenCCConfig {
  normalizationChain?: readonly DictGroup[];
  conversionChain: readonly DictGroup[];
}

export type ConfigName = 't2s' | 's2t' | 't2tw';

export interface Stage {
  /** Keys of one code point, to their replacement: BMP to BMP in a table (0: no key), anything else in a map. */
  bmp: Uint16Array;
  other: Map<number, string>;
  /** The first code units of the keys in `other`, as a bit set: most characters need no look-up there. */
  otherFirstUnits: Uint8Array;
  /** The first two code units of the keys of two or more code points; null when read for characters only. */
  phraseStarts: PairSet | null;
  /** Their first code units, as a bit set: a cheaper test first. */
  phraseFirstUnits: Uint8Array;
}

/** Ideographic description characters: OpenCC passes a whole description sequence through unconverted. */
const IDC_FIRST = 0x2ff0;
const IDC_LAST = 0x2fff;

function newStage(phrases: boolean): Stage {
  return { bmp: new Uint16Array(0x10000), other: new Map(), otherFirstUnits: new Uint8Array(0x10000 >> 3), phraseStarts: phrases ? new PairSet() : null, phraseFirstUnits: new Uint8Array(0x10000 >> 3) };
}

function addKey(stage: Stage, key: string, value: string): void {
  if (key.length === 0) return;
  const cp = key.codePointAt(0)!;
  if (key.length !== (cp > 0xffff ? 2 : 1)) {
    addPhraseStart(stage, key.charCodeAt(0), key.charCodeAt(1));
    return;
  }
  const unit = value.length === 1 ? value.charCodeAt(0) : 0;
  if (cp <= 0xffff && unit !== 0 && (unit < 0xd800 || unit > 0xdfff)) {
    stage.bmp[cp] = unit;
    stage.other.delete(cp);
  } else {
    stage.bmp[cp] = 0;
    stage.other.set(cp, value);
    const first = key.charCodeAt(0);
    stage.otherFirstUnits[first >> 3] |= 1 << (first & 7);
  }
}

function addPhraseStart(stage: Stage, first: number, second: number): void {
  if (!stage.phraseStarts) return;
  stage.phraseStarts.add(first, second);
  stage.phraseFirstUnits[first >> 3] |= 1 << (first & 7);
}

/** Entries read as opencc-js reads them: "key value" (further alternatives ignored), a later one replacing an earlier one. */
function addDict(stage: Stage, dict: string | readonly (readonly string[])[]): void {
  if (typeof dict !== 'string') {
    for (const [key, value] of dict) addKey(stage, key, value);
    return;
  }
  for (let start = 0; start < dict.length; ) {
    let end = dict.indexOf('|', start);
    if (end < 0) end = dict.length;
    const space = dict.indexOf(' ', start);
    if (space > start && space < end) {
      const first = dict.charCodeAt(start);
      if (space - start === (first >= 0xd800 && first <= 0xdbff ? 2 : 1)) {
        const next = dict.indexOf(' ', space + 1);
        addKey(stage, dict.slice(start, space), dict.slice(space + 1, next > 0 && next < end ? next : end));
      } else if (space - start >= 2) {
        // A phrase: only where it starts matters, no need for its text.
        addPhraseStart(stage, first, dict.charCodeAt(start + 1));
      }
    }
    start = end + 1;
  }
}

function stagesOf(config: OpenCCConfig, phrases: boolean): Stage[] {
  return [...(config.normalizationChain ?? []), ...config.conversionChain].map((group) => {
    const stage = newStage(phrases);
    // The first dictionary of a group wins: it is read last.
    for (let k = group.length - 1; k >= 0; k--) addDict(stage, group[k]);
    return stage;
  });
}

function configuration(name: ConfigName): OpenCCConfig {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { Locale } = require('opencc-js') as { Locale: { configs: Record<string, OpenCCConfig> } };
  return Locale.configs[name];
}

/**
 * The stages of one of OpenCC's configurations (t2s: traditional to mainland simplified) for single
 * characters, not kept: without the starts of phrases, which s2t has fifty thousand of.
 */
export function characterStages(name: ConfigName): Stage[] {
  return stagesOf(configuration(name), false);
}

const loaded = new Map<ConfigName, Stage[]>();

/** The stages of a configuration for texts, with the starts of its phrases; read once and kept. */
export function stages(name: ConfigName): Stage[] {
  let list = loaded.get(name);
  if (!list) {
    list = stagesOf(configuration(name), true);
    loaded.set(name, list);
  }
  return list;
}

function replacement(stage: Stage, cp: number): string | undefined {
  if (cp <= 0xffff) {
    const unit = stage.bmp[cp];
    if (unit !== 0) return String.fromCharCode(unit);
  }
  return stage.other.get(cp);
}

/** What one character (a single code point) converts to; null if a stage turns it into several. */
export function convertCharacter(list: readonly Stage[], ch: string): string | null {
  let text = ch;
  for (const stage of list) {
    const cp = text.codePointAt(0)!;
    if (text.length !== (cp > 0xffff ? 2 : 1)) return null;
    text = replacement(stage, cp) ?? text;
  }
  return text;
}

/** Scratch units for a stage's output: longer texts take a buffer of their own, so that none stays large. */
const SCRATCH_UNITS = 1 << 16;
const scratch = new Uint16Array(SCRATCH_UNITS);
/** Units per String.fromCharCode call: arguments are passed on the stack. */
const CHUNK = 8192;

function convertStage(stage: Stage, text: string): string | null {
  const { bmp, other, otherFirstUnits, phraseStarts, phraseFirstUnits } = stage;
  if (!phraseStarts) throw new Error('the stages were read for characters only');
  const length = text.length;
  let out: Uint16Array = length + 16 <= SCRATCH_UNITS ? scratch : new Uint16Array(length + 16);
  let n = 0;
  let changed = false;
  for (let i = 0; i < length; i++) {
    const unit = text.charCodeAt(i);
    if (phraseFirstUnits[unit >> 3] & (1 << (unit & 7)) && i + 1 < length && phraseStarts.has(unit, text.charCodeAt(i + 1))) return null;
    if (unit >= IDC_FIRST && unit <= IDC_LAST) return null;
    const to = bmp[unit];
    if (to !== 0) {
      out[n++] = to;
      changed = true;
      continue;
    }
    if (!(otherFirstUnits[unit >> 3] & (1 << (unit & 7)))) {
      out[n++] = unit;
      continue;
    }
    const cp = text.codePointAt(i)!;
    const value = other.get(cp);
    if (value !== undefined) {
      // A replacement may be longer than its key: the output may outgrow its buffer.
      if (out.length < n + value.length + (length - i)) out = grown(out, n + value.length + (length - i));
      for (let k = 0; k < value.length; k++) out[n++] = value.charCodeAt(k);
      changed = true;
    } else {
      out[n++] = unit;
      if (cp > 0xffff) out[n++] = text.charCodeAt(i + 1);
    }
    // Keys start at code points: the second unit of a pair is no position of its own.
    if (cp > 0xffff) i++;
  }
  if (!changed) return text;
  let result = '';
  for (let from = 0; from < n; from += CHUNK) {
    result += String.fromCharCode.apply(null, out.subarray(from, Math.min(n, from + CHUNK)) as unknown as number[]);
  }
  return result;
}

function grown(units: Uint16Array, needed: number): Uint16Array {
  const next = new Uint16Array(Math.max(2 * units.length, needed));
  next.set(units);
  return next;
}

/**
 * The conversion of a text where it goes character by character at every stage; null where a key of two or
 * more characters may start, or a description sequence (⿰木木) stands, and only the converter can tell.
 */
export function convertPerCharacter(list: readonly Stage[], text: string): string | null {
  let current: string | null = text;
  for (const stage of list) {
    current = convertStage(stage, current);
    if (current === null) return null;
  }
  return current;
}
