// @vitest-environment happy-dom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import { RecordForm, type RecordAnswers, type RecordFormProps } from '../../../components/RecordForm';
import { EMPTY_CONTENT } from '../../../lib/db/case';
import type { ClearableField } from '../../../lib/ledger/fields';
import type { RecordedCase, RecordRequest } from '../../../lib/messaging/protocol';
import { recordSession, staleText } from '../../../entrypoints/reader.content/features/record-session';
import type { CaseFacts } from '../../../lib/facts/schema';
import { t } from './reader-harness';

const recorded: RecordedCase = {
  ...EMPTY_CONTENT,
  decisionNo: '沪市监浦处〔2024〕152024000312号',
  caseNo: '3101152024000312',
  partyName: '上海禾味坊食品有限公司',
  uscc: '91310115MA125MLR27',
  domain: 'food',
  verdict: 'must-list',
  listingDecision: 'yes',
  listingDate: '2024-04-10',
  revision: 3,
  version: '2024-04-01T02:00:00.000Z|2024-04-10T02:00:00.000Z',
};

const page: RecordAnswers = {
  decisionNo: '沪市监浦处[2024]152024000312号',
  caseNo: '3101152024000312',
  partyName: '上海禾味坊食品股份有限公司',
  uscc: '91310115MA125MLR27',
  domain: 'food',
  listingDecision: '',
  listingDate: '',
  exposureDate: '',
  repeatPublicityDate: '',
};

let container: HTMLElement;
let composed: Array<{ answers: RecordAnswers; cleared: ClearableField[] }> = [];
afterEach(() => {
  render(null, container);
  composed = [];
});

function show(over: Partial<RecordFormProps> = {}) {
  container = document.createElement('div');
  document.body.append(container);
  const props: RecordFormProps = {
    t,
    recorded,
    page,
    domains: [{ value: 'food', label: '食品安全' }],
    verdictLine: '',
    recording: { unitSet: true, recorderSet: true },
    busy: false,
    error: null,
    stale: false,
    compose: (answers, cleared): RecordRequest => {
      composed.push({ answers, cleared });
      return {
        decisionNo: answers.decisionNo || null,
        caseNo: answers.caseNo || null,
        partyName: answers.partyName,
        listingDecision: answers.listingDecision || null,
        listingDate: answers.listingDate || null,
        exposureDate: answers.exposureDate || null,
        ...(cleared.length ? { cleared } : {}),
      };
    },
    onSubmit: () => undefined,
    onCancel: () => undefined,
    onOpenSettings: () => undefined,
    onReload: () => undefined,
    ...over,
  };
  act(() => render(<RecordForm {...props} />, container));
  return {
    $: (sel: string) => container.querySelector<HTMLElement>(sel),
    $$: (sel: string) => [...container.querySelectorAll<HTMLElement>(sel)],
    changes: () => [...container.querySelectorAll('[data-testid="record-changes"] li')].map((li) => li.textContent),
  };
}

function change(el: HTMLElement | null, value: string | boolean) {
  act(() => {
    if (typeof value === 'boolean') (el as HTMLInputElement).checked = value;
    else (el as HTMLInputElement).value = value;
    el!.dispatchEvent(new Event(typeof value === 'boolean' || el instanceof HTMLSelectElement ? 'change' : 'input', { bubbles: true }));
  });
}

describe('the record form of a case already in the ledger', () => {
  it('starts from the ledger’s record, not from the page', () => {
    const f = show();
    expect(f.$('[data-testid="record-recorded"]')).not.toBeNull();
    expect((f.$('[data-testid="record-listing"]') as HTMLSelectElement).value).toBe('yes');
    expect((f.$('[data-testid="record-listing-date"]') as HTMLInputElement).value).toBe('2024-04-10');
    expect((f.$('[data-testid="record-partyName"]') as HTMLInputElement).value).toBe('上海禾味坊食品有限公司');
    // saving it as it is changes nothing
    expect(f.$('[data-testid="record-changes"]')?.getAttribute('data-count')).toBe('0');
  });

  it('shows the page’s newer value beside the recorded one, and takes it on request', () => {
    const f = show();
    // the decision number differs only in its brackets: the same number, no hint
    expect(f.$$('[data-testid="record-page-value"]').map((e) => e.getAttribute('data-field'))).toEqual(['partyName']);
    act(() => f.$('[data-testid="use-page"][data-field="partyName"]')!.click());
    expect((f.$('[data-testid="record-partyName"]') as HTMLInputElement).value).toBe('上海禾味坊食品股份有限公司');
    expect(f.changes()).toEqual(['record_change(recordfield_partyName|上海禾味坊食品有限公司|上海禾味坊食品股份有限公司)']);
  });

  it('shows what a save will change; a recorded value is emptied only by emptying its field', () => {
    const f = show();
    change(f.$('[data-testid="record-exposed"]'), true);
    change(f.$('[data-testid="record-exposure-date"]'), '2024-06-01');
    expect(f.changes()).toEqual(['record_change(recordfield_exposureDate|record_empty|2024-06-01)']);
    expect(composed.at(-1)!.cleared).toEqual([]);
    // the handler sets the listing decision back to 未定: the decision and its date are emptied, and it says so
    change(f.$('[data-testid="record-listing"]'), '');
    expect(composed.at(-1)!.cleared).toEqual(['listingDecision', 'listingDate']);
    expect(f.changes()).toContain('record_change(recordfield_listingDate|2024-04-10|record_empty)');
  });

  it('says so first when the unit or the recorder is not set, and cannot be saved', () => {
    const f = show({ recording: { unitSet: true, recorderSet: false } });
    expect(f.$('[data-testid="record-setup"]')?.textContent).toContain('record_setup(record_recorder)');
    expect(f.$('form')?.firstElementChild?.getAttribute('data-testid')).toBe('record-setup');
    expect((f.$('[data-testid="record-submit"]') as HTMLButtonElement).disabled).toBe(true);
  });

  it('a stale record cannot be saved until it is reloaded', () => {
    const f = show({ stale: true, error: '本案在您打开之后已被修改' });
    expect((f.$('[data-testid="record-submit"]') as HTMLButtonElement).disabled).toBe(true);
    expect(f.$('[data-testid="record-reload"]')).not.toBeNull();
  });
});

