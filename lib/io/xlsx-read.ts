import { excelSerialToDate } from '../text/dates';
import { randomAccess, type RandomAccess } from './bytes';
import type { CsvRecord, ProgressCallback } from './csv';
import { userMessage, type MessageFamily } from '../messages';
import { invalidWorkbook, IoError } from './errors';
import { flattenBatches } from './iter';
import { emptyStats, type TableStats } from './stats';
import { columnName } from './xlsx-write';
import { getAttribute, parseAttributes, XmlScanner, type XmlHandler } from './xml';
import { entryBytes, entryText, InflateBudget, partKey, readZipDirectory, type ZipEntry } from './zip';

export interface ReadXlsxOptions {
  /** Worksheet by name or 0-based index among worksheets; default the first visible one. */
  sheet?: string | number;
  signal?: AbortSignal;
  onProgress?: ProgressCallback;
  /** Cap on all inflated bytes read from the file (default 512 MiB). */
  maxUncompressedBytes?: number;
  /** Cap on an entry's inflated/compressed ratio once it passes 16 MiB (default 200). */
  maxCompressionRatio?: number;
  /**
   * Cap on the cells of all rows returned, the empty ones between filled cells included (default
   * DEFAULT_MAX_CELLS): a row whose one cell sits far to the right costs as many cells as its width.
   */
  maxCells?: number;
  /** Filled cells must lie in the first this many columns (default DEFAULT_MAX_COLUMNS). */
  maxColumns?: number;
  /** Filled in when the last row has been read. */
  stats?: TableStats;
}

export interface XlsxSheetInfo {
  name: string;
  hidden: boolean;
}

export const DEFAULT_MAX_UNCOMPRESSED = 512 << 20;
const DEFAULT_MAX_RATIO = 200;
/** Column XFD: Excel's last. */
const SHEET_COLUMNS = 16384;
/** About a million rows of 48 columns: far beyond a list or case export, and read in a few seconds. */
const DEFAULT_MAX_CELLS = 48 << 20;
/** Column AMJ, LibreOffice's last for years: tables people exchange stay well inside it. */
const DEFAULT_MAX_COLUMNS = 1024;

const invalid = (detail: MessageFamily<'ioError_xlsx_'>, ...subs: string[]): IoError =>
  invalidWorkbook(userMessage(`ioError_xlsx_${detail}`, ...subs));

const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0];
const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];

function startsWith(bytes: Uint8Array, magic: readonly number[]): boolean {
  return magic.every((b, i) => bytes[i] === b);
}
export const isZipMagic = (head: Uint8Array): boolean => startsWith(head, ZIP_MAGIC);
export const isOleMagic = (head: Uint8Array): boolean => startsWith(head, OLE_MAGIC);

interface Relationship {
  type: string;
  target: string;
}

interface SheetRef {
  name: string;
  hidden: boolean;
  entry: ZipEntry;
}

interface Package {
  ra: RandomAccess;
  budget: InflateBudget;
  entries: Map<string, ZipEntry>;
  sheets: SheetRef[];
  date1904: boolean;
  stylesPart: string | undefined;
  sharedStringsPart: string | undefined;
  signal: AbortSignal | undefined;
}

/** Feed a whole small part through a handler. */
async function scanPart(pkg: Pick<Package, 'ra' | 'budget' | 'signal'>, entry: ZipEntry, handler: XmlHandler): Promise<void> {
  new XmlScanner(handler).push(await entryText(pkg.ra, entry, pkg.budget, pkg.signal), true);
}

function dirOf(part: string): string {
  const slash = part.lastIndexOf('/');
  return slash < 0 ? '' : part.slice(0, slash + 1);
}

/** A relationship target resolved against the folder of the part that holds it. */
function resolvePart(baseDir: string, target: string): string {
  const path = target.startsWith('/') ? target.slice(1) : baseDir + target;
  const out: string[] = [];
  for (const seg of path.split('/')) {
    if (seg === '..') out.pop();
    else if (seg !== '.' && seg !== '') out.push(seg);
  }
  return partKey(out.join('/'));
}

