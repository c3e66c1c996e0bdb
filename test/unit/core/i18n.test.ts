import assert from 'node:assert/strict';
import { localize } from '../../../src/core/i18n';

describe('localize', () => {
  const message = { en: 'Simplified characters: `进` → `進`.', zh: '繁体文章中夹有简体字:`进` → `進`。' };

  it('converts zh-TW messages but keeps quoted document text as it is', () => {
    assert.equal(localize(message, 'zh-TW'), '繁體文章中夾有簡體字:`进` → `進`。');
  });

  it('returns the written texts for zh-CN and en', () => {
    assert.equal(localize(message, 'zh-CN'), message.zh);
    assert.equal(localize(message, 'en'), message.en);
  });
});
