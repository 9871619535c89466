/** Small Web Crypto helpers (crypto.subtle exists in browsers, extension pages and Node ≥ 20). */

const subtle = (): SubtleCrypto => globalThis.crypto.subtle;

/** A copy backed by a plain ArrayBuffer, the only kind Web Crypto's types accept. */
function own(bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(bytes.length);
  out.set(bytes);
  return out;
}

export async function sha256(bytes: Uint8Array): Promise<Uint8Array> {
  return new Uint8Array(await subtle().digest('SHA-256', own(bytes)));
}

function toHex(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += b.toString(16).padStart(2, '0');
  return s;
}

export async function sha256Hex(text: string): Promise<string> {
  return toHex(await sha256(new TextEncoder().encode(text)));
}

export function randomBytes(n: number): Uint8Array {
  return globalThis.crypto.getRandomValues(new Uint8Array(n));
}

export function toBase64(bytes: Uint8Array): string {
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) {
    bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(bin);
}

/** Bytes of a base64 string; null when it is not base64. */
export function fromBase64(s: string): Uint8Array | null {
  try {
    const bin = atob(s);
    const out = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
    return out;
  } catch {
    return null;
  }
}

/** AES-GCM-256 key from a passphrase by PBKDF2-HMAC-SHA-256 (passphrase NFC-normalised, UTF-8). */
export async function deriveKey(passphrase: string, salt: Uint8Array, iterations: number): Promise<CryptoKey> {
  const base = await subtle().importKey('raw', own(new TextEncoder().encode(passphrase.normalize('NFC'))), 'PBKDF2', false, ['deriveKey']);
  return subtle().deriveKey(
    { name: 'PBKDF2', salt: own(salt), iterations, hash: 'SHA-256' },
    base,
    { name: 'AES-GCM', length: 256 },
    false,
    ['encrypt', 'decrypt'],
  );
}

export async function aesGcmEncrypt(key: CryptoKey, iv: Uint8Array, aad: Uint8Array, plain: Uint8Array): Promise<Uint8Array> {
  return new Uint8Array(
    await subtle().encrypt({ name: 'AES-GCM', iv: own(iv), additionalData: own(aad), tagLength: 128 }, key, own(plain)),
  );
}

/** The plaintext, or null when the tag does not verify (wrong key or altered data). */
export async function aesGcmDecrypt(key: CryptoKey, iv: Uint8Array, aad: Uint8Array, sealed: Uint8Array): Promise<Uint8Array | null> {
  try {
    return new Uint8Array(
      await subtle().decrypt({ name: 'AES-GCM', iv: own(iv), additionalData: own(aad), tagLength: 128 }, key, own(sealed)),
    );
  } catch {
    return null;
  }
}
