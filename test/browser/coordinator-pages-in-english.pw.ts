/**
 * The coordinator's management pages in English: a coordinator of the governance centre who reads the console in
 * English goes through Figures, Staff and Agencies from the header. Each page's words are English (names of places,
 * agencies and people are data, and stay as entered), nothing is cut off on an office laptop's screen (1366×768), and
 * each passes axe.
 */
import type { Page } from '@playwright/test';
import { expect, expectAccessible, screenshot, test } from './support/journey';
import { navigation, newCoordinator, signInTo, switchToEnglish } from './support/coordination';

test.use({ viewport: { width: 1366, height: 768 } });

/** Opens a page from the header's English navigation and waits for its heading. */
async function openFromHeader(page: Page, link: string, title: string): Promise<void> {
  await navigation(page, 'Navigation').getByRole('link', { name: link, exact: true }).click();
  await expect(page.getByRole('heading', { name: title, level: 1 })).toBeVisible();
}

test('a coordinator reads Figures, Staff and Agencies in English', async ({ page }) => {
  const coordinator = await newCoordinator('协调员 英文界面');
  await signInTo(page, coordinator);
  await switchToEnglish(page);
  await expect(page.getByRole('heading', { name: 'Workbench', level: 1 })).toBeVisible();

  await openFromHeader(page, 'Figures', 'Figures');
  await expect(page).toHaveURL(/\/figures/);
  const filters = page.getByRole('group', { name: 'What to count' });
  await expect(filters.getByRole('combobox', { name: 'Period' })).toBeVisible();
  await expect(filters.getByRole('combobox', { name: 'Agency' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'By village' })).toBeVisible();
  await expect(
    page.getByRole('region', { name: 'By agency' }).getByRole('button', { name: 'Export CSV: By agency' }),
  ).toBeVisible();
  await expectAccessible(page, 'Figures in English');
  await screenshot(page, 'figures-en');

  await openFromHeader(page, 'Staff', 'Staff');
  await expect(page.getByRole('button', { name: 'Add account' })).toBeVisible();
  const staffFilters = page.getByRole('group', { name: 'Filters' });
  await expect(staffFilters.getByRole('combobox', { name: 'Agency' })).toBeVisible();
  await expect(staffFilters.getByRole('textbox', { name: 'Name or username' })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: /accounts/ })).toBeVisible();
  const accounts = page.getByRole('table', { name: 'Staff accounts' });
  for (const column of ['Name', 'Username', 'Agency', 'Roles', 'Status'])
    await expect(accounts.getByRole('columnheader', { name: column, exact: true })).toBeVisible();
  await staffFilters.getByRole('textbox', { name: 'Name or username' }).fill(coordinator);
  // One account found is said in the singular.
  await expect(page.getByRole('status').filter({ hasText: '1 account.' })).toBeVisible();
  const own = accounts.getByRole('row').filter({ has: page.getByRole('cell', { name: coordinator, exact: true }) });
  await expect(own).toContainText('Coordinator');
  await expect(own).toContainText('Active');
  await expectAccessible(page, 'Staff in English');
  await screenshot(page, 'staff-en');

  await openFromHeader(page, 'Agencies', 'Agencies');
  await expect(page.getByRole('button', { name: 'Add agency' })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: /agencies/ })).toBeVisible();
  const agencies = page.getByRole('table', { name: /^Agencies of / });
  for (const column of ['Kind', 'Name', 'Serves', 'Reception hours', 'Can sign'])
    await expect(agencies.getByRole('columnheader', { name: column, exact: true })).toBeVisible();
  const police = agencies.getByRole('row').filter({ has: page.getByRole('link', { name: 'Details: 清水派出所' }) });
  await expect(police).toContainText('Police station');
  await expect(police).toContainText('Tue–Fri 08:30–17:30');
  await expectAccessible(page, 'Agencies in English');
  await screenshot(page, 'agencies-en');

  // The police station's details: the week day by day, a day without reception said as such.
  await police.getByRole('link', { name: 'Details: 清水派出所' }).click();
  const details = page.getByRole('dialog', { name: '清水派出所' });
  await expect(details.getByRole('term')).toHaveText(['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun']);
  await expect(details.getByRole('definition').nth(5)).toHaveText('Closed');
  await expect(details.getByRole('rowheader', { name: 'Reception hours' })).toBeVisible();
  await expect(details.getByRole('button', { name: 'Edit' })).toBeVisible();
  await expectAccessible(page, 'an agency’s details in English');
  await screenshot(page, 'agencies-details-en');
});
