import { describe, expect, it, vi } from 'vitest';
import { request } from '../../../lib/messaging/client';
import { READER_PORT, portSender, servePort } from '../../../lib/messaging/port';
import { createMessageHandler, type Handlers, type Sender } from '../../../lib/messaging/server';
import { portPair, type FakePortEnd } from './fake-port';

const EXTENSION = 'abcdefghijklmnopabcdefghijklmnop';
const ORIGIN = `chrome-extension://${EXTENSION}`;
const CONTENT_SCRIPT: Sender = { id: EXTENSION, url: 'http://zfba.example/case', origin: 'http://zfba.example', frameId: 0 };

const LOOKUP = { type: 'lookupParty', uscc: null, name: '某某公司', at: '2026-01-01', decision: null } as const;
const FACTS_REQUEST = { type: 'assessCase', facts: {}, today: '2026-01-01', partyOnSeriousList: false, caseListed: false } as const;

/** A background serving ports with `answer`, and a client connecting to it; what went where is recorded. */
function setUp(answer: (message: unknown) => unknown, opts: { idleMs?: number; sender?: Sender } = {}) {
  const ports: FakePortEnd[] = [];
  const servers: FakePortEnd[] = [];
  const sent: unknown[] = [];
  const connect = () => {
    const { client, server } = portPair(READER_PORT, opts.sender ?? CONTENT_SCRIPT);
    ports.push(client);
    servers.push(server);
    servePort(server, async (m) => answer(m));
    return client;
  };
  const send = async (m: unknown) => {
    sent.push(m);
    return { ok: true, value: { by: 'message', m } };
  };
  return { transport: portSender(connect, send, opts.idleMs), ports, servers, sent };
}

const tick = (ms = 0) => new Promise((r) => setTimeout(r, ms));

describe('the reader’s port (lookups and assessments as the form changes)', () => {
  it('sends lookups and assessments over one port, and everything else as one-off messages', async () => {
    const { transport, ports, sent } = setUp((m) => ({ ok: true, value: { by: 'port', m } }));
    await expect(transport(LOOKUP)).resolves.toEqual({ ok: true, value: { by: 'port', m: LOOKUP } });
    await expect(transport(FACTS_REQUEST)).resolves.toEqual({ ok: true, value: { by: 'port', m: FACTS_REQUEST } });
    const record = { type: 'recordCase', input: {}, baseRevision: 0 };
    await expect(transport(record)).resolves.toEqual({ ok: true, value: { by: 'message', m: record } });
    expect(ports).toHaveLength(1);
    expect(sent).toEqual([record]);
  });

  it('matches each answer to its request when they come back out of order', async () => {
    const { transport } = setUp(async (m) => {
      const name = (m as { name: string }).name;
      await tick(name === 'slow' ? 20 : 0);
      return { ok: true, value: name };
    });
    const slow = transport({ ...LOOKUP, name: 'slow' });
    const fast = transport({ ...LOOKUP, name: 'fast' });
    expect(await Promise.race([slow, fast])).toEqual({ ok: true, value: 'fast' });
    await expect(slow).resolves.toEqual({ ok: true, value: 'slow' });
  });

  it('a port closed under a request (the worker stopped) sends it again as a message, and the next request opens a new port', async () => {
    const { transport, ports, servers, sent } = setUp(() => new Promise(() => undefined));
    const asked = transport(LOOKUP);
    await tick();
    servers[0]!.disconnect();
    await expect(asked).resolves.toEqual({ ok: true, value: { by: 'message', m: LOOKUP } });
    expect(sent).toEqual([LOOKUP]);
    void transport(LOOKUP);
    expect(ports).toHaveLength(2);
  });

  it('a port that cannot be opened (the extension was reloaded) fails the request, and is tried again next time', async () => {
    let fail = true;
    const transport = portSender(
      () => {
        if (fail) throw new Error('Extension context invalidated.');
        const { client, server } = portPair(READER_PORT, CONTENT_SCRIPT);
        servePort(server, async () => ({ ok: true, value: 'by port' }));
        return client;
      },
      async () => ({ ok: true, value: 'by message' }),
    );
    await expect(transport(LOOKUP)).rejects.toThrow('Extension context invalidated.');
    fail = false;
    await expect(transport(LOOKUP)).resolves.toEqual({ ok: true, value: 'by port' });
  });

  it('is closed after a while without requests, and opened again on the next', async () => {
    const { transport, ports } = setUp((m) => ({ ok: true, value: m }), { idleMs: 5 });
    await transport(LOOKUP);
    await tick(30);
    expect(ports[0]!.connected).toBe(false);
    await transport(LOOKUP);
    expect(ports).toHaveLength(2);
    expect(ports[1]!.connected).toBe(true);
  });
});

describe('the background’s side of the port', () => {
  const handlers = {
    lookupParty: async () => ({ flags: [], onSeriousList: false, caseListed: false, warnings: [] }),
    analyzeTab: async () => true,
  } as unknown as Handlers;
  const handle = createMessageHandler({ extensionId: EXTENSION, extensionOrigin: ORIGIN, handlers });

  it('answers through the same checks as messages: a content script may not ask for an extension page’s request', async () => {
    const { client, server } = portPair(READER_PORT, CONTENT_SCRIPT);
    servePort(server as FakePortEnd & { sender: Sender }, handle);
    const transport = portSender(
      () => client,
      async () => undefined,
    );
    await expect(request(transport, LOOKUP)).resolves.toEqual({
      ok: true,
      value: { flags: [], onSeriousList: false, caseListed: false, warnings: [] },
    });
    const answers: unknown[] = [];
    client.onMessage.addListener((m) => answers.push(m));
    client.postMessage({ id: 99, message: { type: 'analyzeTab', tabId: 1 } });
    client.postMessage({ id: 100, message: { type: 'lookupParty', at: 'not a date' } });
    await vi.waitFor(() => expect(answers).toHaveLength(2));
    expect(answers).toEqual([
      { id: 99, reply: { ok: false, error: 'forbidden' } },
      { id: 100, reply: { ok: false, error: 'bad-request' } },
    ]);
  });

  it('ignores what is not a request envelope', async () => {
    const { client, server } = portPair(READER_PORT, CONTENT_SCRIPT);
    servePort(server as FakePortEnd & { sender: Sender }, handle);
    const answers: unknown[] = [];
    client.onMessage.addListener((m) => answers.push(m));
    for (const junk of [null, 'x', { id: 'one', message: LOOKUP }, { id: 1.5, message: LOOKUP }]) client.postMessage(junk);
    client.postMessage({ id: 7, message: LOOKUP });
    // posts arrive in order: once the answer to 7 is in, the junk before it was dropped
    await vi.waitFor(() => expect(answers).toHaveLength(1));
    expect(answers).toEqual([{ id: 7, reply: { ok: true, value: { flags: [], onSeriousList: false, caseListed: false, warnings: [] } } }]);
  });

  it('a frame gone before its answer is no error', async () => {
    const { client, server } = portPair(READER_PORT, CONTENT_SCRIPT);
    servePort(server, () => tick(10).then(() => ({ ok: true, value: 1 })));
    client.postMessage({ id: 1, message: LOOKUP });
    await tick();
    client.disconnect();
    await tick(20);
    expect(server.posted).toEqual([]);
  });
});
