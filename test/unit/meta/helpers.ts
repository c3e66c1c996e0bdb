import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArticle, type Article } from '../../../src/core/article';

const ROOT = path.join(__dirname, '../../..');
const DEVSET = '/work/shared/devset/news';

/** A seed file by its number (000…004). */
export function seed(n: string): Article {
  const dir = path.join(ROOT, 'seeds');
  const name = fs.readdirSync(dir).find((f) => f.startsWith(`${n}_`))!;
  return parseArticle(fs.readFileSync(path.join(dir, name), 'utf8'), name);
}

/** A scraped page of the shared development set, when it is present on this machine. */
export function devPage(name: string): Article | null {
  const file = path.join(DEVSET, name);
  return fs.existsSync(file) ? parseArticle(fs.readFileSync(file, 'utf8'), file) : null;
}

export function article(lines: string[]): Article {
  return parseArticle(lines.join('\n'));
}
