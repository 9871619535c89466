// Table structure: rows, cells, header rows, and tables that list cases rather than hold one.
import type { Probe } from './label';
import { closestOf, firstChildOf, nextOf, parentOf, previousOf, queryOf, tagOf, textContentOf } from './native';

export function cellsOf(row: Element): Element[] {
  const out: Element[] = [];
  for (let c = firstChildOf(row); c; c = nextOf(c)) if (tagOf(c) === 'td' || tagOf(c) === 'th') out.push(c);
  return out;
}

export function rowsOf(table: Element): Element[] {
  const rows: Element[] = [];
  for (let c = firstChildOf(table); c; c = nextOf(c)) {
    if (tagOf(c) === 'tr') rows.push(c);
    else if (/^t(head|body|foot)$/.test(tagOf(c))) {
      for (let r = firstChildOf(c); r; r = nextOf(r)) if (tagOf(r) === 'tr') rows.push(r);
    }
  }
  return rows;
}

export function isHeaderRow(row: Element): boolean {
  const cells = cellsOf(row);
  return tagOf(parentOf(row)) === 'thead' || (cells.length > 1 && cells.every((c) => tagOf(c) === 'th'));
}

export function rowBelow(row: Element): Element | null {
  for (let n = nextOf(row); n; n = nextOf(n)) if (tagOf(n) === 'tr') return n;
  const section = parentOf(row);
  if (!section || !/^t(head|body|foot)$/.test(tagOf(section))) return null;
  for (let s = nextOf(section); s; s = nextOf(s)) {
    for (let r = firstChildOf(s); r; r = nextOf(r)) if (tagOf(r) === 'tr') return r;
  }
  return null;
}

/** Rows of a table that are all headers (th cells, or inside thead). */
function headerOnly(table: Element): boolean {
  const rows = rowsOf(table);
  return rows.length > 0 && rows.length <= 3 && rows.every(isHeaderRow);
}

/**
 * A data table whose column headers are drawn as a table of their own just before it (Element, Ant and
 * Naive tables with a fixed header): the nearest table before it, within a few ancestors, holds headers only.
 */
function headerTableBefore(table: Element, probe?: Probe): boolean {
  const width = rowsOf(table)[0] ? cellsOf(rowsOf(table)[0]!).length : 0;
  let a: Element | null = table;
  for (let i = 0; a && i < 4; i++, a = parentOf(a)) {
    let k = 0;
    probe?.walked?.(a);
    for (let s = previousOf(a); s && k < 3; s = previousOf(s), k++) {
      const head = tagOf(s) === 'table' ? s : queryOf(s, 'table');
      if (!head) continue;
      if (!headerOnly(head)) return false;
      const cols = cellsOf(rowsOf(head).at(-1)!).length;
      return width === 0 || Math.abs(cols - width) <= 1;
    }
  }
  return false;
}

/** Column headers only a list has: a running number and the row's actions. */
const LIST_COLUMN = /^(序号|操作|编号序号|No\.?)$/i;

function cellText(c: Element): string {
  return (textContentOf(c) ?? '').replace(/\s+/g, '');
}

/** Rows numbered 1, 2, 3… in their first or second cell (a selection checkbox may come first). */
function numberedRows(rows: Element[]): boolean {
  if (rows.length < 2) return false;
  for (const col of [0, 1]) {
    const nums = rows.slice(0, 4).map((r) => Number.parseInt(cellText(cellsOf(r)[col] ?? r), 10));
    if (nums.every((n, i) => Number.isInteger(n) && n === nums[0]! + i)) return true;
  }
  return false;
}

/** A label column's cell: a short name of a field (no digits, which a record's values in a list carry). */
function isLabelCell(c: Element | undefined): boolean {
  const t = c ? cellText(c).replace(/[：:*＊]/g, '') : '';
  return t.length > 0 && t.length <= 16 && /\p{Script=Han}/u.test(t) && !/[\d。，；,;]/.test(t);
}

/**
 * One record laid out as a table of label and value cells (a key/value edit table under a header of its own,
 * 项目 | 内容): every row has 2 or 4 cells, the 1st (and 3rd) a field's name, all names different. A list
 * repeats the same kind of value down a column instead.
 */
function isPropertyTable(rows: Element[]): boolean {
  if (rows.length < 4) return false;
  const width = cellsOf(rows[0]!).length;
  if (width !== 2 && width !== 4) return false;
  const names = new Set<string>();
  for (const r of rows) {
    const cells = cellsOf(r);
    if (cells.length !== width) return false;
    for (let i = 0; i < width; i += 2) {
      if (!isLabelCell(cells[i])) return false;
      names.add(cellText(cells[i]!));
    }
  }
  return names.size === (rows.length * width) / 2;
}

/**
 * Whether a table is a case list by its own rows: a header row, then two or more records; a header row of td
 * cells naming a list's own columns (序号, 操作); numbered rows. 'before' when only headers drawn as a separate
 * table before it can tell (rows of td cells that are not one record's label and value cells).
 */
export function listByContent(table: Element): boolean | 'before' {
  const rows = rowsOf(table);
  const head = rows[0];
  if (!head) return false;
  const noTh = (r: Element): boolean => !cellsOf(r).some((c) => tagOf(c) === 'th');
  if (!isHeaderRow(head)) {
    if (rows.length >= 3 && cellsOf(head).some((c) => LIST_COLUMN.test(cellText(c))) && rows.slice(1).every(noTh)) return true;
    if (rows.length >= 2 && rows.every(noTh) && numberedRows(rows)) return true;
    return rows.every(noTh) && !isPropertyTable(rows) && 'before';
  }
  if (rows.length < 3) return false;
  return rows.slice(1, 4).every(noTh) && !isPropertyTable(rows.slice(1));
}

/**
 * A case list (`listByContent`), or rows under a header drawn as a separate table, or a grid (ARIA). It yields
 * no pairs (one row is not this page's case). `content` is given when the table's rows are known unchanged.
 */
export function isListTable(table: Element, probe?: Probe, content?: boolean | 'before'): boolean {
  if (closestOf(table, '[role=grid], [role=treegrid]') !== null) return true;
  const rows = content ?? listByContent(table);
  return rows === 'before' ? headerTableBefore(table, probe) : rows;
}
