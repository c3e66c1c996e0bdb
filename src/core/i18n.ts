/**
 * Message localisation: English and Simplified Chinese are written; Traditional is converted from Simplified.
 * Text quoted from the document stands in backticks and is never converted: it must show what the file says.
 */
import { convertText } from './convert';
import type { LocalizedText, Locale } from './types';

const traditionalCache = new Map<string, string>();
const QUOTED = /(`[^`]*`)/;

function toTraditionalMessage(zh: string): string {
  return zh
    .split(QUOTED)
    .map((part) => (part.startsWith('`') ? part : convertText(part, 'tw')))
    .join('');
}

export function localize(message: LocalizedText, locale: Locale): string {
  if (locale === 'en') return message.en;
  if (locale === 'zh-TW') {
    let t = traditionalCache.get(message.zh);
    if (t === undefined) {
      t = toTraditionalMessage(message.zh);
      if (traditionalCache.size < 10000) traditionalCache.set(message.zh, t);
    }
    return t;
  }
  return message.zh;
}
