import { userMessage } from '../messages';
import { invalidWorkbook } from './errors';

// A small streaming XML scanner for the parts of an XLSX file. No DOM (this runs in Node, workers and
// extension pages alike), no DTDs and no entity expansion beyond the five predefined ones and
// character references, so a hostile file cannot expand itself.

export interface XmlHandler {
  /** Set while the text between tags matters; other text is skipped without being decoded. */
  wantText: boolean;
  /** `name` is the local name (prefix dropped); `tag` the raw `<...>` for attribute look-ups. */
  open(name: string, tag: string, selfClosing: boolean): void;
  close(name: string): void;
  text(s: string): void;
}

const ENTITY = /&(?:#x([0-9a-fA-F]{1,6})|#([0-9]{1,7})|(amp|lt|gt|quot|apos));/g;
const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decodeXmlText(s: string): string {
  if (s.indexOf('&') < 0) return s;
  return s.replace(ENTITY, (m, hex: string | undefined, dec: string | undefined, named: string | undefined) => {
    if (named) return NAMED[named]!;
    const cp = hex ? parseInt(hex, 16) : Number(dec);
    return cp <= 0x10ffff && !(cp >= 0xd800 && cp <= 0xdfff) ? String.fromCodePoint(cp) : m;
  });
}

/** XML end-of-line handling: a literal CR or CRLF in text reads as LF (a real CR is written `_x000D_` or `&#13;`). */
function normalizeBreaks(s: string): string {
  return s.indexOf('\r') < 0 ? s : s.replace(/\r\n?/g, '\n');
}

const ATTR = /([^\s=/<>"']+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;

/** Attributes of a start tag, by qualified name (`r:id` stays `r:id`). */
export function parseAttributes(tag: string): Record<string, string> {
  const out: Record<string, string> = {};
  const start = tag.search(/[\s/>]/);
  ATTR.lastIndex = start < 0 ? tag.length : start;
  for (let m = ATTR.exec(tag); m; m = ATTR.exec(tag)) out[m[1]!] = decodeXmlText(m[2] ?? m[3] ?? '');
  return out;
}

/** One attribute of a start tag; cheaper than parseAttributes for the hot `<c>` tag. */
export function getAttribute(tag: string, name: string): string | undefined {
  let from = 0;
  for (;;) {
    const i = tag.indexOf(name, from);
    if (i < 0) return undefined;
    from = i + name.length;
    const before = tag.charCodeAt(i - 1);
    // Preceded by whitespace, followed by optional spaces and '='.
    if (before !== 32 && before !== 9 && before !== 10 && before !== 13) continue;
    let j = from;
    while (tag.charCodeAt(j) === 32) j++;
    if (tag.charCodeAt(j) !== 61) continue;
    j++;
    while (tag.charCodeAt(j) === 32) j++;
    const q = tag[j];
    if (q !== '"' && q !== "'") continue;
    const end = tag.indexOf(q, j + 1);
    if (end < 0) return undefined;
    return decodeXmlText(tag.slice(j + 1, end));
  }
}

function localName(tag: string, from: number): string {
  let end = from;
  while (end < tag.length) {
    const c = tag.charCodeAt(end);
    if (c === 32 || c === 9 || c === 10 || c === 13 || c === 47 || c === 62) break;
    end++;
  }
  const name = tag.slice(from, end);
  const colon = name.indexOf(':');
  return colon < 0 ? name : name.slice(colon + 1);
}

/** Feed decoded text in pieces; complete constructs are reported to the handler as they appear. */
export class XmlScanner {
  private buf = '';

  constructor(
    private readonly handler: XmlHandler,
    /** Longest unfinished construct (tag or text run) tolerated, in characters. */
    private readonly maxPending = 64 << 20,
  ) {}

  push(text: string, final: boolean): void {
    const buf = this.buf.length ? this.buf + text : text;
    const h = this.handler;
    const n = buf.length;
    let pos = 0;
    while (pos < n) {
      const lt = buf.indexOf('<', pos);
      if (lt < 0) {
        // Text with no tag after it yet: keep it only if someone will read it.
        if (!h.wantText) pos = n;
        break;
      }
      if (lt > pos && h.wantText) h.text(decodeXmlText(normalizeBreaks(buf.slice(pos, lt))));
      pos = lt;
      const c1 = buf.charCodeAt(lt + 1);
      let end: number;
      if (c1 === 33 /* ! */) {
        if (buf.startsWith('<!--', lt)) {
          end = buf.indexOf('-->', lt + 4);
          if (end < 0) break;
          end += 3;
        } else if (buf.startsWith('<![CDATA[', lt)) {
          end = buf.indexOf(']]>', lt + 9);
          if (end < 0) break;
          if (h.wantText) h.text(normalizeBreaks(buf.slice(lt + 9, end)));
          end += 3;
        } else {
          // <!DOCTYPE ...> possibly with an internal subset: skipped, never interpreted.
          const gt = buf.indexOf('>', lt);
          const bracket = buf.indexOf('[', lt);
          if (gt < 0) break;
          if (bracket >= 0 && bracket < gt) {
            const close = buf.indexOf(']', bracket);
            end = close < 0 ? -1 : buf.indexOf('>', close);
            if (end < 0) break;
            end += 1;
          } else end = gt + 1;
        }
      } else if (c1 === 63 /* ? */) {
        end = buf.indexOf('?>', lt + 2);
        if (end < 0) break;
        end += 2;
      } else if (c1 === 47 /* / */) {
        const gt = buf.indexOf('>', lt);
        if (gt < 0) break;
        h.close(localName(buf, lt + 2));
        end = gt + 1;
      } else if (lt + 1 < n) {
        const gt = tagEnd(buf, lt + 1);
        if (gt < 0) break;
        const tag = buf.slice(lt, gt + 1);
        h.open(localName(tag, 1), tag, buf.charCodeAt(gt - 1) === 47);
        end = gt + 1;
      } else break;
      pos = end;
    }
    if (pos < n) {
      if (final) throw invalidWorkbook(userMessage('ioError_xml_incomplete'));
      if (n - pos > this.maxPending) throw invalidWorkbook(userMessage('ioError_xml_cellTooLong'));
      this.buf = buf.slice(pos);
    } else this.buf = '';
  }
}

/** Index of the `>` closing a start tag, skipping quoted attribute values; -1 if not in `buf` yet. */
function tagEnd(buf: string, from: number): number {
  let quote = 0;
  for (let i = from; i < buf.length; i++) {
    const c = buf.charCodeAt(i);
    if (quote) {
      if (c === quote) quote = 0;
    } else if (c === 62) return i;
    else if (c === 34 || c === 39) quote = c;
  }
  return -1;
}

const XML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };

/** Escape text for element content or a double-quoted attribute. */
export function escapeXml(s: string): string {
  return s.replace(/[&<>"]/g, (c) => XML_ESCAPES[c]!);
}
