import assert from 'node:assert/strict';
import { createProgress } from '../../../src/cli/progress';

describe('progress bar', () => {
  it('draws on one line with the file count, and clears it at the end', () => {
    const drawn: string[] = [];
    const progress = createProgress((t) => drawn.push(t));
    progress.phase('linting', 3);
    progress.tick(1000);
    progress.tick(1000);
    progress.tick(1000);
    progress.done();
    assert.match(drawn[0], /^\r\x1b\[Klinting \[\.+\] 0\/3 files/);
    assert.match(drawn.at(-2)!, /^\r\x1b\[Klinting \[#+\] 3\/3 files · [\d.]+ MB\/s$/);
    assert.equal(drawn.at(-1), '\r\x1b[K');
  });

  it('draws nothing when stderr is not a terminal', () => {
    const progress = createProgress(null);
    progress.phase('linting', 1);
    progress.tick(1);
    progress.done();
  });
});
