import assert from 'node:assert/strict';
import fc from 'fast-check';
import * as iconv from 'iconv-lite';
import { toSimplified, uncachedConverter } from '../../../src/core/convert';
import { characterStages, convertCharacter, convertPerCharacter, stages } from '../../../src/core/meta/opencc';
import { Script, scriptOf } from '../../../src/core/meta/variant';

/** Every Han character, as the plain reference lists them. */
function hanCharacters(): string[] {
  const han: string[] = [];
  for (let cp = 0x2e80; cp < 0x40000; cp++) {
    if (cp >= 0xd800 && cp <= 0xdfff) continue;
    const ch = String.fromCodePoint(cp);
    if (/\p{Script=Han}/u.test(ch)) han.push(ch);
  }
  return han;
}

/** Each character through a real converter, one call for all (no dictionary entry holds a line break). */
function convertEach(convert: (text: string) => string, chars: string[]): string[] {
  return convert(chars.join('\n')).split('\n');
}

describe('OpenCC read as per-character maps', () => {
  const han = hanCharacters();

  it('converts every Han character as the t→cn converter does', () => {
    const expected = convertEach(toSimplified, han);
    const list = characterStages('t2s');
    han.forEach((ch, k) => assert.equal(convertCharacter(list, ch), expected[k], ch));
  });

  it('builds the script table the converters and Big5 give, character by character', () => {
    // The plain reference: every Han character through the real converters, Big5 asked one at a time.
    const simplified = convertEach(toSimplified, han);
    const rest = han.filter((ch, k) => simplified[k] === ch);
    const traditional = convertEach(uncachedConverter('cn', 't'), rest);
    const changedAt = rest.flatMap((ch, k) => (traditional[k] !== ch ? [k] : []));
    const changed = changedAt.map((k) => rest[k]);
    const taiwan = convertEach(uncachedConverter('t', 'tw'), changedAt.map((k) => traditional[k]));
    const expected = new Map<string, Script>();
    han.forEach((ch, k) => simplified[k] !== ch && expected.set(ch, Script.Traditional));
    changed.forEach((ch, k) => {
      if (taiwan[k] !== ch && iconv.decode(iconv.encode(ch, 'big5'), 'big5') !== ch) expected.set(ch, Script.Simplified);
    });
    for (const ch of han) assert.equal(scriptOf(ch.codePointAt(0)!), expected.get(ch) ?? Script.Shared, ch);
  });

  // Pools per direction. t→cn: traditional characters, shared ones that begin phrases (反覆, 乾坤), compatibility
  // ideographs (some normalised to astral ones), characters simplified to astral ones (㗲), an astral character, a
  // description character, Latin text and punctuation. cn→t: characters with several traditional forms (干, 后, 发,
  // 里), inside phrases (干部, 头发) or alone.
  const directions = [
    { name: 't→cn', config: 't2s', converter: toSimplified, pool: [...'後來這裡學者說反覆乾坤一目瞭然中國人的在\uf900\uf901\uf9a8\ufa6c\ufacf㗲㜢𠮷⿰木木 a1,。\n'], runs: 3000 },
    { name: 'cn→t', config: 's2t', converter: uncachedConverter('cn', 't'), pool: [...'干部后面头发里这进报一的了中国\uf900𠮷⿰木木 a。'], runs: 2000 },
  ] as const;
  for (const { name, config, converter, pool, runs } of directions) {
    it(`converts text as the ${name} converter does wherever it converts it at all`, () => {
      const list = stages(config);
      fc.assert(
        fc.property(fc.array(fc.constantFrom(...pool), { maxLength: 40 }), (chars) => {
          const text = chars.join('');
          const fast = convertPerCharacter(list, text);
          if (fast !== null) assert.equal(fast, converter(text));
        }),
        { numRuns: runs },
      );
    });
  }

  it('converts a text longer than its scratch buffer, growing where a character becomes two units', () => {
    const list = stages('t2s');
    for (const text of ['這裡的學者說\ufa6c㗲'.repeat(20_000), '\ufa6c'.repeat(40_000)]) {
      assert.equal(convertPerCharacter(list, text), toSimplified(text));
    }
  });

  it('leaves phrases and description sequences to the converter', () => {
    const list = stages('t2s');
    assert.equal(convertPerCharacter(list, '他反覆說'), null);
    assert.equal(convertPerCharacter(list, '⿰木木'), null);
    assert.equal(convertPerCharacter(list, '這裡的學者說'), '这里的学者说');
    const plain = 'Latin only, 123';
    assert.equal(convertPerCharacter(list, plain), plain);
  });
});
