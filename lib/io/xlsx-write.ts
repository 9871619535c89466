import { zipSync } from 'fflate';
import { looksLikeFormula } from './neutralize';
import { escapeXml } from './xml';

type XlsxCellValue = string | number | null | undefined;

/** A cell look. Ranges listing the same property later win. */
interface XlsxCellStyle {
  bold?: boolean;
  /** Points; default 11. */
  fontSize?: number;
  align?: 'left' | 'center' | 'right';
  verticalAlign?: 'top' | 'center' | 'bottom';
  /** Thin border on all four sides. */
  border?: boolean;
  wrap?: boolean;
  /** An Excel number format code, e.g. `0.00` or `yyyy-mm-dd`. */
  numberFormat?: string;
}

export interface XlsxSheet {
  name: string;
  rows: ReadonlyArray<ReadonlyArray<XlsxCellValue>>;
  /** Merged ranges such as `A1:D1`. */
  merges?: readonly string[];
  /** Column widths in characters, from column A. */
  colWidths?: ReadonlyArray<number | undefined>;
  /** Row heights in points, from row 1. */
  rowHeights?: ReadonlyArray<number | undefined>;
  /** Styles by range (`A1:D1`, `B3`), applied in order; cells without data inside a range get the style too. */
  styles?: ReadonlyArray<{ range: string; style: XlsxCellStyle }>;
}

export interface XlsxWorkbook {
  sheets: readonly XlsxSheet[];
}

export interface WriteXlsxOptions {
  /**
   * Mark formula-looking strings as text (default true): the cell keeps the text as is and gets a style with
   * `quotePrefix`, Excel's own "this is text" flag, so it is shown without an apostrophe and stays text when
   * edited. Numbers are never touched.
   */
  neutralize?: boolean;
}

/** Excel refuses longer cell text. */
const MAX_CELL_CHARS = 32767;
const MAX_ROWS = 1_048_576;
const MAX_COLUMNS = 16384;
const NS_MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const NS_REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const NS_PKG_REL = 'http://schemas.openxmlformats.org/package/2006/relationships';
const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

