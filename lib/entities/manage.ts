import Dexie from 'dexie';
import { type CreditDb, type EntityChunk, type ListKind, type ListMeta, bucketRange, deleteList } from '../db';
import { normalizeCode, normalizePartyName } from '../party';
import { type EntityRow, KEY_DOMAIN_SECTION_TITLES, type KeyDomainSection, fieldLabel, fieldType, kindFields } from './kinds';
import { bucketOf, chunkEntries, codeKey, findEntries, unpackRow } from './layout';
import type { ListRef } from './lookup';

/** Active lists, newest import first. */
export async function listSummaries(db: CreditDb): Promise<ListMeta[]> {
  const lists = await db.lists.where('status').equals('active').toArray();
  return lists.sort((a, b) => (a.importedAt < b.importedAt ? 1 : a.importedAt > b.importedAt ? -1 : 0));
}

/** Deletes a list and its rows in one transaction; false when there was no such list. */
export function removeList(db: CreditDb, id: string): Promise<boolean> {
  return deleteList(db, id);
}

export type SearchHit = { row: EntityRow } & ListRef & { kind: ListKind };

const PAGE = 64;

/** Chunks of one list, a page per short read transaction (a consumer may await between pages). */
async function* listChunks(db: CreditDb, listId: string): AsyncGenerator<EntityChunk> {
  let lower: [string, number, number] | [string, number] = [listId, Dexie.minKey];
  let inclusive = true;
  for (;;) {
    const page: EntityChunk[] = await db.entityChunks
      .where(':id')
      .between(lower, [listId, Dexie.maxKey], inclusive, true)
      .limit(PAGE)
      .toArray();
    yield* page;
    const last: EntityChunk | undefined = page[page.length - 1];
    if (page.length < PAGE || !last) return;
    lower = [listId, last.bucket, last.chunk];
    inclusive = false;
  }
}

/** Rows of a chunk, each row once: rows with a code live under the code, others under the name. */
function* chunkRows<K extends ListKind>(kind: K, text: string): Generator<EntityRow<K>> {
  for (const { key, payload } of chunkEntries(text)) {
    if (key.startsWith('c') || (key.startsWith('n') && !payload.startsWith('='))) yield unpackRow(kind, key, payload);
  }
}

/**
 * Rows of the active lists whose credit code or normalised name contains the query (exact matches too),
 * up to `limit`. Scans chunk texts, skipping a chunk with one indexOf when it cannot hold a match.
 */
export async function searchLists(db: CreditDb, query: string, limit = 50): Promise<SearchHit[]> {
  const nameQ = normalizePartyName(query);
  const codeQ = normalizeCode(query);
  if (nameQ === '' || limit < 1) return [];
  const codeLike = /^[0-9A-Z]{2,18}$/.test(codeQ);
  const hits: SearchHit[] = [];
  const seen = new Set<string>();
  for (const list of await listSummaries(db)) {
    // Names matched through an entry pointing at a code: the rows are found under that code.
    const codesOfNames = new Set<string>();
    const add = (row: EntityRow, matchedBy: 'code' | 'name') => {
      const id = `${list.id}:${row.line}`;
      if (seen.has(id) || hits.length >= limit) return;
      seen.add(id);
      hits.push({ row, kind: list.kind, listId: list.id, listName: list.name, matchedBy });
    };
    for await (const chunk of listChunks(db, list.id)) {
      const hasName = chunk.text.includes(nameQ);
      if (!hasName && !(codeLike && chunk.text.includes(codeQ))) continue;
      for (const { key, payload } of chunkEntries(chunk.text)) {
        if (codeLike && key.startsWith('c') && key.includes(codeQ)) add(unpackRow(list.kind, key, payload), 'code');
        else if (hasName && key.startsWith('n') && key.includes(nameQ)) {
          if (!payload.startsWith('=')) add(unpackRow(list.kind, key, payload), 'name');
          else if (codesOfNames.size < limit) codesOfNames.add(payload.slice(1));
        }
      }
      if (hits.length >= limit) return hits;
    }
    for (const code of codesOfNames) {
      const key = codeKey(code);
      const chunks = await bucketRange(db, list.id, bucketOf(key, list.bucketCount)).toArray();
      for (const c of chunks) {
        for (const payload of findEntries(c.text, key)) {
          const row = unpackRow(list.kind, key, payload);
          if (normalizePartyName(row.name).includes(nameQ)) add(row, 'name');
        }
      }
      if (hits.length >= limit) return hits;
    }
  }
  return hits;
}

/** Chinese column titles of a kind's export. */
export function exportHeaders(kind: ListKind): string[] {
  return [...kindFields(kind).map((f) => fieldLabel(kind, f)), '原文件行号'];
}

function exportCell(kind: ListKind, field: ReturnType<typeof kindFields>[number], v: unknown): string {
  const type = fieldType(kind, field);
  if (type === 'bool') return v ? '是' : '否';
  if (type === 'section') return v ? KEY_DOMAIN_SECTION_TITLES[v as KeyDomainSection] : '';
  return v === null || v === undefined ? '' : String(v);
}

/**
 * A list as table rows for writeCsv: the header, then every row (grouped by storage bucket, not in file
 * order; the last column keeps the source line). Re-importable as the same kind.
 */
export async function* exportList(db: CreditDb, id: string): AsyncGenerator<string[]> {
  const list = await db.lists.get(id);
  if (!list) return;
  const fields = kindFields(list.kind);
  yield exportHeaders(list.kind);
  for await (const chunk of listChunks(db, id)) {
    for (const row of chunkRows(list.kind, chunk.text)) {
      const r = row as unknown as Record<string, unknown>;
      yield [...fields.map((f) => exportCell(list.kind, f, r[f])), String(row.line)];
    }
  }
}
