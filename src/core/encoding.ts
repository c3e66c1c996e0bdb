/**
 * Decoding a seed file's bytes, detected from the bytes alone: UTF-8 (with or without BOM, possibly with a
 * few broken sequences), UTF-16 LE/BE (with or without BOM), binary data, or a legacy code page (GBK /
 * GB18030 / Big5) chosen by which decoding reads most like Chinese. Also the lossless conversion to UTF-8
 * and writing text back in the encoding it came in, so a fix never changes bytes it did not mean to.
 */
import { isUtf8 } from 'node:buffer';
import * as iconv from 'iconv-lite';
import { chineseScore } from './charfreq';

export type LegacyEncoding = 'gb18030' | 'gbk' | 'big5';
export type TextEncoding = 'utf-8' | 'utf-16le' | 'utf-16be';
export type SourceEncoding = TextEncoding | LegacyEncoding;

/** Bytes that did not decode: they were replaced by U+FFFD, so writing the text back would lose them. */
export interface InvalidBytes {
  count: number;
  /** Byte offset of the first one. */
  firstOffset: number;
}

export type Decoded =
  | { kind: 'text'; text: string; encoding: TextEncoding; bom: boolean; invalid?: InvalidBytes }
  | { kind: 'legacy'; encoding: LegacyEncoding; text: string }
  | { kind: 'binary'; reason: string };

// Decoders run with ignoreBOM: the BOM is detected (and stripped) here, so a second U+FEFF is content and
// must survive the round trip.

/** Detection looks at this many bytes; whole-file checks are plain byte loops. */
const SAMPLE = 64 * 1024;

const UTF8_BOM = [0xef, 0xbb, 0xbf];

function startsWith(bytes: Uint8Array, prefix: number[]): boolean {
  return bytes.length >= prefix.length && prefix.every((b, i) => bytes[i] === b);
}

function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** The length of a well-formed UTF-8 sequence at i, or 0 when the bytes there are not one. */
function utf8SequenceAt(bytes: Uint8Array, i: number): number {
  const b = bytes[i];
  if (b < 0x80) return 1;
  const cont = (k: number, lo = 0x80, hi = 0xbf) => i + k < bytes.length && bytes[i + k] >= lo && bytes[i + k] <= hi;
  if (b >= 0xc2 && b <= 0xdf) return cont(1) ? 2 : 0;
  if (b >= 0xe0 && b <= 0xef) {
    const lo = b === 0xe0 ? 0xa0 : 0x80;
    const hi = b === 0xed ? 0x9f : 0xbf;
    return cont(1, lo, hi) && cont(2) ? 3 : 0;
  }
  if (b >= 0xf0 && b <= 0xf4) {
    const lo = b === 0xf0 ? 0x90 : 0x80;
    const hi = b === 0xf4 ? 0x8f : 0xbf;
    return cont(1, lo, hi) && cont(2) && cont(3) ? 4 : 0;
  }
  return 0;
}

/** Well-formed multi-byte sequences against bytes that start none, over the whole input. */
function utf8Census(bytes: Uint8Array, from: number): { multibyte: number; invalid: number; firstInvalid: number } {
  let multibyte = 0;
  let invalid = 0;
  let firstInvalid = -1;
  for (let i = from; i < bytes.length; ) {
    if (bytes[i] < 0x80) {
      i++;
      continue;
    }
    const n = utf8SequenceAt(bytes, i);
    if (n > 0) {
      multibyte++;
      i += n;
    } else {
      if (firstInvalid < 0) firstInvalid = i;
      invalid++;
      i++;
    }
  }
  return { multibyte, invalid, firstInvalid };
}

/** Text with a larger share of control bytes is binary. */
const MAX_CONTROL_SHARE = 0.1;

