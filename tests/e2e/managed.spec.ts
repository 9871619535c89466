import type { BrowserContext, Page } from '@playwright/test';
import order44 from '../../rules/order44-2021.json' with { type: 'json' };
import { demoUrl, expect, expectNoReader, inExtension, overlay, test } from './fixtures';
import { launchIsolated, type Isolated } from './isolated';

/**
 * Managed deployment, end to end. Real policies live in /etc/…/policies (root, whole machine), so the test build
 * reads `__managedForTests` from storage.local as if it were storage.managed; everything after that — the
 * background's mirror, the popup, the dashboard, the reader — is the production path. Runs in a browser profile of
 * its own so the policy never reaches other tests.
 */

/** A made-up intranet name the test build holds no permission for, resolved to the fixture server. */
const UNAUTHORISED_HOST = 'ksb.scjg.internal';
const UNIT = '某市市场监督管理局（集中配置）';

function onHost(serverUrl: string, host: string, path: string): string {
  const u = new URL(path, serverUrl);
  u.hostname = host;
  return u.href;
}

function registeredMatches(context: BrowserContext): Promise<string[]> {
  return inExtension(context, async () => (await chrome.scripting.getRegisteredContentScripts()).flatMap((s) => s.matches ?? []));
}

async function setPolicy(context: BrowserContext, policy: Record<string, unknown> | null): Promise<void> {
  const sw = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  await sw.evaluate(async (p) => {
    if (p === null) await chrome.storage.local.remove('__managedForTests');
    else await chrome.storage.local.set({ __managedForTests: p });
  }, policy);
}

/** The popup's real page, acting on the tab showing `url` (Chrome's toolbar popup cannot be driven). */
async function popupFor(iso: Isolated, url: string): Promise<Page> {
  const id = await iso.context
    .serviceWorkers()[0]!
    .evaluate(async (u) => (await chrome.tabs.query({ url: u }))[0]?.id ?? -1, url.replace(/\?.*$/, '*'));
  expect(id).toBeGreaterThan(0);
  const popup = await iso.context.newPage();
  await popup.goto(`chrome-extension://${iso.extensionId}/popup.html?tabId=${id}`);
  return popup;
}

test.describe.configure({ mode: 'serial' });

let iso: Isolated;
test.beforeAll(async () => {
  iso = await launchIsolated({ hosts: [UNAUTHORISED_HOST] });
});
test.afterAll(async () => iso.close());

test('an administrator’s policy is applied, shown as managed and locked, and lifted again', async ({ server }) => {
  const ext = `chrome-extension://${iso.extensionId}`;
  const settings = await iso.context.newPage();
  // the user's own unit name, which the policy must hide but not destroy
  await settings.goto(`${ext}/options.html#settings`);
  await settings.getByTestId('unit-name').fill('我自己填的单位');
  await settings.getByTestId('save-settings').click();
  await expect(settings.getByRole('status')).toBeVisible();

  const unauthorised = onHost(server.url, UNAUTHORISED_HOST, 'spa/decision.html?case=food-revoke');
  const authorised = onHost(server.url, 'localhost', 'view/case.html?id=finished-unlisted');
  await setPolicy(iso.context, {
    unitName: UNIT,
    province: 'shanghai',
    sites: [new URL(unauthorised).origin, new URL(authorised).origin],
    colour: 'red',
  });

  // settings: the managed unit name and thresholds are shown, badged and locked; the broken part is reported
  await expect(settings.getByTestId('unit-name')).toHaveValue(UNIT);
  await expect(settings.getByTestId('unit-name')).toBeDisabled();
  await expect(settings.getByTestId('province')).toHaveValue('shanghai');
  await expect(settings.getByTestId('province')).toBeDisabled();
  await expect(settings.getByTestId('managed-badge').first()).toHaveText('由管理员统一配置');
  await expect(settings.getByTestId('policy-errors')).toContainText('colour');
  await expect(settings.getByTestId('recorder-name')).toBeEnabled();

  // a managed system the user has not authorised: the popup offers the one-click 授权, and nothing runs there yet
  // (opened once the policy's registrations are done: the authorised system's is among them)
  await expect.poll(() => registeredMatches(iso.context)).toContain(`http://localhost:${server.port}/*`);
  expect(await registeredMatches(iso.context)).not.toContain(`http://${UNAUTHORISED_HOST}:${server.port}/*`);
  const page = await iso.context.newPage();
  await page.goto(unauthorised);
  await expect(page.locator('.el-form-item').first()).toBeVisible();
  // (without host access the extension cannot read that tab's address until the toolbar click grants activeTab,
  // so the popup page is opened as such: the prompt does not depend on the tab it acts on)
  const popup = await iso.context.newPage();
  await popup.goto(`${ext}/popup.html`);
  await expect(popup.getByTestId('managed-pending')).toContainText(new URL(unauthorised).origin);
  await expect(popup.getByTestId('managed-pending')).not.toContainText(new URL(authorised).origin);
  await expect(popup.getByTestId('authorize')).toHaveText('授权');
  // the same page on an authorised origin shows the overlay; by then this one would have
  await expectNoReader(page, onHost(server.url, 'localhost', 'spa/decision.html?case=food-revoke'));

  // a managed system already authorised (the test build holds localhost): registered like any enabled one,
  // cannot be disabled, and its reader uses the managed unit name
  const view = await iso.context.newPage();
  await view.goto(authorised);
  await expect(overlay(view)).toBeVisible();
  const viewPopup = await popupFor(iso, authorised);
  await expect(viewPopup.getByTestId('popup-status')).toHaveAttribute('data-enabled', 'true');
  await expect(viewPopup.getByTestId('managed-badge')).toBeVisible();
  await expect(viewPopup.getByTestId('disable')).toHaveCount(0);
  if ((await overlay(view).getAttribute('data-collapsed')) === 'true') await overlay(view).getByTestId('expand').click();
  await overlay(view).getByTestId('record').click();
  // the managed unit counts as set, but is never shown in the page's frame; the recorder is still missing
  await expect(overlay(view).getByTestId('record-setup')).toContainText('记录人');
  await expect(overlay(view).getByTestId('record-setup')).not.toContainText('填报单位');
  await expect(overlay(view).getByTestId('record-submit')).toBeDisabled();
  await expect(overlay(view).getByTestId('record-form')).not.toContainText(UNIT);

  // the dashboard's site list: both managed systems, neither can be disabled, the unauthorised one is waiting
  const sites = await iso.context.newPage();
  await sites.goto(`${ext}/options.html#sites`);
  const pendingRow = sites.locator(`tr[data-origin="${new URL(unauthorised).origin}"]`);
  await expect(pendingRow).toContainText('待授权');
  await expect(pendingRow.getByRole('button')).toBeDisabled();
  await expect(sites.locator(`tr[data-origin="${new URL(authorised).origin}"]`).getByRole('button')).toBeDisabled();
  // and the background refuses to disable it even when asked directly
  const refused = await settings.evaluate(
    (origin) => chrome.runtime.sendMessage({ type: 'disableSite', origin }),
    new URL(authorised).origin,
  );
  expect(refused).toEqual({ ok: false, error: 'managed-site' });

  // lifting the policy gives the user's own values back and unlocks them
  await setPolicy(iso.context, null);
  await expect(settings.getByTestId('unit-name')).toHaveValue('我自己填的单位');
  await expect(settings.getByTestId('unit-name')).toBeEnabled();
  await expect(settings.getByTestId('managed-badge')).toHaveCount(0);
  await popup.reload();
  await expect(popup.getByTestId('popup-status')).toBeVisible();
  await expect(popup.getByTestId('managed-pending')).toHaveCount(0);
  // the system the policy enabled stays enabled, now as the user's own, which the user may disable
  await viewPopup.reload();
  await expect(viewPopup.getByTestId('popup-status')).toHaveAttribute('data-managed', 'false');
  await expect(viewPopup.getByTestId('disable')).toBeVisible();
});

