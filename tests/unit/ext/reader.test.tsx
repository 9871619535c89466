// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { EMPTY_CONTENT } from '../../../lib/db/case';
import type { PartyAnswer, RecordedCase } from '../../../lib/messaging/protocol';
import { LICENSING_FORM, PENALTY_FORM, settle, startHarness, type Harness } from './reader-harness';

let h: Harness | null = null;
afterEach(() => {
  h?.reader.stop();
  h = null;
  document.body.innerHTML = '';
});

const $ = (sel: string) => h!.root().querySelector(sel);
const $$ = (sel: string) => [...h!.root().querySelectorAll(sel)];

/** The lists' answer for a party on a serious list. */
const LISTED: PartyAnswer = {
  flags: [{ flag: 'serious-list', status: 'confirmed', basis: { code: 'party.serious-list', params: { listName: '名单' } } }],
  onSeriousList: true,
  caseListed: true,
  warnings: [],
};

describe('the reader’s core: read, assess, render', () => {
  it('shows the verdict, its reasons and every field read, in the overlay’s shadow root', async () => {
    document.body.innerHTML = PENALTY_FORM;
    h = await startHarness();
    expect($('[data-testid="verdict"]')?.getAttribute('data-verdict')).toBe('must-list');
    expect($$('[data-testid="reason"]').map((r) => r.getAttribute('data-citation'))).toContain('order44-2021/art2/2');
    expect($('[data-testid="field"][data-key="partyName"]')?.textContent).toBe('上海禾味坊食品有限公司');
    expect(h.sent[0]).toEqual({ type: 'getReaderConfig' });
  });

  it('reads synthetic input events (frameworks fire them) but at most once per animation frame', async () => {
    document.body.innerHTML = PENALTY_FORM;
    h = await startHarness();
    const input = document.querySelector<HTMLInputElement>('input[name="dsrmc"]')!;
    await settle();
    h.frame();
    const before = h.readings;
    for (let i = 0; i < 500; i++) {
      input.value = `上海某公司${i}`;
      input.dispatchEvent(new Event('input', { bubbles: true }));
    }
    // the first change of the frame at once, the other 499 together at the next frame
    expect(h.readings - before).toBe(1);
    expect($('[data-testid="field"][data-key="partyName"]')?.textContent).toBe('上海某公司0');
    h.frame();
    expect(h.readings - before).toBe(2);
    expect($('[data-testid="field"][data-key="partyName"]')?.textContent).toBe('上海某公司499');
    // a quiet frame reads nothing
    h.frame();
    h.frame();
    expect(h.readings - before).toBe(2);
  });

  it('asks the lists about the party once per party and date, and shows its flags', async () => {
    document.body.innerHTML = PENALTY_FORM;
    h = await startHarness({ party: LISTED });
    await settle();
    expect(h.sent.filter((m) => m.type === 'lookupParty')).toHaveLength(1);
    expect($$('[data-testid="party-flag"]').map((f) => f.getAttribute('data-flag'))).toEqual(['serious-list']);
  });

  it('drops a party’s flags as soon as another party is typed, until the lists answer for that one', async () => {
    document.body.innerHTML = PENALTY_FORM;
    h = await startHarness({ party: LISTED });
    await settle();
    expect($$('[data-testid="party-flag"]')).toHaveLength(1);
    h.frame();
    const name = document.querySelector<HTMLInputElement>('input[name="dsrmc"]')!;
    const code = document.querySelector<HTMLInputElement>('input[name="tyshxydm"]')!;
    code.value = '';
    name.value = '另一家食品有限公司';
    name.dispatchEvent(new Event('input', { bubbles: true }));
    expect($('[data-testid="field"][data-key="partyName"]')?.textContent).toBe('另一家食品有限公司');
    expect($$('[data-testid="party-flag"]')).toHaveLength(0);
    await settle();
    expect(h.sent.filter((m) => m.type === 'lookupParty')).toHaveLength(2);
    expect($$('[data-testid="party-flag"]')).toHaveLength(1);
  });

  it('a licensing form gets no verdict, but the commitment status and the party’s flags', async () => {
    document.body.innerHTML = LICENSING_FORM;
    h = await startHarness({
      party: {
        flags: [
          {
            flag: 'commitment-excluded',
            status: 'confirmed',
            basis: { code: 'party.commitment-excluded.serious-list', params: { since: '2024-01-01' } },
          },
        ],
        onSeriousList: true,
        caseListed: true,
        warnings: [],
      },
    });
    expect($('[data-testid="verdict"]')).toBeNull();
    expect($('[data-testid="commitment-status"]')?.getAttribute('data-status')).toBe('unknown');
    await settle();
    expect($('[data-testid="verdict"]')).toBeNull();
    expect($('[data-testid="commitment-status"]')?.getAttribute('data-status')).toBe('excluded');
    expect($('[data-testid="party-flag"][data-flag="commitment-excluded"]')).not.toBeNull();
    await vi.waitFor(() => expect($('[data-testid="commitment-warning"]')?.getAttribute('data-chosen')).toBe('true'));
    expect($('[data-testid="record"]')).toBeNull();
  });

  it('lists the core keys it did not read', async () => {
    document.body.innerHTML = PENALTY_FORM;
    h = await startHarness();
    expect($$('[data-testid="missing-keys"] li').map((li) => li.getAttribute('data-key'))).toEqual(['decisionDate']);
    expect($$('[data-testid="pick-missing"]')).toHaveLength(1);
  });

  it('no missing-key 选取 where the administrator owns the profile', async () => {
    document.body.innerHTML = PENALTY_FORM;
    h = await startHarness({ config: { profileManaged: true } });
    expect($$('[data-testid="missing-keys"] li')).toHaveLength(1);
    expect($$('[data-testid="pick-missing"]')).toHaveLength(0);
    expect($('[data-testid="pick-locked"]')).not.toBeNull();
  });
});