function controlShare(bytes: Uint8Array): { nul: boolean; share: number } {
  const n = Math.min(bytes.length, SAMPLE);
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = bytes[i];
    if (b === 0) return { nul: true, share: 1 };
    if (b < 0x09 || (b > 0x0d && b < 0x20 && b !== 0x1b)) control++;
  }
  return { nul: false, share: n > 0 ? control / n : 0 };
}

/**
 * UTF-16 without a BOM: NUL bytes (the high half of ASCII characters) sit almost only on one parity,
 * which binary data does not do; the decoded sample must then read as text.
 */
function guessUtf16(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  if (bytes.length < 2 || bytes.length % 2 !== 0) return null;
  const n = Math.min(bytes.length, SAMPLE);
  // Most files have no NUL at all: a native search says so faster than counting.
  if (bytes.subarray(0, n).indexOf(0) < 0) return null;
  let even = 0;
  let odd = 0;
  for (let i = 0; i < n; i++) {
    if (bytes[i] === 0) {
      if (i % 2 === 0) even++;
      else odd++;
    }
  }
  const units = n / 2;
  const encoding = odd > 4 * even && odd >= units * 0.01 ? 'utf-16le' : even > 4 * odd && even >= units * 0.01 ? 'utf-16be' : null;
  if (!encoding) return null;
  const sample = decodeUtf16(bytes.subarray(0, n - (n % 2)), encoding).text;
  let bad = 0;
  for (let i = 0; i < sample.length; i++) {
    const c = sample.charCodeAt(i);
    if (c === 0 || (c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d && c !== 0x0c) || c === 0xfffd) bad++;
  }
  return bad <= sample.length * 0.01 ? encoding : null;
}

function swapBytes(bytes: Uint8Array): Buffer {
  const out = Buffer.from(bytes);
  out.swap16();
  return out;
}

/** Lone surrogates and a trailing odd byte become U+FFFD and are counted as invalid. */
function decodeUtf16(body: Uint8Array, encoding: 'utf-16le' | 'utf-16be'): { text: string; invalid?: InvalidBytes } {
  const even = body.subarray(0, body.length - (body.length % 2));
  const le = encoding === 'utf-16le' ? even : swapBytes(even);
  try {
    const text = new TextDecoder('utf-16le', { fatal: true, ignoreBOM: true }).decode(le);
    if (body.length % 2 === 0) return { text };
  } catch {
    // Counted below.
  }
  const text = new TextDecoder('utf-16le', { ignoreBOM: true }).decode(le) + (body.length % 2 ? '\ufffd' : '');
  let count = 0;
  let first = -1;
  for (let i = 0; i < text.length; i++) {
    if (text.charCodeAt(i) === 0xfffd && !(le[2 * i] === 0xfd && le[2 * i + 1] === 0xff)) {
      if (first < 0) first = 2 * i;
      count++;
    }
  }
  return { text, invalid: { count, firstOffset: first } };
}

function decodeUtf8(bytes: Uint8Array, offset: number): { text: string; invalid?: InvalidBytes } {
  const body = bytes.subarray(offset);
  try {
    return { text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(body) };
  } catch {
    const census = utf8Census(bytes, offset);
    return { text: new TextDecoder('utf-8', { ignoreBOM: true }).decode(body), invalid: { count: census.invalid, firstOffset: census.firstInvalid } };
  }
}

function utf16Result(bytes: Uint8Array, encoding: 'utf-16le' | 'utf-16be', bom: boolean): Decoded {
  const { text, invalid } = decodeUtf16(bytes.subarray(bom ? 2 : 0), encoding);
  const shifted = invalid && bom ? { ...invalid, firstOffset: invalid.firstOffset + 2 } : invalid;
  return { kind: 'text', text, encoding, bom, ...(shifted ? { invalid: shifted } : {}) };
}

/**
 * The bytes of a file that decodeBytes reads as clean UTF-8 text, without their BOM; null for any other file.
 * The corpus's first pass hashes these bytes without decoding them.
 */