async function readRels(pkg: Pick<Package, 'ra' | 'budget' | 'signal' | 'entries'>, part: string): Promise<Map<string, Relationship>> {
  const relsPart = partKey(`${dirOf(part)}_rels/${part.slice(dirOf(part).length)}.rels`);
  const entry = pkg.entries.get(relsPart);
  const rels = new Map<string, Relationship>();
  if (!entry) return rels;
  await scanPart(pkg, entry, {
    wantText: false,
    open(name, tag) {
      if (name !== 'Relationship') return;
      const a = parseAttributes(tag);
      if (a.Id && a.Target && a.TargetMode !== 'External') {
        rels.set(a.Id, { type: a.Type ?? '', target: resolvePart(dirOf(part), a.Target) });
      }
    },
    close() {},
    text() {},
  });
  return rels;
}

const relType = (rel: Relationship, suffix: string): boolean => rel.type.endsWith(`/${suffix}`);

async function openPackage(source: Blob | Uint8Array, opts: ReadXlsxOptions): Promise<Package> {
  const ra = randomAccess(source);
  if (ra.size === 0) throw new IoError('empty');
  const head = await ra.read(0, 8);
  if (isOleMagic(head)) throw new IoError('unsupported');
  if (!isZipMagic(head)) throw new IoError('xlsx-invalid');
  const entries = await readZipDirectory(ra);
  const budget = new InflateBudget(opts.maxUncompressedBytes ?? DEFAULT_MAX_UNCOMPRESSED, opts.maxCompressionRatio ?? DEFAULT_MAX_RATIO);
  const base = { ra, budget, entries, signal: opts.signal };
  const rootRels = await readRels(base, '');
  const workbookPart = [...rootRels.values()].find((r) => relType(r, 'officeDocument'))?.target ?? partKey('xl/workbook.xml');
  const workbook = entries.get(workbookPart);
  if (!workbook) {
    if (entries.has('content.xml') && entries.has('mimetype')) {
      throw new IoError('unsupported', userMessage('ioError_ods'));
    }
    throw invalid('noWorkbook');
  }
  const rels = await readRels(base, workbookPart);
  const sheets: SheetRef[] = [];
  let date1904 = false;
  await scanPart(base, workbook, {
    wantText: false,
    open(name, tag) {
      if (name === 'workbookPr') {
        const v = getAttribute(tag, 'date1904');
        date1904 = v === '1' || v === 'true';
      } else if (name === 'sheet') {
        const a = parseAttributes(tag);
        const idKey = Object.keys(a).find((k) => k.endsWith(':id'));
        const rel = idKey ? rels.get(a[idKey]!) : undefined;
        const entry = rel && relType(rel, 'worksheet') ? entries.get(rel.target) : undefined;
        if (entry) sheets.push({ name: a.name ?? '', hidden: a.state === 'hidden' || a.state === 'veryHidden', entry });
      }
    },
    close() {},
    text() {},
  });
  if (sheets.length === 0) throw invalid('noSheets');
  const all = [...rels.values()];
  const find = (suffix: string, fallback: string): string | undefined => {
    const part = all.find((r) => relType(r, suffix))?.target ?? partKey(fallback);
    return entries.has(part) ? part : undefined;
  };
  return {
    ...base,
    sheets,
    date1904,
    stylesPart: find('styles', 'xl/styles.xml'),
    sharedStringsPart: find('sharedStrings', 'xl/sharedStrings.xml'),
  };
}

function pickSheet(sheets: SheetRef[], wanted: string | number | undefined): SheetRef {
  const sheet =
    wanted === undefined
      ? (sheets.find((s) => !s.hidden) ?? sheets[0])
      : typeof wanted === 'number'
        ? sheets[wanted]
        : sheets.find((s) => s.name === wanted);
  if (!sheet) {
    throw new IoError(
      'sheet-not-found',
      typeof wanted === 'number' ? userMessage('ioError_sheetNumber', wanted + 1) : userMessage('ioError_sheetName', String(wanted)),
    );
  }
  return sheet;
}

