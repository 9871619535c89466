// Table files in and out: CSV (UTF-8 with or without BOM, GB18030, UTF-16) and XLSX, streamed in
// batches of records with line numbers; header synonyms; zod row validation with Chinese messages;
// CSV/XLSX export with formula neutralisation. Every failure on user input is an IoError.
export { byteChunks, type ByteSource } from './bytes';
export {
  CsvParser,
  csvRow,
  DEFAULT_MAX_LINE,
  readCsv,
  readCsvBatches,
  sniffDelimiter,
  UNMATCHED_QUOTE,
  writeCsv,
  type CsvRecord,
  type ProgressCallback,
  type ReadCsvOptions,
  type WriteCsvOptions,
} from './csv';
export { detectEncoding, TextStreamDecoder, type DetectedEncoding, type TextEncodingName } from './encoding';
export { IoError, isIoError, type IoErrorCode } from './errors';
export {
  findHeader,
  matchHeaders,
  normalizeHeader,
  type FoundHeader,
  type HeaderMatch,
  type HeaderSynonyms,
} from './headers';
export { neutralizeCell } from './neutralize';
export { emptyStats, linesAccounted, type TableStats } from './stats';
export { readTable, readTableBatches, tableKind, type ReadTableOptions, type TableFile, type TableKind } from './table';
export { isBlank, recordToObject, validateRecord, validateRows, type RowResult, type ValidateOptions } from './validate';
export {
  DEFAULT_MAX_CELLS,
  DEFAULT_MAX_COLUMNS,
  excelSerialToDate,
  listXlsxSheets,
  readXlsx,
  readXlsxBatches,
  readXlsxMerges,
  type ReadXlsxOptions,
  type XlsxSheetInfo,
} from './xlsx-read';
export {
  columnName,
  writeXlsx,
  type WriteXlsxOptions,
  type XlsxCellStyle,
  type XlsxCellValue,
  type XlsxSheet,
  type XlsxWorkbook,
} from './xlsx-write';
