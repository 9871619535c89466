// `npm run read -- <saved page.html | diagnosis.json | http://127.0.0.1:…> [--fixture out.html] [--json] [--at YYYY-MM-DD]`:
// what the reader sees on a page — fields, keys, verdict — without the extension. The page is opened in headless
// Chromium, offline, because the reader's visibility checks and its layout fallback need a layout engine (happy-dom
// or linkedom report no boxes, so they would under-read exactly the pages that need the fallback). A saved page is
// loaded without its scripts; a diagnosis (导出诊断) is first turned into a page reproducing its structure.
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';
import { chromium, type Page } from '@playwright/test';
import { diagnosisToHtml, parseDiagnosis } from '../lib/form/diagnose';
import { isIsoDate, todayInChina } from '../lib/text';
// @ts-expect-error plain ESM helper shared with the demo, the e2e tests and the bench
import { HOW_TO_GET_CHROMIUM, chromiumEnv, chromiumExecutable } from './chromium.mjs';
import type { FormDiagnosis } from '../lib/form/diagnose';
import type { PageReading } from './read-page';
import { UsageError, usageErrorOf } from './cli-args';

/** What scripts/read-page.ts puts on the page. */
interface InPage {
  __ccaRead: { read(today: string): PageReading; diagnose(): FormDiagnosis };
}

const HELP = `用法：npm run read -- <保存的页面.html | 诊断.json | http://127.0.0.1:端口/页面> [选项]

在无界面 Chromium 中（离线）打开页面，显示助手读到的内容：字段、对应的逻辑字段、结论。

  --fixture <文件>  把诊断（或页面）转成可复现结构的测试页面（值为占位内容）并写入该文件
  --diagnosis <文件> 把页面的诊断（结构，所有值已遮盖）写入该文件，与悬浮窗“导出诊断”相同
  --json            以 JSON 输出读到的内容
  --at <日期>       没有决定日期时按此日期选择规则（默认：今天，北京时间）
  --wait <毫秒>     网址页面加载后等待渲染的时间（默认 1500）
  -h, --help        显示本说明`;

interface Args {
  input: string;
  fixture?: string;
  diagnosis?: string;
  json: boolean;
  at: string;
  wait: number;
}

function cliArgs(argv: readonly string[]): Args | 'help' {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        fixture: { type: 'string' },
        diagnosis: { type: 'string' },
        json: { type: 'boolean' },
        at: { type: 'string' },
        wait: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (e) {
    throw usageErrorOf(e);
  }
  const { values, positionals } = parsed;
  if (values.help) return 'help';
  for (const name of ['fixture', 'diagnosis', 'at', 'wait'] as const) {
    if (values[name] === '') throw new UsageError(`选项 --${name} 缺少取值`);
  }
  const [input, extra] = positionals;
  if (extra !== undefined) throw new UsageError(`只能读取一个页面，多出的参数：${extra}`);
  if (input === undefined) throw new UsageError('请指定页面文件、诊断文件或本机网址');
  if (values.at !== undefined && !isIsoDate(values.at)) throw new UsageError(`--at 应为 YYYY-MM-DD 格式的真实日期，收到：${values.at}`);
  const wait = values.wait === undefined ? 1500 : Number(values.wait);
  if (!Number.isFinite(wait) || wait < 0) throw new UsageError(`--wait 应为毫秒数，收到：${values.wait}`);
  return {
    input,
    ...(values.fixture !== undefined ? { fixture: values.fixture } : {}),
    ...(values.diagnosis !== undefined ? { diagnosis: values.diagnosis } : {}),
    json: values.json === true,
    at: values.at ?? todayInChina(),
    wait,
  };
}

/** Only this machine: the reader never sends anything anywhere, and neither does this tool. */
function isLocalUrl(s: string): boolean {
  try {
    const u = new URL(s);
    return /^https?:$/.test(u.protocol) && ['127.0.0.1', 'localhost', '[::1]'].includes(u.hostname);
  } catch {
    return false;
  }
}

const SCRIPT = /<script\b[\s\S]*?<\/script\s*>/gi;