test('managed site profiles and rule packs replace the user’s and cannot be edited', async ({ server }) => {
  const ext = `chrome-extension://${iso.extensionId}`;
  const origin = new URL(demoUrl(server, '')).origin;
  // a provincial re-issue of the bundled pack, pushed as JSON text like the policy schema asks
  const provincial = {
    ...JSON.parse(JSON.stringify(order44).replaceAll('"order44-2021/', '"sh-order44/')),
    id: 'sh-order44',
    jurisdiction: '上海',
  };
  await setPolicy(iso.context, {
    profiles: [
      {
        version: 1,
        origin,
        name: '集中配置的办案系统',
        pins: [{ key: 'partyName', selector: '#party-name' }],
        updatedAt: '2024-05-01T08:00:00.000Z',
      },
    ],
    rulePacks: [JSON.stringify(provincial), '{"id": "broken"}'],
  });
  const page = await iso.context.newPage();
  await page.goto(`${ext}/options.html#profiles`);
  const card = page.locator(`[data-testid="profile"][data-origin="${origin}"]`);
  await expect(card).toHaveAttribute('data-managed', 'true');
  await expect(card.getByTestId('managed-badge')).toBeVisible();
  await expect(card.getByRole('textbox').first()).toBeDisabled();
  await expect(card.getByRole('button', { name: '删除', exact: true })).toBeDisabled();
  await expect(card.getByRole('button', { name: '删除配置' })).toHaveCount(0);
  await expect(card.getByRole('button', { name: '保存' })).toHaveCount(0);
  await expect(card.getByTestId('profile-export')).toBeEnabled();

  await page.goto(`${ext}/options.html#packs`);
  const managedPack = page.locator('[data-testid="pack"][data-source="managed"]');
  await expect(managedPack).toHaveAttribute('data-pack-id', 'sh-order44');
  await expect(managedPack).toContainText('由管理员统一配置');
  // a provincial pack goes before the national one: the managed pack is the one in use
  await expect(managedPack).toHaveAttribute('data-active', 'true');
  await expect(managedPack.getByTestId('pack-remove')).toHaveCount(0);
  await expect(page.getByTestId('packs-locked')).toContainText('由管理员统一配置');
  await expect(page.getByTestId('pack-file')).toBeDisabled();
  await page.goto(`${ext}/options.html#settings`);
  await expect(page.getByTestId('policy-errors')).toContainText('rulePacks');

  // in the page, the picker says the profile is the administrator's instead of offering to change it
  const form = await iso.context.newPage();
  await form.goto(demoUrl(server, 'spa/decision.html', { case: 'food-revoke' }));
  if ((await overlay(form).getAttribute('data-collapsed')) === 'true') await overlay(form).getByTestId('expand').click();
  await expect(overlay(form).getByTestId('pick-locked')).toBeVisible();
  await expect(overlay(form).getByTestId('pick')).toHaveCount(0);
  await setPolicy(iso.context, null);
});
