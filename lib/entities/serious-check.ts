import type { CreditDb } from '../db';
import { readTableBatches, type CsvRecord, type TableFile } from '../io';
import { checkCreditCode, normalizePartyName } from '../party';
import type { ListHit, ListQuery, SeriousListCheck } from '../rules/audit';
import type { RulePack } from '../rules/schema';
import { kindFields, ROW_SCHEMAS } from './kinds';
import { DEFAULT_PARTY_RULES, lookupParty, partyRulesAt, seriousStatusAt, type Found } from './lookup';
import { HEADER_SCAN_ROWS } from '../rules/audit';
import { locateHeader } from './mapping';

/**
 * The serious-list condition of 应列未列 for the bulk audit ("the party is not on an imported serious list",
 * ARCHITECTURE.md "Verdicts"): the dashboard's through the overlay's own lookup, the CLI's over a list file.
 */

const hitOf = (r: Found<'serious'> | null): ListHit | null => (r ? { listName: r.listName, listingDate: r.listingDate } : null);

function listingYears(packs: readonly RulePack[] | undefined, at: string): number {
  return (packs ? partyRulesAt(packs, at)?.listingYears : undefined) ?? DEFAULT_PARTY_RULES.listingYears;
}

/** The dashboard's check: each party through lookupParty, the lookup the overlay's flags come from. */
export function seriousListFromDb(db: CreditDb, packs?: readonly RulePack[]): SeriousListCheck {
  return (queries) =>
    Promise.all(
      queries.map(async (q) => {
        const ctx = await lookupParty(db, { uscc: q.uscc, name: q.name, at: q.at, ...(packs ? { packs } : {}) });
        return hitOf(ctx.seriousList.caseListing);
      }),
    );
}

export interface SeriousListFile {
  check: SeriousListCheck;
  /** rows kept, and rows that could not be read (their lines) */
  rows: number;
  invalid: number[];
}

/** A serious list read from a file is not usable: no header with the columns it needs. */
export class SeriousListFileError extends Error {
  override readonly name = 'SeriousListFileError';
}

/**
 * The CLI's check: a serious list file (CSV or XLSX, the columns the dashboard's list import recognises) held in
 * memory, matched as lookupParty matches: by a valid credit code, else by the normalised name.
 */
export async function seriousListFromFile(file: TableFile, packs?: readonly RulePack[]): Promise<SeriousListFile> {
  const name = file.name;
  const byCode = new Map<string, Found<'serious'>[]>();
  const byName = new Map<string, Found<'serious'>[]>();
  const seen: CsvRecord[] = [];
  let header: ReturnType<typeof locateHeader> = null;
  let rows = 0;
  const invalid: number[] = [];
  const fields = kindFields('serious');
  const add = (rec: CsvRecord): void => {
    if (!header || rec.cells.every((c) => c.trim() === '')) return;
    const raw: Record<string, string> = {};
    for (const f of fields) {
      const col = header.detected.mapping[f];
      raw[f] = col === undefined ? '' : (rec.cells[col] ?? '');
    }
    const parsed = ROW_SCHEMAS.serious.safeParse(raw);
    if (!parsed.success) {
      invalid.push(rec.line);
      return;
    }
    rows++;
    const check = parsed.data.code === '' ? null : checkCreditCode(parsed.data.code);
    const code = check?.normalized ?? '';
    const row = {
      ...parsed.data,
      code,
      kind: 'serious' as const,
      line: rec.line,
      codeOk: check?.ok ?? false,
      listId: name,
      listName: name,
    };
    const key = normalizePartyName(parsed.data.name);
    if (code !== '') (byCode.get(code) ?? byCode.set(code, []).get(code)!).push({ ...row, matchedBy: 'code' });
    if (key !== '') (byName.get(key) ?? byName.set(key, []).get(key)!).push({ ...row, matchedBy: 'name' });
  };
  for await (const batch of readTableBatches(file)) {
    for (const rec of batch) {
      if (header) {
        add(rec);
        continue;
      }
      seen.push(rec);
      if (seen.length <= HEADER_SCAN_ROWS) {
        header = locateHeader('serious', seen);
        if (header) for (const r of seen.slice(header.index + 1)) add(r);
      }
    }
  }
  if (!header)
    throw new SeriousListFileError(
      `“${name}”的前 ${HEADER_SCAN_ROWS} 行中找不到严重违法失信名单的表头（需要企业名称或统一社会信用代码、列入日期）`,
    );

  const check: SeriousListCheck = async (queries) =>
    queries.map((q: ListQuery) => {
      const code = q.uscc ? checkCreditCode(q.uscc) : null;
      const records = code?.ok ? (byCode.get(code.normalized) ?? []) : q.name ? (byName.get(normalizePartyName(q.name)) ?? []) : [];
      return hitOf(seriousStatusAt(records, q.at, listingYears(packs, q.at)).caseListing);
    });
  return { check, rows, invalid };
}
