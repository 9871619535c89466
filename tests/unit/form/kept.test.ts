// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { KeptAncestors, KeptParts } from '../../../lib/form/kept';
import type { PlanItem } from '../../../lib/form/items';
import { aroundOf, claimedBy, planWith } from '../../../lib/form/plan';
import { fieldScopes, rankedScopes } from '../../../lib/form/regions';
import { FIXTURE_PAGES, showPage } from './helpers';

// What a splice keeps of the items' reading, brought up to date item by item, must be what counting afresh finds.

/** Elements the items and headings read, and their ancestors, counted afresh. */
function afresh(items: Parameters<typeof claimedBy>[0], headings: readonly Element[]): { claimed: Set<Element>; around: Set<Element> } {
  const claimed = claimedBy(items);
  for (const h of headings) claimed.add(h);
  return { claimed, around: aroundOf(claimed) };
}

function agree(kept: KeptParts, fresh: ReturnType<typeof afresh>): void {
  for (const el of Array.from(document.querySelectorAll('*'))) {
    expect(kept.claimed.has(el), el.outerHTML.slice(0, 80)).toBe(fresh.claimed.has(el));
    expect(kept.around.has(el), el.outerHTML.slice(0, 80)).toBe(fresh.around.has(el));
  }
}

describe('the read parts a splice keeps', () => {
  for (const page of ['legacy decision form', 'OA workflow']) {
    it(`are those counted afresh as items go and come (${page})`, () => {
      showPage(FIXTURE_PAGES[page]!);
      const { plan, headings } = planWith(document);
      const items = plan.items;
      expect(items.length).toBeGreaterThan(6);
      const kept = new KeptParts(items, headings);
      let was = afresh(items, headings);
      agree(kept, was);
      // each change gives the elements read now that were not, or no longer read
      const step = (gone: Set<PlanItem>, made: PlanItem[], now: PlanItem[]): void => {
        const turned = new Set(kept.change(gone, made));
        const fresh = afresh(now, headings);
        agree(kept, fresh);
        const expected = [...was.claimed, ...fresh.claimed].filter((el) => was.claimed.has(el) !== fresh.claimed.has(el));
        expect(turned).toEqual(new Set(expected));
        was = fresh;
      };
      // every third item goes; then half of those come back with the rest kept
      const gone = new Set(items.filter((_, i) => i % 3 === 0));
      const left = items.filter((it) => !gone.has(it));
      step(gone, [], left);
      const back = [...gone].filter((_, i) => i % 2 === 0);
      // an item both gone and made (a step run again that kept it) stays
      step(new Set([left[0]!]), [...back, left[0]!], [...left, ...back]);
      // an item whose field left the page: its former ancestors no longer hold what it read
      const taken = left.find((it) => it.el !== it.visEl || it.labelEl)!;
      taken.el.remove();
      step(
        new Set([taken]),
        [],
        [...left, ...back].filter((it) => it !== taken),
      );
    });
  }
});

describe('the containers a splice keeps for each field', () => {
  it('are those found afresh as fields come and go, containers become shared and stop being shared', () => {
    let seed = 7;
    const random = (n: number): number => {
      seed = (seed * 48271) % 2147483647;
      return seed % n;
    };
    // stable ids for elements, as document positions are for a plan
    const numbers = new Map<Element, number>();
    const id = (el: Element): number => {
      if (!numbers.has(el)) numbers.set(el, numbers.size);
      return numbers.get(el)!;
    };
    document.body.innerHTML = '<form><div class="wrap"><div class="g"><input><input></div><div class="g"><input></div></div></form>';
    const kept = new KeptAncestors();
    const fields = (): Element[] => Array.from(document.querySelectorAll('input'));
    for (let step = 0; step < 200; step++) {
      const all = Array.from(document.querySelectorAll('form, form div'));
      const inputs = fields();
      const op = random(4);
      if (op === 0 && inputs.length > 1) inputs[random(inputs.length)]!.remove();
      else if (op === 1 && all.length > 1) all[1 + random(all.length - 1)]!.remove();
      else {
        const box = document.createElement('div');
        box.innerHTML = random(2) ? '<input>' : '<div><input></div><input>';
        all[random(all.length)]!.append(box);
      }
      // a field read one time and not the next (a list's record left out): counted as gone
      const els = fields().filter((_, i) => random(10) > 0 || i === 0);
      expect(kept.scopes(els, id)).toEqual(rankedScopes(fieldScopes(els, null, id)));
    }
  });
});
