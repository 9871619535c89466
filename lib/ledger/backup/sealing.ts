import { aesGcmDecrypt, aesGcmEncrypt, deriveKey, fromBase64, randomBytes, sha256, toBase64 } from '../crypto';
import { BackupError, backupDetail, concat, enc, frameMeta, type BackupHeader } from './format';

/*
 * Sealing a frame (plain: a checksum; encrypted: AES-256-GCM with a PBKDF2 key) and opening it again.
 * FORMAT.md "Frame body" has the exact layout.
 */

const KEY_CHECK_TEXT = 'credit-case-assistant/backup key check';
const KEY_CHECK_COUNTER = 0xffffffff;

function nonce(prefix: Uint8Array, counter: number): Uint8Array {
  const iv = new Uint8Array(12);
  iv.set(prefix);
  new DataView(iv.buffer).setUint32(8, counter);
  return iv;
}

export interface Sealer {
  header: BackupHeader['encryption'];
  seal(data: Uint8Array, index: number, flags: number, headerBytes: Uint8Array): Promise<Uint8Array>;
}

export function plainSealer(): Sealer {
  return {
    header: null,
    // A SHA-256 over the frame's position and data finds damage; it is not meant to stop tampering.
    seal: async (data, index, flags) => concat([await sha256(concat([frameMeta(index, flags), data])), data]),
  };
}

export async function aesSealer(passphrase: string, iterations: number): Promise<Sealer> {
  const salt = randomBytes(16);
  const prefix = randomBytes(8);
  const key = await deriveKey(passphrase, salt, iterations);
  const keyCheck = await aesGcmEncrypt(key, nonce(prefix, KEY_CHECK_COUNTER), enc.encode('key-check'), enc.encode(KEY_CHECK_TEXT));
  return {
    header: {
      cipher: 'AES-GCM',
      keyBits: 256,
      kdf: 'PBKDF2',
      hash: 'SHA-256',
      iterations,
      salt: toBase64(salt),
      noncePrefix: toBase64(prefix),
      keyCheck: toBase64(keyCheck),
    },
    // The header is authenticated with every frame, so its KDF parameters cannot be swapped.
    seal: (data, index, flags, headerBytes) =>
      aesGcmEncrypt(key, nonce(prefix, index), concat([headerBytes, frameMeta(index, flags)]), data),
  };
}

export type Opener = (body: Uint8Array, index: number, flags: number) => Promise<Uint8Array>;

/** Opens the frames of a backup; refuses a missing or wrong passphrase before any frame is read. */
export async function opener(header: BackupHeader, headerBytes: Uint8Array, passphrase?: string): Promise<Opener> {
  const e = header.encryption;
  if (e === null) {
    return async (body, index, flags) => {
      if (body.length < 32) throw new BackupError('corrupt');
      const data = body.subarray(32);
      const digest = await sha256(concat([frameMeta(index, flags), data]));
      if (!digest.every((b, i) => b === body[i])) throw new BackupError('corrupt', backupDetail('frameDigest', index + 1));
      return data;
    };
  }
  if (passphrase === undefined || passphrase === '') throw new BackupError('passphrase-required');
  const prefix = fromBase64(e.noncePrefix)!;
  const key = await deriveKey(passphrase, fromBase64(e.salt)!, e.iterations);
  const check = fromBase64(e.keyCheck);
  const opened = check && (await aesGcmDecrypt(key, nonce(prefix, KEY_CHECK_COUNTER), enc.encode('key-check'), check));
  if (!opened || new TextDecoder().decode(opened) !== KEY_CHECK_TEXT) throw new BackupError('wrong-passphrase');
  return async (body, index, flags) => {
    const plain = await aesGcmDecrypt(key, nonce(prefix, index), concat([headerBytes, frameMeta(index, flags)]), body);
    if (!plain) throw new BackupError('corrupt', backupDetail('frameSeal', index + 1));
    return plain;
  };
}