/** `_xHHHH_` escapes of OOXML strings (control characters, CR) back to characters. */
function unescapeOoxml(s: string): string {
  if (s.indexOf('_x') < 0) return s;
  return s.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

// Built-in number formats that show a date (zh-CN ids included); time-only ones are left as numbers.
const BUILTIN_DATE = new Set([14, 15, 16, 17, 27, 28, 29, 30, 31, 36, 50, 51, 52, 53, 54, 57, 58]);
const BUILTIN_DATETIME = new Set([22]);

/** 0: not a date, 1: a date, 2: a date with time, judged from a format code's first section. */
function dateFormatKind(code: string): 0 | 1 | 2 {
  const s = (code.split(';')[0] ?? '')
    .replace(/"[^"]*"/g, '')
    .replace(/\\./g, '')
    .replace(/\[[^\]]*\]/g, (m) => (/^\[[hms]+\]$/i.test(m) ? 'h' : ''))
    .replace(/[_*]./g, '');
  const time = /[hs]/i.test(s);
  const date = /[yd]/i.test(s) || (/m/i.test(s) && !time);
  if (!date) return 0;
  return time ? 2 : 1;
}

async function loadDateStyles(pkg: Package): Promise<Uint8Array> {
  if (!pkg.stylesPart) return new Uint8Array(0);
  const formats = new Map<number, string>();
  const xfFormats: number[] = [];
  let inCellXfs = false;
  await scanPart(pkg, pkg.entries.get(pkg.stylesPart)!, {
    wantText: false,
    open(name, tag, selfClosing) {
      if (name === 'numFmt') {
        const id = Number(getAttribute(tag, 'numFmtId'));
        const code = getAttribute(tag, 'formatCode');
        if (Number.isInteger(id) && code !== undefined) formats.set(id, code);
      } else if (name === 'cellXfs') inCellXfs = !selfClosing;
      else if (name === 'xf' && inCellXfs) xfFormats.push(Number(getAttribute(tag, 'numFmtId') ?? 0));
    },
    close(name) {
      if (name === 'cellXfs') inCellXfs = false;
    },
    text() {},
  });
  return Uint8Array.from(xfFormats, (id) => {
    const code = formats.get(id);
    if (code !== undefined) return dateFormatKind(code);
    return BUILTIN_DATE.has(id) ? 1 : BUILTIN_DATETIME.has(id) ? 2 : 0;
  });
}

async function loadSharedStrings(pkg: Package): Promise<string[]> {
  const strings: string[] = [];
  if (!pkg.sharedStringsPart) return strings;
  let current = '';
  let inSi = false;
  let phonetic = 0;
  const handler: XmlHandler = {
    wantText: false,
    open(name, _tag, selfClosing) {
      if (name === 'si') {
        if (selfClosing) strings.push('');
        else {
          inSi = true;
          current = '';
        }
      } else if (name === 'rPh') {
        if (!selfClosing) phonetic++;
      } else if (name === 't' && inSi && phonetic === 0 && !selfClosing) handler.wantText = true;
    },
    close(name) {
      if (name === 't') handler.wantText = false;
      else if (name === 'rPh') phonetic--;
      else if (name === 'si') {
        strings.push(unescapeOoxml(current));
        inSi = false;
      }
    },
    text(s) {
      current += s;
    },
  };
  const scanner = new XmlScanner(handler);
  const decoder = new TextDecoder('utf-8');
  const entry = pkg.entries.get(pkg.sharedStringsPart)!;
  for await (const piece of entryBytes(pkg.ra, entry, pkg.budget, { signal: pkg.signal })) {
    scanner.push(decoder.decode(piece, { stream: true }), false);
  }
  scanner.push(decoder.decode(), true);
  return strings;
}

/** 0-based column of a cell reference like `C5` (-1 when there are no letters). */
function columnOf(ref: string): number {
  let col = 0;
  let i = 0;
  for (; i < ref.length; i++) {
    const c = ref.charCodeAt(i) | 0x20; // lower-case
    if (c < 97 || c > 122) break;
    col = col * 26 + (c - 96);
  }
  return i === 0 ? -1 : col - 1;
}

