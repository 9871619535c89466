import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { exportHeaders, exportList, importList, listSummaries, lookupParty, removeList, searchLists } from '../../../lib/entities';
import { PENALTY_HEADERS, SERIOUS_HEADERS, code, freshDb, records, stream } from './helpers';

type Db = ReturnType<typeof freshDb>;
const tuning = { chunkChars: 1500, largeBuckets: 8 };

async function seed(db: Db) {
  const serious = await importList(db, {
    kind: 'serious',
    name: '严重违法失信名单',
    source: 's.csv',
    headers: SERIOUS_HEADERS,
    rows: stream(
      records([
        ['长沙甲食品有限公司', code(1), '2023-01-01', '未经许可生产食品', '长沙市局', ''],
        ['株洲乙商贸有限公司', code(2), '2022-03-04', '虚假广告\n情节严重', '株洲市局', '2023-05-06'],
        ['无代码个体户', '', '2021-01-01', '', '', ''],
        ...Array.from({ length: 40 }, (_, i) => [`湘潭丙${i}实业有限公司`, code(100 + i), '2023-02-02', '', '湘潭市局', '']),
      ]),
    ),
    tuning,
  });
  const history = await importList(db, {
    kind: 'penalty-history',
    name: '处罚记录',
    source: 'p.csv',
    headers: PENALTY_HEADERS,
    rows: stream(records([['长沙甲食品有限公司', code(1), '湘长罚〔2023〕1号', '2023-01-01', '否']])),
  });
  return { serious, history };
}

describe('list management', () => {
  it('summarises active lists, newest first', async () => {
    const db = freshDb();
    const { serious, history } = await seed(db);
    const lists = await listSummaries(db);
    expect(lists.map((l) => l.id)).toEqual(
      [serious.list, history.list].sort((a, b) => b.importedAt.localeCompare(a.importedAt)).map((l) => l.id),
    );
    expect(lists.find((l) => l.id === serious.listId)).toMatchObject({ kind: 'serious', rowCount: 43, source: 's.csv' });
  });

  it('searches by part of a name, by code prefix and exact code, across lists', async () => {
    const db = freshDb();
    const { serious, history } = await seed(db);
    const byName = await searchLists(db, '甲食品');
    expect(byName.map((h) => [h.listId, h.row.code, h.matchedBy]).sort()).toEqual(
      [
        [serious.listId, code(1), 'name'],
        [history.listId, code(1), 'name'],
      ].sort(),
    );
    expect((await searchLists(db, '个体户')).map((h) => h.row.name)).toEqual(['无代码个体户']);
    expect((await searchLists(db, code(2).toLowerCase())).map((h) => h.row.name)).toEqual(['株洲乙商贸有限公司']);
    const prefix = await searchLists(db, code(100).slice(0, 10), 5);
    expect(prefix).toHaveLength(5);
    expect(prefix.every((h) => h.matchedBy === 'code' && h.row.code.startsWith(code(100).slice(0, 10)))).toBe(true);
    expect(await searchLists(db, '   ')).toEqual([]);
    expect(await searchLists(db, '不存在的企业')).toEqual([]);
  });

  it('removes a list as a whole', async () => {
    const db = freshDb();
    const { serious, history } = await seed(db);
    expect((await lookupParty(db, { uscc: code(1), at: '2023-06-01' })).seriousList.records).toHaveLength(1);
    expect(await removeList(db, serious.listId)).toBe(true);
    expect((await listSummaries(db)).map((l) => l.id)).toEqual([history.listId]);
    expect((await db.entityChunks.toArray()).filter((c) => c.listId === serious.listId)).toEqual([]);
    expect((await lookupParty(db, { uscc: code(1), at: '2023-06-01' })).seriousList.records).toEqual([]);
  });

  it('exports every row once, with Chinese headers, and the export imports back to the same answers', async () => {
    const db = freshDb();
    const { serious } = await seed(db);
    const rows: string[][] = [];
    for await (const r of exportList(db, serious.listId)) rows.push(r);
    expect(rows[0]).toEqual(exportHeaders('serious'));
    expect(rows[0]).toEqual(['企业名称', '统一社会信用代码', '列入日期', '列入原因', '作出决定机关', '移出日期', '原文件行号']);
    expect(rows).toHaveLength(1 + 43);
    expect(rows).toContainEqual(['株洲乙商贸有限公司', code(2), '2022-03-04', '虚假广告 情节严重', '株洲市局', '2023-05-06', '3']);
    expect(rows).toContainEqual(['无代码个体户', '', '2021-01-01', '', '', '', '4']);

    const again = freshDb();
    await importList(again, {
      kind: 'serious',
      name: 'x',
      source: 'x.csv',
      headers: rows[0]!,
      rows: stream(records(rows.slice(1))),
    });
    for (const i of [1, 2, 120]) {
      const a = await lookupParty(db, { uscc: code(i), at: '2023-04-01' });
      const b = await lookupParty(again, { uscc: code(i), at: '2023-04-01' });
      expect(b.seriousList.onList).toBe(a.seriousList.onList);
      expect(b.seriousList.records[0]?.reason).toBe(a.seriousList.records[0]?.reason);
    }
  });

  it('exports nothing for an unknown list', async () => {
    const db = freshDb();
    const rows: string[][] = [];
    for await (const r of exportList(db, 'list-none')) rows.push(r);
    expect(rows).toEqual([]);
  });
});
