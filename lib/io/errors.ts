import { codeKey, messageCode, userMessage, type UserMessage } from '../messages';

/** Why a table file could not be read. Every code has a message fit to show to the user (`ioError_<code>`). */
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

export class IoError extends Error {
  override readonly name = 'IoError';
  readonly code: IoErrorCode;
  /** What the user is told (the view words it); by default the code's own message. */
  readonly userMessage: UserMessage;
  /** 1-based line (CSV) or row (XLSX) the error is about, when known. */
  readonly line: number | undefined;

  constructor(code: IoErrorCode, shown?: UserMessage, options?: { line?: number; cause?: unknown }) {
    const said = shown ?? userMessage(codeKey('ioError_', code));
    super(messageCode(said), options?.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.userMessage = said;
    this.line = options?.line;
  }
}

/** An `xlsx-invalid` error saying what is wrong with the workbook (`不是有效的 Excel（.xlsx）文件：…`). */
export function invalidWorkbook(detail: UserMessage, cause?: unknown): IoError {
  return new IoError('xlsx-invalid', userMessage('ioError_xlsx_invalid_because', detail), cause === undefined ? undefined : { cause });
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
