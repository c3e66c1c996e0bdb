import assert from 'node:assert/strict';
import fc from 'fast-check';
import { lintText } from '../../../src/core/runner';
import type { Finding } from '../../../src/core/types';
import { packFindings, unpackFindings } from '../../../src/indexer/packedFindings';
import { seedText } from '../cli/helpers';

const plain = { noNullPrototype: true };
const position = fc.record({ line: fc.integer({ min: -5, max: 2 ** 40 }), character: fc.integer({ min: -5, max: 2 ** 40 }) }, plain);
const range = fc.record({ start: position, end: position }, plain);
const finding: fc.Arbitrary<Finding> = fc.record({
  rule: fc.string(),
  slug: fc.string(),
  category: fc.constantFrom('garbled', 'boilerplate', 'structure', 'variant'),
  severity: fc.constantFrom('error', 'warning', 'info', 'hint'),
  message: fc.string({ unit: 'binary', maxLength: 80 }),
  range,
  fixes: fc.array(fc.record({ title: fc.string(), safe: fc.boolean(), edits: fc.array(fc.record({ range, newText: fc.string({ unit: 'binary' }) }, plain), { maxLength: 3 }) }, plain), { maxLength: 3 }),
}, plain);

describe('packed findings', () => {
  it('unpack(pack(findings)) gives the findings back', () => {
    fc.assert(fc.property(fc.array(finding, { maxLength: 20 }), (findings) => {
      assert.deepEqual(unpackFindings(packFindings(findings)), findings);
    }), { numRuns: 300 });
  });

  it('keeps real findings in a fraction of their JSON size', () => {
    const { findings } = lintText(seedText(0));
    const packed = packFindings(findings);
    assert.deepEqual(unpackFindings(packed), findings);
    assert.ok(packed.data.length < JSON.stringify(findings).length / 5);
  });
});
