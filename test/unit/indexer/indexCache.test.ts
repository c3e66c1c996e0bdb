import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { removeStaleCaches } from '../../../src/indexer/indexCache';

describe('removeStaleCaches', () => {
  it('removes index caches other than those kept, of either format, and nothing else', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sc-caches-'));
    try {
      for (const name of ['index-0a1b2c3d.cache', 'index-deadbeef.cache', 'index-0a1b2c3d.jsonl', 'notes.txt', 'index-draft.cache']) fs.writeFileSync(path.join(dir, name), 'x');
      const removed = await removeStaleCaches(dir, ['index-0a1b2c3d.cache']);
      assert.deepEqual(removed.sort(), ['index-0a1b2c3d.jsonl', 'index-deadbeef.cache']);
      assert.deepEqual(fs.readdirSync(dir).sort(), ['index-0a1b2c3d.cache', 'index-draft.cache', 'notes.txt']);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
