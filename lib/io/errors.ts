/** Why a table file could not be read. Every code has a Chinese message fit to show to the user. */
export type IoErrorCode =
  | 'empty'
  | 'binary'
  | 'line-too-long'
  | 'encoding'
  | 'aborted'
  | 'xlsx-invalid'
  | 'xlsx-too-large'
  | 'unsupported'
  | 'sheet-not-found'
  | 'read-failed';

const MESSAGES: Record<IoErrorCode, string> = {
  empty: '文件为空',
  binary: '文件不是文本表格（可能是二进制文件或已损坏）',
  'line-too-long': '文件中有一行过长，文件可能已损坏',
  encoding: '无法识别文件编码，请另存为 UTF-8 或 GB18030 编码的 CSV',
  aborted: '已取消',
  'xlsx-invalid': '不是有效的 Excel（.xlsx）文件',
  'xlsx-too-large': 'Excel 文件解压后过大（可能是恶意构造的压缩文件），已拒绝读取',
  unsupported: '暂不支持 .xls 旧格式（或设置了密码的 Excel 文件），请另存为 .xlsx 或 CSV',
  'sheet-not-found': '找不到指定的工作表',
  'read-failed': '读取文件失败（文件可能已被移动、修改或无权读取）',
};

export class IoError extends Error {
  override readonly name = 'IoError';
  readonly code: IoErrorCode;
  /** 1-based line (CSV) or row (XLSX) the error is about, when known. */
  readonly line: number | undefined;

  constructor(code: IoErrorCode, message?: string, options?: { line?: number; cause?: unknown }) {
    super(message ?? MESSAGES[code], options?.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.line = options?.line;
  }
}

export function isIoError(e: unknown, code?: IoErrorCode): e is IoError {
  return e instanceof IoError && (code === undefined || e.code === code);
}

export function abortedError(): IoError {
  return new IoError('aborted');
}

export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw abortedError();
}
