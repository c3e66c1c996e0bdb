/** Finding and reading seed files for the CLI: folders expand to every .txt below, symlink loops are cut. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CONFIG_FILE_NAME, parseConfig, type LoadedConfig } from '../core/config';
import { decodeBytes, type Decoded } from '../core/encoding';

export interface FileProblem {
  path: string;
  message: string;
}

const SKIPPED_FOLDERS = new Set(['node_modules', '.git']);

export function collectFiles(inputs: string[]): { files: string[]; problems: FileProblem[] } {
  const files: string[] = [];
  const problems: FileProblem[] = [];
  const seenDirs = new Set<string>();
  const walk = (dir: string) => {
    let real: string;
    try {
      real = fs.realpathSync(dir);
    } catch (e) {
      problems.push({ path: dir, message: `cannot read folder: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}` });
      return;
    }
    if (seenDirs.has(real)) return;
    seenDirs.add(real);
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch (e) {
      problems.push({ path: dir, message: `cannot read folder: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}` });
      return;
    }
    entries.sort((a, b) => a.name.localeCompare(b.name));
    for (const entry of entries) {
      const full = path.join(dir, entry.name);
      let isDir = entry.isDirectory();
      let isFile = entry.isFile();
      if (entry.isSymbolicLink()) {
        try {
          const st = fs.statSync(full);
          isDir = st.isDirectory();
          isFile = st.isFile();
        } catch {
          problems.push({ path: full, message: 'broken symbolic link' });
          continue;
        }
      }
      if (isDir && !SKIPPED_FOLDERS.has(entry.name)) walk(full);
      else if (isFile && entry.name.toLowerCase().endsWith('.txt')) files.push(full);
    }
  };
  for (const input of inputs) {
    let st: fs.Stats;
    try {
      st = fs.statSync(input);
    } catch (e) {
      problems.push({ path: input, message: `cannot read: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file or folder' : (e as Error).message}` });
      continue;
    }
    if (st.isDirectory()) walk(input);
    else files.push(input);
  }
  return { files, problems };
}

export type ReadResult = { ok: true; decoded: Decoded; bytes: number } | { ok: false; message: string };

export function readSeed(file: string): ReadResult {
  try {
    const bytes = fs.readFileSync(file);
    return { ok: true, decoded: decodeBytes(bytes), bytes: bytes.length };
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return { ok: false, message: code === 'EACCES' ? 'permission denied' : code === 'ENOENT' ? 'file vanished while reading' : (e as Error).message };
  }
}

/** The corpus configuration: the given file, or the nearest .seedcurator.json above the first input. */
export function findConfig(explicit: string | undefined, inputs: string[]): { path: string | null; loaded: LoadedConfig } {
  let file = explicit ?? null;
  if (!file) {
    let dir = path.resolve(inputs[0] ?? '.');
    try {
      if (!fs.statSync(dir).isDirectory()) dir = path.dirname(dir);
    } catch {
      dir = path.dirname(dir);
    }
    for (;;) {
      const candidate = path.join(dir, CONFIG_FILE_NAME);
      if (fs.existsSync(candidate)) {
        file = candidate;
        break;
      }
      const parent = path.dirname(dir);
      if (parent === dir) break;
      dir = parent;
    }
  }
  if (!file) return { path: null, loaded: { config: {}, problems: [] } };
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    return { path: file, loaded: { config: {}, problems: [{ message: `cannot read: ${(e as Error).message}`, offset: 0, length: 0 }] } };
  }
  return { path: file, loaded: parseConfig(text) };
}
