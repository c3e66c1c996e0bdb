/**
 * The prefecture-level city an article is about. Evidence, most trusted first: the dateline (新华社天津6月29日电),
 * the source outlet (来源:武进日报 → 武进 is a district of 常州), then the city mentioned most in the body.
 * Place names are found with the gazetteer and confirmed with jieba's dictionary: a name must be a whole word
 * in its context (天津大学 is a university, not a mention of 天津), and a district whose name is also a
 * common word (合作, 光明) counts only if the dictionary knows it as a place.
 */
import { linesContaining, parseMetadataFields, type Article } from '../article';
import { toSimplified } from '../convert';
import { ownCopy } from '../text';
import { analyseVariant } from './variant';
import { articleBody, leadParagraphs, stripReadings } from './body';
import { convertPerCharacter, stages } from './opencc';
import { cutEach } from './segment';
import { FormTrie, places, shortName, type Place } from './places';
import type { InferredCity } from './index';

/** Names of cities that are everyday words: only their full form (开封市) counts. */
const EVERYDAY = new Set(['开封', '日照', '白银', '来宾', '安康', '大同', '阿里', '东方', '长治', '五指山', '定安', '临高', '兴安']);
const NAME_TAGS = new Set(['nr', 'nrt', 'nrfg', 'nz', 'nt', 'j']);
/** Enough text to know what an article is about, however long the file. */
const MAX_SCAN_CHARS = 20_000;
/** Characters of context either side of a name for jieba to decide whether it is a word there. */
const CONTEXT = 6;
/** Dictionary frequency below which a district's name is distinctive enough to stand alone. */
const DISTINCTIVE_MAX_FREQ = 300;

interface Hit {
  form: string;
  places: Place[];
  line: number;
}

/**
 * Whether a name can stand for a place at all, whatever its context: a city's name can (unless it is an
 * everyday word); a district's short name only when the dictionary knows it as a place name and not as a
 * common word (合作, 光明, 和平 are districts too).
 */
function plausible(form: string, place: Place): boolean {
  if (place.full) return true;
  if (EVERYDAY.has(form)) return false;
  if (place.level !== 'county') return true;
  const entry = places().dictionary.get(form);
  if (!entry) return false;
  return entry.tag === 'ns' || (NAME_TAGS.has(entry.tag) && entry.freq < 100) || (entry.tag === 'n' && entry.freq < 40);
}

/** A district's short name must also be one word where it stands (its dictionary entry settled the rest). */
function accept(place: Place, singleToken: boolean): boolean {
  return singleToken || place.full || place.level !== 'county';
}

interface Scanner {
  /** The places each form may name, plausible ones only. */
  forms: Map<string, Place[]>;
  trie: FormTrie;
}

let scanner: Scanner | null = null;

function scannable(): Scanner {
  if (scanner) return scanner;
  const forms = new Map<string, Place[]>();
  for (const [form, all] of places().forms) {
    const list = all.filter((p) => plausible(form, p));
    // A list the filter keeps whole is the gazetteer's own: a copy would only hold the same places twice.
    if (list.length > 0) forms.set(form, list.length === all.length ? all : list);
  }
  scanner = { forms, trie: new FormTrie(forms.keys()) };
  return scanner;
}

/** The lengths of the covering words found at a position (reused: contested runs at every candidate). */
const wordLengths: number[] = [];

/**
 * Whether a dictionary word may compete with the form at `i` of a line that stands at [start, end) of `text`:
 * a longer word covering it, or a two-character word across either edge. Only then does jieba have to
 * segment the context.
 */
function contested(text: string, start: number, end: number, i: number, form: string): boolean {
  const { covering, coverReach, joins } = places();
  const formEnd = i + form.length;
  if (i > start && joins.has(text.charCodeAt(i - 1), text.charCodeAt(i))) return true;
  if (formEnd < end && joins.has(text.charCodeAt(formEnd - 1), text.charCodeAt(formEnd))) return true;
  const reach = coverReach.get(form);
  if (reach === undefined) return false;
  // A longer word covers the form when it starts at or before it and ends at or after it.
  for (let from = i; from >= start && from >= i - reach; from--) {
    const n = covering.lengthsAt(text, from, end, wordLengths);
    for (let k = n - 1; k >= 0 && from + wordLengths[k] >= formEnd; k--) {
      if (from < i || wordLengths[k] > form.length) return true;
    }
  }
  return false;
}

