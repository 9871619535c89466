import { describe, expect, it } from 'vitest';
import { request } from '../../../lib/messaging/client';
import { SENDERS } from '../../../lib/messaging';
import { LedgerError, authorTitles } from '../../../lib/ledger/fields';
import { userMessage } from '../../../lib/messages';
import { zhWords } from '../words';
import {
  Refusal,
  createMessageHandler,
  isExtensionPage,
  ledgerRefusal,
  senderOrigin,
  type Handlers,
  type Sender,
} from '../../../lib/messaging/server';

const ID = 'abcdefghijklmnopabcdefghijklmnop';
const EXT = `chrome-extension://${ID}`;
const page: Sender = { id: ID, url: `${EXT}/popup.html`, origin: EXT };
const contentScript: Sender = {
  id: ID,
  url: 'http://10.1.2.3:8080/zfba/case.jsp',
  origin: 'http://10.1.2.3:8080',
  frameId: 3,
  tab: { id: 7, url: 'http://10.1.2.3:8080/zfba/index.jsp' },
};

function handler() {
  const seen: Array<{ type: string; sender: Sender }> = [];
  const answer = (type: string) => async (_: unknown, sender: Sender) => {
    seen.push({ type, sender });
    if (type === 'disableSite') throw new Refusal('managed-site');
    if (type === 'recordCase') throw new Error('记录内容有误');
    return true;
  };
  const handlers = Object.fromEntries(Object.keys(SENDERS).map((k) => [k, answer(k)])) as unknown as Handlers;
  return { seen, listen: createMessageHandler({ extensionId: ID, extensionOrigin: EXT, handlers }) };
}

describe('the background answers', () => {
  it('site management (enable, disable, analyse) only to the extension’s own pages, never to a content script', async () => {
    const { seen, listen } = handler();
    const asks = [
      { type: 'enableSite', site: { origin: 'http://10.1.2.3:8080', pattern: 'http://10.1.2.3:8080/*' }, tabId: 7 },
      { type: 'disableSite', origin: 'http://10.1.2.3:8080' },
      { type: 'analyzeTab', tabId: 7 },
    ];
    for (const ask of asks) {
      expect(await listen(ask, contentScript), ask.type).toEqual({ ok: false, error: 'forbidden' });
      // an about:blank frame of the same page, or a frame claiming an extension URL but not its origin
      expect(await listen(ask, { ...contentScript, url: 'about:blank' })).toEqual({ ok: false, error: 'forbidden' });
      expect(await listen(ask, { ...contentScript, url: `${EXT}/options.html` })).toEqual({ ok: false, error: 'forbidden' });
    }
    expect(seen).toEqual([]);
    expect(await listen(asks[2], page)).toEqual({ ok: true, value: true });
    // a refusal travels as its code, not as a failure message
    expect(await listen(asks[1], page)).toEqual({ ok: false, error: 'managed-site' });
    expect(seen.map((s) => s.type)).toEqual(['analyzeTab', 'disableSite']);
  });

  it('a content script’s reading requests', async () => {
    const { seen, listen } = handler();
    expect(await listen({ type: 'getReaderConfig' }, contentScript)).toEqual({ ok: true, value: true });
    expect(await listen({ type: 'loadPart', part: 'record-form' }, contentScript)).toEqual({ ok: true, value: true });
    expect(seen.map((s) => s.type)).toEqual(['getReaderConfig', 'loadPart']);
  });

  it('nothing to other extensions, and nothing that does not validate', async () => {
    const { seen, listen } = handler();
    expect(listen({ type: 'getReaderConfig' }, { ...page, id: 'another-extension' })).toBeUndefined();
    const bad = [
      { type: 'dropDatabase' },
      { type: 'loadPart', part: 'anything.js' },
      { type: 'savePin', key: 'notAKey', selector: '#x', title: '' },
      { type: 'lookupParty', uscc: 'x'.repeat(65), name: null, at: '2024-01-01', decision: null },
      // the unit and the recorder come from the settings, never from the frame that records
      { type: 'recordCase', input: { decisionNo: '沪市监罚〔2024〕1号', unit: '冒充的单位' } },
      { type: 'recordCase', input: { decisionNo: '沪市监罚〔2024〕1号', recorder: '冒充的人' } },
      'getReaderConfig',
      null,
    ];
    for (const b of bad) expect(await listen(b, contentScript), JSON.stringify(b)).toEqual({ ok: false, error: 'bad-request' });
    expect(seen).toEqual([]);
  });

  it('a save with the version of the record its form opened on', async () => {
    const { seen, listen } = handler();
    const save = { type: 'recordCase', input: { decisionNo: '沪市监罚〔2024〕1号' }, baseRevision: 2 };
    await listen({ ...save, baseVersion: '2024-04-01T02:00:00.000Z|2024-04-10T02:00:00.000Z' }, contentScript);
    expect(seen.map((s) => s.type)).toEqual(['recordCase']);
    expect(await listen({ ...save, baseVersion: 'x'.repeat(101) }, contentScript)).toEqual({ ok: false, error: 'bad-request' });
  });

  it('an error becomes a failed reply', async () => {
    const { listen } = handler();
    // the raw text as its code, and that text as what to tell (the view words it: 出错了：…)
    expect(await listen({ type: 'recordCase', input: { decisionNo: '沪市监罚〔2024〕1号' }, baseRevision: 0 }, contentScript)).toEqual({
      ok: false,
      error: '记录内容有误',
      message: userMessage('common_error', '记录内容有误'),
    });
  });
});

