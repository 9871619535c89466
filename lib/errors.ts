import { codeKey, messageCode, userMessage, type UserMessage } from './messages';

/*
 * Any failure as the user is told it. Our own errors carry their message (`userMessage`); the browser's storage
 * errors (IndexedDB through Dexie, whose texts are English and technical) get a plain one of their own.
 */

/** The storage failures a user can act on, by the name IndexedDB or Dexie gives them. */
const STORAGE_ERRORS = {
  QuotaExceededError: 'quota',
  DatabaseClosedError: 'closed',
  VersionError: 'version',
  OpenFailedError: 'open',
  MissingAPIError: 'open',
  InvalidStateError: 'closed',
  UnknownError: 'unknown',
  DataCloneError: 'unknown',
  TimeoutError: 'busy',
  AbortError: 'aborted',
} as const;
type StorageProblem = (typeof STORAGE_ERRORS)[keyof typeof STORAGE_ERRORS];

const nameOf = (e: unknown): string =>
  typeof e === 'object' && e !== null && typeof (e as { name?: unknown }).name === 'string' ? (e as { name: string }).name : '';

/**
 * What a Dexie error wraps: `inner`, or the first failure of a bulk write or a modify (BulkError, ModifyError: where
 * the browser fails the request itself, as Firefox does when the disk is full).
 */
function wrapped(e: unknown): unknown {
  const { inner, failures } = e as { inner?: unknown; failures?: unknown };
  return inner ?? (Array.isArray(failures) ? failures[0] : undefined);
}

/** A storage error's kind, looking through Dexie's wrapping to the browser's error, or null. */
function storageProblem(e: unknown): StorageProblem | null {
  let found: StorageProblem | null = null;
  for (let cur: unknown = e, depth = 0; cur && depth < 4; cur = wrapped(cur), depth++) {
    const name = nameOf(cur);
    if (!Object.prototype.hasOwnProperty.call(STORAGE_ERRORS, name)) continue;
    const problem = STORAGE_ERRORS[name as keyof typeof STORAGE_ERRORS];
    // an abort says little; what caused it (a full disk) says more
    if (found === null || found === 'aborted') found = problem;
    if (problem !== 'aborted') break;
  }
  return found;
}

function hasUserMessage(e: unknown): e is { userMessage: UserMessage } {
  const m = typeof e === 'object' && e !== null ? (e as { userMessage?: unknown }).userMessage : undefined;
  return typeof m === 'object' && m !== null && typeof (m as { key?: unknown }).key === 'string';
}

/** What a failure says, to follow another message (`恢复失败：…`): its own message, a storage problem, or the raw text. */
export function errorDetail(e: unknown): UserMessage | string {
  if (hasUserMessage(e)) return e.userMessage;
  const problem = storageProblem(e);
  if (problem) return userMessage(codeKey('dbError_', problem), nameOf(e));
  return e instanceof Error ? e.message : String(e);
}

/** What to tell the user about a failure: its own message, a storage problem in plain words, or the raw text. */
export function errorMessage(e: unknown): UserMessage {
  const detail = errorDetail(e);
  return typeof detail === 'string' ? userMessage('common_error', detail) : detail;
}

/** A refusal with nothing to act on but its message (a caller's wrong argument the user typed). */
export class UserError extends Error {
  override readonly name = 'UserError';
  constructor(readonly userMessage: UserMessage) {
    super(messageCode(userMessage));
  }
}
