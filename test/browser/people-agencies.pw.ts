/**
 * 单位管理: the town's coordinator finds the police station's reception hours in the list and its details, adds an
 * agency of their own for this journey (a mistyped telephone number is named in Chinese at the field), gives it a
 * Saturday morning and sees the new hours in the list and the details. A liaison of that agency, in a browser of
 * their own, sees the same hours on the page, which shows them their own agency only and offers no change. The demo
 * town's agencies are only read: other journeys rely on them as seeded. Read on an office laptop's screen (1366×768).
 */
import { randomUUID } from 'node:crypto';
import type { Page } from '@playwright/test';
import { choose, createStaff, expect, expectAccessible, screenshot, test } from './support/journey';
import { navigation, signInTo } from './support/coordination';

test.use({ viewport: { width: 1366, height: 768 } });

/** The agencies page, as the coordinator reaches it from the header. */
async function openAgenciesPage(page: Page): Promise<void> {
  await navigation(page).getByRole('link', { name: '单位', exact: true }).click();
  await expect(page.getByRole('heading', { name: '单位管理', level: 1 })).toBeVisible();
}

test('a coordinator adds an agency, gives it Saturday reception hours, and its liaison sees them', async ({
  page,
  browser,
}) => {
  const name = `清水镇退役军人服务站 ${randomUUID().slice(0, 8)}`;

  await signInTo(page, 'coordinator');
  await openAgenciesPage(page);
  await expect(page.getByRole('status').filter({ hasText: /个单位/ })).toBeVisible();
  const list = page.getByRole('table', { name: /的单位$/ });

  // The police station's week: Monday has the head's reception morning besides the usual hours.
  const police = list.getByRole('row').filter({ has: page.getByRole('link', { name: '查看详情：清水派出所' }) });
  await expect(police).toContainText('派出所');
  await expect(police).toContainText('周一 08:30–17:30、09:00–12:00（所长接待日）');
  await expect(police).toContainText('周二至周五 08:30–17:30');
  await expectAccessible(page, 'the town’s agencies');
  await screenshot(page, 'agencies-list-zh');

  await police.getByRole('link', { name: '查看详情：清水派出所' }).click();
  const policeDetails = page.getByRole('dialog', { name: '清水派出所' });
  await expect(policeDetails.getByRole('definition').first()).toHaveText('08:30–17:30、09:00–12:00（所长接待日）');
  await expect(policeDetails).toContainText('0000-1000110');
  await expect(policeDetails).toContainText('不接待');
  await expectAccessible(page, 'the police station’s details');
  await screenshot(page, 'agencies-details-zh');
  await policeDetails.getByRole('button', { name: '关闭' }).click();
  await expect(policeDetails).toBeHidden();

  // A new agency for this journey, first with a telephone number typed wrong.
  await page.getByRole('button', { name: '新增单位' }).click();
  const create = page.getByRole('dialog', { name: /^新增单位/ });
  await choose(page, create.getByRole('combobox', { name: '类型' }), '其他部门');
  await create.getByLabel('名称').fill(name);
  await create.getByLabel('联系电话').fill('0851 一二三四五');
  await create.getByRole('button', { name: '添加时段' }).click();
  await expect(create.getByRole('combobox', { name: '第 1 个时段的星期' })).toBeVisible();
  await expect(create.getByRole('textbox', { name: '第 1 个时段的开始时间' })).toHaveValue('09:00');
  await expect(create.getByRole('textbox', { name: '第 1 个时段的结束时间' })).toHaveValue('17:00');
  await create.getByRole('button', { name: '创建单位' }).click();
  await expect(create.getByText('请用数字，可带“+”和“-”，5–20 位')).toBeVisible();
  await expect(create.getByLabel('联系电话')).toHaveAttribute('aria-invalid', 'true');
  await expectAccessible(page, 'the new-agency dialog with a telephone error');
  await screenshot(page, 'agencies-create-phone-error-zh');
  await create.getByLabel('联系电话').fill('0851-2345678');
  await expect(create.getByText('请用数字，可带“+”和“-”，5–20 位')).toBeHidden();
  await create.getByRole('button', { name: '创建单位' }).click();
  await expect(page.getByText(`已新增单位：${name}`)).toBeVisible();
  await expect(create).toBeHidden();

  // The new agency opens at its own address.
  const details = page.getByRole('dialog', { name });
  await expect(details).toContainText('0851-2345678');
  await expect(page).toHaveURL(/\/admin\/agencies\/[0-9a-f-]{36}$/);
  const agencyId = new URL(page.url()).pathname.split('/').pop() ?? '';

  // 编辑单位: a Saturday morning besides Monday's hours.
  await details.getByRole('button', { name: '编辑' }).click();
  const edit = details.getByRole('region', { name: '编辑单位' });
  await edit.getByRole('button', { name: '添加时段' }).click();
  await choose(page, edit.getByRole('combobox', { name: '第 2 个时段的星期' }), '周六');
  await edit.getByRole('textbox', { name: '第 2 个时段的开始时间' }).fill('9:00');
  await edit.getByRole('textbox', { name: '第 2 个时段的结束时间' }).fill('12:00');
  await edit.getByRole('textbox', { name: '第 2 个时段的备注' }).fill('仅上午');
  // A time typed the short way reads as 24-hour HH:MM once the field is left.
  await expect(edit.getByRole('textbox', { name: '第 2 个时段的开始时间' })).toHaveValue('09:00');
  await expectAccessible(page, 'the agency being edited');
  await screenshot(page, 'agencies-edit-zh');
  await edit.getByRole('button', { name: '保存修改' }).click();
  await expect(page.getByText('已保存', { exact: true })).toBeVisible();
  await expect(edit).toBeHidden();

  const saturday = details
    .locator('.gz-people-day')
    .filter({ has: page.getByRole('term').filter({ hasText: '周六' }) });
  await expect(saturday.getByRole('definition')).toHaveText('09:00–12:00（仅上午）');
  await expect(details.locator('.gz-people-day').first().getByRole('definition')).toHaveText('09:00–17:00');
  await expect(details.locator('.gz-people-day').nth(6).getByRole('definition')).toHaveText('不接待');
  await screenshot(page, 'agencies-details-edited-zh');
  await details.getByRole('button', { name: '关闭' }).click();
  await expect(details).toBeHidden();

  const row = list.getByRole('row').filter({ has: page.getByRole('link', { name: `查看详情：${name}` }) });
  await expect(row).toContainText('其他部门');
  await expect(row).toContainText('全镇');
  await expect(row).toContainText('周一 09:00–17:00');
  await expect(row).toContainText('周六 09:00–12:00（仅上午）');

  // The agency's liaison, in a browser of their own: the page shows their agency alone, read only.
  const liaison = await createStaff({ displayName: '服务站 联络员', agencyId, roles: ['liaison'] });
  const other = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  try {
    const theirs = await other.newPage();
    await signInTo(theirs, liaison.username);
    // Their header offers their own agency, not the town's agencies.
    await expect(navigation(theirs).getByRole('link', { name: '单位', exact: true })).toHaveCount(0);
    await navigation(theirs).getByRole('link', { name: '本单位', exact: true }).click();
    await expect(theirs.getByRole('heading', { name: '本单位', level: 1 })).toBeVisible();
    await expect(theirs.getByText('您所在的单位。全镇的单位只有协调员和管理员可以查看。')).toBeVisible();
    await expect(theirs.getByRole('status').filter({ hasText: '共 1 个单位。' })).toBeVisible();
    await expect(theirs.getByRole('button', { name: '新增单位' })).toHaveCount(0);
    await expect(theirs.getByRole('group', { name: '筛选' })).toHaveCount(0);
    const own = theirs
      .getByRole('table', { name: /的单位$/ })
      .getByRole('row')
      .filter({ hasText: name });
    await expect(own).toContainText('周一 09:00–17:00');
    await expect(own).toContainText('周六 09:00–12:00（仅上午）');
    await expectAccessible(theirs, 'the liaison’s own agency');
    await screenshot(theirs, 'agencies-liaison-zh');

    await own.getByRole('link', { name: `查看详情：${name}` }).click();
    const theirDetails = theirs.getByRole('dialog', { name });
    const theirSaturday = theirDetails
      .locator('.gz-people-day')
      .filter({ has: theirs.getByRole('term').filter({ hasText: '周六' }) });
    await expect(theirSaturday.getByRole('definition')).toHaveText('09:00–12:00（仅上午）');
    await expect(theirDetails).toContainText('0851-2345678');
    await expect(theirDetails.getByRole('button', { name: '编辑' })).toHaveCount(0);
  } finally {
    await other.close();
  }
});
