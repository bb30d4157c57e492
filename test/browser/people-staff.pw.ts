/**
 * 人员管理: the town's coordinator adds an account for a new mediator of Shangba's committee, gives it a second role and
 * deactivates it, after which the person cannot sign in; reactivated, they can. The coordinator is never offered the
 * deactivation of their own account. Read on an office laptop's screen (1366×768).
 */
import { randomUUID } from 'node:crypto';
import type { Locator, Page } from '@playwright/test';
import { choose, expect, expectAccessible, screenshot, signIn, test } from './support/journey';
import { navigation, signInTo, signOut } from './support/coordination';

test.use({ viewport: { width: 1366, height: 768 } });

/** The staff page, as the coordinator reaches it from the header. */
async function openStaffPage(page: Page): Promise<void> {
  await navigation(page).getByRole('link', { name: '人员', exact: true }).click();
  await expect(page.getByRole('heading', { name: '人员管理', level: 1 })).toBeVisible();
}

/** The list's row of the account `username` (names repeat across runs; usernames never do). */
function rowOf(page: Page, username: string): Locator {
  return page.getByRole('row').filter({ has: page.getByRole('cell', { name: username, exact: true }) });
}

/** Looks the account up by the name search of the list's filters. */
async function search(page: Page, text: string): Promise<void> {
  await page.getByRole('group', { name: '筛选' }).getByRole('textbox', { name: '姓名或用户名' }).fill(text);
}

test('a coordinator adds a mediator’s account, gives it a second role, deactivates and reactivates it', async ({
  page,
}) => {
  const username = `mediator.${randomUUID().slice(0, 8)}`;
  const name = '上坝调解员 林小梅';

  await signInTo(page, 'coordinator');
  await openStaffPage(page);
  await expect(page.getByRole('status').filter({ hasText: /个账号/ })).toBeVisible();
  await expectAccessible(page, 'the town’s staff list');
  await screenshot(page, 'staff-list-zh');

  // Their own account: the name and roles may change, but deactivating it is not offered.
  await search(page, 'coordinator');
  const own = rowOf(page, 'coordinator');
  await expect(own).toContainText('综治中心 协调员');
  await expect(own.getByRole('button', { name: /^修改/ })).toBeVisible();
  await expect(own.getByRole('button', { name: /^停用/ })).toHaveCount(0);

  // A new colleague's account.
  await page.getByRole('button', { name: '新增账号' }).click();
  const create = page.getByRole('dialog', { name: '新增工作人员账号' });
  await create.getByLabel('用户名').fill(username);
  await create.getByLabel('姓名').fill(name);
  await choose(page, create.getByRole('combobox', { name: '所属单位' }), '上坝村人民调解委员会');
  await create.getByRole('checkbox', { name: '调解员' }).check();
  await create.getByLabel('初始密码').fill('gongzhi-demo');
  await create.getByRole('button', { name: '创建账号' }).click();
  await expect(page.getByText(`已创建账号：${name}（${username}）`)).toBeVisible();
  await expect(create).toBeHidden();

  await search(page, username);
  const row = rowOf(page, username);
  await expect(row).toContainText('上坝村人民调解委员会');
  await expect(row).toContainText('调解员');
  await expect(row).toContainText('在用');

  // A second role: the dialog reads the account afresh (its ETag goes back with the change).
  await row.getByRole('button', { name: `修改账号：${name}` }).click();
  const change = page.getByRole('dialog', { name: `修改账号：${name}` });
  await expect(change.getByLabel('姓名')).toHaveValue(name);
  await expect(change.getByRole('checkbox', { name: '调解员' })).toBeChecked();
  // A coordinator is never offered the administrator role.
  await expect(change.getByRole('checkbox', { name: '管理员' })).toHaveCount(0);
  await change.getByRole('checkbox', { name: '联络员' }).check();
  await expectAccessible(page, 'the change-account dialog');
  await screenshot(page, 'staff-change-zh');
  await change.getByRole('button', { name: '保存修改' }).click();
  await expect(page.getByText(`已保存：${name}`)).toBeVisible();
  await expect(change).toBeHidden();
  await expect(row).toContainText('调解员、联络员');

  // Deactivated: the confirmation says what follows at once.
  await row.getByRole('button', { name: `停用账号：${name}` }).click();
  const deactivate = page.getByRole('dialog', { name: '停用账号' });
  await expect(deactivate).toContainText(`确定停用 ${name}（${username}）的账号吗？`);
  await expect(deactivate).toContainText('此人不能再登录；已打开的页面最迟在登录凭证到期时（默认 15 分钟）退出。');
  await expect(deactivate).toContainText('任务会退回待办队列');
  await expectAccessible(page, 'the deactivation confirmation');
  await screenshot(page, 'staff-deactivate-zh');
  await deactivate.getByRole('button', { name: '停用账号' }).click();
  await expect(page.getByText(`已停用 ${name} 的账号，此人已退出登录。`)).toBeVisible();
  await expect(deactivate).toBeHidden();
  await expect(row).toContainText('已停用');
  await expect(row.getByRole('button', { name: `启用账号：${name}` })).toBeVisible();

  // The status filter is the service's: the disabled account is among the town's disabled ones.
  await choose(page, page.getByRole('combobox', { name: '状态' }), '已停用');
  await expect(page).toHaveURL(/active=inactive/);
  await expect(row).toContainText('已停用');
  await expectAccessible(page, 'the staff list with a disabled account');
  await screenshot(page, 'staff-list-disabled-zh');
  await signOut(page);

  // The person cannot sign in.
  await signIn(page, username);
  await expect(page.getByRole('alert')).toContainText('用户名或密码错误');
  await expect(page).toHaveURL(/\/sign-in/);

  // Reactivated by the coordinator, they can.
  await page.goto('/');
  await signInTo(page, 'coordinator');
  await openStaffPage(page);
  await search(page, username);
  await row.getByRole('button', { name: `启用账号：${name}` }).click();
  const reactivate = page.getByRole('dialog', { name: '启用账号' });
  await expect(reactivate).toContainText('启用后，此人可以用原来的密码登录。');
  await reactivate.getByRole('button', { name: '启用账号' }).click();
  await expect(page.getByText(`已启用 ${name} 的账号。`)).toBeVisible();
  await expect(row).toContainText('在用');
  await expect(row.getByRole('button', { name: `停用账号：${name}` })).toBeVisible();
  await signOut(page);

  await signInTo(page, username);
});