/** Turns worksheet XML into records: cells placed by their `r` reference, empty ones as ''. */
class SheetHandler implements XmlHandler {
  wantText = false;
  rows: CsvRecord[] = [];
  readonly merges: string[] = [];
  private row: string[] | undefined;
  private rowNumber = 0;
  private lastColumn = -1;
  private column = 0;
  private type = 'n';
  private style = 0;
  private value = '';
  private inInline = false;
  private phonetic = 0;
  /** Cells of the rows so far, empty ones between filled cells included (the cost maxCells caps). */
  private cells = 0;
  /** For TableStats: the last row number seen and the rows returned. */
  lastRow = 0;
  records = 0;

  constructor(
    private readonly shared: readonly string[],
    private readonly dateStyles: Uint8Array,
    private readonly date1904: boolean,
    private readonly maxCells = DEFAULT_MAX_CELLS,
    private readonly maxColumns = DEFAULT_MAX_COLUMNS,
  ) {}

  open(name: string, tag: string, selfClosing: boolean): void {
    switch (name) {
      case 'row': {
        const r = Number(getAttribute(tag, 'r'));
        this.rowNumber = Number.isInteger(r) && r > 0 ? r : this.rowNumber + 1;
        if (this.rowNumber > this.lastRow) this.lastRow = this.rowNumber;
        this.row = [];
        this.lastColumn = -1;
        if (selfClosing) this.endRow();
        break;
      }
      case 'c': {
        const ref = getAttribute(tag, 'r');
        const col = ref === undefined ? -1 : columnOf(ref);
        this.column = col >= 0 ? col : this.lastColumn + 1;
        if (this.column >= SHEET_COLUMNS) throw invalid('cellRef', ref ?? '');
        this.type = getAttribute(tag, 't') ?? 'n';
        this.style = Number(getAttribute(tag, 's') ?? 0);
        this.value = '';
        this.inInline = false;
        if (selfClosing) this.endCell();
        break;
      }
      case 'v':
        if (!selfClosing) this.wantText = true;
        break;
      case 'is':
        this.inInline = !selfClosing;
        break;
      case 'rPh':
        if (!selfClosing) this.phonetic++;
        break;
      case 't':
        if (this.inInline && this.phonetic === 0 && !selfClosing) this.wantText = true;
        break;
      case 'mergeCell': {
        const ref = getAttribute(tag, 'ref');
        if (ref) this.merges.push(ref);
        break;
      }
    }
  }

  close(name: string): void {
    switch (name) {
      case 'v':
      case 't':
        this.wantText = false;
        break;
      case 'rPh':
        this.phonetic--;
        break;
      case 'is':
        this.inInline = false;
        break;
      case 'c':
        this.endCell();
        break;
      case 'row':
        this.endRow();
        break;
    }
  }

  text(s: string): void {
    this.value += s;
  }

  private cellText(): string {
    const v = this.value;
    if (v === '') return '';
    switch (this.type) {
      case 's':
        return this.shared[Number(v)] ?? '';
      case 'inlineStr':
      case 'str':
        return unescapeOoxml(v);
      case 'b':
        return v === '1' ? 'TRUE' : v === '0' ? 'FALSE' : v;
      case 'd':
        return v.replace(/T00:00(?::00(?:\.0+)?)?Z?$/, '');
      case 'e':
        return v;
      default: {
        const kind = this.dateStyles[this.style];
        return kind ? excelSerialToDate(v, this.date1904, kind === 2) : v;
      }
    }
  }

  private endCell(): void {
    const row = this.row;
    if (!row) return;
    this.lastColumn = this.column;
    const text = this.cellText();
    // An empty cell (styled only) adds nothing: only a filled one widens the row.
    if (text === '') return;
    if (this.column >= this.maxColumns) throw tooWide(this.rowNumber, this.column, this.maxColumns);
    const added = this.column + 1 - row.length;
    if (added > 0) {
      this.cells += added;
      if (this.cells > this.maxCells) throw tooManyCells(this.rowNumber, this.maxCells);
      const from = row.length;
      row.length = this.column;
      row.fill('', from);
    }
    row[this.column] = text;
  }

  private endRow(): void {
    const row = this.row;
    if (!row) return;
    this.row = undefined;
    let end = row.length;
    while (end > 0 && row[end - 1] === '') end--;
    if (end === 0) return;
    row.length = end;
    this.rows.push({ line: this.rowNumber, cells: row });
    this.records++;
  }
}

