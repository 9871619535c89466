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

/**
 * Calls made before timing, or fewer when they take long: by then the engine has compiled what runs often (the
 * splice code reaches its steady speed after a few hundred calls at 500 fields; before, it runs about 1.5× slower).
 */
const WARM_UP_CALLS = 300;
const WARM_UP_MS = 1000;

interface Timed {
  fn: () => unknown;
  before?: () => void;
}

function warmUp({ fn, before }: Timed): void {
  const t0 = performance.now();
  for (let i = 0; i < WARM_UP_CALLS && performance.now() - t0 < WARM_UP_MS; i++) {
    before?.();
    fn();
  }
}

/** Headless Chromium's clock ticks in 0.1 ms steps: fast calls are repeated until a sample lasts at least 2 ms. */
function repetitions({ fn, before }: Timed): number {
  let reps = 1;
  for (;;) {
    const t0 = performance.now();
    for (let r = 0; r < reps; r++) {
      before?.();
      fn();
    }
    if (performance.now() - t0 >= 2 || reps >= 4096) return reps;
    reps *= 2;
  }
}

/** One sample: the time of one call, over `reps` calls (what runs before each is not timed). */
function sample({ fn, before }: Timed, reps: number): number {
  let spent = 0;
  for (let r = 0; r < reps; r++) {
    before?.();
    const t0 = performance.now();
    fn();
    spent += performance.now() - t0;
  }
  return spent / reps;
}

/**
 * Median time of one call, once warmed up (as on a page where the handler has been typing a while). Each figure
 * is timed in a loop of its own: timed in turn with the bare walk, sample by sample, a read after a change measured
 * about 1.5× slower (likely colder processor caches), the walk hardly.
 */
function time(iterations: number, timed: Timed): number {
  warmUp(timed);
  const reps = repetitions(timed);
  const xs: number[] = [];
  for (let i = 0; i < iterations; i++) xs.push(sample(timed, reps));
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
  readForm: (iterations: number) => time(iterations, { fn: () => readForm(document) }),
  /**
   * Median read after a change, beside the bare walk timed right after it; the shares of those reads that planned
   * the page afresh or in part; and the layout the change costs the page alone. The page is laid out before each
   * read, as it is when the watcher reads after its quiet time: that layout is the page's own cost, reported beside.
   */
  readFormAfter(change: 'node' | 'tick' | 'message' | 'field', iterations: number) {
    const edit = { node: touchStructure, tick, message: validationMessage, field: fieldAdded }[change];
    const reflow = time(iterations, { fn: () => (document.body as HTMLElement).offsetHeight, before: edit });
    // the changes made unread above are many: one read takes them in, as a page's first read would
    readForm(document);
    let reads = 0;
    const made = plansMade.count;
    const spliced = plansSpliced.count;
    const read = {
      fn: () => readForm(document),
      before: () => {
        edit();
        void (document.body as HTMLElement).offsetHeight;
        reads++;
      },
    };
    const ms = time(iterations, read);
    const walk = time(iterations, { fn: bareWalk });
    return {
      ms: ms!,
      replanned: (plansMade.count - made) / reads,
      spliced: (plansSpliced.count - spliced) / reads,
      reflow: reflow!,
      walk: walk!,
    };
  },
  baseline: (iterations: number) => time(iterations, { fn: bareWalk }),
  factsAndAssessment(iterations: number) {
    const snapshot = readForm(document);
    const today = '2026-11-22';
    return time(iterations, { fn: () => assess(readCase(snapshot).facts, bundledPacks, { today }) });
  },
};

// as in the reader once a page has changed its structure (the splice part loaded)
provideSplicer(splicePlan);
(window as unknown as { __ccaBench: typeof api }).__ccaBench = api;
