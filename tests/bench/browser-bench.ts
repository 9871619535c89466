/**
 * Bundled into the bench pages by scripts/bench.mjs: times the reader's pure stages inside real Chromium,
 * each beside a baseline measured in the same page and run.
 */
import { readCase } from '../../lib/facts';
import { plansMade } from '../../lib/form/plan-cache';
import { readForm } from '../../lib/form/read';
import { provideSplicer } from '../../lib/form/plan';
import { plansSpliced, splicePlan } from '../../lib/form/splice';
import { assess, bundledPacks } from '../../lib/rules';

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

/** Calls made before timing, or fewer when they take long: the engine has compiled what runs often by then. */
const WARM_UP_CALLS = 50;
const WARM_UP_MS = 200;

/**
 * Median time of one call, once warmed up (as on a page where the handler has been typing a while). Headless
 * Chromium's clock ticks in 0.1 ms steps, so fast calls are repeated within each sample until a sample lasts at
 * least 2 ms, and the sample is divided by the repetitions.
 */
function time(fn: () => unknown, iterations: number, before?: () => void): number {
  const warm = performance.now();
  for (let i = 0; i < WARM_UP_CALLS && performance.now() - warm < WARM_UP_MS; i++) {
    before?.();
    fn();
  }
  let reps = 1;
  for (;;) {
    const t0 = performance.now();
    for (let r = 0; r < reps; r++) {
      before?.();
      fn();
    }
    if (performance.now() - t0 >= 2 || reps >= 4096) break;
    reps *= 2;
  }
  const xs: number[] = [];
  for (let i = 0; i < iterations; i++) {
    let spent = 0;
    for (let r = 0; r < reps; r++) {
      before?.();
      const t0 = performance.now();
      fn();
      spent += performance.now() - t0;
    }
    xs.push(spent / reps);
  }
  return median(xs);
}

/** What any form reader must at least do: find the controls and read their values. */
function bareWalk(): number {
  let n = 0;
  for (const el of document.querySelectorAll('input,select,textarea')) {
    n += (el as HTMLInputElement).value.length;
  }
  return n;
}

// Changes a page makes between two reads, each undone by the next call so the page stays the same size.
let flip = 0;

/** A node added and taken out again in the same task (a framework measuring something). */
function touchStructure(): void {
  const marker = document.createElement('span');
  marker.textContent = String(flip++);
  document.body.append(marker);
  marker.remove();
}

/** A clock outside the form ticks. */
function tick(): void {
  let clock = document.getElementById('bench-clock');
  if (!clock) {
    clock = document.createElement('div');
    clock.id = 'bench-clock';
    document.body.prepend(clock);
  }
  clock.textContent = `2026-11-22 08:00:${String(flip++ % 60).padStart(2, '0')}`;
}

/** A validation message appears under a field, or goes (Element UI and the like, on every keystroke). */
function validationMessage(): void {
  const shown = document.querySelector('.bench-error');
  if (shown) {
    shown.remove();
    return;
  }
  // under the input's box: its table cell, or the item's content box (Element UI's .el-form-item__content)
  const input = document.querySelector('input[name="f3"]')!;
  const msg = document.createElement('div');
  msg.className = 'bench-error';
  msg.textContent = '请输入正确的案件编号';
  (input.closest('td') ?? input.parentElement!.parentElement!).append(msg);
}

/** A field is added in the middle of the form (a dependent field shown), or taken away again: a real change of structure. */
function fieldAdded(): void {
  const added = document.querySelector('.bench-field');
  if (added) {
    added.remove();
    return;
  }
  const item = document.createElement('div');
  item.className = 'bench-field';
  item.innerHTML = '<label>联系地址</label><input name="bench-address" value="上海市">';
  const form = document.querySelector('form')!;
  form.insertBefore(item, form.children[Math.floor(form.children.length / 2)] ?? null);
}

const api = {
  fields: () => readForm(document).fields.length,
  readForm: (iterations: number) => time(() => readForm(document), iterations),
  /**
   * Median read after a change, the shares of those reads that planned the page afresh or in part, the layout
   * the change costs the page alone, and the bare walk timed right after (a baseline from the same moment: this
   * machine's speed drifts between figures). The page is laid out before each read, as it is when the watcher
   * reads after its quiet time: that layout is the page's own cost, reported beside.
   */
  readFormAfter(change: 'node' | 'tick' | 'message' | 'field', iterations: number) {
    const edit = { node: touchStructure, tick, message: validationMessage, field: fieldAdded }[change];
    const reflow = time(() => (document.body as HTMLElement).offsetHeight, iterations, edit);
    // the changes made unread above are many: one read takes them in, as a page's first read would
    readForm(document);
    let reads = 0;
    const made = plansMade.count;
    const spliced = plansSpliced.count;
    const ms = time(
      () => readForm(document),
      iterations,
      () => {
        edit();
        void (document.body as HTMLElement).offsetHeight;
        reads++;
      },
    );
    const walk = time(bareWalk, iterations);
    return { ms, replanned: (plansMade.count - made) / reads, spliced: (plansSpliced.count - spliced) / reads, reflow, walk };
  },
  baseline: (iterations: number) => time(bareWalk, iterations),
  factsAndAssessment(iterations: number) {
    const snapshot = readForm(document);
    const today = '2026-11-22';
    return time(() => assess(readCase(snapshot).facts, bundledPacks, { today }), iterations);
  },
};

// as in the reader once a page has changed its structure (the splice part loaded)
provideSplicer(splicePlan);
(window as unknown as { __ccaBench: typeof api }).__ccaBench = api;
