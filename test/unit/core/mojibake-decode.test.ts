import assert from 'node:assert/strict';
import fc from 'fast-check';
import { decodeDoubleByte, decodeGbkOnce, type DecodedBytes } from '../../../src/core/mojibake';

// Frame-shift readings of one cluster share its GBK bytes and decode each offset once for all of them; only the
// last byte of a reading depends on where it ends. Every reading must still be what decoding it alone gives.
describe('GBK decoding shared by the readings of a cluster', () => {
  /** Bytes as the engine has them: ASCII, leads, trails and -1 for a byte the text no longer holds. */
  const byte = fc.oneof(fc.integer({ min: 0x20, max: 0x7e }), fc.integer({ min: 0x80, max: 0xff }), fc.integer({ min: 0xb0, max: 0xf7 }), fc.constant(-1));

  it('decodes every range as decodeDoubleByte does, whatever was decoded before', () => {
    fc.assert(
      fc.property(fc.array(byte, { minLength: 1, maxLength: 40 }), fc.array(fc.tuple(fc.nat(), fc.nat()), { minLength: 1, maxLength: 12 }), (bytes, ranges) => {
        const shared: DecodedBytes = { bytes, units: new Array(bytes.length), lengths: new Uint8Array(bytes.length) };
        for (const [a, b] of ranges) {
          const from = a % bytes.length;
          const to = from + 1 + (b % (bytes.length - from));
          const codes = (units: { code: number }[]) => units.map((u) => u.code);
          assert.deepEqual(codes(decodeGbkOnce(shared, from, to, [])), codes(decodeDoubleByte(bytes, from, 'gbk', to)), `${from}-${to}`);
        }
      }),
      { numRuns: 2000 },
    );
  });
});
