import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { END, START, renderRulesReference } from '../../scripts/rules-doc';

describe('README', () => {
  it('documents every rule as the registry defines it', () => {
    const readme = fs.readFileSync(path.join(__dirname, '..', '..', 'README.md'), 'utf8');
    const block = readme.slice(readme.indexOf(START), readme.indexOf(END) + END.length);
    assert.equal(block, renderRulesReference(), 'run `npx tsx scripts/rules-doc.ts`');
  });
});