describe('a ledger refusal reaches the record form', () => {
  const through = async (e: LedgerError) => {
    const listen = createMessageHandler({
      extensionId: ID,
      extensionOrigin: EXT,
      handlers: { recordCase: async () => Promise.reject(ledgerRefusal(e)) } as unknown as Handlers,
    });
    return listen({ type: 'recordCase', input: { decisionNo: '沪市监罚〔2024〕1号' }, baseRevision: 1 }, contentScript);
  };

  it('with its code, its reasons and the settings that are missing', async () => {
    const unset = userMessage('ledgerError_unitMissing', authorTitles(['recorder']));
    const reply = await through(new LedgerError('unit-missing', unset, ['recorder']));
    expect(reply).toEqual({ ok: false, error: 'unit-missing', message: unset, detail: { missing: ['recorder'] } });
    expect(zhWords(unset)).toBe('尚未设置记录人，请先在设置中填写');
    const invalid = userMessage('ledgerError_noIdentity');
    expect(await through(new LedgerError('invalid', invalid))).toEqual({ ok: false, error: 'invalid', message: invalid });
  });

  it('stale: the current revision and the changes since, never who made them', async () => {
    const change = {
      field: 'listingDate' as const,
      from: null,
      to: '2024-05-20',
      by: { unit: '某区市场监管局', recorder: '王五', at: '2024-05-20T03:00:00Z' },
    };
    const reply = await through(
      new LedgerError(
        'stale',
        userMessage('ledgerError_staleChanged', userMessage('ledgerError_lastChange', '某区市场监管局 王五', '2024-05-20 11:00', 2)),
        [],
        {
          revision: 2,
          changes: [change],
        },
      ),
    );
    expect(reply).toEqual({
      ok: false,
      error: 'stale',
      detail: { revision: 2, changes: [{ field: 'listingDate', from: null, to: '2024-05-20' }] },
    });
    expect(JSON.stringify(reply)).not.toMatch(/王五|某区/);
  });
});

describe('who sent it', () => {
  it('an extension page is told by its URL and origin', () => {
    expect(isExtensionPage(page, EXT)).toBe(true);
    expect(isExtensionPage({ id: ID, url: `${EXT}/options.html` }, EXT)).toBe(true);
    expect(isExtensionPage(contentScript, EXT)).toBe(false);
    expect(isExtensionPage({ id: ID, url: `${EXT}.evil.example/x` }, EXT)).toBe(false);
    expect(isExtensionPage({ id: ID }, EXT)).toBe(false);
  });

  it('the frame’s web origin: its own, the one Chromium reports for about:blank, else the tab’s', () => {
    expect(senderOrigin(contentScript)).toBe('http://10.1.2.3:8080');
    expect(senderOrigin({ url: 'about:blank', origin: 'http://10.1.2.3:8080' })).toBe('http://10.1.2.3:8080');
    expect(senderOrigin({ url: 'about:srcdoc', tab: { url: 'https://zfba.example:8443/a' } })).toBe('https://zfba.example:8443');
    expect(senderOrigin(page)).toBeNull();
  });
});

describe('the client', () => {
  it('hands back the background’s reply and refuses a malformed one', async () => {
    expect(
      await request(async () => ({ ok: true, value: { permissionReleased: true } }), { type: 'disableSite', origin: 'http://a' }),
    ).toEqual({
      ok: true,
      value: { permissionReleased: true },
    });
    expect(await request(async () => undefined, { type: 'analyzeTab', tabId: 1 })).toEqual({ ok: false, error: 'bad-response' });
    expect(await request(async () => ({ ok: true }), { type: 'analyzeTab', tabId: 1 })).toEqual({ ok: false, error: 'bad-response' });
  });
});
