import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { main, type Io } from '../../../src/cli/main';

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
  /** Number of separate writes to stdout: streaming writes once per file. */
  writes: number;
}

export async function cli(args: string[]): Promise<Run> {
  let stdout = '';
  let stderr = '';
  let writes = 0;
  const io: Io = {
    write: (chunk) => {
      stdout += chunk;
      writes++;
    },
    err: (line) => (stderr += `${line}\n`),
    stdoutIsTTY: false,
    progress: null,
  };
  const code = await main(args, io);
  return { code, stdout, stderr, writes };
}

export function tempDir(files: Record<string, string | Buffer> = {}): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sc-cli-'));
  for (const [name, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), content);
  }
  return dir;
}

/** Temporary corpus folders for one suite, removed after it. Call inside a describe(). */
export function suiteTempDirs(): (files: Record<string, string | Buffer>) => string {
  const dirs: string[] = [];
  after(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));
  return (files) => {
    const d = tempDir(files);
    dirs.push(d);
    return d;
  };
}

export const SEEDS = path.join(__dirname, '../../../seeds');

export function seedText(n = 0): string {
  return fs.readFileSync(path.join(SEEDS, fs.readdirSync(SEEDS).sort()[n]), 'utf8');
}
