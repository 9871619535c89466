import { readerApi } from '../../lib/ext/reader-api';
import { t } from '../../lib/i18n';
import { request } from '../../lib/messaging/client';
import { READER_PORT, portSender } from '../../lib/messaging/port';
import { readerInputChanged } from '../../lib/settings/keys';
import type { RequestOf, RequestType } from '../../lib/messaging/protocol';
import { todayInChina } from '../../lib/text/dates';
import { startReader, type Reader } from './core';
import { FEATURES } from './features';
import { provideSplicer, whenSplicerWanted } from '../../lib/form/plan';
import { partLoader } from './parts';

const api = readerApi();

/** False once the extension was reloaded or updated under this script: its messages go nowhere. */
function alive(): boolean {
  try {
    return api.extensionId() !== undefined;
  } catch {
    return false;
  }
}

// One reader per frame. The handle lives on the content scripts' own global object, which the page cannot reach,
// so nothing the page does (events, globals) can stop or restart it; a second injection (分析本页 on an enabled
// system) finds it running, and one after an update replaces the orphan it finds.
interface ReaderGlobal {
  __creditCaseAssistantReader?: { alive(): boolean; reader: Promise<Reader | null> };
}

/** Starts the reader in this frame unless one is running already. */
export function bootReader(): void {
  const g = globalThis as ReaderGlobal;
  const running = g.__creditCaseAssistantReader;
  if (running?.alive()) return;
  void running?.reader.then((r) => r?.stop());
  g.__creditCaseAssistantReader = { alive, reader: start() };
}

async function start(): Promise<Reader | null> {
  let reader: Reader | null = null;
  // lookups and assessments, asked as the form changes, go over one port; everything else as one-off messages
  const transport = portSender(() => api.connect(READER_PORT), api.sendMessage);
  const send = async <K extends RequestType>(message: RequestOf<K>) => {
    try {
      return await request(transport, message);
    } catch (e) {
      // the extension was reloaded or updated: this reader is an orphan; take its overlay away
      if (!alive()) reader?.stop();
      throw e;
    }
  };
  // the background runs a part's script in this frame only, when a feature first needs it
  const parts = partLoader(async (part) => (await send({ type: 'loadPart', part }).catch(() => null))?.ok === true);
  // the page changed its structure: plan it again in part from then on (until the part is here, afresh)
  whenSplicerWanted(() => {
    parts('splice').then(
      (m) => provideSplicer(m.splicePlan),
      () => undefined,
    );
  });
  reader = await startReader({
    document,
    request: send,
    t,
    today: () => todayInChina(),
    parts,
    features: FEATURES,
    nextFrame: (fn) => requestAnimationFrame(fn),
  });
  if (!reader) return null;
  const live = reader;
  // settings, profiles, packs or the policy changed (the overlay's own place, kept per origin, does not count)
  api.onStorageChanged((keys, area) => {
    if (area === 'local' && readerInputChanged(keys)) void live.reload();
  });
  return reader;
}
