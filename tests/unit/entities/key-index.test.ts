import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { CreditDb, DB_VERSIONS, openDb } from '../../../lib/db';
import { importList, lookupParty, removeList, warmLookups } from '../../../lib/entities';
import { PENALTY_HEADERS, SERIOUS_HEADERS, code, freshDb, records, stream } from './helpers';

type Db = ReturnType<typeof freshDb>;
const AT = '2023-06-01';
const PARTIES = 300;
// a tiny flush size: every list spreads over many chunks, so a key index that names a wrong chunk misses rows
const tuning = { chunkChars: 2000, largeBuckets: 16 };

const partyName = (i: number) => `（长沙）第${i}号 食品有限公司`;
/** The name as a handler types it: half-width brackets, no space. */
const typedName = (i: number) => `(长沙)第${i}号食品有限公司`;

/** Parties 0 … PARTIES−1 on the serious list (the multiples of 3 by name only); the even ones have two penalties each. */
async function importBoth(db: Db) {
  const seriousRows = Array.from({ length: PARTIES }, (_, i) => [partyName(i), i % 3 === 0 ? '' : code(i), '2023-01-01', '', '', '']);
  const penaltyRows = Array.from({ length: PARTIES / 2 }, (_, k) => k * 2).flatMap((i) =>
    [1, 2].map((n) => [partyName(i), i % 3 === 0 ? '' : code(i), `湘罚〔2022〕${i * 10 + n}号`, '2022-05-01', '否']),
  );
  await importList(db, {
    kind: 'serious',
    name: '严重违法失信名单',
    source: 's.csv',
    headers: SERIOUS_HEADERS,
    rows: stream(records(seriousRows)),
    tuning,
  });
  await importList(db, {
    kind: 'penalty-history',
    name: '处罚记录',
    source: 'p.csv',
    headers: PENALTY_HEADERS,
    rows: stream(records(penaltyRows)),
    tuning,
  });
}

/** Every party's answer: exact code where it has one, the folded name otherwise; and two parties on no list. */
async function answers(db: Db) {
  const out: unknown[] = [];
  for (let i = 0; i < PARTIES; i++) {
    const ctx = i % 3 === 0 ? await lookupParty(db, { name: typedName(i), at: AT }) : await lookupParty(db, { uscc: code(i), at: AT });
    out.push([i, ctx.matchedBy, ctx.seriousList.onList, ctx.repeatOffender.count]);
  }
  for (const ctx of [await lookupParty(db, { uscc: code(90_000), at: AT }), await lookupParty(db, { name: '不在名单上的公司', at: AT })]) {
    out.push([ctx.matchedBy, ctx.seriousList.onList, ctx.repeatOffender.count]);
  }
  return out;
}

function expected() {
  const out: unknown[] = [];
  for (let i = 0; i < PARTIES; i++) out.push([i, i % 3 === 0 ? 'name' : 'code', true, i % 2 === 0 ? 2 : 0]);
  out.push([null, false, 0], [null, false, 0]);
  return out;
}

describe('lookups through the key index', () => {
  it('find every party of both lists by exact code and by folded name, and nothing for a party on no list', async () => {
    const db = freshDb();
    await importBoth(db);
    expect(await db.listIndexes.count()).toBe(2);
    // before the indexes are in memory (whole buckets are read) and after
    expect(await answers(db)).toEqual(expected());
    await warmLookups(db);
    expect(await answers(db)).toEqual(expected());
  });

  it('a list stored without an index gets the same one rebuilt from its chunks, and the same answers', async () => {
    const db = freshDb();
    await importBoth(db);
    const built = await db.listIndexes.orderBy('listId').toArray();
    await db.listIndexes.clear();
    await warmLookups(db);
    expect(await db.listIndexes.orderBy('listId').toArray()).toEqual(built);
    expect(await answers(db)).toEqual(expected());
  });

  it('a removed list leaves no index behind and is not found any more', async () => {
    const db = freshDb();
    await importBoth(db);
    await warmLookups(db);
    const serious = (await db.lists.where('kind').equals('serious').first())!;
    await removeList(db, serious.id);
    expect((await lookupParty(db, { uscc: code(1), at: AT })).seriousList.onList).toBe(false);
    expect((await db.listIndexes.toArray()).map((r) => r.listId)).not.toContain(serious.id);
  });
});

describe('schema version 3', () => {
  it('keeps every list of a version 2 database, and lookups find their parties', async () => {
    const source = freshDb();
    await importBoth(source);
    const lists = await source.lists.orderBy('id').toArray();
    const chunks = await source.entityChunks.toArray();
    source.close();

    const name = `key-index-upgrade-${Math.random().toString(36).slice(2)}`;
    const old = new CreditDb(name, DB_VERSIONS.slice(0, 2));
    await old.lists.bulkAdd(lists);
    await old.entityChunks.bulkAdd(chunks);
    old.close();

    const db = openDb(name);
    await db.open();
    expect(db.verno).toBeGreaterThanOrEqual(3);
    expect(await db.lists.orderBy('id').toArray()).toEqual(lists);
    expect(await db.entityChunks.toArray()).toEqual(chunks);
    expect(await answers(db)).toEqual(expected());
    await warmLookups(db);
    expect(await db.listIndexes.count()).toBe(2);
    expect(await answers(db)).toEqual(expected());
    db.close();
  });
});
