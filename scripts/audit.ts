// `npm run audit -- <file.csv|file.xlsx> [--out report.csv] [--at YYYY-MM-DD] [--serious-list <file>]`: the bulk
// audit (批量审查) of a case export (ARCHITECTURE.md "Bulk audit CLI"). The report is streamed to disk batch by
// batch; its last stdout line is the contract's summary line. Progress goes to stderr.
import { once } from 'node:events';
import { createWriteStream, openAsBlob, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { csvRow, isIoError } from '../lib/io';
import { SeriousListFileError, seriousListFromFile } from '../lib/entities/serious-check';
import { AuditError, auditFile, reportCells, reportHeader, summaryLine } from '../lib/rules/audit';
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

/** Progress on stderr for files that take a while: at most once a second, never on stdout. */
function progressReporter(): { rows(n: number): void; bytes(read: number, total: number | undefined): void; end(): void } {
  const tty = process.stderr.isTTY === true;
  const started = Date.now();
  let last = started;
  let rows = 0;
  let pct: number | null = null;
  let shown = false;
  const show = (): void => {
    const now = Date.now();
    if (now - last < 1000) return;
    last = now;
    const rate = Math.round((rows / (now - started)) * 1000);
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
  const input = resolve(args.input);
  const out = resolve(args.out);
  try {
    if (!statSync(input).isFile()) throw new UsageError(`不是文件：${args.input}`);
  } catch (e) {
    const message = e instanceof UsageError ? e.message : `找不到文件：${args.input}`;
    process.stderr.write(`错误：${message}\n`);
    return 1;
  }
  if (out === input) {
    process.stderr.write('错误：报告路径不能与输入文件相同\n');
    return 1;
  }
  let list: Awaited<ReturnType<typeof seriousListFromFile>> | null = null;
  if (args.seriousList !== null) {
    const path = resolve(args.seriousList);
    try {
      if (!statSync(path).isFile()) throw new UsageError(`不是文件：${args.seriousList}`);
      list = await seriousListFromFile({ name: basename(path), source: await openAsBlob(path) }, bundledPacks);
    } catch (e) {
      const message =
        e instanceof UsageError || e instanceof SeriousListFileError || isIoError(e)
          ? e.message
          : (e as NodeJS.ErrnoException).code === 'ENOENT'
            ? `找不到名单文件：${args.seriousList}`
            : `无法读取名单文件：${e instanceof Error ? e.message : String(e)}`;
      process.stderr.write(`错误：${message}\n`);
      return 1;
    }
  }

  const t = loadTranslator();
  const progress = progressReporter();
  const partial = `${out}.partial`;
  let stream: ReturnType<typeof createWriteStream> | null = null;
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
    const ws = createWriteStream(partial);
    stream = ws;
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
    renameSync(partial, out);
    progress.end();
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
    return 0;
  } catch (e) {
    progress.end();
    stream?.destroy();
    rmSync(partial, { force: true });
    const message =
      isIoError(e) || e instanceof AuditError
        ? e.message
        : (e as NodeJS.ErrnoException).code === 'EACCES' || (e as NodeJS.ErrnoException).code === 'ENOENT'
          ? `无法读写文件：${(e as Error).message}`
          : `审查失败：${e instanceof Error ? e.message : String(e)}`;
    process.stderr.write(`错误：${message}\n`);
    return 1;
  }
}

process.exitCode = await main(process.argv.slice(2));
