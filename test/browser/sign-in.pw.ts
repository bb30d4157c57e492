/** Signing in, in Chinese: the workbench opens on the person's own work, and a deep link survives signing in. */
import { expect, expectAccessible, openCase, screenshot, signIn, test } from './support/journey';

test('a mediator signs in and the workbench opens on the work waiting for them, grouped by deadline', async ({
  page,
}) => {
  await openCase({ summary: '上坝村两户因宅基地界址发生争执，需要调解。', disputeType: 'land-forest' });

  await page.goto('/');
  await expect(page.getByRole('heading', { name: '登录' })).toBeVisible();
  await expectAccessible(page, 'the sign-in page');
  await screenshot(page, 'sign-in-zh');

  await page.getByLabel('用户名').fill('mediator.shangba');
  await page.getByLabel('密码').fill('wrong-password');
  await page.getByRole('button', { name: '登录' }).click();
  await expect(page.getByRole('alert')).toContainText('用户名或密码错误');

  await page.getByLabel('密码').fill('gongzhi-demo');
  await page.getByRole('button', { name: '登录' }).click();
  await expect(page.getByRole('heading', { name: '工作台', level: 1 })).toBeVisible();
  // Their own tasks, or (when they hold none) the ones waiting to be claimed; the badges count each view.
  await expect(page.getByRole('tab', { name: /^(我的任务|待认领)/, selected: true })).toBeVisible();
  await page.getByRole('tab', { name: /待认领（\d+）/ }).click();
  // Two working days to accept, at the same time of day: opened Monday to Wednesday (or on a Sunday) that is 48 hours
  // and due soon; opened Thursday to Saturday, a weekend lies between and it is not yet due.
  const group = page
    .getByRole('region', { name: /^(即将到期|未到期) \d+ 项$/ })
    .filter({ has: page.getByRole('link', { name: '受理移交 · 土地山林权属' }) });
  await expect(group.first()).toBeVisible();
  await expect(group.first().getByRole('heading', { level: 3 })).toHaveText(/^(即将到期|未到期) \d+ 项$/);
  await expect(page.getByRole('link', { name: /收件箱/ })).toBeVisible();
  await expectAccessible(page, 'the workbench');
  await screenshot(page, 'workbench-zh');

  await page.getByRole('button', { name: '退出登录' }).click();
  await expect(page.getByRole('heading', { name: '登录' })).toBeVisible();
});

test('a link opened without a session leads through sign-in back to the page it named', async ({ page }) => {
  await page.goto('/inbox');
  await expect(page).toHaveURL(/\/sign-in\?next=%2Finbox/);
  await page.getByLabel('用户名').fill('liaison.police');
  await page.getByLabel('密码').fill('gongzhi-demo');
  await page.getByRole('button', { name: '登录' }).click();
  await expect(page.getByRole('heading', { name: '收件箱', level: 1 })).toBeVisible();
  await expect(page).toHaveURL(/\/inbox$/);
});

test('the session cookie is HttpOnly and SameSite=Strict, and the page stores nothing of its own', async ({
  page,
  context,
}) => {
  await signIn(page, 'coordinator');
  await expect(page.getByRole('heading', { name: '工作台', level: 1 })).toBeVisible();
  const session = (await context.cookies()).find((cookie) => cookie.name === 'gongzhi_session');
  expect(session).toMatchObject({ httpOnly: true, sameSite: 'Strict' });
  expect(await page.evaluate(() => document.cookie)).not.toContain('gongzhi_session');
  expect(await page.evaluate(() => localStorage.length + sessionStorage.length)).toBe(0);
});
