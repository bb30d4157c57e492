/**
 * The same console in English: chosen on the sign-in page, and remembered for the person's next session (so this
 * journey signs in as someone no other journey uses).
 */
import { choose, expect, expectAccessible, openCase, screenshot, test } from './support/journey';

test('a village mediator works in English, and the console remembers the choice', async ({ page }) => {
  await openCase({
    summary: 'Two households in Dongkou dispute a shared well; threats were made.',
    villageCode: 'dongkou',
    // Reported at Dongkou's own committee, so the transfer waits in its inbox (a Shangba report goes to Shangba's).
    reportedBy: 'mediator.dongkou',
  });
  await page.goto('/sign-in');
  await choose(page, page.getByRole('combobox', { name: '语言' }), 'English');
  await expect(page.getByRole('heading', { name: 'Sign in', level: 2 })).toBeVisible();
  await page.getByLabel('Username').fill('mediator.dongkou');
  await page.getByLabel('Password').fill('gongzhi-demo');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { name: 'Workbench', level: 1 })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await page.getByRole('link', { name: /Inbox/ }).click();
  const card = page.getByRole('article', { name: 'Neighbours · 洞口村' });
  await expect(card).toContainText('New intake');
  await expect(card).toContainText(/left/);
  await expectAccessible(page, 'the inbox in English');
  await screenshot(page, 'inbox-en');

  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.context().clearCookies();
  await page.goto('/');
  await page.getByLabel('用户名').fill('mediator.dongkou');
  await page.getByLabel('密码').fill('gongzhi-demo');
  await page.getByRole('button', { name: '登录' }).click();
  await expect(page.getByRole('heading', { name: 'Workbench', level: 1 })).toBeVisible();
  await screenshot(page, 'workbench-en');
});
