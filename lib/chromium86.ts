/**
 * Built-ins that the code uses and Chromium 86 (360极速浏览器 13) lacks. wxt.config.ts imports this module first
 * in every entry point of the chrome-mv2 build only; the other builds never contain it. The list is what
 * tests/packages finds in that build's bundles: when it finds another such built-in, add it here.
 */

/** RFC 4122 version 4 UUID, as `crypto.randomUUID` (Chrome 92) returns it. */
export function uuidV4(getRandomValues: (bytes: Uint8Array) => Uint8Array): string {
  const b = getRandomValues(new Uint8Array(16));
  b[6] = ((b[6] ?? 0) & 0x0f) | 0x40;
  b[8] = ((b[8] ?? 0) & 0x3f) | 0x80;
  const hex = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** `Array.prototype.at` (Chrome 92): the item at `index`, counting back from the end when it is negative. */
export function arrayAt<T>(this: ArrayLike<T>, index: number): T | undefined {
  const n = Math.trunc(Number(index)) || 0;
  const k = n < 0 ? this.length + n : n;
  return k < 0 || k >= this.length ? undefined : this[k];
}

/** Names of the built-ins installed by `installChromium86Polyfills`. */
export const POLYFILLED = ['crypto.randomUUID', 'Array.prototype.at'] as const;

/** Installs what is missing on `scope` (a window or worker global); leaves native implementations alone. */
export function installChromium86Polyfills(scope: { crypto?: Crypto; Array?: { prototype: object } }): void {
  const c = scope.crypto;
  if (c && typeof c.randomUUID !== 'function') {
    Object.defineProperty(c, 'randomUUID', {
      configurable: true,
      writable: true,
      value: () => uuidV4((bytes) => c.getRandomValues(bytes)),
    });
  }
  const arrays = scope.Array?.prototype as { at?: unknown } | undefined;
  if (arrays && typeof arrays.at !== 'function') {
    Object.defineProperty(arrays, 'at', { configurable: true, writable: true, value: arrayAt });
  }
}

installChromium86Polyfills(globalThis);
