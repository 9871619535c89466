import { concatBytes } from './bytes';
import { userMessage } from '../messages';
import { IoError } from './errors';

/** What detectEncoding can tell from a file's first bytes. */
export type DetectedEncoding = 'utf-8' | 'utf-8-bom' | 'gb18030' | 'utf-16le' | 'utf-16be' | 'binary' | 'unknown';
/** Encodings a caller may force instead of detection. */
export type TextEncodingName = 'utf-8' | 'gb18030' | 'utf-16le' | 'utf-16be';

/** How many leading bytes detection looks at. */
const SNIFF_BYTES = 64 * 1024;

const ENCODING_NAMES: Record<TextEncodingName, string> = {
  'utf-8': 'UTF-8',
  gb18030: 'GB18030（GBK）',
  'utf-16le': 'UTF-16',
  'utf-16be': 'UTF-16',
};

function decodes(label: string, bytes: Uint8Array, complete: boolean): boolean {
  try {
    // stream: true tolerates a multi-byte character cut off at the end of a sample.
    new TextDecoder(label, { fatal: true }).decode(bytes, { stream: !complete });
    return true;
  } catch {
    return false;
  }
}

/**
 * Guess the encoding of a text table from its first bytes (SNIFF_BYTES is plenty).
 * BOM first; NULs mean BOM-less UTF-16 when their pattern over the whole sample says so (see utf16ByNuls),
 * else binary, as do control characters;
 * valid UTF-8 wins over GB18030, which Chinese Excel writes; 'unknown' when neither decodes.
 * `complete` says the bytes are the whole file, so a truncated last character is an error.
 */
export function detectEncoding(firstBytes: Uint8Array, opts: { complete?: boolean } = {}): DetectedEncoding {
  const b = firstBytes;
  const n = b.length;
  if (n >= 3 && b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return 'utf-8-bom';
  if (n >= 2 && b[0] === 0xff && b[1] === 0xfe) return 'utf-16le';
  if (n >= 2 && b[0] === 0xfe && b[1] === 0xff) return 'utf-16be';
  let nuls = 0;
  let control = 0;
  let high = false;
  for (let i = 0; i < n; i++) {
    const c = b[i]!;
    if (c === 0) nuls++;
    else if (c < 0x20) {
      // TAB, LF, VT, FF, CR and the DOS end-of-file mark occur in text files.
      if (c !== 9 && c !== 10 && c !== 11 && c !== 12 && c !== 13 && c !== 26) control++;
    } else if (c === 0x7f) control++;
    else if (c >= 0x80) high = true;
  }
  if (nuls > 0) return utf16ByNuls(b, opts.complete ?? false) ?? 'binary';
  if (control > n * 0.01) return 'binary';
  if (!high) return 'utf-8';
  const complete = opts.complete ?? false;
  if (decodes('utf-8', b, complete)) return 'utf-8';
  // Mostly well-formed UTF-8 with a few bad bytes is a damaged or mixed UTF-8 file, not GB18030
  // (which accepts nearly any byte pairs and would turn it into mojibake); the decoder then says where.
  const { valid, invalid } = utf8Sequences(b);
  if (valid >= 20 * invalid) return 'utf-8';
  if (decodes('gb18030', b, complete)) return 'gb18030';
  return 'unknown';
}

/** Characters below U+0020 other than those text files hold (TAB, LF, VT, FF, CR, the DOS end-of-file mark). */
function controlChars(text: string): number {
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x20 && c !== 9 && c !== 10 && c !== 11 && c !== 12 && c !== 13 && c !== 26) count++;
  }
  return count;
}

/** TAB, LF, CR, comma, semicolon: what every line of a text table holds. */
const isStructure = (c: number): boolean => c === 9 || c === 10 || c === 13 || c === 44 || c === 59;

/**
 * BOM-less UTF-16 from where the NULs fall over the whole sample. A text table's line breaks and
 * delimiters are ASCII, so in UTF-16LE each is the pair (char, NUL) and in UTF-16BE (NUL, char). Chinese
 * text puts NULs elsewhere too (一 U+4E00 is the pair 00 4E in UTF-16LE), so counting NULs by offset alone
 * cannot tell; the structure pairs can. The side with most of them must clearly win, and the whole sample
 * must then decode with hardly any control characters (binary data gives broken surrogates or controls).
 */
function utf16ByNuls(b: Uint8Array, complete: boolean): 'utf-16le' | 'utf-16be' | null {
  let le = 0;
  let be = 0;
  for (let i = 0; i + 1 < b.length; i += 2) {
    if (b[i + 1] === 0 && isStructure(b[i]!)) le++;
    else if (b[i] === 0 && isStructure(b[i + 1]!)) be++;
  }
  const major = Math.max(le, be);
  if (major === 0 || major < 4 * Math.min(le, be)) return null;
  const label = le > be ? 'utf-16le' : 'utf-16be';
  let text: string;
  try {
    // A sample may end inside a character (a cut surrogate pair or an odd byte): only a whole file may not.
    text = new TextDecoder(label, { fatal: true }).decode(complete ? b : b.subarray(0, b.length & ~1), { stream: !complete });
  } catch {
    return null;
  }
  return controlChars(text) > text.length * 0.01 ? null : label;
}

