import assert from 'node:assert/strict';
import { cli, SEEDS } from './helpers';

describe('cli outline', function () {
  this.timeout(60_000);
  it('groups the seeds by date as JSON, every file once', async () => {
    const run = await cli(['outline', SEEDS, '--format', 'json', '--jobs', '1']);
    assert.equal(run.code, 0, run.stderr);
    const outline = JSON.parse(run.stdout);
    assert.equal(outline.version, 1);
    assert.equal(outline.by, 'date');
    const count = (groups: { entries: unknown[]; children: never[] }[]): number => groups.reduce((n, g) => n + g.entries.length + count(g.children), 0);
    assert.equal(count(outline.groups), 5);
  });

  it('rejects an unknown grouping', async () => {
    const run = await cli(['outline', SEEDS, '--by', 'author']);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /--by must be date or city/);
  });
});
