/** Script variant: characters of the other script inside an article (SC401). */
import type { Article } from '../core/article';
import { charLogProb, RARE_LOG_PROB } from '../core/charfreq';
import { convertText } from '../core/convert';
import { convertPerCharacter, stages } from '../core/meta/opencc';
import { analyseVariant, indexOfScript, Script, scriptOf } from '../core/meta/variant';
import type { Rule, RuleFinding } from '../core/rule';
import { text } from '../core/rule';
import { positionAt, range } from '../core/text';
import type { TextEdit } from '../core/types';

const HAN_RUN = /\p{Script=Han}+/gu;
/** More lines than this with slips is not an article with slips but a mixed file: the first ones make the point. */
const MAX_FINDINGS = 1000;
/** A site's link to its other-script version (繁體中文, 切換到繁體, 简体版) is written in that script on purpose. */
const SCRIPT_SWITCH = /^.{0,20}(?:繁體|繁体|简体|簡體).{0,6}$/u;

/**
 * OpenCC's conversion of a Han run. Most runs hold no phrase of its dictionaries and convert character by
 * character, without the converter: the cn→t one takes half a second and tens of megabytes to build.
 */
function convertRun(run: string, target: 'cn' | 't'): string {
  return convertPerCharacter(stages(target === 'cn' ? 't2s' : 's2t'), run) ?? convertText(run, target);
}

interface Slip {
  start: number;
  end: number;
  from: string;
  to: string;
}

/**
 * Characters of the other script in one line, as runs with their conversion. The conversion is done on the
 * whole Han run (OpenCC's phrases know 乾隆 stays 乾隆 in simplified text), and only characters that belong
 * to the other script and change are kept. Rare characters are left out: a rare character of the other
 * script is far more often mojibake, which the garbled rules report.
 */
function slipsIn(line: string, other: Script.Simplified | Script.Traditional, target: 'cn' | 't'): Slip[] {
  const marks: { at: number; to: string }[] = [];
  for (const m of line.matchAll(HAN_RUN)) {
    const run = m[0];
    if (indexOfScript(run, other) < 0) continue;
    const chars = [...run];
    const flagged = chars.map((ch) => scriptOf(ch.codePointAt(0)!) === other && charLogProb(ch) > RARE_LOG_PROB);
    if (!flagged.includes(true)) continue;
    const converted = [...convertRun(run, target)];
    const inContext = converted.length === chars.length;
    let offset = m.index;
    chars.forEach((ch, k) => {
      const to = inContext ? converted[k] : convertRun(ch, target);
      if (flagged[k] && to !== ch) marks.push({ at: offset, to });
      offset += ch.length;
    });
  }
  const slips: Slip[] = [];
  for (const { at, to } of marks) {
    const ch = String.fromCodePoint(line.codePointAt(at)!);
    const last = slips[slips.length - 1];
    if (last && last.end === at) {
      last.end += ch.length;
      last.from += ch;
      last.to += to;
    } else {
      slips.push({ start: at, end: at + ch.length, from: ch, to });
    }
  }
  return slips;
}

/** SC401: simplified characters in a traditional article or the reverse; one finding per line. */
export const mixedScript: Rule = {
  id: 'SC401',
  slug: 'mixed-script',
  category: 'variant',
  defaultSeverity: 'info',
  description: text(
    'Characters of the other script: simplified characters in a traditional article, or traditional ones in a simplified article.',
    '混用字形:繁体文章中的简体字,或简体文章中的繁体字。',
  ),
  check(article: Article) {
    const variant = analyseVariant(article);
    if (variant.kind === 'mixed') return [];
    const traditional = variant.kind === 'traditional';
    if ((traditional ? variant.simplifiedOnly : variant.traditionalOnly) === 0) return [];
    const other = traditional ? Script.Simplified : Script.Traditional;
    const target = traditional ? 't' : 'cn';
    const findings: RuleFinding[] = [];
    // Only the lines that hold a character of the other script, found in one pass over the text.
    const { index } = article;
    for (let at = indexOfScript(article.text, other); at >= 0 && findings.length < MAX_FINDINGS; ) {
      const i = positionAt(index, at).line;
      at = i + 1 < index.starts.length ? indexOfScript(article.text, other, index.starts[i + 1]) : -1;
      const line = article.lines[i];
      const slips = slipsIn(line, other, target);
      if (slips.length === 0 || SCRIPT_SWITCH.test(line)) continue;
      const list = slips.map((s) => `\`${s.from}\` → \`${s.to}\``).join(', ');
      const edits: TextEdit[] = slips.map((s) => ({ range: range(i, s.start, i, s.end), newText: s.to }));
      findings.push({
        range: range(i, slips[0].start, i, slips[slips.length - 1].end),
        message: traditional
          ? text(`Simplified characters in a traditional article: ${list}.`, `繁体文章中夹有简体字:${list}。`)
          : text(`Traditional characters in a simplified article: ${list}.`, `简体文章中夹有繁体字:${list}。`),
        fixes: [
          {
            title: traditional ? text('Convert to traditional characters', '转换为繁体字') : text('Convert to simplified characters', '转换为简体字'),
            // Names and quotations are sometimes written in the other script on purpose: review each one.
            safe: false,
            edits,
          },
        ],
      });
    }
    return findings;
  },
};

export const variantRules: Rule[] = [mixedScript];
