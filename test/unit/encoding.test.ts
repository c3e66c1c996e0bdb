import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as iconv from 'iconv-lite';
import { convertToUtf8, decodeBytes, describeDecoded, encodeText, lossOnWrite } from '../../src/core/encoding';
import { toTraditional } from '../../src/core/convert';

const SEED = fs.readFileSync(path.join(__dirname, '../../seeds/000_32fa1be59cbdf019.txt'), 'utf8');
const utf16le = (s: string) => Buffer.from(s, 'utf16le');
const utf16be = (s: string) => Buffer.from(s, 'utf16le').swap16();

describe('encoding detection', () => {
  const cases: [string, Buffer, string][] = [
    ['UTF-8 without BOM', Buffer.from(SEED), 'UTF-8 without BOM'],
    ['UTF-8 with BOM', Buffer.from(`\ufeff${SEED}`), 'UTF-8 with BOM'],
    ['UTF-16LE with BOM', Buffer.concat([Buffer.from([0xff, 0xfe]), utf16le(SEED)]), 'UTF-16LE with BOM'],
    ['UTF-16BE with BOM', Buffer.concat([Buffer.from([0xfe, 0xff]), utf16be(SEED)]), 'UTF-16BE with BOM'],
    ['UTF-16LE without BOM', utf16le(SEED), 'UTF-16LE without BOM'],
    ['UTF-16BE without BOM', utf16be(SEED), 'UTF-16BE without BOM'],
    ['GBK', iconv.encode(SEED, 'gbk'), 'GBK'],
    ['GB18030 (four-byte sequences)', iconv.encode(`${SEED}𠀀㐀`, 'gb18030'), 'GB18030'],
  ];
  for (const [name, bytes, description] of cases) {
    it(`detects ${name} and decodes it exactly`, () => {
      const decoded = decodeBytes(bytes);
      assert.equal(describeDecoded(decoded), description);
      assert.ok(decoded.kind !== 'binary');
      assert.ok(decoded.text.startsWith(SEED.slice(0, 200)));
    });
  }

  it('tells Big5 from GBK by how the text reads', () => {
    const traditional = toTraditional(SEED);
    const decoded = decodeBytes(iconv.encode(traditional, 'big5'));
    assert.equal(decoded.kind, 'legacy');
    assert.equal(describeDecoded(decoded), 'Big5');
    assert.ok(decoded.kind === 'legacy' && decoded.text.startsWith(traditional.slice(0, 100)));
  });

  it('calls an empty file UTF-8 text', () => {
    assert.deepEqual(decodeBytes(new Uint8Array(0)), { kind: 'text', text: '', encoding: 'utf-8', bom: false });
  });

  it('calls NUL-laden and control-heavy data binary, saying why', () => {
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52, 0, 0, 1, 0]);
    assert.equal(describeDecoded(decodeBytes(png)), 'binary (contains NUL bytes)');
    const control = Buffer.from(Array.from({ length: 200 }, (_, i) => (i % 3 === 0 ? 0x01 : 0x41)));
    assert.match(describeDecoded(decodeBytes(control)), /^binary \(\d+% control bytes\)$/);
  });

  it('keeps mostly-UTF-8 text with a broken sequence as UTF-8 and says where the break is', () => {
    const head = Buffer.from(SEED);
    const bytes = Buffer.concat([head, Buffer.from([0xe4, 0xb8]), Buffer.from(SEED)]);
    const decoded = decodeBytes(bytes);
    assert.equal(decoded.kind, 'text');
    assert.ok(decoded.kind === 'text' && decoded.invalid);
    assert.equal(decoded.kind === 'text' && decoded.invalid?.firstOffset, head.length);
    assert.match(lossOnWrite(decoded)!, /invalid UTF-8 byte\(s\), the first at byte \d+: writing would replace them/);
  });
});

describe('convertToUtf8', () => {
  it('converts GBK, GB18030, Big5 and UTF-16 losslessly', () => {
    // Only text the code page can hold: '©' is not in GBK, some simplified characters are not in Big5.
    const representable = (text: string, encoding: string) => iconv.decode(iconv.encode(text, encoding), encoding);
    const gbk = representable(SEED, 'gbk');
    const big5 = representable(toTraditional(SEED), 'big5');
    const inputs: [Buffer, string][] = [
      [iconv.encode(gbk, 'gbk'), gbk],
      [iconv.encode(`${SEED}𠀀`, 'gb18030'), `${SEED}𠀀`],
      [iconv.encode(big5, 'big5'), big5],
      [Buffer.concat([Buffer.from([0xff, 0xfe]), utf16le(SEED)]), SEED],
      [utf16be(SEED), SEED],
    ];
    for (const [bytes, text] of inputs) {
      const result = convertToUtf8(bytes);
      assert.ok(result.ok, !result.ok ? result.reason : '');
      assert.equal(result.changed, true);
      assert.equal(result.bytes.toString('utf8'), text);
    }
  });

  it('returns UTF-8 unchanged, BOM included', () => {
    const bytes = Buffer.from(`\ufeff${SEED}`);
    const result = convertToUtf8(bytes);
    assert.ok(result.ok);
    assert.equal(result.changed, false);
    assert.ok(result.bytes.equals(bytes));
  });

  it('refuses when the legacy bytes do not round-trip, naming the byte', () => {
    // 0xFF is no GBK lead byte: it decodes to U+FFFD, which does not encode back to 0xFF.
    const gbk = iconv.encode(SEED.replace(/©/g, '(c)'), 'gbk');
    const bytes = Buffer.concat([gbk, Buffer.from([0xff]), gbk]);
    const result = convertToUtf8(bytes);
    assert.equal(result.ok, false);
    assert.ok(!result.ok && result.from === 'gbk');
    assert.match(!result.ok ? result.reason : '', /^GBK does not round-trip at byte \d+ \(ff /);
  });

  it('refuses broken UTF-8, lone UTF-16 surrogates and binary data', () => {
    assert.equal(convertToUtf8(Buffer.concat([Buffer.from(SEED), Buffer.from([0xe4]), Buffer.from(SEED)])).ok, false);
    const lone = Buffer.concat([Buffer.from([0xff, 0xfe]), utf16le(SEED), Buffer.from([0x00, 0xd8]), utf16le('后文')]);
    const result = convertToUtf8(lone);
    assert.ok(!result.ok && /invalid UTF-16LE/.test(result.reason));
    assert.equal(convertToUtf8(Buffer.from([0, 1, 2, 3])).ok, false);
  });
});

describe('encodeText', () => {
  it('writes text back byte for byte in the encoding and BOM it came in', () => {
    const inputs = [
      Buffer.from(`\ufeff${SEED}`),
      Buffer.from(SEED.replace(/\n/g, '\r\n')),
      Buffer.concat([Buffer.from([0xff, 0xfe]), utf16le(SEED)]),
      Buffer.concat([Buffer.from([0xfe, 0xff]), utf16be(SEED)]),
      utf16le(SEED),
    ];
    for (const bytes of inputs) {
      const decoded = decodeBytes(bytes);
      assert.ok(decoded.kind === 'text');
      assert.ok(encodeText(decoded.text, decoded.encoding, decoded.bom).equals(bytes));
    }
  });
});