/**
 * The token boundaries of a window: at each position where a token starts, where it ends; at the end of the
 * last token, that position; -1 where no token starts. Small enough to keep many.
 */
type Segmentation = Int16Array;

function boundaries(tokens: readonly string[]): Segmentation {
  let length = 0;
  for (const word of tokens) length += word.length;
  const ends = new Int16Array(length + 1).fill(-1);
  let pos = 0;
  for (const word of tokens) {
    ends[pos] = pos + word.length;
    pos += word.length;
  }
  ends[pos] = pos;
  return ends;
}

/** Beyond the window (undefined), there is no boundary either. */
const isBoundary = (segmentation: Segmentation, at: number) => segmentation[at] >= 0;

/**
 * Segmentations of contexts seen before, across articles: a site's pages repeat their place names in the
 * same words, and jieba's cost is per token. Emptied when full.
 */
const segmented = new Map<string, Segmentation>();
/** Some 300 bytes an entry, so about a megabyte at most: 5,000 pages of the benchmark hold under 1,500 contexts. */
const MAX_SEGMENTED = 4096;

function segmentEach(contexts: readonly string[]): Segmentation[] {
  if (segmented.size + contexts.length > MAX_SEGMENTED) segmented.clear();
  const missing = contexts.filter((context) => !segmented.has(context));
  const cut = cutEach(missing);
  missing.forEach((context, k) => segmented.set(ownCopy(context), boundaries(cut[k])));
  return contexts.map((context) => segmented.get(context)!);
}

/** Forms found at a position, shortest first (reused: scanning allocates nothing where no name begins). */
const found: string[] = [];

interface Candidate {
  line: number;
  at: number;
  /** The forms starting there, longest first, and whether a dictionary word competes with each. */
  forms: string[];
  contested: boolean[];
  /** The context jieba segments (an index into the windows), or -1 when no form is contested. */
  window: number;
  from: number;
}

/**
 * The positions of a line where forms begin, and the contexts jieba must segment there: added to `windows`
 * (each context once, with its index), since a page repeats its names in the same words. The positions are
 * looked for in `source` from `offset` on, where the line's text stands (the line itself, or the whole text).
 */
function candidatesIn(text: string, line: number, source: string, offset: number, windows: Map<string, number>, candidates: Candidate[]): void {
  const { trie } = scannable();
  const end = offset + text.length;
  for (let at = trie.nextOpening(source, offset, end); at >= 0; at = trie.nextOpening(source, at + 1, end)) {
    const n = trie.formsAt(source, end, at, found);
    if (n === 0) continue;
    const i = at - offset;
    const forms: string[] = new Array(n);
    const contestedAt: boolean[] = new Array(n);
    let anyContested = false;
    for (let k = 0; k < n; k++) {
      forms[k] = found[n - 1 - k];
      contestedAt[k] = contested(source, offset, end, at, forms[k]);
      anyContested ||= contestedAt[k];
    }
    const from = Math.max(0, i - CONTEXT);
    let window = -1;
    if (anyContested) {
      const context = text.slice(from, Math.min(text.length, i + forms[0].length + CONTEXT));
      window = windows.get(context) ?? windows.size;
      windows.set(context, window);
    }
    candidates.push({ line, at: i, forms, contested: contestedAt, window, from });
  }
}

/**
 * Place names at the candidates, each a whole word in context, longest first. A name no dictionary word
 * competes with at its position is a word there; otherwise jieba's segmentation of the context decides.
 */
function namesAt(candidates: readonly Candidate[], segmentations: readonly Segmentation[], hits: Hit[]): void {
  const { forms } = scannable();
  let line = -1;
  let next = 0;
  for (const candidate of candidates) {
    if (candidate.line !== line) {
      line = candidate.line;
      next = 0;
    }
    // Inside the name found last.
    if (candidate.at < next) continue;
    for (let k = 0; k < candidate.forms.length; k++) {
      const form = candidate.forms[k];
      let singleToken = true;
      if (candidate.contested[k]) {
        const segmentation = segmentations[candidate.window];
        const start = candidate.at - candidate.from;
        const end = start + form.length;
        if (!isBoundary(segmentation, start) || !isBoundary(segmentation, end)) continue;
        singleToken = segmentation[start] === end;
      }
      const plausible = forms.get(form)!;
      const accepted = singleToken ? plausible : plausible.filter((p) => accept(p, false));
      if (accepted.length === 0) continue;
      hits.push({ form, places: accepted, line });
      next = candidate.at + form.length;
      break;
    }
  }
}

