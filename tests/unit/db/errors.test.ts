import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { errorDetail, errorMessage, UserError } from '../../../lib/errors';
import { userMessage } from '../../../lib/messages';
import { enWords, zhWords } from '../words';

describe('a failure as the user is told it', () => {
  it('a full disk, also inside the transaction abort Dexie reports, in plain words', () => {
    const quota = new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    for (const e of [quota, new Dexie.AbortError('Transaction aborted', quota)]) {
      expect(errorMessage(e).key).toBe('dbError_quota');
      expect(zhWords(errorMessage(e))).toMatch(/^浏览器的存储空间不足/);
      expect(enWords(errorMessage(e))).toMatch(/^the browser has run out of storage space/);
    }
  });

  it('a full disk behind a bulk write or a modify that failed (Firefox fails the request itself), in plain words', () => {
    const quota = new DOMException('The current transaction exceeded its quota limitations.', 'QuotaExceededError');
    const bulk = new Dexie.BulkError('cases.bulkPut(): 1 of 2 operations failed.', { 1: quota });
    const modify = new Dexie.ModifyError('lists.modify(): 1 operation failed', [quota], 0, ['L1']);
    for (const e of [bulk, modify, new Dexie.AbortError('Transaction aborted', bulk)]) {
      expect(errorMessage(e).key).toBe('dbError_quota');
      expect(zhWords(errorMessage(e))).toMatch(/^浏览器的存储空间不足/);
    }
  });

  it('a closed or newer database, and an abort with nothing behind it', () => {
    expect(errorMessage(new Dexie.DatabaseClosedError('Database has been closed')).key).toBe('dbError_closed');
    expect(errorMessage(new Dexie.VersionError('The requested version (1) is less than the existing version (2).')).key).toBe(
      'dbError_version',
    );
    expect(errorMessage(new Dexie.AbortError('Transaction aborted')).key).toBe('dbError_aborted');
    expect(zhWords(errorMessage(new Dexie.UnknownError('Internal error')))).toContain('（UnknownError）');
  });

  it('our own errors keep their message; anything else keeps its text', () => {
    const m = userMessage('ledgerError_notFound');
    expect(errorMessage(new UserError(m))).toBe(m);
    expect(errorDetail(new Error('磁盘已满'))).toBe('磁盘已满');
    expect(zhWords(errorMessage(new Error('磁盘已满')))).toBe('出错了：磁盘已满');
  });
});
