import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import exportRows from '../../fixtures/demo/data/export-rows.json';
import { readCsv, writeXlsx } from '../../../lib/io';
import { EXPORT_HEADER, generateCaseExport } from '../../bench/gen-cases';

const ROOT = resolve(__dirname, '../../..');
const DEMO = join(ROOT, 'tests/fixtures/demo/data');
const SUMMARY = /^audited (\d+) cases: must-list (\d+), review (\d+), not-required (\d+), insufficient (\d+)$/;
const REPORT_COLUMNS = ['line', 'verdict', 'unlisted', 'reasons', 'citations'];

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'cca-audit-cli-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function cli(...args: string[]) {
  const r = spawnSync('npx', ['tsx', 'scripts/audit.ts', ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  const lines = r.stdout.split('\n').filter((l) => l !== '');
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, last: lines.at(-1) ?? '' };
}

async function readReport(path: string): Promise<{ bytes: Buffer; rows: string[][] }> {
  const bytes = readFileSync(path);
  const rows: string[][] = [];
  for await (const r of readCsv(new Uint8Array(bytes))) rows.push(r.cells);
  return { bytes, rows };
}

const TIMEOUT = 60_000;

describe('npm run audit', () => {
  it(
    'audits the UTF-8 demo export into <input>.audit.csv and ends with the summary line',
    async () => {
      const input = join(dir, 'cases-export.csv');
      copyFileSync(join(DEMO, 'cases-export.csv'), input);
      const r = cli(input);
      expect(r.code, r.stderr).toBe(0);
      const m = SUMMARY.exec(r.last);
      expect(m, r.stdout).not.toBeNull();
      const [, n, a, b, c, d] = m!.map(Number);
      expect(n).toBe(30);
      expect(a! + b! + c! + d!).toBe(30);

      const { bytes, rows } = await readReport(`${input}.audit.csv`);
      expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      expect(rows[0]).toEqual([...EXPORT_HEADER, ...REPORT_COLUMNS]);
      const data = rows.slice(1);
      expect(data).toHaveLength(30);
      const col = (name: string) => rows[0]!.indexOf(name);
      expect(data.map((row) => row[0])).toEqual(exportRows.map((e) => e.decisionNo));
      const verdicts = data.map((row) => row[col('verdict')]);
      expect([a, b, c, d]).toEqual(
        ['must-list', 'review', 'not-required', 'insufficient'].map((v) => verdicts.filter((x) => x === v).length),
      );
      expect(new Set(data.map((row) => row[col('unlisted')]))).toEqual(new Set(['yes', 'possible', 'no']));
      // The first demo row: a decided, unlisted case revoking a food production licence.
      expect(data[0]![col('line')]).toBe('2');
      expect(data[0]![col('verdict')]).toBe('must-list');
      expect(data[0]![col('unlisted')]).toBe('yes');
      expect(data[0]![col('citations')]!.split('；')).toEqual(expect.arrayContaining(['order44-2021/art2/2', 'order44-2021/art5/2']));
      expect(data[0]![col('reasons')]).toMatch(/第2条第2项/);
      // The empty-penalty row is insufficient with a Chinese reason.
      const empty = data.find((row) => row[6] === '')!;
      expect(empty[col('verdict')]).toBe('insufficient');
      expect(empty[col('reasons')]).toMatch(/[\u4e00-\u9fff]/);
    },
    TIMEOUT,
  );

  it(
    'gives the same report for the GB18030 copy, written to --out',
    async () => {
      const input = join(dir, 'cases-export-gbk.csv');
      copyFileSync(join(DEMO, 'cases-export-gbk.csv'), input);
      const out = join(dir, 'gbk-report.csv');
      const r = cli(input, '--out', out);
      expect(r.code, r.stderr).toBe(0);
      expect(r.last).toMatch(SUMMARY);
      expect(existsSync(`${input}.audit.csv`)).toBe(false);
      const gbk = await readReport(out);
      const utf8 = await readReport(join(dir, 'cases-export.csv.audit.csv'));
      expect(gbk.rows).toEqual(utf8.rows);
    },
    TIMEOUT,
  );

  it(
    'reads XLSX; --at dates the rows without a decision date; formula-like cells are neutralised',
    async () => {
      const header = ['行政处罚决定书文号', '当事人', '违法事实', '处罚依据', '处罚内容', '作出决定的日期'];
      // a decision number without its year: only --at dates the row
      const row = [
        '沪浦市监处9号',
        '=HYPERLINK("x")',
        '未取得食品生产许可从事食品生产',
        '《食品安全法》第一百二十二条',
        '罚款5万元，吊销食品生产许可证',
        '',
      ];
      const input = join(dir, 'undated.xlsx');
      writeFileSync(input, writeXlsx({ sheets: [{ name: '案件', rows: [header, row] }] }, { neutralize: false }));
      const before = cli(input, '--at', '2021-08-31', '--out', join(dir, 'before.csv'));
      expect(before.code, before.stderr).toBe(0);
      expect(before.last).toBe('audited 1 cases: must-list 0, review 0, not-required 1, insufficient 0');
      const after = cli(input, '--at=2021-09-01', '--out', join(dir, 'after.csv'));
      expect(after.last).toBe('audited 1 cases: must-list 1, review 0, not-required 0, insufficient 0');
      const { rows } = await readReport(join(dir, 'after.csv'));
      expect(rows[1]![1]).toBe(`'=HYPERLINK("x")`);
      expect(rows[1]![header.length + 3]).toContain('2021-09-01');
    },
    TIMEOUT,
  );

  it(
    '--serious-list: a party on the imported list is not 应列未列, and the reason names the list',
    async () => {
      const input = join(dir, 'listed.csv');
      const header = '行政处罚决定书文号,被处罚单位名称,统一社会信用代码,违法的主要事实,行政处罚内容,作出决定的日期';
      const violation = '未取得食品生产许可从事食品生产';
      writeFileSync(
        input,
        [
          header,
          // on the demo list since 2024-04-15: the decision of that day, and one made a few days before the listing
          `沪浦市监处〔2024〕1023号,上海福满园糕点有限公司,91310115MA19GWPY9W,${violation},吊销食品经营许可证,2024-04-15`,
          `沪浦市监处〔2024〕1000号,上海福满园糕点有限公司,91310115MA19GWPY9W,${violation},吊销食品经营许可证,2024-04-10`,
          // not on it
          `沪浦市监处〔2024〕1001号,上海某某食品有限公司,,${violation},吊销食品经营许可证,2024-04-10`,
        ].join('\r\n'),
      );
      const plain = cli(input, '--out', join(dir, 'plain.csv'));
      const listed = cli(input, '--serious-list', join(DEMO, 'serious-list.csv'), '--out', join(dir, 'listed.out.csv'));
      expect(listed.code, listed.stderr).toBe(0);
      // The verdicts are the same; only 应列未列 changes.
      expect(listed.last).toBe(plain.last);
      expect(listed.stdout).toMatch(/严重违法失信名单：\d+ 条/);
      const before = (await readReport(join(dir, 'plain.csv'))).rows;
      const after = (await readReport(join(dir, 'listed.out.csv'))).rows;
      const col = (name: string) => before[0]!.indexOf(name);
      expect(before.slice(1).map((r) => r[col('unlisted')])).toEqual(['yes', 'yes', 'yes']);
      expect(after.slice(1).map((r) => r[col('unlisted')])).toEqual(['no', 'no', 'yes']);
      expect(after[1]![col('reasons')]).toContain('当事人已在导入的严重违法失信名单“serious-list.csv”中（列入日期 2024-04-15）');
      const broken = cli(input, '--serious-list', join(dir, 'nope.csv'));
      expect(broken.code).toBe(1);
      expect(broken.stderr).toContain('找不到名单文件');
      const noHeader = join(dir, 'not-a-list.csv');
      writeFileSync(noHeader, 'a,b\r\n1,2\r\n');
      const wrong = cli(input, '--serious-list', noHeader);
      expect(wrong.code).toBe(1);
      expect(wrong.stderr).toContain('找不到严重违法失信名单的表头');
    },
    TIMEOUT,
  );

  it(
    'keeps a broken row as insufficient with its error and line, and audits the rest',
    async () => {
      const input = join(dir, 'broken.csv');
      const header = '决定书文号,当事人,处罚内容,决定日期';
      writeFileSync(
        input,
        `${header}\r\n沪1〔2024〕1号,甲,警告,2024-01-02\r\n沪1〔2024〕2号,乙,警告,2024-01-02,多出,一列\r\n沪1〔2024〕3号,丙,吊销营业执照,2024-01-02\r\n`,
      );
      const r = cli(input);
      expect(r.code, r.stderr).toBe(0);
      expect(r.last).toBe('audited 3 cases: must-list 0, review 1, not-required 1, insufficient 1');
      const { rows } = await readReport(`${input}.audit.csv`);
      expect(rows[2]!.slice(4, 6)).toEqual(['3', 'insufficient']);
      expect(rows[2]![7]).toMatch(/多于表头/);
    },
    TIMEOUT,
  );

  it(
    'fails with exit code 1 and a Chinese message on a missing file, an unreadable file or no header',
    () => {
      const missing = cli(join(dir, 'nope.csv'));
      expect(missing.code).toBe(1);
      expect(missing.stderr).toContain('找不到文件');

      const binary = join(dir, 'binary.csv');
      writeFileSync(binary, Buffer.from([0, 1, 2, 3, 0, 0, 0xff, 0xfe, 0, 7, 0, 0, 0, 9]));
      const unreadable = cli(binary);
      expect(unreadable.code).toBe(1);
      expect(unreadable.stderr).toMatch(/错误：.*[\u4e00-\u9fff]/);
      expect(unreadable.last).not.toMatch(SUMMARY);

      const noHeader = join(dir, 'people.csv');
      writeFileSync(noHeader, '姓名,年龄\r\n张三,30\r\n');
      const r = cli(noHeader);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain('行政处罚内容');
      expect(r.stderr).toContain('行政处罚决定书文号');
      expect(existsSync(`${noHeader}.audit.csv`)).toBe(false);
      expect(existsSync(`${noHeader}.audit.csv.partial`)).toBe(false);

      const badAt = cli(join(DEMO, 'cases-export.csv'), '--at', '2024-02-30');
      expect(badAt.code).toBe(1);
      expect(badAt.stderr).toContain('--at');
    },
    TIMEOUT,
  );

  it(
    'shows its progress on stderr for a file over 10,000 rows, however fast, and never on stdout',
    () => {
      const input = join(dir, 'long-export.csv');
      writeFileSync(input, generateCaseExport(10_500));
      const r = cli(input);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stderr).toMatch(/已审查 \d+ 行/);
      expect(r.stdout).not.toContain('已审查');
      expect(SUMMARY.exec(r.last)?.[1]).toBe('10500');
    },
    TIMEOUT,
  );

  it(
    'prints help',
    () => {
      const r = cli('--help');
      expect(r.code).toBe(0);
      expect(r.stdout).toContain('--out');
      expect(r.stdout).toContain('--at');
    },
    TIMEOUT,
  );
});
