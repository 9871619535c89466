// Table files in and out: CSV (UTF-8 with or without BOM, GB18030, UTF-16) and XLSX, streamed in
// batches of records with line numbers; header synonyms; zod row validation with messages the view words;
// CSV/XLSX export with formula neutralisation. Every failure on user input is an IoError.
export { CsvParser, csvRow, readCsv, readCsvBatches, sniffDelimiter, UNMATCHED_QUOTE, writeCsv, type CsvRecord } from './csv';
export { detectEncoding } from './encoding';
export { IoError, isIoError } from './errors';
export { findHeader, matchHeaders, normalizeHeader } from './headers';
export { emptyStats, linesAccounted, type TableStats } from './stats';
export { readTable, readTableBatches, tableKind, type ReadTableOptions, type TableFile } from './table';
export { validateRows } from './validate';
export { listXlsxSheets, readXlsx, readXlsxMerges } from './xlsx-read';
export { writeXlsx, type XlsxSheet, type XlsxWorkbook } from './xlsx-write';
