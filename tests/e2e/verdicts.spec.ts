import cases from '../fixtures/demo/data/cases.json' with { type: 'json' };
import { demoUrl, expandOverlay, expect, frameWith, overlay, test, verdict, type DemoCase } from './fixtures';

const demo = cases as unknown as DemoCase[];

test.describe('every demo case gets its verdict on the penalty form, and a draft never shows 应列未列', () => {
  for (const c of demo) {
    test(`${c.id}: ${c.expect.verdict}`, async ({ page, server }) => {
      await page.goto(demoUrl(server, 'spa/decision.html', { case: c.id }));
      await expect(verdict(page)).toHaveAttribute('data-verdict', c.expect.verdict);
      const decided = Boolean(c.decisionNo || c.decisionDate);
      if (!decided) await expect(page.locator('credit-case-assistant [data-testid="unlisted"]')).toHaveCount(0);
      else if (c.expect.unlisted !== 'no') {
        await expect(page.locator('credit-case-assistant [data-testid="unlisted"]')).toHaveAttribute('data-level', c.expect.unlisted);
      }
      await expandOverlay(page);
      for (const citation of c.expect.citations) {
        await expect(overlay(page).locator(`[data-testid="reason"][data-citation="${citation}"]`)).toHaveCount(1);
      }
      for (const article of c.expect.articles) {
        await expect(overlay(page).locator(`[data-testid="reason"][data-citation*="/art${article}/"]`).first()).toBeVisible();
      }
      for (const key of c.expect.missing ?? []) {
        await expect(overlay(page).locator(`[data-testid="missing"] [data-key="${key}"]`)).toHaveCount(1);
      }
      const restriction = overlay(page).locator('[data-testid="related"][data-citation^="company-law"]');
      await expect(restriction).toHaveCount(c.expect.legalRepRestriction ? 1 : 0);
      // every reason says how sure the law behind it is
      for (const status of await overlay(page)
        .locator('[data-testid="reason"]')
        .evaluateAll((els) => els.map((e) => e.getAttribute('data-status')))) {
        expect(['confirmed', 'partial', 'unconfirmed']).toContain(status);
      }
    });
  }
});

test.describe('the read-only case view tells reviewers 应列未列', () => {
  for (const c of demo) {
    test(`${c.id}: unlisted ${c.expect.unlistedOnView}`, async ({ page, server }) => {
      await page.goto(demoUrl(server, 'view/case.html', { id: c.id }));
      await expect(verdict(page)).toHaveAttribute('data-verdict', c.expect.verdict);
      const banner = page.locator('credit-case-assistant [data-testid="unlisted"]');
      if (c.expect.unlistedOnView === 'no') await expect(banner).toHaveCount(0);
      else await expect(banner).toHaveAttribute('data-level', c.expect.unlistedOnView);
    });
  }
});

test('a handler typing the penalty sees the verdict change live: revocation → must-list, 一般 fine → not-required', async ({
  page,
  server,
}) => {
  await page.goto(demoUrl(server, 'spa/decision.html', { case: 'food-revoke' }));
  await expect(verdict(page)).toHaveAttribute('data-verdict', 'must-list');
  await expandOverlay(page);
  await expect(overlay(page).locator('[data-testid="reason"][data-citation="order44-2021/art2/2"]')).toHaveCount(1);
  await expect(overlay(page).locator('[data-testid="reason"][data-citation^="order44-2021/art5/"]').first()).toBeVisible();
  // out of the way of the form, as a handler would do
  await overlay(page).locator('[data-testid="collapse"]').click();

  const kinds = page.locator('.el-form-item', { hasText: '处罚种类' });
  await kinds.locator('label', { hasText: '吊销许可证件' }).click();
  await kinds.locator('label', { hasText: '没收违法所得' }).click();
  const content = page.locator('.el-form-item', { hasText: '处罚内容' }).locator('textarea').first();
  await content.fill('罚款人民币354000元。');
  await expect(verdict(page)).toHaveAttribute('data-verdict', 'not-required');

  await content.fill('罚款人民币354000元，吊销食品经营许可证。');
  await expect(verdict(page)).toHaveAttribute('data-verdict', 'must-list');
});