/** 0-based column index → `A`, `B`, … `XFD`. */
export function columnName(index: number): string {
  let s = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

interface Box {
  r1: number;
  c1: number;
  r2: number;
  c2: number;
}

/** `B3` or `A1:D1` → 0-based inclusive box. */
function parseRange(range: string): Box {
  const m = /^([A-Z]{1,3})([1-9][0-9]{0,6})(?::([A-Z]{1,3})([1-9][0-9]{0,6}))?$/.exec(range);
  if (!m) throw new RangeError(`Invalid cell range "${range}"`);
  const col = (letters: string): number => [...letters].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
  const c1 = col(m[1]!);
  const r1 = Number(m[2]) - 1;
  const c2 = m[3] ? col(m[3]) : c1;
  const r2 = m[4] ? Number(m[4]) - 1 : r1;
  const box = { r1: Math.min(r1, r2), c1: Math.min(c1, c2), r2: Math.max(r1, r2), c2: Math.max(c1, c2) };
  if (box.r2 >= MAX_ROWS || box.c2 >= MAX_COLUMNS) throw new RangeError(`Cell range "${range}" is outside the sheet`);
  return box;
}

const overlaps = (a: Box, b: Box): boolean => a.r1 <= b.r2 && b.r1 <= a.r2 && a.c1 <= b.c2 && b.c1 <= a.c2;

/** Text as OOXML stores it: `_xHHHH_` for characters XML cannot hold (and for CR, which XML would fold). */
function ooxmlText(s: string): string {
  let t = s.length > MAX_CELL_CHARS ? s.slice(0, MAX_CELL_CHARS) : s;
  if (/[\uD800-\uDBFF]$/.test(t)) t = t.slice(0, -1);
  t = t
    .replace(/_(x[0-9A-Fa-f]{4}_)/g, '_x005F_$1')
    .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD')
    // eslint-disable-next-line no-control-regex -- XML 1.0 cannot hold these control characters: they are escaped
    .replace(/[\x00-\x08\x0B\x0C\x0D\x0E-\x1F\uFFFE\uFFFF]/g, (c) => `_x${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}_`);
  return escapeXml(t);
}

function textElement(s: string): string {
  const t = ooxmlText(s);
  return /^\s|\s$/.test(s) ? `<t xml:space="preserve">${t}</t>` : `<t>${t}</t>`;
}

const SHEET_NAME_FORBIDDEN = /[[\]:*?/\\]/g;

/** Sheet names as Excel accepts them: no `[]:*?/\`, at most 31 characters, unique ignoring case. */
function sheetNames(names: readonly string[]): string[] {
  const seen = new Set<string>();
  return names.map((raw, i) => {
    let base = raw
      .replace(SHEET_NAME_FORBIDDEN, '_')
      .replace(/^'+|'+$/g, '')
      .trim();
    if (!base) base = `Sheet${i + 1}`;
    base = [...base].slice(0, 31).join('');
    let name = base;
    for (let k = 2; seen.has(name.toLowerCase()); k++) {
      const suffix = ` (${k})`;
      name = [...base].slice(0, 31 - suffix.length).join('') + suffix;
    }
    seen.add(name.toLowerCase());
    return name;
  });
}

/** The shared style table: fonts, borders, number formats and the cell formats combining them. */
class StyleTable {
  private readonly fonts = ['<font><sz val="11"/><name val="宋体"/><family val="2"/><charset val="134"/></font>'];
  private readonly numFmts: string[] = [];
  private readonly xfs = ['<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'];
  private readonly xfIndex = new Map<string, number>();
  private readonly quotedIndex = new Map<number, number>();

  /** Index of the cell format for a style (0 is the default look). */
  add(style: XlsxCellStyle): number {
    const key = JSON.stringify([
      style.bold ?? false,
      style.fontSize ?? 11,
      style.align ?? '',
      style.verticalAlign ?? '',
      style.border ?? false,
      style.wrap ?? false,
      style.numberFormat ?? '',
    ]);
    const known = this.xfIndex.get(key);
    if (known !== undefined) return known;
    const font = `<font>${style.bold ? '<b/>' : ''}<sz val="${style.fontSize ?? 11}"/><name val="宋体"/><family val="2"/><charset val="134"/></font>`;
    let fontId = this.fonts.indexOf(font);
    if (fontId < 0) fontId = this.fonts.push(font) - 1;
    let numFmtId = 0;
    if (style.numberFormat) {
      const code = `<numFmt numFmtId="ID" formatCode="${escapeXml(style.numberFormat)}"/>`;
      let at = this.numFmts.indexOf(code);
      if (at < 0) at = this.numFmts.push(code) - 1;
      numFmtId = 164 + at;
    }
    const borderId = style.border ? 1 : 0;
    const alignment =
      style.align || style.verticalAlign || style.wrap
        ? `<alignment${style.align ? ` horizontal="${style.align}"` : ''}${style.verticalAlign ? ` vertical="${style.verticalAlign}"` : ''}${style.wrap ? ' wrapText="1"' : ''}/>`
        : '';
    const applies =
      (fontId ? ' applyFont="1"' : '') +
      (borderId ? ' applyBorder="1"' : '') +
      (numFmtId ? ' applyNumberFormat="1"' : '') +
      (alignment ? ' applyAlignment="1"' : '');
    const xf = `<xf numFmtId="${numFmtId}" fontId="${fontId}" fillId="0" borderId="${borderId}" xfId="0"${applies}${alignment ? `>${alignment}</xf>` : '/>'}`;
    const index = this.xfs.push(xf) - 1;
    this.xfIndex.set(key, index);
    return index;
  }

  /** The twin of cell format `xf` that also marks its text as text (单引号前缀), never as a formula. */
  quotePrefixed(xf: number): number {
    let twin = this.quotedIndex.get(xf);
    if (twin === undefined) {
      twin = this.xfs.push(this.xfs[xf]!.replace(' xfId="0"', ' xfId="0" quotePrefix="1"')) - 1;
      this.quotedIndex.set(xf, twin);
    }
    return twin;
  }

  xml(): string {
    const side = (s: string): string => `<${s} style="thin"><color auto="1"/></${s}>`;
    const numFmts = this.numFmts.length
      ? `<numFmts count="${this.numFmts.length}">${this.numFmts.map((f, i) => f.replace('ID', String(164 + i))).join('')}</numFmts>`
      : '';
    return (
      `${XML_HEAD}<styleSheet xmlns="${NS_MAIN}">${numFmts}` +
      `<fonts count="${this.fonts.length}">${this.fonts.join('')}</fonts>` +
      '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
      '<borders count="2"><border><left/><right/><top/><bottom/><diagonal/></border>' +
      `<border>${side('left')}${side('right')}${side('top')}${side('bottom')}<diagonal/></border></borders>` +
      '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
      `<cellXfs count="${this.xfs.length}">${this.xfs.join('')}</cellXfs>` +
      '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
      '</styleSheet>'
    );
  }
}

/** Shared strings, deduplicated. */
class StringTable {
  readonly items: string[] = [];
  private readonly index = new Map<string, number>();
  count = 0;

  add(s: string): number {
    this.count++;
    let i = this.index.get(s);
    if (i === undefined) {
      i = this.items.push(s) - 1;
      this.index.set(s, i);
    }
    return i;
  }

  xml(): string {
    const items = this.items.map((s) => `<si>${textElement(s)}</si>`).join('');
    return `${XML_HEAD}<sst xmlns="${NS_MAIN}" count="${this.count}" uniqueCount="${this.items.length}">${items}</sst>`;
  }
}

function sheetXml(sheet: XlsxSheet, index: number, strings: StringTable, styles: StyleTable, neutralize: boolean): string {
  const merges = (sheet.merges ?? []).map(parseRange);
  merges.forEach((a, i) => {
    const b = merges.slice(i + 1).find((m) => overlaps(a, m));
    if (b) throw new RangeError(`Merged ranges overlap: ${sheet.merges![i]}`);
  });
  const styled = (sheet.styles ?? []).map(({ range, style }) => ({ box: parseRange(range), style }));
  // Per combination of ranges covering a row, the cell format of each column: big ranges then cost
  // one array lookup per cell.
  const xfByStyles = new Map<string, number>();
  const columnsByRowStyles = new Map<string, Int32Array>();
  const rowFormats = (rowStyles: number[]): Int32Array => {
    const rowKey = rowStyles.join(',');
    let formats = columnsByRowStyles.get(rowKey);
    if (formats) return formats;
    formats = new Int32Array(Math.max(0, ...rowStyles.map((i) => styled[i]!.box.c2 + 1)));
    for (let c = 0; c < formats.length; c++) {
      const matching = rowStyles.filter((i) => styled[i]!.box.c1 <= c && c <= styled[i]!.box.c2);
      if (!matching.length) continue;
      const key = matching.join(',');
      let xf = xfByStyles.get(key);
      if (xf === undefined) {
        xf = styles.add(Object.assign({}, ...matching.map((i) => styled[i]!.style)) as XlsxCellStyle);
        xfByStyles.set(key, xf);
      }
      formats[c] = xf;
    }
    columnsByRowStyles.set(rowKey, formats);
    return formats;
  };

  const rowCount = Math.max(sheet.rows.length, ...styled.map((s) => s.box.r2 + 1), ...merges.map((m) => m.r2 + 1));
  if (rowCount > MAX_ROWS) throw new RangeError(`Sheet "${sheet.name}" has more than ${MAX_ROWS} rows`);
  let maxColumn = 0;
  const rowsXml: string[] = [];
  const names: string[] = [];
  for (let r = 0; r < rowCount; r++) {
    const values = sheet.rows[r] ?? [];
    const rowStyles = styled.map((s, i) => (s.box.r1 <= r && r <= s.box.r2 ? i : -1)).filter((i) => i >= 0);
    const formats = rowFormats(rowStyles);
    const width = Math.max(values.length, formats.length);
    if (width > MAX_COLUMNS) throw new RangeError(`Sheet "${sheet.name}" has more than ${MAX_COLUMNS} columns`);
    const cells: string[] = [];
    for (let c = 0; c < width; c++) {
      const v = values[c];
      const xf = neutralize && typeof v === 'string' && looksLikeFormula(v) ? styles.quotePrefixed(formats[c] ?? 0) : (formats[c] ?? 0);
      const s = xf ? ` s="${xf}"` : '';
      const ref = `${(names[c] ??= columnName(c))}${r + 1}`;
      if (typeof v === 'number' && Number.isFinite(v)) cells.push(`<c r="${ref}"${s}><v>${v}</v></c>`);
      else if (typeof v === 'string' && v !== '') cells.push(`<c r="${ref}"${s} t="s"><v>${strings.add(v)}</v></c>`);
      else if (xf) cells.push(`<c r="${ref}"${s}/>`);
      else continue;
      maxColumn = Math.max(maxColumn, c + 1);
    }
    const height = sheet.rowHeights?.[r];
    const ht = height ? ` ht="${height}" customHeight="1"` : '';
    if (cells.length || ht) rowsXml.push(`<row r="${r + 1}"${ht}>${cells.join('')}</row>`);
  }
  const dimension = rowCount && maxColumn ? `A1:${columnName(maxColumn - 1)}${rowCount}` : 'A1';
  const cols = (sheet.colWidths ?? [])
    .map((w, i) => (w ? `<col min="${i + 1}" max="${i + 1}" width="${w}" customWidth="1"/>` : ''))
    .join('');
  const mergeXml = merges.length
    ? `<mergeCells count="${merges.length}">${sheet.merges!.map((m) => `<mergeCell ref="${m}"/>`).join('')}</mergeCells>`
    : '';
  return (
    `${XML_HEAD}<worksheet xmlns="${NS_MAIN}" xmlns:r="${NS_REL}">` +
    `<dimension ref="${dimension}"/>` +
    `<sheetViews><sheetView workbookViewId="0"${index === 0 ? ' tabSelected="1"' : ''}/></sheetViews>` +
    '<sheetFormatPr defaultRowHeight="15"/>' +
    (cols ? `<cols>${cols}</cols>` : '') +
    `<sheetData>${rowsXml.join('')}</sheetData>` +
    mergeXml +
    '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>' +
    '<pageSetup paperSize="9" orientation="portrait"/>' +
    '</worksheet>'
  );
}

const encoder = new TextEncoder();

/**
 * A minimal, valid XLSX workbook (shared strings, styles, merged cells, column widths) that Excel,
 * WPS and LibreOffice open. Strings that look like formulas are marked as text unless told otherwise.
 * Throws RangeError for malformed ranges or overlapping merges (caller bugs, not user input).
 */
export function writeXlsx(workbook: XlsxWorkbook, opts: WriteXlsxOptions = {}): Uint8Array<ArrayBuffer> {
  if (workbook.sheets.length === 0) throw new RangeError('A workbook needs at least one sheet');
  const neutralize = opts.neutralize ?? true;
  const strings = new StringTable();
  const styles = new StyleTable();
  const names = sheetNames(workbook.sheets.map((s) => s.name));
  const sheets = workbook.sheets.map((s, i) => sheetXml(s, i, strings, styles, neutralize));
  const n = sheets.length;
  const range = Array.from({ length: n }, (_, i) => i + 1);
  const files: Record<string, Uint8Array> = {
    '[Content_Types].xml': encoder.encode(
      `${XML_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
        '<Default Extension="xml" ContentType="application/xml"/>' +
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
        range
          .map(
            (i) =>
              `<Override PartName="/xl/worksheets/sheet${i}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`,
          )
          .join('') +
        '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>' +
        '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>' +
        '</Types>',
    ),
    '_rels/.rels': encoder.encode(
      `${XML_HEAD}<Relationships xmlns="${NS_PKG_REL}">` +
        `<Relationship Id="rId1" Type="${NS_REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    ),
    'xl/workbook.xml': encoder.encode(
      `${XML_HEAD}<workbook xmlns="${NS_MAIN}" xmlns:r="${NS_REL}">` +
        '<bookViews><workbookView activeTab="0"/></bookViews><sheets>' +
        range.map((i) => `<sheet name="${escapeXml(names[i - 1]!)}" sheetId="${i}" r:id="rId${i}"/>`).join('') +
        '</sheets></workbook>',
    ),
    'xl/_rels/workbook.xml.rels': encoder.encode(
      `${XML_HEAD}<Relationships xmlns="${NS_PKG_REL}">` +
        range.map((i) => `<Relationship Id="rId${i}" Type="${NS_REL}/worksheet" Target="worksheets/sheet${i}.xml"/>`).join('') +
        `<Relationship Id="rId${n + 1}" Type="${NS_REL}/styles" Target="styles.xml"/>` +
        `<Relationship Id="rId${n + 2}" Type="${NS_REL}/sharedStrings" Target="sharedStrings.xml"/>` +
        '</Relationships>',
    ),
  };
  sheets.forEach((xml, i) => (files[`xl/worksheets/sheet${i + 1}.xml`] = encoder.encode(xml)));
  files['xl/styles.xml'] = encoder.encode(styles.xml());
  files['xl/sharedStrings.xml'] = encoder.encode(strings.xml());
  // Level 6 takes over twice as long for files about 7 % smaller; fflate allocates a fresh ArrayBuffer.
  return zipSync(files, { level: 3 }) as Uint8Array<ArrayBuffer>;
}
