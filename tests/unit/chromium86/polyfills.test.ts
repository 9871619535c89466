import { webcrypto } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { arrayAt, installChromium86Polyfills, uuidV4 } from '../../../lib/chromium86';

const V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** A Crypto as Chromium 86 has it: getRandomValues, no randomUUID. */
function chromium86Crypto(): Crypto {
  return {
    getRandomValues: <T extends ArrayBufferView | null>(a: T) => webcrypto.getRandomValues(a as Uint8Array) as unknown as T,
  } as unknown as Crypto;
}

describe('crypto.randomUUID on Chromium 86', () => {
  it('gives version-4 UUIDs from the random bytes, with the version and variant bits set', () => {
    expect(uuidV4((b) => b.fill(0xff))).toBe('ffffffff-ffff-4fff-bfff-ffffffffffff');
    expect(uuidV4((b) => b.fill(0))).toBe('00000000-0000-4000-8000-000000000000');
  });

  it('is installed where missing, and distinct calls give distinct ids', () => {
    const scope = { crypto: chromium86Crypto() };
    installChromium86Polyfills(scope);
    const ids = new Set(Array.from({ length: 1000 }, () => scope.crypto.randomUUID()));
    expect(ids.size).toBe(1000);
    for (const id of ids) expect(id).toMatch(V4);
  });

  it('leaves a native implementation alone', () => {
    const native = () => '11111111-1111-4111-8111-111111111111' as const;
    const scope = { crypto: { getRandomValues: () => null, randomUUID: native } as unknown as Crypto };
    installChromium86Polyfills(scope);
    expect(scope.crypto.randomUUID).toBe(native);
  });
});

describe('Array.prototype.at on Chromium 86', () => {
  it('counts from the start, and back from the end for a negative index', () => {
    const a = ['a', 'b', 'c'];
    expect([0, 2, 3, -1, -3, -4, 1.7, Number.NaN].map((i) => arrayAt.call(a, i))).toEqual([
      'a',
      'c',
      undefined,
      'c',
      'a',
      undefined,
      'b',
      'a',
    ]);
    expect(arrayAt.call([], -1)).toBeUndefined();
  });

  it('is installed where missing, and a native one is left alone', () => {
    const bare = { prototype: {} as { at?: unknown } };
    installChromium86Polyfills({ Array: bare });
    expect(bare.prototype.at).toBe(arrayAt);
    const native = { prototype: { at: () => 'native' } };
    installChromium86Polyfills({ Array: native });
    expect(native.prototype.at()).toBe('native');
  });
});