test('the legacy frameset form gets the same verdict as the modern one', async ({ page, server }) => {
  await page.goto(demoUrl(server, 'legacy/index.html', { case: 'food-revoke' }));
  const form = await frameWith(page, 'decision_form.html');
  await expect(verdict(form)).toHaveAttribute('data-verdict', 'must-list');
});

test('a decision before 2021-09-01 is told the measure was not yet in force', async ({ page, server }) => {
  await page.goto(demoUrl(server, 'spa/decision.html', { case: 'old-2019' }));
  await expect(verdict(page)).toHaveAttribute('data-verdict', 'not-required');
  await expandOverlay(page);
  await expect(overlay(page).locator('[data-testid="reason"]').first()).toContainText('2021');
});

test('a decision date known only to the year or month is an interval: before the Order, across it, inside it', async ({ page, server }) => {
  await page.goto(demoUrl(server, 'legacy/index.html', { case: 'food-revoke' }));
  const form = await frameWith(page, 'decision_form.html');
  await expect(verdict(form)).toHaveAttribute('data-verdict', 'must-list');
  const date = form.locator('input[name="jdrq"]');
  const unlisted = form.locator('credit-case-assistant [data-testid="unlisted"]');

  await date.fill('2016年10月');
  await expect(verdict(form)).toHaveAttribute('data-verdict', 'not-required');
  await expect(unlisted).toHaveCount(0);

  // Across 2021-09-01: review, naming the missing day, and never 应列未列 (the decision may predate the Order).
  await date.fill('2021年');
  await expect(verdict(form)).toHaveAttribute('data-verdict', 'review');
  await expect(unlisted).toHaveCount(0);
  await expandOverlay(form);
  await expect(overlay(form).locator('[data-testid="reason"][data-citation="order44-2021/effective-from"]')).toContainText('2021-09-01');
  await expect(overlay(form).locator('[data-testid="missing"] [data-key="decisionDate"]')).toHaveCount(1);

  await date.fill('2022年3月');
  await expect(verdict(form)).toHaveAttribute('data-verdict', 'must-list');
  await expect(unlisted).toHaveAttribute('data-level', 'yes');
});

test('penalties as real decisions write them: 撤销…资格 at its own status, a fine with signs of aggravation', async ({ page, server }) => {
  await page.goto(demoUrl(server, 'legacy/index.html', { case: 'food-revoke' }));
  const form = await frameWith(page, 'decision_form.html');
  await expect(verdict(form)).toHaveAttribute('data-verdict', 'must-list');
  const content = form.locator('textarea[name="cfnr"]');
  // the kinds ticked on the form name penalties too: only the text below is left
  const boxes = form.locator('input[name="cfzl"]');
  for (let i = 0; i < (await boxes.count()); i++) await boxes.nth(i).uncheck();
  await content.fill('撤销当事人食品生产许可');
  await expect(verdict(form)).toHaveAttribute('data-verdict', 'must-list');
  await expandOverlay(form);
  await expect(overlay(form).locator('[data-testid="reason"][data-citation="order44-2021/art2/2"]')).toHaveAttribute(
    'data-status',
    'partial',
  );

  // A fine whose level the form does not state, and facts that show an earlier penalty: review, saying why.
  await form.locator('select[name="cl"]').selectOption('');
  await form.locator('input[name="fkje"]').fill('');
  await content.fill('罚款人民币3万元');
  const facts = form.locator('textarea[name="wfss"]');
  await facts.fill(`${await facts.inputValue()}当事人曾因同类违法行为受到行政处罚，屡罚不改。`);
  await expect(verdict(form)).toHaveAttribute('data-verdict', 'review');
  await expect(overlay(form).locator('[data-testid="reason"][data-citation="order44-2021/art12/0"]')).toContainText('屡罚不改');
  await expect(overlay(form).locator('[data-testid="missing"] [data-key="aggravation"]')).toHaveCount(1);
});
