import { foldWidth, parseChineseInteger } from '../text';
import { canonicalLawName, escapeRegExp, KNOWN_LAW_NAMES } from './lexicon';
import type { LegalCitation } from './schema';

const N = '[0-9一二三四五六七八九十百千零〇两]+';
const SEP = '[、,和及与或至]';

// One pass over the text finds law names, articles, paragraphs and items in order of appearance.
const TOKEN_RE = new RegExp(
  [
    `《(?<bracket>[^《》]{2,80})》`,
    `(?<bare>${KNOWN_LAW_NAMES.map(escapeRegExp).join('|')})`,
    `第\\s*(?<art>${N}(?:\\s*${SEP}\\s*第?\\s*${N})*)\\s*条(?:之${N})?`,
    `第\\s*(?<para>${N}(?:\\s*${SEP}\\s*第?\\s*${N})*)\\s*款`,
    `第\\s*(?<item>\\(?${N}\\)?(?:\\s*${SEP}\\s*第?\\s*\\(?${N}\\)?)*)\\s*项`,
    `(?<pitem>\\(${N}\\)(?:\\s*${SEP}\\s*\\(${N}\\))*)\\s*项`,
  ].join('|'),
  'g',
);
const NUMBER_RE = new RegExp(N, 'g');
// What a bracketed title must look like to be taken as a law (not a licence such as 《食品经营许可证》).
const LAW_TITLE = /(?:法|条例|规定|办法|细则|决定|规则|规范|解释)(?:[(（][^()（）]*[)）])?$/;
// Paragraph and item tokens attach to the article just before them only across this much text.
const MAX_ATTACH_GAP = 2;
// A law name stays the context of a following article across this much text for display.
const MAX_LAW_GAP = 4;

function numbers(list: string): number[] {
  const out: number[] = [];
  for (const m of list.matchAll(NUMBER_RE)) {
    const n = parseChineseInteger(m[0]);
    if (n !== null && n > 0) out.push(n);
  }
  return out;
}

interface Draft {
  citation: LegalCitation;
  start: number;
}

/**
 * Legal-basis citations in `text`, in order: `《中华人民共和国食品安全法》第一百二十二条第一款`,
 * `《食品安全法》第122条`, `第三十四条第（四）项`, lists (`第一百二十二条、第一百二十四条`), several laws in one
 * field, and articles written after an earlier law name (`…依据该法第…条`). Articles before any law name are
 * skipped: their law is unknown.
 */
export function parseCitations(text: string): LegalCitation[] {
  if (text === '') return [];
  const folded = foldWidth(text);
  const out: LegalCitation[] = [];
  let law: { name: string; written: string; end: number; start: number } | null = null;
  let group: Draft[] = []; // citations made by the last article token, extended by paragraphs and items
  let groupEnd = -1;

  const finishGroup = (): void => {
    for (const d of group) d.citation.text = text.slice(d.start, groupEnd).trim();
    group = [];
  };

  for (const m of folded.matchAll(TOKEN_RE)) {
    const g = m.groups ?? {};
    const index = m.index;
    const end = index + m[0].length;
    const written = g.bracket ?? g.bare;
    if (written !== undefined) {
      if (g.bracket !== undefined && !LAW_TITLE.test(g.bracket.trim())) continue;
      finishGroup();
      law = { name: canonicalLawName(written), written: written.replace(/\s/g, ''), start: index, end };
      continue;
    }
    if (g.art !== undefined) {
      finishGroup();
      if (law === null) continue;
      const start = index - law.end <= MAX_LAW_GAP ? law.start : index;
      for (const article of numbers(g.art)) {
        const citation: LegalCitation = { law: law.name, article, text: '' };
        if (law.written !== law.name) citation.lawFull = law.written;
        out.push(citation);
        group.push({ citation, start });
      }
      groupEnd = end;
      continue;
    }
    const isParagraph = g.para !== undefined;
    const list = g.para ?? g.item ?? g.pitem ?? '';
    const base = group[group.length - 1];
    if (base === undefined || index - groupEnd > MAX_ATTACH_GAP) {
      finishGroup();
      continue;
    }
    const values = numbers(list);
    values.forEach((value, i) => {
      const target = base.citation;
      const taken = isParagraph ? target.paragraph !== undefined || target.item !== undefined : target.item !== undefined;
      if (i === 0 && !taken) {
        if (isParagraph) target.paragraph = value;
        else target.item = value;
        return;
      }
      const copy: LegalCitation = { ...target };
      if (isParagraph) {
        copy.paragraph = value;
        delete copy.item;
      } else copy.item = value;
      out.push(copy);
      group.push({ citation: copy, start: base.start });
    });
    groupEnd = end;
  }
  finishGroup();
  return out;
}
