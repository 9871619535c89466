import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { joinWords } from '../../../lib/messages';
import { translatorFromMessages, type MessageEntry } from '../../../lib/rules';

const locales = join(import.meta.dirname, '../../../public/_locales');
const load = (l: string) =>
  JSON.parse(readFileSync(join(locales, l, 'messages.json'), 'utf8')) as Record<
    string,
    { message: string; placeholders?: Record<string, unknown> }
  >;
const zh = load('zh_CN');
const en = load('en');

describe('the locale files', () => {
  it('zh_CN is the default and every zh_CN message has an English counterpart, and back', () => {
    expect(readdirSync(locales).sort()).toEqual(['en', 'zh_CN']);
    expect(Object.keys(en).filter((k) => !(k in zh))).toEqual([]);
    expect(Object.keys(zh).filter((k) => !(k in en))).toEqual([]);
  });

  it('uses only key names Chrome accepts, and no empty messages', () => {
    for (const [k, v] of Object.entries(zh)) {
      expect(k).toMatch(/^[A-Za-z0-9_@]+$/);
      expect(v.message.trim(), k).not.toBe('');
      expect(en[k]?.message.trim(), k).not.toBe('');
    }
  });

  it('the Chinese text is Chinese, and both languages use the same placeholders', () => {
    const han = /\p{Script=Han}/u;
    const words = (m: string) => m.replace(/\$[A-Za-z0-9_]+\$/g, '');
    const latinOnly = Object.entries(zh).filter(([, v]) => !han.test(v.message) && /[A-Za-z]{4,}/.test(words(v.message)));
    expect(latinOnly.map(([k]) => k)).toEqual([]);
    for (const k of Object.keys(zh)) {
      const names = (m: string) => [...m.matchAll(/\$([A-Za-z0-9_]+)\$/g)].map((x) => x[1]!.toLowerCase()).sort();
      expect(names(en[k]!.message), k).toEqual(names(zh[k]!.message));
    }
  });

  it('has every message the code asks for by name', () => {
    const root = join(import.meta.dirname, '../../..');
    const sources = ['components', 'entrypoints', 'lib'].flatMap((dir) =>
      (readdirSync(join(root, dir), { recursive: true }) as string[]).filter((f) => /\.tsx?$/.test(f)).map((f) => join(root, dir, f)),
    );
    const missing: string[] = [];
    let named = 0;
    for (const file of sources) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/\bt\(/g)) {
        // the first argument, up to the comma or parenthesis that closes it
        let depth = 0;
        let end = m.index + 2;
        for (; end < text.length; end++) {
          const c = text[end];
          if (c === '(' || c === '[') depth++;
          else if ((c === ')' || c === ']') && depth-- === 0) break;
          else if (c === ',' && depth === 0) break;
        }
        // keys built at run time (template strings) cannot be checked here; a literal compared with
        // (`x === 'yes' ? …`), joined to (`'flag_' + f`) or passed on (`keyOf('verdict', v)`) is no key
        const arg = text
          .slice(m.index + 2, end)
          .replace(/`[^`]*`/g, '')
          .replace(/[!=]==?\s*'[^']*'|'[^']*'\s*\+|\w\(\s*'[^']*'/g, '');
        for (const k of arg.matchAll(/'([A-Za-z0-9_@]+)'/g)) {
          named++;
          if (!(k[1]! in zh)) missing.push(`${relative(root, file)}: ${k[1]}`);
        }
      }
    }
    expect(named).toBeGreaterThan(300);
    expect(missing).toEqual([]);
  });
});

describe('joinWords', () => {
  const zhT = translatorFromMessages(zh as Record<string, MessageEntry>);
  const enT = translatorFromMessages(en as Record<string, MessageEntry>);

  it('joins a list and clauses as each language does', () => {
    expect(joinWords(zhT, 'common_joinList', ['罚款', '没收违法所得', '吊销许可证'])).toBe('罚款、没收违法所得、吊销许可证');
    expect(joinWords(enT, 'common_joinList', ['fine', 'confiscation', 'revocation'])).toBe('fine, confiscation, revocation');
    expect(joinWords(zhT, 'common_joinClauses', ['甲', '乙'])).toBe('甲；乙');
    expect(joinWords(enT, 'common_joinClauses', ['a', 'b'])).toBe('a; b');
  });

  it('gives one item as it is, and nothing for none', () => {
    expect(joinWords(enT, 'common_joinList', ['only'])).toBe('only');
    expect(joinWords(enT, 'common_joinList', [])).toBe('');
  });
});