describe('only the handler acts', () => {
  it('a click a script dispatches opens no record form, starts no picker and makes no diagnosis', async () => {
    document.body.innerHTML = PENALTY_FORM;
    h = await startHarness();
    for (const sel of [
      '[data-testid="record"]',
      '[data-testid="pick"]',
      '[data-testid="pick-missing"]',
      '[data-testid="export-diagnosis"]',
    ]) {
      ($(sel) as HTMLElement).click();
      $(sel)!.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true }));
    }
    await settle();
    expect($('[data-testid="record-form"]')).toBeNull();
    expect($('[data-testid="picker-layer"]')).toBeNull();
    expect($('[data-part="diagnosis"]')).toBeNull();
    expect(h.sent.map((m) => m.type).filter((t) => t !== 'lookupParty' && t !== 'assessCase' && t !== 'getReaderConfig')).toEqual([]);
  });
});

describe('记录本案 after the case was deleted and recorded again', () => {
  /** A click as the handler makes it (the overlay acts on trusted events only). */
  const handlerClick = (el: Element | null) => {
    const e = new MouseEvent('click', { bubbles: true, composed: true });
    Object.defineProperty(e, 'isTrusted', { value: true });
    el!.dispatchEvent(e);
  };

  it('a reload after the stale refusal starts the form again from the new record, though its revision is the same', async () => {
    document.body.innerHTML = PENALTY_FORM;
    const record = (version: string, listingDate: string): RecordedCase => ({
      ...EMPTY_CONTENT,
      caseNo: '3101152024000312',
      partyName: '上海禾味坊食品有限公司',
      listingDecision: 'yes',
      listingDate,
      revision: 2,
      version,
    });
    let ledger = record('2024-04-01T02:00:00.000Z|2024-04-10T02:00:00.000Z', '2024-04-10');
    h = await startHarness({
      reply: (m) =>
        m.type === 'findRecord'
          ? { ok: true, value: ledger }
          : m.type === 'recordCase'
            ? { ok: false, error: 'stale', detail: { revision: 2, changes: [] } }
            : undefined,
    });
    handlerClick($('[data-testid="record"]'));
    await settle();
    expect(($('[data-testid="record-listing-date"]') as HTMLInputElement).value).toBe('2024-04-10');
    // meanwhile another tab deleted the case and recorded it again, up to revision 2
    ledger = record('2024-05-01T02:00:00.000Z|2024-05-02T02:00:00.000Z', '2024-05-02');
    handlerClick($('[data-testid="record-submit"]'));
    await settle();
    handlerClick($('[data-testid="record-reload"]'));
    await settle();
    expect(($('[data-testid="record-listing-date"]') as HTMLInputElement).value).toBe('2024-05-02');
  });
});
