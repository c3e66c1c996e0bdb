/**
 * Script-variant conversion through OpenCC (opencc-js). Converters are built on first use and cached, since
 * they are slow to build; a one-off job can take an uncached one and let its dictionaries go. Only runs of Han
 * text (with the punctuation inside them) are converted, so Latin text, numbers, URLs and markup are never touched.
 */
export type ConversionTarget = 'cn' | 't' | 'tw' | 'twp' | 'hk';

export const CONVERSION_TARGETS: ConversionTarget[] = ['cn', 't', 'tw', 'twp', 'hk'];

type OpenCCLocale = 'cn' | 'tw' | 'twp' | 'hk' | 't';
type Converter = (text: string) => string;

const cache = new Map<string, Converter>();

/**
 * A converter of whole strings, not cached: the dictionaries of some (cn→t, cn→tw) take tens of megabytes, which
 * a job that converts once should not keep.
 */
export function uncachedConverter(from: OpenCCLocale, to: OpenCCLocale): Converter {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const OpenCC = require('opencc-js') as { Converter(o: { from: OpenCCLocale; to: OpenCCLocale }): Converter };
  return OpenCC.Converter({ from, to });
}

function converter(from: OpenCCLocale, to: OpenCCLocale): Converter {
  const key = `${from}>${to}`;
  let conv = cache.get(key);
  if (!conv) {
    conv = uncachedConverter(from, to);
    cache.set(key, conv);
  }
  return conv;
}

/** Converting to the mainland form starts from any traditional form; converting to traditional starts from mainland. */
function pairFor(target: ConversionTarget): [OpenCCLocale, OpenCCLocale] {
  return target === 'cn' ? ['t', 'cn'] : ['cn', target];
}

/** Runs of Han characters and the CJK punctuation between them: the only text conversion may change. */
const HAN_RUN = /[\p{Script=Han}\u3000-\u303f\uff00-\uffef“”‘’·…—]+/gu;

export function convertText(text: string, target: ConversionTarget): string {
  const [from, to] = pairFor(target);
  const conv = converter(from, to);
  return text.replace(HAN_RUN, (run) => conv(run));
}

/** Single-character conversions, for measuring how much of a text belongs to each script. */
export function toSimplified(text: string): string {
  return converter('t', 'cn')(text);
}

export function toTraditional(text: string): string {
  return converter('cn', 't')(text);
}