/** The page to read: a saved page without its scripts, or the page a diagnosis describes. */
function pageHtml(input: string): { html: string; fromDiagnosis: boolean } {
  const text = readFileSync(input, 'utf8');
  if (/^\s*\{/.test(text)) {
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch (e) {
      throw new UsageError(`诊断文件不是有效的 JSON：${(e as Error).message}`);
    }
    const d = parseDiagnosis(data);
    if (!d.ok) throw new UsageError(`诊断文件格式不对：${d.error}`);
    return { html: diagnosisToHtml(d.diagnosis), fromDiagnosis: true };
  }
  return { html: text.replace(SCRIPT, ''), fromDiagnosis: false };
}

async function bundle(): Promise<string> {
  const root = fileURLToPath(new URL('..', import.meta.url));
  const out = await build({
    entryPoints: [resolve(root, 'scripts/read-page.ts')],
    bundle: true,
    format: 'iife',
    write: false,
    logLevel: 'warning',
    define: { 'process.env.NODE_ENV': '"production"' },
  });
  return out.outputFiles[0]!.text;
}

async function openPage(page: Page, args: Args): Promise<void> {
  // nothing leaves this machine: every request but a local page's own is refused
  await page.route('**/*', (route) => (isLocalUrl(route.request().url()) ? route.continue() : route.abort()));
  if (isLocalUrl(args.input)) {
    await page.goto(args.input, { waitUntil: 'load' });
    await page.waitForTimeout(args.wait);
    return;
  }
  const { html } = pageHtml(args.input);
  await page.setContent(html, { waitUntil: 'load' });
}

const oneLine = (s: string): string => s.replace(/\s*\n\s*/g, ' ⏎ ');

function print(r: PageReading): void {
  const lines: string[] = [];
  lines.push(`页面标题：${r.headings.join(' / ') || '（无）'}`);
  lines.push(`字段（${r.fields.length}）：`);
  for (const f of r.fields) {
    const key = f.key ? ` → ${f.key}` : '';
    const filter = f.filter ? ' [查询栏]' : '';
    lines.push(`  ${f.label || '（无标签）'}｜${f.kind}｜${f.source}${key}${filter}：${oneLine(f.value)}`);
  }
  lines.push('逻辑字段：');
  for (const [k, v] of Object.entries(r.keys)) lines.push(`  ${k}：${oneLine(v)}`);
  lines.push(`表单类型：${r.formKind}${r.readOnlyView ? '（只读）' : ''}${r.decided ? '，已作出决定' : ''}`);
  lines.push(`未读到的核心字段：${r.missingCore.join('、') || '无'}`);
  lines.push(`结论：${r.verdict}；应列未列：${r.unlisted}`);
  for (const reason of r.reasons) lines.push(`  理由：${reason}`);
  if (r.missing.length > 0) lines.push(`  需补充：${r.missing.join('、')}`);
  process.stdout.write(`${lines.join('\n')}\n`);
}

async function main(argv: readonly string[]): Promise<number> {
  let args: Args | 'help';
  try {
    args = cliArgs(argv);
    if (args !== 'help' && !isLocalUrl(args.input)) pageHtml(args.input);
  } catch (e) {
    if (!(e instanceof UsageError) && !(e as NodeJS.ErrnoException).code) throw e;
    const msg = e instanceof UsageError ? e.message : `读不到文件：${(e as Error).message}`;
    process.stderr.write(`错误：${msg}\n\n${HELP}\n`);
    return 1;
  }
  if (args === 'help') {
    process.stdout.write(`${HELP}\n`);
    return 0;
  }
  let executablePath: string | undefined;
  try {
    executablePath = chromiumExecutable() ?? chromium.executablePath();
  } catch (e) {
    process.stderr.write(`${String(e)}\n${HOW_TO_GET_CHROMIUM}\n`);
    return 1;
  }
  const script = await bundle();
  const browser = await chromium.launch({ executablePath, env: chromiumEnv(), headless: true, args: ['--no-sandbox', '--disable-gpu'] });
  try {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
    await openPage(page, args);
    await page.addScriptTag({ content: script });
    if (args.diagnosis) {
      const d = await page.evaluate(() => (window as unknown as InPage).__ccaRead.diagnose());
      writeFileSync(args.diagnosis, `${JSON.stringify(d, null, 1)}\n`);
      process.stderr.write(`已写入诊断：${args.diagnosis}\n`);
    }
    if (args.fixture) {
      const fromDiagnosis = !isLocalUrl(args.input) && pageHtml(args.input).fromDiagnosis;
      const html = fromDiagnosis
        ? pageHtml(args.input).html
        : diagnosisToHtml(await page.evaluate(() => (window as unknown as InPage).__ccaRead.diagnose()));
      writeFileSync(args.fixture, html);
      process.stderr.write(`已写入测试页面：${args.fixture}\n`);
    }
    const reading = await page.evaluate((today) => (window as unknown as InPage).__ccaRead.read(today), args.at);
    if (args.json) process.stdout.write(`${JSON.stringify(reading, null, 2)}\n`);
    else print(reading);
    return 0;
  } finally {
    await browser.close();
  }
}

process.exitCode = await main(process.argv.slice(2));
