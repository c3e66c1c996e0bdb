/**
 * Decoding a seed file's bytes: UTF-8 (with or without BOM) and UTF-16 are text; NUL-heavy data is binary;
 * anything else is a legacy code page (GBK / GB18030 / Big5), identified by which decoding reads as Chinese.
 */
import * as iconv from 'iconv-lite';
import { chineseScore } from './charfreq';

export type LegacyEncoding = 'gb18030' | 'gbk' | 'big5';

export type Decoded =
  | { kind: 'text'; text: string; encoding: 'utf-8' | 'utf-16le' | 'utf-16be'; bom: boolean }
  | { kind: 'legacy'; encoding: LegacyEncoding; text: string }
  | { kind: 'binary'; reason: string };

const SAMPLE = 64 * 1024;

function looksBinary(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, SAMPLE);
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = bytes[i];
    if (b === 0) return true;
    if (b < 0x09 || (b > 0x0d && b < 0x20 && b !== 0x1b)) control++;
  }
  return n > 0 && control / n > 0.1;
}

export function decodeBytes(bytes: Uint8Array): Decoded {
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { kind: 'text', text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8', bom: true };
  }
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) {
    return { kind: 'text', text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le', bom: true };
  }
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) {
    return { kind: 'text', text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf-16be', bom: true };
  }
  if (looksBinary(bytes)) return { kind: 'binary', reason: 'contains NUL or control bytes' };
  try {
    return { kind: 'text', text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8', bom: false };
  } catch {
    return detectLegacy(bytes);
  }
}

function detectLegacy(bytes: Uint8Array): Decoded {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const candidates: LegacyEncoding[] = ['gb18030', 'big5'];
  let best: { encoding: LegacyEncoding; text: string; score: number } | null = null;
  for (const encoding of candidates) {
    const text = iconv.decode(buffer, encoding);
    const score = chineseScore(text);
    if (!best || score > best.score) best = { encoding, text, score };
  }
  if (!best) return { kind: 'binary', reason: 'not decodable' };
  const encoding = best.encoding === 'gb18030' && isPlainGbk(buffer) ? 'gbk' : best.encoding;
  return { kind: 'legacy', encoding, text: best.text };
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