export function cleanUtf8Body(bytes: Uint8Array): Uint8Array | null {
  if (startsWith(bytes, UTF8_BOM)) return isUtf8(bytes.subarray(3)) ? bytes.subarray(3) : null;
  if (startsWith(bytes, [0xff, 0xfe]) || startsWith(bytes, [0xfe, 0xff]) || guessUtf16(bytes)) return null;
  const control = controlShare(bytes);
  if (control.nul || control.share > MAX_CONTROL_SHARE) return null;
  return isUtf8(bytes) ? bytes : null;
}

export function decodeBytes(bytes: Uint8Array): Decoded {
  if (startsWith(bytes, UTF8_BOM)) {
    const { text, invalid } = decodeUtf8(bytes, 3);
    return { kind: 'text', text, encoding: 'utf-8', bom: true, ...(invalid ? { invalid } : {}) };
  }
  if (startsWith(bytes, [0xff, 0xfe])) return utf16Result(bytes, 'utf-16le', true);
  if (startsWith(bytes, [0xfe, 0xff])) return utf16Result(bytes, 'utf-16be', true);
  const utf16 = guessUtf16(bytes);
  if (utf16) return utf16Result(bytes, utf16, false);
  const control = controlShare(bytes);
  if (control.nul) return { kind: 'binary', reason: 'contains NUL bytes' };
  if (control.share > MAX_CONTROL_SHARE) return { kind: 'binary', reason: `${Math.round(control.share * 100)}% control bytes` };
  try {
    return { kind: 'text', text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes), encoding: 'utf-8', bom: false };
  } catch {
    // Not clean UTF-8: mostly UTF-8 with a few broken sequences, or a legacy code page.
  }
  const census = utf8Census(bytes, 0);
  if (census.multibyte >= 4 * census.invalid) {
    return { kind: 'text', text: new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes), encoding: 'utf-8', bom: false, invalid: { count: census.invalid, firstOffset: census.firstInvalid } };
  }
  return detectLegacy(bytes);
}

const HAN_G = /\p{Script=Han}/gu;

/** How Chinese a decoded sample reads; characters lost in decoding (U+FFFD) count as very unlikely ones. */
function readability(text: string): number {
  const han = text.match(HAN_G)?.length ?? 0;
  let lost = 0;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 0xfffd) lost++;
  if (han + lost === 0) return -Infinity;
  return (chineseScore(text) * han - 30 * lost) / (han + lost);
}

function detectLegacy(bytes: Uint8Array): Decoded {
  const buffer = asBuffer(bytes);
  const sample = buffer.subarray(0, SAMPLE);
  let best: { encoding: LegacyEncoding; score: number } | null = null;
  for (const encoding of ['gb18030', 'big5'] as const) {
    const score = readability(iconv.decode(sample, encoding));
    if (!best || score > best.score) best = { encoding, score };
  }
  const encoding = best!.encoding === 'gb18030' && isPlainGbk(buffer) ? 'gbk' : best!.encoding;
  return { kind: 'legacy', encoding, text: iconv.decode(buffer, best!.encoding) };
}

/** GBK is the two-byte subset of GB18030: no four-byte sequences (second byte 0x30–0x39). */
function isPlainGbk(bytes: Buffer): boolean {
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    if (b < 0x80) continue;
    const next = bytes[i + 1];
    if (next !== undefined && next >= 0x30 && next <= 0x39) return false;
    i++;
  }
  return true;
}

/** Encodes text back for a lossless-conversion check. */
export function encodeLegacy(text: string, encoding: LegacyEncoding): Buffer {
  return iconv.encode(text, encoding);
}

/** The bytes of text in a Unicode encoding, with the BOM when the file had one. */
export function encodeText(text: string, encoding: TextEncoding, bom: boolean): Buffer {
  if (encoding === 'utf-8') return Buffer.from((bom ? '\ufeff' : '') + text, 'utf8');
  const le = Buffer.from((bom ? '\ufeff' : '') + text, 'utf16le');
  if (encoding === 'utf-16be') le.swap16();
  return le;
}

