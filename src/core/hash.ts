/** 32-bit FNV-1a over UTF-16 code units: a compact key for lines in corpus-wide counts. */
export function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

export function hashHex(s: string): string {
  return hashString(s).toString(16).padStart(8, '0');
}