/**
 * The place a name refers to, settled by the places named beside it (`context`: cities and provinces named
 * unambiguously). A district's short name counts only when its city or province is named too: 太湖, 新建 and
 * 龙城 are districts somewhere, but in an article about 常州 they are a lake, a verb and a nickname.
 * `lenient` drops that requirement for distinctive names, in articles that name nothing else.
 */
function resolve(hit: Hit, context: Set<string>, lenient = false): Place | null {
  if (hit.places.some((p) => p.level === 'province')) return null;
  const supported = () => hit.places.filter((p) => context.has(p.city) || context.has(p.province));
  const shortCounty = hit.places.every((p) => p.level === 'county' && !p.full);
  if (shortCounty && !(lenient && distinctive(hit.form))) return oneCity(supported());
  return oneCity(hit.places) ?? oneCity(supported()) ?? oneCity(hit.places.filter((p) => p.level === 'city'));
}

/** The first of places all in one city; null when there are none or they are in several. */
function oneCity(list: readonly Place[]): Place | null {
  if (list.length === 0) return null;
  for (const place of list) if (place.city !== list[0].city) return null;
  return list[0];
}

/** A district name rare enough in the dictionary to be taken alone (瑞安, 武进), unlike 太湖 or 新建. */
function distinctive(form: string): boolean {
  return (places().dictionary.get(form)?.freq ?? Infinity) < DISTINCTIVE_MAX_FREQ;
}

/** Cities and provinces named unambiguously: the context that settles other names. */
function namedPlaces(hits: Hit[]): Set<string> {
  const context = new Set<string>();
  for (const hit of hits) {
    const place = oneCity(hit.places);
    if (!place || (place.level === 'county' && !place.full)) continue;
    context.add(place.level === 'province' ? place.province : place.city);
    context.add(place.province);
  }
  return context;
}

function countCities(hits: Hit[], context: Set<string>, lenient: boolean): Map<string, { n: number; line: number }> {
  const counts = new Map<string, { n: number; line: number }>();
  for (const hit of hits) {
    const place = resolve(hit, context, lenient);
    if (!place) continue;
    const c = counts.get(place.city);
    if (c) c.n++;
    else counts.set(place.city, { n: 1, line: hit.line });
  }
  return counts;
}

/** The city a name at the start (an outlet) or the end (a dateline) of a text refers to. */
function placeAt(text: string, where: 'prefix' | 'suffix'): Place | null {
  const { forms } = scannable();
  for (let length = Math.min(text.length, 12); length >= 2; length--) {
    const form = where === 'prefix' ? text.slice(0, length) : text.slice(text.length - length);
    const candidates = forms.get(form)?.filter((p) => p.level !== 'province');
    if (!candidates) continue;
    let accepted = candidates;
    if (where === 'prefix') {
      // An outlet's name must begin with the place as a word: 华龙网 is not in 华龙区.
      const [segmentation] = segmentEach([text.slice(0, length + CONTEXT)]);
      if (!isBoundary(segmentation, length)) continue;
      accepted = candidates.filter((p) => accept(p, segmentation[0] === length));
    }
    if (accepted.length > 0) return resolve({ form, places: accepted, line: -1 }, new Set(), true);
  }
  return null;
}

/** 新华社天津6月29日电, 中新网温州11月14日电: the place is in the Han run before the date. */
const DATELINE = /\d{1,2}月\d{1,2}日(?:电|電|讯|訊)/;
const HAN_RUN_END = /\p{Script=Han}{2,16}\s*$/u;
/** 武进新闻网讯: a local outlet opening the text. */
const OUTLET_LEAD = /^[\s\u3000]*([\p{Script=Han}]{2,12}?)(?:新闻网|新聞網|网|網|日报|日報|晚报|晚報|报|報)(?:讯|訊)/u;
const SOURCE_KEYS = ['来源', '來源', '稿源', '出处', '出處'];
/** Datelines and outlets stand at the start of a line: no need to look further into it. */
const LEAD_CHARS = 80;

