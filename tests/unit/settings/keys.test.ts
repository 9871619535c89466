import { describe, expect, it } from 'vitest';
import { STORAGE_KEYS, metaKey, overlayStateKey, readerInputChanged } from '../../../lib/settings/keys';

describe('which storage changes make the reader ask for its configuration again', () => {
  it('every stored value the configuration is made of does', () => {
    const inputs = Object.entries(STORAGE_KEYS).filter(([name]) => name !== 'sites');
    for (const [name, key] of inputs) expect(readerInputChanged([key]), name).toBe(true);
    expect(readerInputChanged([STORAGE_KEYS.sites, STORAGE_KEYS.packs])).toBe(true);
  });

  it('the enabled systems, rewritten at every browser start, the overlays’ own places and version keys do not', () => {
    expect(readerInputChanged([STORAGE_KEYS.sites])).toBe(false);
    expect(readerInputChanged([metaKey(STORAGE_KEYS.sites)])).toBe(false);
    expect(readerInputChanged([overlayStateKey('http://zfba.scjg.internal:8080')])).toBe(false);
    expect(readerInputChanged([metaKey(STORAGE_KEYS.settings)])).toBe(false);
    expect(readerInputChanged([])).toBe(false);
  });
});
