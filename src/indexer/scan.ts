/**
 * Listing seed files: folders expand to every .txt below them. Symbolic link loops are cut (a folder is
 * entered once by its real path), the same file reached twice through links is listed once (it would
 * otherwise count twice in corpus recurrence), and unreadable folders or broken links are reported.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { FileStamp } from './corpusIndex';

export interface FileProblem {
  path: string;
  message: string;
}

const SKIPPED_FOLDERS = new Set(['node_modules', '.git']);

function reason(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'no such file or folder';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'ELOOP') return 'symbolic link loop';
  return code ?? (e as Error).message;
}

export function collectFiles(inputs: string[]): { files: string[]; problems: FileProblem[] } {
  const files: string[] = [];
  const problems: FileProblem[] = [];
  const seenDirs = new Set<string>();
  const seenFiles = new Set<string>();
  /** `real` is known when the file is no link inside a folder whose real path is known: no system call then. */
  const addFile = (file: string, real?: string) => {
    if (real === undefined) {
      try {
        real = fs.realpathSync(file);
      } catch {
        // Listed anyway: reading it will say what is wrong.
        real = file;
      }
    }
    if (seenFiles.has(real)) return;
    seenFiles.add(real);
    files.push(file);
  };
  const walk = (dir: string) => {
    let real: string;
    try {
      real = fs.realpathSync(dir);
    } catch (e) {
      problems.push({ path: dir, message: `cannot read folder: ${reason(e)}` });
      return;
    }
    if (seenDirs.has(real)) return;
    seenDirs.add(real);
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch (e) {
      problems.push({ path: dir, message: `cannot read folder: ${reason(e)}` });
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const full = path.join(dir, entry.name);
      let isDir = entry.isDirectory();
      let isFile = entry.isFile();
      if (entry.isSymbolicLink()) {
        try {
          const st = fs.statSync(full);
          isDir = st.isDirectory();
          isFile = st.isFile();
        } catch (e) {
          problems.push({ path: full, message: (e as NodeJS.ErrnoException).code === 'ELOOP' ? 'symbolic link loop' : 'broken symbolic link' });
          continue;
        }
      }
      if (isDir && !SKIPPED_FOLDERS.has(entry.name)) walk(full);
      else if (isFile && entry.name.toLowerCase().endsWith('.txt')) addFile(full, entry.isSymbolicLink() ? undefined : path.join(real, entry.name));
    }
  };
  for (const input of inputs) {
    let st: fs.Stats;
    try {
      st = fs.statSync(input);
    } catch (e) {
      problems.push({ path: input, message: `cannot read: ${reason(e)}` });
      continue;
    }
    if (st.isDirectory()) walk(input);
    else addFile(input);
  }
  return { files, problems };
}

/** Stamps for the index; a file gone since it was listed is left out (the index then drops it). */
export function stampFiles(files: string[]): FileStamp[] {
  const stamps: FileStamp[] = [];
  for (const file of files) {
    try {
      const st = fs.statSync(file);
      stamps.push({ path: file, mtimeMs: st.mtimeMs, size: st.size });
    } catch {
      // Vanished between listing and stat.
    }
  }
  return stamps;
}
