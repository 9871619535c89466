// `npm run audit -- <file.csv|file.xlsx> [--out report.csv] [--at YYYY-MM-DD] [--serious-list <file>]`: the bulk
// audit (批量审查) of a case export (ARCHITECTURE.md "Bulk audit CLI"). The report is streamed to disk batch by
// batch; its last stdout line is the contract's summary line. Progress goes to stderr.
import { once } from 'node:events';
import { createWriteStream, openAsBlob, readFileSync, renameSync, rmSync, statSync, type WriteStream } from 'node:fs';
import { basename, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { csvRow, isIoError, type IoError } from '../lib/io';
import { wordMessage } from '../lib/messages';
import { SeriousListFileError, seriousListFromFile } from '../lib/entities/serious-check';
import { AuditError, auditFile, reportCells, reportHeader, summaryLine, type AuditRun } from '../lib/rules/audit';
import { bundledPacks, translatorFromMessages, type MessageEntry } from '../lib/rules';
import { isIsoDate, todayInChina } from '../lib/text';
import { UsageError, usageErrorOf } from './cli-args';

const HELP = `用法：npm run audit -- <案件导出文件.csv|.xlsx> [--out 报告.csv] [--at YYYY-MM-DD] [--serious-list 名单.csv]

逐行审查执法办案系统导出的案件清单，判断是否应列入严重违法失信名单（列严），找出应列未列的案件。

  <文件>          CSV（UTF-8，带或不带 BOM；GB18030/GBK）或 XLSX。表头可用常见列名，如
                  行政处罚决定书文号、被处罚单位名称、违法行为类型、违法的主要事实、行政处罚依据、
                  行政处罚内容、罚款金额（万元）、作出决定的日期
  --out <文件>    报告路径（默认：<输入文件>.audit.csv），UTF-8 带 BOM：输入各列之后为
                  line、verdict、unlisted、reasons、citations
  --at <日期>     既没有决定日期、决定书文号中也没有年份的行，按此日期选择适用的规则（默认：今天，北京时间）
  --serious-list <文件>
                  已导入的严重违法失信名单（CSV 或 XLSX，列名同管理页“名单”导入：企业名称或统一社会信用代码、
                  列入日期等）；当事人在名单上的案件不计为应列未列
  -h, --help      显示本说明

最后一行输出：audited N cases: must-list A, review B, not-required C, insufficient D`;

interface Args {
  input: string;
  out: string;
  at: string;
  seriousList: string | null;
}

function cliArgs(argv: readonly string[]): Args | 'help' {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        out: { type: 'string' },
        at: { type: 'string' },
        'serious-list': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (e) {
    throw usageErrorOf(e);
  }
  const { values, positionals } = parsed;
  if (values.help) return 'help';
  for (const name of ['out', 'at', 'serious-list'] as const) {
    if (values[name] === '') throw new UsageError(`选项 --${name} 缺少取值`);
  }
  const [input, extra] = positionals;
  if (extra !== undefined) throw new UsageError(`只能审查一个文件，多出的参数：${extra}`);
  if (input === undefined) throw new UsageError('请指定要审查的案件导出文件');
  const { out, at } = values;
  const seriousList = values['serious-list'] ?? null;
  let date = todayInChina();
  if (at !== undefined) {
    if (!isIsoDate(at)) throw new UsageError(`--at 应为 YYYY-MM-DD 格式的真实日期，收到：${at}`);
    date = at;
  }
  return { input, out: out ?? `${input}.audit.csv`, at: date, seriousList };
}

function loadTranslator() {
  const path = new URL('../public/_locales/zh_CN/messages.json', import.meta.url);
  return translatorFromMessages(JSON.parse(readFileSync(path, 'utf8')) as Record<string, MessageEntry>);
}

/** A file error as the console says it: the zh_CN locale file's wording of its message. */
const ioText = (e: IoError): string => wordMessage(e.userMessage, loadTranslator());

// Any file longer than this shows its progress, however fast the audit.
const PROGRESS_FROM_ROWS = 10_000;

/** Progress on stderr, never on stdout: once 10,000 rows are audited or a second has passed, then at most once a second. */
function progressReporter(): { rows(n: number): void; bytes(read: number, total: number | undefined): void; end(): void } {
  const tty = process.stderr.isTTY === true;
  const started = Date.now();
  let last = started;
  let rows = 0;
  let pct: number | null = null;
  let shown = false;
  const show = (): void => {
    const now = Date.now();
    if (now - last < 1000 && (shown || rows < PROGRESS_FROM_ROWS)) return;
    last = now;
    const rate = Math.round((rows / Math.max(1, now - started)) * 1000);
    const text = `已审查 ${rows} 行${pct === null ? '' : `（已读 ${pct}%）`}，每秒 ${rate} 行`;
    process.stderr.write(tty ? `\r\x1b[K${text}` : `${text}\n`);
    shown = true;
  };
  return {
    rows(n) {
      rows = n;
      show();
    },
    bytes(read, total) {
      if (total) pct = Math.floor((read / total) * 100);
    },
    end() {
      if (shown && tty) process.stderr.write('\r\x1b[K');
    },
  };
}

/** Thrown by a step of the CLI with the message to print after 错误：. */
class CliFailure extends Error {}

/** The input and report paths, resolved; a missing input or a report over the input fails. */
function checkedPaths(args: Args): { input: string; out: string } {
  const input = resolve(args.input);
  const out = resolve(args.out);
  try {
    if (!statSync(input).isFile()) throw new UsageError(`不是文件：${args.input}`);
  } catch (e) {
    throw new CliFailure(e instanceof UsageError ? e.message : `找不到文件：${args.input}`);
  }
  if (out === input) throw new CliFailure('报告路径不能与输入文件相同');
  return { input, out };
}

type SeriousList = Awaited<ReturnType<typeof seriousListFromFile>>;

/** The serious list given with --serious-list, read whole before the audit starts. */
async function loadSeriousList(file: string): Promise<SeriousList> {
  const path = resolve(file);
  try {
    if (!statSync(path).isFile()) throw new UsageError(`不是文件：${file}`);
    return await seriousListFromFile({ name: basename(path), source: await openAsBlob(path) }, bundledPacks);
  } catch (e) {
    throw new CliFailure(
      isIoError(e)
        ? ioText(e)
        : e instanceof UsageError || e instanceof SeriousListFileError
          ? e.message
          : (e as NodeJS.ErrnoException).code === 'ENOENT'
            ? `找不到名单文件：${file}`
            : `无法读取名单文件：${e instanceof Error ? e.message : String(e)}`,
    );
  }
}

/** Streams the report, batch by batch, waiting when the disk is slower than the audit. */
async function writeReport(run: AuditRun, ws: WriteStream): Promise<void> {
  const failed = new Promise<never>((_, reject) => ws.once('error', reject));
  failed.catch(() => undefined);
  const write = async (text: string): Promise<void> => {
    if (!ws.write(text)) await Promise.race([once(ws, 'drain'), failed]);
  };
  await write(`\uFEFF${csvRow(reportHeader(run.header))}\r\n`);
  for await (const batch of run.rows) {
    if (batch.length === 0) continue;
    let chunk = '';
    for (const row of batch) chunk += `${csvRow(reportCells(row))}\r\n`;
    await write(chunk);
  }
  ws.end();
  await Promise.race([once(ws, 'finish'), failed]);
}

/** What the run found, on stdout; the contract's summary line last. */
function printSummary(run: AuditRun, list: SeriousList | null, out: string): void {
  const s = run.summary;
  if (run.header.unknown.length > 0) process.stdout.write(`未识别的列（原样保留）：${run.header.unknown.join('、')}\n`);
  if (list) {
    const bad =
      list.invalid.length > 0
        ? `，${list.invalid.length} 行无法读取（第 ${list.invalid.slice(0, 10).join('、')} 行${list.invalid.length > 10 ? '等' : ''}）`
        : '';
    process.stdout.write(`严重违法失信名单：${list.rows} 条${bad}\n`);
  }
  process.stdout.write(`报告已写入：${out}\n`);
  process.stdout.write(`应列未列：是 ${s.unlisted.yes} 件，可能 ${s.unlisted.possible} 件\n`);
  process.stdout.write(`${summaryLine(s)}\n`);
}

function auditFailure(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  if (isIoError(e)) return ioText(e);
  return e instanceof AuditError
    ? e.message
    : code === 'EACCES' || code === 'ENOENT'
      ? `无法读写文件：${(e as Error).message}`
      : `审查失败：${e instanceof Error ? e.message : String(e)}`;
}

/** Audits the file into `out` (written whole or not at all: a `.partial` file is renamed at the end). */
async function audit(args: Args, input: string, out: string, list: SeriousList | null): Promise<void> {
  const t = loadTranslator();
  const progress = progressReporter();
  const partial = `${out}.partial`;
  let stream: WriteStream | null = null;
  try {
    const run = await auditFile(
      { name: basename(input), source: await openAsBlob(input) },
      {
        at: args.at,
        packs: bundledPacks,
        t,
        onProgress: progress.rows,
        read: { onProgress: progress.bytes },
        ...(list ? { seriousList: list.check } : {}),
      },
    );
    stream = createWriteStream(partial);
    await writeReport(run, stream);
    renameSync(partial, out);
    progress.end();
    printSummary(run, list, out);
  } catch (e) {
    progress.end();
    stream?.destroy();
    rmSync(partial, { force: true });
    throw new CliFailure(auditFailure(e));
  }
}

async function main(argv: readonly string[]): Promise<number> {
  let args: Args | 'help';
  try {
    args = cliArgs(argv);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    process.stderr.write(`错误：${e.message}\n\n${HELP}\n`);
    return 1;
  }
  if (args === 'help') {
    process.stdout.write(`${HELP}\n`);
    return 0;
  }
  try {
    const { input, out } = checkedPaths(args);
    const list = args.seriousList === null ? null : await loadSeriousList(args.seriousList);
    await audit(args, input, out, list);
    return 0;
  } catch (e) {
    if (!(e instanceof CliFailure)) throw e;
    process.stderr.write(`错误：${e.message}\n`);
    return 1;
  }
}

process.exitCode = await main(process.argv.slice(2));
