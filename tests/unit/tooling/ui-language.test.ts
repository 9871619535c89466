// Every interface text comes from public/_locales: the views and entry points hold no Chinese words of their own.
// Unlike tests/e2e/english-ui.spec.ts this needs no browser in English, so CI always runs it.
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { chineseInSource, type AllowedChinese } from './ui-language';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));

/** Chinese on purpose in every language: official or legal wording, shown as written. Keep it short. */
const ALLOWED: readonly AllowedChinese[] = [
  {
    file: 'components/dashboard/StatsTablePanel.tsx',
    text: '填报单位：',
    reason: 'the annex table’s own heading (附件), exported and shown in Chinese in every language (lang="zh-CN")',
  },
  {
    file: 'components/dashboard/StatsTablePanel.tsx',
    text: '时间：',
    reason: 'the annex table’s own heading (附件), exported and shown in Chinese in every language (lang="zh-CN")',
  },
  {
    file: 'entrypoints/options/shared.ts',
    text: '未命名',
    reason: 'stands in for the unit name (Chinese data) in an exported file’s name',
  },
];

function sourcesUnder(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && /\.tsx?$/.test(e.name) && !e.name.endsWith('.d.ts'))
    .map((e) => relative(ROOT, join(e.parentPath, e.name)).split('\\').join('/'));
}

describe('the views and entry points hold no Chinese of their own', () => {
  const files = [...sourcesUnder('components'), ...sourcesUnder('entrypoints')];
  const read = (file: string) => readFileSync(join(ROOT, file), 'utf8');

  it('reads the whole interface', () => {
    expect(files).toContain('components/Overlay.tsx');
    expect(files).toContain('entrypoints/background.ts');
    expect(files.some((f) => f.startsWith('entrypoints/reader.content/'))).toBe(true);
  });

  it('finds Chinese only where the allow-list says why', () => {
    const found = files.flatMap((file) => chineseInSource(file, read(file), ALLOWED));
    expect(found.map((f) => `${f.file}:${f.line} ${f.text}`)).toEqual([]);
  });

  it('allows nothing that is no longer there', () => {
    const stale = ALLOWED.filter((a) => !chineseInSource(a.file, read(a.file)).some((f) => f.text === a.text));
    expect(stale).toEqual([]);
  });
});

describe('chineseInSource', () => {
  const texts = (source: string, file = 'components/Probe.tsx', allowed: AllowedChinese[] = []) =>
    chineseInSource(file, source, allowed).map((f) => f.text);

  it('finds Chinese in JSX text, attributes, calls and templates', () => {
    expect(texts('export const A = () => <button>删除</button>;')).toEqual(['删除']);
    expect(texts("export function save(setError: (s: string) => void) {\n  setError('保存失败');\n}\n", 'entrypoints/probe.ts')).toEqual([
      '保存失败',
    ]);
    expect(texts('export const A = () => <input title="单位名称" />;')).toEqual(['单位名称']);
    expect(texts('export const m = (n: number) => `已导入 ${n} 条`;')).toEqual(['已导入', '条']);
    expect(texts("export const label = { remove: '删除' };")).toEqual(['删除']);
  });

  it('names the line', () => {
    expect(chineseInSource('components/Probe.tsx', "\n\nexport const A = () => <p>{'错误'}</p>;")).toEqual([
      { file: 'components/Probe.tsx', line: 3, text: '错误' },
    ]);
  });

  it('does not count comments, message keys, types, property names or module paths', () => {
    const source = [
      "import { t } from '../lib/i18n';",
      '// 删除: the ledger row',
      '/** 台账 */',
      "type Answer = '是' | '否';",
      'export const A = ({ answer }: { answer: Answer }) => (',
      '  <div>',
      '    {/* 填报单位 */}',
      "    <button>{t('ledgerDelete')}</button>",
      "    {({ '名称': answer } as Record<string, string>)['名称']}",
      '  </div>',
      ');',
    ].join('\n');
    expect(texts(source)).toEqual([]);
  });

  it('allows an allow-listed text in its own file only, and only that text', () => {
    const source = 'export const A = () => <p>时间：<b>删除</b></p>;';
    const allowed = [{ file: 'components/Probe.tsx', text: '时间：', reason: 'probe' }];
    expect(texts(source, 'components/Probe.tsx', allowed)).toEqual(['删除']);
    expect(texts(source, 'components/Other.tsx', allowed)).toEqual(['时间：', '删除']);
  });
});
