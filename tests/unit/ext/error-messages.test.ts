import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import zh from '../../../public/_locales/zh_CN/messages.json';
import en from '../../../public/_locales/en/messages.json';
import { CreditDb } from '../../../lib/db';
import { importList } from '../../../lib/entities';
import { errorMessage } from '../../../lib/errors';
import { readTable } from '../../../lib/io';
import type { IoErrorCode } from '../../../lib/io/errors';
import { inspectBackup, parseLedgerFile, parseRecordInput, type BackupErrorCode } from '../../../lib/ledger';
import { codeKey, messageCode, type MessageKey, type UserMessage } from '../../../lib/messages';
import { checkCreditCode, USCC_PROBLEMS, type UsccProblem } from '../../../lib/party';
import { checkStorageSnapshot } from '../../../lib/settings/snapshot';
import { enWords, zhWords } from '../words';

// tsc checks this file too: a code whose message the locale files lack is a type error (see i18n-keys.test.ts).

/** Every code of lib's error families, each with its message key: adding a code without a message fails tsc. */
const IO_ERRORS: Record<IoErrorCode, MessageKey> = {
  empty: codeKey('ioError_', 'empty'),
  binary: codeKey('ioError_', 'binary'),
  'line-too-long': codeKey('ioError_', 'line-too-long'),
  encoding: codeKey('ioError_', 'encoding'),
  aborted: codeKey('ioError_', 'aborted'),
  'xlsx-invalid': codeKey('ioError_', 'xlsx-invalid'),
  'xlsx-too-large': codeKey('ioError_', 'xlsx-too-large'),
  unsupported: codeKey('ioError_', 'unsupported'),
  'sheet-not-found': codeKey('ioError_', 'sheet-not-found'),
  'read-failed': codeKey('ioError_', 'read-failed'),
};
const BACKUP_ERRORS: Record<BackupErrorCode, MessageKey> = {
  'not-backup': codeKey('backupError_', 'not-backup'),
  unsupported: codeKey('backupError_', 'unsupported'),
  'passphrase-required': codeKey('backupError_', 'passphrase-required'),
  'wrong-passphrase': codeKey('backupError_', 'wrong-passphrase'),
  truncated: codeKey('backupError_', 'truncated'),
  corrupt: codeKey('backupError_', 'corrupt'),
  invalid: codeKey('backupError_', 'invalid'),
  incompatible: codeKey('backupError_', 'incompatible'),
  unserializable: codeKey('backupError_', 'unserializable'),
  'no-space': codeKey('backupError_', 'no-space'),
  busy: codeKey('backupError_', 'busy'),
  'restore-failed': codeKey('backupError_', 'restore-failed'),
};
const USCC_KEYS: MessageKey[] = USCC_PROBLEMS.map((p: UsccProblem) => codeKey('usccProblem_', p));

/** Calls that must not type-check; never run. */
export function unknownCodesAreTypeErrors(): void {
  // @ts-expect-error a credit-code problem the locale files do not word
  const problem: UsccProblem = 'too-short';
  // @ts-expect-error an I/O error code without a message
  const key: MessageKey = codeKey('ioError_', 'disk-on-fire');
  void [problem, key];
}

/** The families lib words its errors and notices in. */
const FAMILIES = [
  'ioError_',
  'usccProblem_',
  'listImport_',
  'listRow_',
  'backupError_',
  'backupDetail_',
  'ledgerIssue_',
  'ledgerError_',
  'ledgerFile_',
  'recordInput_',
  'settingsProblem_',
  'dbError_',
  'validate_',
];
const keys = (m: UserMessage): string[] => [m.key, ...(m.subs ?? []).flatMap((s) => (typeof s === 'string' ? [] : keys(s)))];
const han = /\p{Script=Han}/u;

describe('error and notice messages', () => {
  it('every code of every family has a message in both locales, the English one without Chinese', () => {
    const all = [...Object.values(IO_ERRORS), ...Object.values(BACKUP_ERRORS), ...USCC_KEYS];
    for (const k of all) {
      expect(zh, k).toHaveProperty([k]);
      expect(en, k).toHaveProperty([k]);
    }
    const family = Object.keys(zh).filter((k) => FAMILIES.some((f) => k.startsWith(f)));
    expect(family.length).toBeGreaterThan(150);
    for (const k of family) {
      expect(en, k).toHaveProperty([k]);
      // the views mark Chinese runs inside a worded English message as data (MixedText): ours hold none
      expect(han.test((en as Record<string, { message: string }>)[k]!.message), k).toBe(false);
    }
  });

  it('what lib gives on its error paths is worded in both languages, every key present and every place filled', async () => {
    const said: UserMessage[] = [];
    const caught = async (p: Promise<unknown>) =>
      said.push(
        errorMessage(
          await p.then(
            () => new Error('no error'),
            (e: unknown) => e,
          ),
        ),
      );
    const bytes = (s: string) => new TextEncoder().encode(s);
    const firstRow = (f: File) => readTable(f)[Symbol.asyncIterator]().next();
    await caught(firstRow(new File([bytes('PK\u0003\u0004 not really a zip')], 'x.xlsx')));
    await caught(firstRow(new File([new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0, 0, 0, 0])], 'old.xls')));
    await caught(inspectBackup(bytes('{"format":"something else"}\n')));
    await caught(inspectBackup(bytes('{"format":"credit-case-assistant/backup","version":99}\n')));
    const db = new CreditDb(`error-messages-${Date.now()}`);
    const rows = (async function* () {
      yield { line: 2, cells: ['甲公司', '', 'not a date', '', '', ''] };
    })();
    await caught(
      importList(db, { kind: 'serious', name: 'x', source: 'x.csv', headers: ['企业名称', '统一社会信用代码', '列入日期'], rows }),
    );
    await caught(importList(db, { kind: 'serious', name: 'x', source: 'x.csv', headers: ['备注'], rows: (async function* () {})() }));
    db.close();
    const file = await parseLedgerFile('{"format":"credit-case-assistant/ledger","version":7}');
    if (!file.ok) said.push(file.error);
    const input = parseRecordInput({ uscc: '9'.repeat(41), listingDate: '2023-02-30', cleared: ['decisionNo'] });
    if (!input.ok) said.push(input.error);
    said.push(...checkStorageSnapshot({ settings: 3, sites: 'x' }));
    const code = checkCreditCode('91310115MA125MLR2');
    said.push({ key: codeKey('usccProblem_', code.reason!), subs: [code.detail!] });

    expect(said.map(messageCode)).not.toContain('common_error(no error)');
    for (const m of said) {
      for (const k of keys(m)) expect(en, messageCode(m)).toHaveProperty([k]);
      for (const text of [zhWords(m), enWords(m)]) expect(text, messageCode(m)).not.toMatch(/\$|_[A-Za-z]+\(|^\w+_\w+$/);
    }
    expect(said.map(zhWords)).toContain('备份文件的格式版本不受支持，请升级信用办案助手后再恢复：版本 99');
    expect(said.map(enWords)).toContain(
      'this version of the backup format is not supported; update Credit Case Assistant, then restore: version 99',
    );
  });
});
