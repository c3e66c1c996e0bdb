/** The CLI's configuration lookup: the given file, or the nearest .seedcurator.json above the first input. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CONFIG_FILE_NAME, parseConfig, type ConfigProblem, type LoadedConfig } from '../core/config';

export interface FoundConfig {
  path: string | null;
  /** The configuration text, for placing problems by line and column. */
  text: string;
  loaded: LoadedConfig;
}

export function findConfig(explicit: string | undefined, inputs: string[]): FoundConfig {
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
  if (!file) return { path: null, text: '', loaded: { config: {}, problems: [] } };
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : code === 'EISDIR' ? 'is a folder' : (e as Error).message;
    return { path: file, text: '', loaded: { config: {}, problems: [{ message: `cannot read the configuration: ${why}`, offset: 0, length: 0 }] } };
  }
  return { path: file, text, loaded: parseConfig(text) };
}

/** "file:line:column: message": the place an editor can jump to. */
export function describeConfigProblem(file: string, text: string, problem: ConfigProblem): string {
  const before = text.slice(0, problem.offset);
  const line = before.split(/\r\n|\n|\r/).length;
  const column = problem.offset - Math.max(before.lastIndexOf('\n'), before.lastIndexOf('\r'));
  return `${file}:${line}:${column}: ${problem.message}`;
}
