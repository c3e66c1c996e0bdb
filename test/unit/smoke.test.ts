import assert from 'node:assert/strict';
import { lintText } from '../../src/core/runner';

describe('runner', () => {
  it('reports U+FFFD with its exact range', () => {
    const { findings } = lintText('第一行\n丢失\uFFFD\uFFFD的字');
    const f = findings.find((x) => x.rule === 'SC103');
    assert.ok(f);
    assert.deepEqual(f.range, { start: { line: 1, character: 2 }, end: { line: 1, character: 4 } });
  });
});