const count = (n: number): string => n.toLocaleString('zh-CN');

function tooWide(row: number, column: number, max: number): IoError {
  return new IoError('xlsx-too-large', userMessage('ioError_tooWide', row, count(column + 1), `${columnName(column)}${row}`, count(max)), {
    line: row,
  });
}

function tooManyCells(row: number, max: number): IoError {
  return new IoError('xlsx-too-large', userMessage('ioError_tooManyCells', row, count(max)), { line: row });
}

async function* scanSheet(
  pkg: Package,
  sheet: SheetRef,
  handler: SheetHandler,
  onProgress: ProgressCallback | undefined,
): AsyncGenerator<CsvRecord[], void, undefined> {
  const scanner = new XmlScanner(handler);
  const decoder = new TextDecoder('utf-8');
  const total = pkg.ra.size;
  let read = total - sheet.entry.compressedSize;
  const onRead = (n: number): void => {
    read += n;
    onProgress?.(read, total);
  };
  for await (const piece of entryBytes(pkg.ra, sheet.entry, pkg.budget, { signal: pkg.signal, onRead })) {
    scanner.push(decoder.decode(piece, { stream: true }), false);
    if (handler.rows.length) {
      const rows = handler.rows;
      handler.rows = [];
      yield rows;
    }
  }
  scanner.push(decoder.decode(), true);
  if (handler.rows.length) yield handler.rows;
}

/**
 * Stream the rows of one worksheet as batches. Throws IoError: 'unsupported' (.xls), 'xlsx-invalid',
 * 'xlsx-too-large' (zip bomb), 'sheet-not-found', 'empty', 'aborted'.
 */
export async function* readXlsxBatches(
  source: Blob | Uint8Array,
  opts: ReadXlsxOptions = {},
): AsyncGenerator<CsvRecord[], void, undefined> {
  const pkg = await openPackage(source, opts);
  const sheet = pickSheet(pkg.sheets, opts.sheet);
  const dateStyles = await loadDateStyles(pkg);
  const shared = await loadSharedStrings(pkg);
  const handler = new SheetHandler(shared, dateStyles, pkg.date1904, opts.maxCells, opts.maxColumns);
  let last: CsvRecord[] | undefined;
  for await (const rows of scanSheet(pkg, sheet, handler, opts.onProgress)) {
    if (last) yield last;
    last = rows;
  }
  if (!last) throw new IoError('empty', userMessage('ioError_sheetEmpty', sheet.name));
  if (opts.stats) {
    const lines = handler.lastRow;
    Object.assign(opts.stats, emptyStats('xlsx'), {
      lines,
      readerLines: lines,
      records: handler.records,
      emptyLines: Math.max(0, lines - handler.records),
    });
  }
  yield last;
}

/**
 * Stream the rows of one worksheet (the first visible one by default). `line` is the row number;
 * a row's cells keep their columns (missing cells are ''), trailing empty cells and empty rows are dropped.
 * Numbers stay as written in the file; date-formatted numbers become `YYYY-MM-DD`.
 */
export function readXlsx(source: Blob | Uint8Array, opts: ReadXlsxOptions = {}): AsyncGenerator<CsvRecord, void, undefined> {
  return flattenBatches(readXlsxBatches(source, opts), opts.signal);
}

/** The worksheets of a workbook, in tab order. */
export async function listXlsxSheets(source: Blob | Uint8Array, opts: ReadXlsxOptions = {}): Promise<XlsxSheetInfo[]> {
  const pkg = await openPackage(source, opts);
  return pkg.sheets.map(({ name, hidden }) => ({ name, hidden }));
}

/** The merged ranges (`A1:D1`) of a worksheet, e.g. to check an exported layout. */
export async function readXlsxMerges(source: Blob | Uint8Array, opts: ReadXlsxOptions = {}): Promise<string[]> {
  const pkg = await openPackage(source, opts);
  const sheet = pickSheet(pkg.sheets, opts.sheet);
  const handler = new SheetHandler([], new Uint8Array(0), pkg.date1904);
  for await (const rows of scanSheet(pkg, sheet, handler, opts.onProgress)) rows.length = 0;
  return handler.merges;
}
