/**
 * Bundled into the bench pages by scripts/bench.mjs: times the reader's pure stages inside real Chromium,
 * each beside a baseline measured in the same page and run.
 */
import { readCase } from '../../lib/facts';
import { readForm } from '../../lib/form/read';
import { assess, bundledPacks } from '../../lib/rules';

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

/**
 * Median time of one call. Headless Chromium's clock ticks in 0.1 ms steps, so fast calls are repeated
 * within each sample until a sample lasts at least 2 ms, and the sample is divided by the repetitions.
 */
function time(fn: () => unknown, iterations: number, before?: () => void): number {
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

// a structural change, so the next read cannot reuse its cached plan of the form
let flip = 0;
function touchStructure(): void {
  const marker = document.createElement('span');
  marker.textContent = String(flip++);
  document.body.append(marker);
  marker.remove();
}

const api = {
  fields: () => readForm(document).fields.length,
  readForm: (iterations: number) => time(() => readForm(document), iterations),
  readFormCold: (iterations: number) => time(() => readForm(document), iterations, touchStructure),
  baseline: (iterations: number) => time(bareWalk, iterations),
  factsAndAssessment(iterations: number) {
    const snapshot = readForm(document);
    const today = '2026-11-22';
    return time(() => assess(readCase(snapshot).facts, bundledPacks, { today }), iterations);
  },
};

(window as unknown as { __ccaBench: typeof api }).__ccaBench = api;
