// Grows a synthetic corpus from the seeds and the development set: every file is a real page with its
// numbers shifted, some body lines dropped or repeated and a few characters swapped, so files differ but
// each site's navigation and footer lines recur, as in a scraped corpus. A few files are CRLF, GBK or UTF-16.
import * as fs from 'node:fs';
import * as path from 'node:path';
import iconv from 'iconv-lite';

const SPEC_VERSION = 2;
const MAX_SOURCE_BYTES = 100_000;

export function sourceTexts(root) {
  const dirs = [path.join(root, 'seeds'), path.join(root, '..', 'shared', 'devset', 'news'), '/work/shared/devset/news'];
  const seen = new Set();
  const texts = [];
  for (const dir of dirs) {
    if (!fs.existsSync(dir)) continue;
    for (const name of fs.readdirSync(dir).sort()) {
      const file = path.join(dir, name);
      const real = fs.realpathSync(file);
      if (seen.has(real) || !name.endsWith('.txt') || fs.statSync(file).size > MAX_SOURCE_BYTES) continue;
      seen.add(real);
      texts.push({ name: name.replace(/\.txt$/, ''), text: fs.readFileSync(file, 'utf8') });
    }
  }
  return texts;
}

/** A small deterministic generator (mulberry32), so a corpus is the same every time it is grown. */
function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function vary(text, i) {
  const rnd = random(i * 7919 + 17);
  const out = [];
  for (const line of text.split('\n')) {
    // Navigation and footers (short lines) stay as they are: they are what recurs across a site's pages.
    if (line.length < 40) {
      out.push(line);
      continue;
    }
    const r = rnd();
    if (r < 0.1) continue;
    let varied = line.replace(/\d+/g, (d) => String((Number(d.slice(-6)) + i) % 10 ** Math.min(d.length, 6)).padStart(Math.min(d.length, 6), '0'));
    const chars = [...varied];
    for (let k = 0; k < 2; k++) {
      const at = Math.floor(rnd() * (chars.length - 1));
      [chars[at], chars[at + 1]] = [chars[at + 1], chars[at]];
    }
    varied = chars.join('');
    out.push(varied);
    if (r > 0.95) out.push(varied);
  }
  return out.join('\n');
}

function encode(text, i) {
  if (i % 997 === 0) return iconv.encode(text, 'gbk');
  if (i % 1499 === 0) return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
  return Buffer.from(i % 3 === 0 ? text.replace(/\n/g, '\r\n') : text);
}

/** The corpus of `count` files under `dir`, grown once and reused while its description is unchanged. */
export function growCorpus(root, dir, count, log = () => {}) {
  const sources = sourceTexts(root);
  const marker = path.join(dir, '.complete');
  const spec = JSON.stringify({ SPEC_VERSION, count, sources: sources.map((s) => s.name) });
  if (fs.existsSync(marker) && fs.readFileSync(marker, 'utf8') === spec) return { dir, sources: sources.length };
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  for (let i = 0; i < count; i++) {
    const source = sources[i % sources.length];
    const folder = path.join(dir, String(Math.floor(i / 1000)).padStart(3, '0'));
    if (i % 1000 === 0) {
      fs.mkdirSync(folder, { recursive: true });
      log(`growing corpus: ${i}/${count}`);
    }
    fs.writeFileSync(path.join(folder, `${String(i).padStart(6, '0')}_${source.name}.txt`), encode(vary(source.text, i), i));
  }
  fs.writeFileSync(marker, spec);
  return { dir, sources: sources.length };
}
