import assert from 'node:assert/strict';
import fc from 'fast-check';
import * as iconv from 'iconv-lite';
import { cleanUtf8Body, convertToUtf8, decodeBytes, encodeLegacy, encodeText } from '../../../src/core/encoding';
import { anyText, runs } from './arbitraries';

/** Bytes as files arrive: random, or text in one of the encodings the engine detects, sometimes damaged. */
const fileBytes = fc.oneof(
  fc.uint8Array({ maxLength: 800 }).map((b) => Buffer.from(b)),
  // ASCII with NUL and control bytes: valid UTF-8, yet binary or UTF-16 by their count and place.
  fc.array(fc.constantFrom(0, 1, 9, 10, 13, 0x1b, 0x20, 0x41, 0x42, 0x61, 0x62, 0x63, 0x64, 0x65), { maxLength: 200 }).map((b) => Buffer.from(b)),
  fc.tuple(anyText, fc.constantFrom('utf8', 'gbk', 'gb18030', 'big5', 'utf16le', 'utf16be'), fc.boolean(), fc.nat(), fc.nat(3)).map(([text, encoding, bom, at, cut]) => {
    const bytes = iconv.encode(text, encoding, { addBOM: bom });
    return Buffer.concat([bytes.subarray(0, at % (bytes.length + 1)), bytes.subarray((at % (bytes.length + 1)) + cut)]);
  }),
);

describe('fuzz: decoding and conversion', function () {
  this.timeout(Number(process.env.FUZZ_RUNS ?? 0) ? 0 : 60_000);

  it('decodes any bytes without throwing, into one of the three kinds', () => {
    fc.assert(fc.property(fileBytes, (bytes) => {
      const decoded = decodeBytes(bytes);
      assert.ok(['text', 'legacy', 'binary'].includes(decoded.kind));
    }), { numRuns: runs(300) });
  });

  it('passes as clean UTF-8 exactly the bytes it decodes as UTF-8 text without invalid sequences', () => {
    fc.assert(fc.property(fileBytes, (bytes) => {
      const decoded = decodeBytes(bytes);
      const clean = decoded.kind === 'text' && decoded.encoding === 'utf-8' && !decoded.invalid;
      const body = cleanUtf8Body(bytes);
      assert.equal(body !== null, clean);
      if (body && decoded.kind === 'text') assert.equal(Buffer.from(body).toString('utf8'), decoded.text);
    }), { numRuns: runs(300) });
  });

  it('converts to UTF-8 only losslessly: a successful conversion re-encodes to the original bytes', () => {
    fc.assert(fc.property(fileBytes, (bytes) => {
      const result = convertToUtf8(bytes);
      if (!result.ok) {
        assert.ok(result.reason.length > 0);
        return;
      }
      assert.equal(result.bytes.toString('utf8'), result.bom && result.from === 'utf-8' ? `\ufeff${result.text}` : result.text);
      const again = result.from === 'gbk' || result.from === 'gb18030' || result.from === 'big5'
        ? encodeLegacy(result.text, result.from)
        : encodeText(result.text, result.from, result.bom);
      assert.ok(again.equals(bytes), `${result.from} conversion is not lossless`);
    }), { numRuns: runs(300) });
  });

  it('writes decoded Unicode text back to the same bytes unless bytes were invalid', () => {
    fc.assert(fc.property(fileBytes, (bytes) => {
      const decoded = decodeBytes(bytes);
      if (decoded.kind !== 'text' || decoded.invalid) return;
      assert.ok(encodeText(decoded.text, decoded.encoding, decoded.bom).equals(bytes));
    }), { numRuns: runs(300) });
  });
});
