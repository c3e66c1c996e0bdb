/** A progress bar on stderr, only when stderr is a terminal; redrawn at most ten times a second. */
export interface Progress {
  tick(bytes: number): void;
  phase(label: string, total: number): void;
  done(): void;
}

const WIDTH = 24;

export function createProgress(write: ((text: string) => void) | null): Progress {
  if (!write) return { tick() {}, phase() {}, done() {} };
  let label = '';
  let total = 0;
  let count = 0;
  let bytes = 0;
  let started = Date.now();
  let drawn = 0;
  const draw = (force: boolean) => {
    const now = Date.now();
    if (!force && now - drawn < 100) return;
    drawn = now;
    const filled = total ? Math.round((count / total) * WIDTH) : 0;
    const seconds = Math.max(0.001, (now - started) / 1000);
    const rate = `${(bytes / 1e6 / seconds).toFixed(1)} MB/s`;
    write(`\r\x1b[K${label} [${'#'.repeat(filled)}${'.'.repeat(WIDTH - filled)}] ${count}/${total} files · ${rate}`);
  };
  return {
    phase(next, n) {
      label = next;
      total = n;
      count = 0;
      bytes = 0;
      started = Date.now();
      draw(true);
    },
    tick(n) {
      count++;
      bytes += n;
      draw(count === total);
    },
    done() {
      write('\r\x1b[K');
    },
  };
}
