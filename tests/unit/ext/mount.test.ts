// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { HOST_TAG, MAX_READDS, mountOverlayHost, type OverlayHost } from '../../../entrypoints/reader.content/mount';

let mounted: OverlayHost | null = null;
afterEach(() => {
  mounted?.dispose();
  mounted = null;
});

const tick = () => new Promise((r) => setTimeout(r, 0));

// (taking a suffixed name where the page defined ours needs a real custom element registry: tests/e2e/hostile.spec.ts)
describe('the overlay host', () => {
  it('the test build: the contract’s name and an open shadow root; production: closed', () => {
    mounted = mountOverlayHost(document, { production: false });
    expect(mounted.host.localName).toBe(HOST_TAG);
    expect(document.querySelector(HOST_TAG)?.shadowRoot).toBe(mounted.container.getRootNode());
    mounted.dispose();
    mounted = mountOverlayHost(document, { production: true });
    expect(mounted.host.localName).toBe(HOST_TAG);
    expect(mounted.host.shadowRoot).toBeNull();
    expect(mounted.host.parentNode).toBe(document.documentElement);
  });

  it('a page that removes the host gets it back, with a growing delay, and at most MAX_READDS times', async () => {
    const delays: number[] = [];
    const later: Array<() => void> = [];
    mounted = mountOverlayHost(document, {
      production: false,
      setTimeout: (fn, ms) => {
        delays.push(ms);
        later.push(fn);
      },
    });
    for (let i = 0; i < MAX_READDS + 3; i++) {
      mounted.host.remove();
      await tick();
      later.splice(0).forEach((fn) => fn());
    }
    expect(mounted.removals()).toBe(MAX_READDS + 1);
    expect(delays).toHaveLength(MAX_READDS);
    expect(delays).toEqual([...delays].sort((a, b) => a - b));
    expect(delays[0]).toBeLessThan(delays.at(-1)!);
    // it stays away once the page has won: no loop with the page's own observer
    expect(mounted.host.isConnected).toBe(false);
  });

  it('comes back after a removal', async () => {
    mounted = mountOverlayHost(document, { production: false, setTimeout: (fn) => fn() });
    mounted.host.remove();
    await tick();
    expect(mounted.host.isConnected).toBe(true);
  });
});