/** Counts of well-formed multi-byte UTF-8 sequences and of high bytes outside any. */
function utf8Sequences(b: Uint8Array): { valid: number; invalid: number } {
  let valid = 0;
  let invalid = 0;
  for (let i = 0; i < b.length;) {
    const c = b[i]!;
    if (c < 0x80) {
      i++;
      continue;
    }
    const len = c >= 0xc2 && c <= 0xdf ? 2 : c >= 0xe0 && c <= 0xef ? 3 : c >= 0xf0 && c <= 0xf4 ? 4 : 0;
    let ok = len > 0 && i + len <= b.length;
    for (let k = 1; ok && k < len; k++) ok = (b[i + k]! & 0xc0) === 0x80;
    if (ok) {
      valid++;
      i += len;
    } else {
      invalid++;
      i++;
    }
  }
  return { valid, invalid };
}

function hasHighByte(b: Uint8Array): boolean {
  for (let i = 0; i < b.length; i++) if (b[i]! & 0x80) return true;
  return false;
}

/**
 * Streaming bytes → text with encoding detection. Detection waits for SNIFF_BYTES (or the end of the
 * file); a file that is pure ASCII so far stays undecided, and the choice between UTF-8 and GB18030
 * is made on the first stretch that has non-ASCII bytes (ASCII reads the same in both).
 */
export class TextStreamDecoder {
  private decoder: TextDecoder | undefined;
  private chosen: TextEncodingName | undefined;
  private pending: Uint8Array[] = [];
  private pendingBytes = 0;
  /** Bytes seen so far are all ASCII and the first sample has passed the binary checks. */
  private asciiSoFar = false;
  /** After an 'encoding' error: the text of the failing chunk up to the bad bytes, to locate them. */
  textBeforeError = '';

  constructor(encoding?: TextEncodingName) {
    if (encoding) this.choose(encoding);
  }

  get encoding(): TextEncodingName | undefined {
    return this.chosen;
  }

  /** Decode the next chunk; pass `final` with the last (possibly empty) chunk. Throws IoError. */
  push(chunk: Uint8Array, final: boolean): string {
    if (this.decoder) return this.run(chunk, final);
    if (this.asciiSoFar && this.pendingBytes === 0) {
      // Native decoding is the quickest ASCII test: any other byte shortens the text or becomes U+FFFD.
      const text = asciiDecoder.decode(chunk);
      if (text.length === chunk.length && text.indexOf('\uFFFD') < 0) {
        if (final) this.choose('utf-8');
        return text;
      }
    }
    if (chunk.length) {
      this.pending.push(chunk);
      this.pendingBytes += chunk.length;
    }
    if (this.pendingBytes < SNIFF_BYTES && !final) return '';
    const sample = concatBytes(this.pending, this.pendingBytes);
    this.pending = [];
    this.pendingBytes = 0;
    const detected = detectEncoding(sample.subarray(0, SNIFF_BYTES), { complete: final && sample.length <= SNIFF_BYTES });
    if (this.asciiSoFar && (detected === 'binary' || detected === 'utf-16le' || detected === 'utf-16be')) {
      // Binary checks belong to the start of the file; later on only the text encoding is in question.
      this.choose('utf-8');
    } else {
      switch (detected) {
        case 'binary':
          throw new IoError('binary');
        case 'unknown':
          throw new IoError('encoding');
        case 'utf-8':
          if (!hasHighByte(sample)) {
            this.asciiSoFar = true;
            return this.ascii(sample, final);
          }
          this.choose('utf-8');
          break;
        case 'utf-8-bom':
          this.choose('utf-8');
          break;
        default:
          this.choose(detected);
      }
    }
    return this.run(sample, final);
  }

  private ascii(chunk: Uint8Array, final: boolean): string {
    if (final) this.choose('utf-8');
    return asciiDecoder.decode(chunk);
  }

  private choose(encoding: TextEncodingName): void {
    this.chosen = encoding;
    this.decoder = new TextDecoder(encoding, { fatal: true });
  }

  private run(chunk: Uint8Array, final: boolean): string {
    try {
      return this.decoder!.decode(chunk, { stream: !final });
    } catch (e) {
      const lenient = new TextDecoder(this.chosen!).decode(chunk);
      const bad = lenient.indexOf('\uFFFD');
      this.textBeforeError = bad < 0 ? lenient : lenient.slice(0, bad);
      throw new IoError('encoding', userMessage('ioError_undecodable', ENCODING_NAMES[this.chosen!]), {
        cause: e,
      });
    }
  }
}

const asciiDecoder = new TextDecoder('utf-8');
