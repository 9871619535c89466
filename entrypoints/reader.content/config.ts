import type { ReaderConfig } from '../../lib/messaging/protocol';
import type { FeatureContext } from './feature';

/**
 * Tries of the first request: at browser start the background may not be listening yet when a page loads, and on
 * an old PC its start (policy, lists) can take many seconds. About 25 s in all, then the reader stays quiet.
 */
const CONFIG_TRIES = 12;
const MAX_WAIT_MS = 3200;

/** What the reader needs of the settings (profile, recording, overlay place), or null when the background says no. */
export async function fetchConfig(request: FeatureContext['request']): Promise<ReaderConfig | null> {
  for (let i = 0; i < CONFIG_TRIES; i++) {
    try {
      const res = await request({ type: 'getReaderConfig' });
      return res.ok ? res.value : null;
    } catch {
      // no answer (the background is starting, or the extension was updated): wait 100, 200, 400 … 3,200 ms
      await new Promise((r) => setTimeout(r, Math.min(100 * 2 ** i, MAX_WAIT_MS)));
    }
  }
  return null;
}
