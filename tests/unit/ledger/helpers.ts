import 'fake-indexeddb/auto';
import { CreditDb, ledgerTables, readEntry, storeCases, upgradeLegacyCase, type LedgerCase, type LedgerEntry } from '../../../lib/db';
import { caseIdentity } from '../../../lib/ledger';
import { normalizePartyName } from '../../../lib/party';

let dbCount = 0;
let caseCount = 0;

/** A fresh, empty database on the fake IndexedDB. */
export function freshDb(): CreditDb {
  return new CreditDb(`ledger-test-${Date.now()}-${++dbCount}`);
}

/**
 * A stored case with sensible defaults; `decisionNo` defaults to a unique number. Without `history`, the
 * case has the one revision an upgraded record would have: its answers as of its last change.
 */
export function makeCase(over: Partial<LedgerEntry> = {}): LedgerEntry {
  const decisionNo = over.decisionNo === undefined ? `测市监处罚〔2023〕${++caseCount}号` : over.decisionNo;
  const partyName = over.partyName ?? `某某商贸有限公司${caseCount}`;
  const base: Omit<LedgerCase, 'dateUnits'> = {
    id: caseIdentity({ decisionNo, caseNo: over.caseNo ?? null })!,
    decisionNo,
    caseNo: null,
    partyName,
    partyNameNorm: normalizePartyName(partyName),
    uscc: null,
    domain: 'food',
    domainSource: 'item',
    verdict: 'must-list',
    packId: 'order44-2021',
    packVersion: '1.0.0',
    citations: ['order44-2021/art2/1'],
    unlisted: 'no',
    listingDecision: 'yes',
    listingDate: null,
    exposureDate: null,
    repeatPublicityDate: null,
    decisionDate: '2023-07-01',
    creditRepaired: false,
    unit: '某县市场监督管理局',
    recorder: '张三',
    origin: 'local',
    createdAt: '2023-07-01T02:00:00.000Z',
    updatedAt: '2023-07-01T02:00:00.000Z',
    revision: 1,
  };
  const { history, dateUnits, ...rest } = over;
  const c = { ...base, ...rest };
  if (over.partyName && !over.partyNameNorm) c.partyNameNorm = normalizePartyName(over.partyName);
  if (!over.id) c.id = caseIdentity(c)!;
  const upgraded = upgradeLegacyCase(c);
  return { ...upgraded, ...(history ? { history } : {}), ...(dateUnits ? { dateUnits } : {}) };
}

/** Stores cases as the ledger does: each with its tally facts, in one transaction. */
export async function putCases(db: CreditDb, cases: readonly LedgerEntry[]): Promise<void> {
  await db.transaction('rw', ledgerTables(db), () => storeCases(db, cases));
}

/** A stored case with its history, as the ledger reads it. */
export async function entryOf(db: CreditDb, id: string): Promise<LedgerEntry | undefined> {
  return db.transaction('r', db.cases, db.histories, () => readEntry(db, id));
}
