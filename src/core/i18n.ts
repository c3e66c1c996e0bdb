/** Message localisation: English and Simplified Chinese are written; Traditional is converted from Simplified. */
import { convertText } from './convert';
import type { LocalizedText, Locale } from './types';

const traditionalCache = new Map<string, string>();

export function localize(message: LocalizedText, locale: Locale): string {
  if (locale === 'en') return message.en;
  if (locale === 'zh-TW') {
    let t = traditionalCache.get(message.zh);
    if (t === undefined) {
      t = convertText(message.zh, 'tw');
      if (traditionalCache.size < 10000) traditionalCache.set(message.zh, t);
    }
    return t;
  }
  return message.zh;
}