const ENCODING_NAMES: Record<SourceEncoding, string> = { 'utf-8': 'UTF-8', 'utf-16le': 'UTF-16LE', 'utf-16be': 'UTF-16BE', gbk: 'GBK', gb18030: 'GB18030', big5: 'Big5' };

export function encodingName(encoding: SourceEncoding): string {
  return ENCODING_NAMES[encoding];
}

/** What was detected, for messages: "UTF-16LE without BOM", "Big5", "binary (contains NUL bytes)". */
export function describeDecoded(decoded: Decoded): string {
  if (decoded.kind === 'binary') return `binary (${decoded.reason})`;
  if (decoded.kind === 'legacy') return encodingName(decoded.encoding);
  const name = `${encodingName(decoded.encoding)} ${decoded.bom ? 'with' : 'without'} BOM`;
  return decoded.invalid ? `${name}, ${invalidMessage(decoded.invalid, decoded.encoding)}` : name;
}

function invalidMessage(invalid: InvalidBytes, encoding: TextEncoding): string {
  return `${invalid.count} invalid ${encodingName(encoding)} byte(s), the first at byte ${invalid.firstOffset}`;
}

/** Why writing this decoded text back would lose bytes, or null when it would not. */
export function lossOnWrite(decoded: Decoded): string | null {
  if (decoded.kind === 'binary') return `binary file (${decoded.reason})`;
  if (decoded.kind === 'legacy') return `${encodingName(decoded.encoding)}-encoded, not UTF-8`;
  return decoded.invalid ? `${invalidMessage(decoded.invalid, decoded.encoding)}: writing would replace them with U+FFFD` : null;
}

export type Utf8Conversion =
  | { ok: true; from: SourceEncoding; bom: boolean; text: string; bytes: Buffer; changed: boolean }
  | { ok: false; from: SourceEncoding | null; reason: string };

function firstDifference(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return i;
  return n;
}

function hex(bytes: Uint8Array, at: number): string {
  return [...bytes.subarray(at, at + 4)].map((b) => b.toString(16).padStart(2, '0')).join(' ');
}

/**
 * Converts a file's bytes to UTF-8 only when nothing is lost: the decoded text, encoded again in the
 * detected encoding, must give back the original bytes exactly. UTF-8 input is returned unchanged (its BOM
 * kept); a UTF-16 BOM is an encoding mark, not text, and is not carried over.
 */
export function convertToUtf8(bytes: Uint8Array): Utf8Conversion {
  const decoded = decodeBytes(bytes);
  if (decoded.kind === 'binary') return { ok: false, from: null, reason: `binary file (${decoded.reason}): not text` };
  const from = decoded.encoding;
  if (decoded.kind === 'text' && decoded.invalid) {
    return { ok: false, from, reason: `${invalidMessage(decoded.invalid, decoded.encoding)}: cannot convert without losing them` };
  }
  const again = decoded.kind === 'legacy' ? encodeLegacy(decoded.text, decoded.encoding) : encodeText(decoded.text, decoded.encoding, decoded.bom);
  if (again.length !== bytes.length || firstDifference(again, bytes) < bytes.length) {
    const at = firstDifference(again, bytes);
    return { ok: false, from, reason: `${encodingName(from)} does not round-trip at byte ${at} (${hex(bytes, at)}): converting would change the text` };
  }
  if (decoded.kind === 'text' && decoded.encoding === 'utf-8') return { ok: true, from, bom: decoded.bom, text: decoded.text, bytes: asBuffer(bytes), changed: false };
  return { ok: true, from, bom: decoded.kind === 'text' && decoded.bom, text: decoded.text, bytes: Buffer.from(decoded.text, 'utf8'), changed: true };
}
