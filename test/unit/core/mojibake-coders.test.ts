import assert from 'node:assert/strict';
import * as iconv from 'iconv-lite';

// The mojibake engine reuses one iconv encoder and decoder per double-byte code page instead of iconv.encode() and
// iconv.decode(), which make new ones per call: that is only sound if they are back in their initial state after
// end(), which this checks for every BMP character and every byte pair the engine decodes.
describe('reused GBK and Big5 coders', () => {
  for (const codec of ['gbk', 'big5'] as const) {
    it(`${codec}: encode and decode as fresh ones do`, () => {
      const encoder = iconv.getEncoder(codec);
      const decoder = iconv.getDecoder(codec);
      const encode = (text: string) => {
        const bytes = encoder.write(text);
        const trail = encoder.end();
        return trail && trail.length > 0 ? Buffer.concat([bytes, trail]) : bytes;
      };
      const decode = (bytes: Buffer) => {
        const text = decoder.write(bytes);
        const trail = decoder.end();
        return trail ? text + trail : text;
      };
      for (let cp = 0x80; cp < 0x10000; cp++) {
        const ch = String.fromCharCode(cp);
        const bytes = iconv.encode(ch, codec);
        assert.deepEqual(encode(ch), bytes, `U+${cp.toString(16)}`);
        assert.equal(decode(bytes), iconv.decode(bytes, codec), `U+${cp.toString(16)}`);
      }
      for (let lead = 0x81; lead <= 0xfe; lead++) {
        for (let trail = 0x40; trail <= 0xfe; trail++) {
          const pair = Buffer.from([lead, trail]);
          assert.equal(decode(pair), iconv.decode(pair, codec), `${lead.toString(16)} ${trail.toString(16)}`);
        }
      }
    });
  }
});