function inferFrom(article: Article, simplify: (s: string) => string): { city: InferredCity | null; citiesMentioned: string[] } {
  const { start, end } = articleBody(article);
  const candidates: Candidate[] = [];
  // The contexts of the whole article are segmented in one call: a call per context costs more than the cut.
  const windows = new Map<string, number>();
  let scanned = 0;
  for (let i = start; i < end && scanned < MAX_SCAN_CHARS; i++) {
    const line = article.lines[i].slice(0, MAX_SCAN_CHARS - scanned);
    const text = simplify(stripReadings(line));
    scanned += text.length;
    // A line left as it is stands in the article's text, which is read faster than a line sliced out of it.
    if (text === line) candidatesIn(text, i, article.text, article.index.starts[i], windows, candidates);
    else candidatesIn(text, i, text, 0, windows, candidates);
  }
  const hits: Hit[] = [];
  namesAt(candidates, segmentEach([...windows.keys()]), hits);
  const context = namedPlaces(hits);
  let counts = countCities(hits, context, false);
  if (counts.size === 0) counts = countCities(hits, context, true);
  const ranked = [...counts].sort((a, b) => b[1].n - a[1].n || a[1].line - b[1].line).map(([city]) => city);

  const found = (place: Place | null, source: string, text: string, line: number): InferredCity | null =>
    place ? { city: place.city, province: place.province, evidence: { source, text, line } } : null;

  let city: InferredCity | null = null;
  for (const line of leadParagraphs(article)) {
    const text = simplify(stripReadings(article.lines[line].slice(0, LEAD_CHARS)));
    const m = DATELINE.exec(text);
    const run = m && m.index <= 30 ? HAN_RUN_END.exec(text.slice(0, m.index)) : null;
    if (run) city = found(placeAt(run[0].trim(), 'suffix'), 'dateline', run[0].trim() + m![0], line);
    const outlet = OUTLET_LEAD.exec(text);
    if (!city && outlet) city = found(placeAt(outlet[1], 'prefix'), 'source', outlet[0].trim(), line);
    if (city) break;
  }
  // A dateline or an outlet settles it: no need to look for source fields.
  for (const i of city ? [] : linesContaining(article, SOURCE_KEYS, end)) {
    if (city) break;
    for (const field of parseMetadataFields(stripReadings(article.lines[i]), i)) {
      if (field.key !== '来源') continue;
      city ??= found(placeAt(simplify(field.value.replace(/^[\s\u3000]+/, '').slice(0, LEAD_CHARS)), 'prefix'), 'source', field.value, i);
    }
  }
  if (!city && ranked.length > 0) {
    const top = counts.get(ranked[0])!;
    const province = places().provinceOfCity.get(ranked[0]) ?? '';
    city = { city: ranked[0], province, evidence: { source: 'mentions', text: `${ranked[0]} ×${top.n}`, line: top.line } };
  }
  return { city, citiesMentioned: ranked.filter((c) => c !== city?.city) };
}

/**
 * The mainland form of a text, as OpenCC's t→cn converter makes it: most lines hold none of its phrases and
 * convert character by character, without it.
 */
function simplified(text: string): string {
  return convertPerCharacter(stages('t2s'), text) ?? toSimplified(text);
}

export function inferCity(article: Article): { city: InferredCity | null; citiesMentioned: string[] } {
  const simplify = analyseVariant(article).kind === 'simplified' ? (s: string) => s : simplified;
  return inferFrom(article, simplify);
}

/** The province of a prefecture-level city, in either script, with or without its suffix (常州, 溫州市). */
export function provinceOfCity(city: string): string | null {
  const name = toSimplified(city.trim());
  const { provinceOfCity: table, forms } = places();
  const direct = table.get(name) ?? table.get(shortName(name) ?? name);
  if (direct) return direct;
  const place = forms.get(name)?.find((p) => p.level !== 'province');
  return place?.province ?? null;
}