describe('the record form of a new case', () => {
  it('starts from the page', () => {
    const f = show({ recorded: null });
    expect(f.$('[data-testid="record-recorded"]')).toBeNull();
    expect((f.$('[data-testid="record-partyName"]') as HTMLInputElement).value).toBe('上海禾味坊食品股份有限公司');
    expect(f.$$('[data-testid="record-page-value"]')).toHaveLength(0);
    expect(composed.at(-1)!.cleared).toEqual([]);
  });
});

describe('a save refused because the record changed meanwhile', () => {
  it('says what changed and the revision now in the ledger, the first few changes only', () => {
    const change = (to: string) => ({ field: 'listingDate' as const, from: null, to });
    expect(staleText({ revision: 2, changes: [change('2024-05-20')] }, t)).toBe(
      'record_staleChanged(2|record_change(recordfield_listingDate|record_empty|2024-05-20))',
    );
    const many = staleText({ revision: 1, changes: ['a', 'b', 'c', 'd', 'e'].map(change) }, t);
    expect(many.match(/record_change\(/g)).toHaveLength(3);
    expect(many).toContain('record_staleMore(2)');
    expect(staleText({ revision: 3, changes: [] }, t)).toBe('record_staleRevision(3)');
    expect(staleText({ revision: 0 }, t)).toBe('record_staleDeleted');
  });
});

describe('a save from the record form', () => {
  it('is checked against the state of the record the form opened on, not its revision number alone', async () => {
    const asked: unknown[] = [];
    const request = (msg: { type: string }) => {
      asked.push(msg);
      return Promise.resolve(
        msg.type === 'findRecord' ? { ok: true, value: recorded } : { ok: false, error: 'stale', detail: { revision: 0 } },
      );
    };
    const session = recordSession({ t, refresh: () => undefined, request: request as never });
    await session.find({ decisionNo: null, caseNo: null, party: { code: null, name: null } } as unknown as CaseFacts);
    await session.save({ decisionNo: recorded.decisionNo }, { unitSet: true, recorderSet: true });
    expect(asked.at(-1)).toMatchObject({ type: 'recordCase', baseRevision: 3, baseVersion: recorded.version });
  });
});

describe('what is wrong with the input, in the user’s words', () => {
  it('a credit code that fails its check says why, and the form can still save', () => {
    const f = show({ recorded: null, page: { ...page, uscc: '' } });
    expect(f.$('[data-testid="record-uscc-problem"]')).toBeNull();
    change(f.$('[data-testid="record-uscc"]'), '91310115MA125MLR2');
    expect(f.$('[data-testid="record-uscc-problem"]')?.textContent).toBe('usccProblem_length(17)');
    change(f.$('[data-testid="record-uscc"]'), '91310115MA125MLR28');
    expect(f.$('[data-testid="record-uscc-problem"]')?.dataset.reason).toBe('check');
    expect((f.$('[data-testid="record-submit"]') as HTMLButtonElement).disabled).toBe(false);
    change(f.$('[data-testid="record-uscc"]'), '91310115MA125MLR27');
    expect(f.$('[data-testid="record-uscc-problem"]')).toBeNull();
  });

  it('an input the ledger would refuse shows its reasons worded, and cannot be saved', () => {
    const f = show({ recorded: null, compose: (answers) => ({ partyName: answers.partyName, uscc: answers.uscc }) });
    change(f.$('[data-testid="record-uscc"]'), '9'.repeat(41));
    expect(f.$('[data-testid="record-invalid"]')?.textContent).toBe('recordInput_tooLong(recordfield_uscc|40)');
    expect((f.$('[data-testid="record-submit"]') as HTMLButtonElement).disabled).toBe(true);
  });
});
