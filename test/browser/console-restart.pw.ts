/** Sessions live in the console's own database: restarting the console (an upgrade, a crash) signs nobody out. */
import { expect, restartConsole, signIn, test } from './support/journey';

test('a signed-in mediator stays signed in across a console restart', async ({ page }) => {
  await signIn(page, 'mediator.shangba');
  await expect(page.getByRole('heading', { name: '工作台', level: 1 })).toBeVisible();

  await restartConsole();

  await page.getByRole('link', { name: /收件箱/ }).click();
  await expect(page.getByRole('heading', { name: '收件箱', level: 1 })).toBeVisible();
  await page.reload();
  await expect(page.getByRole('heading', { name: '收件箱', level: 1 })).toBeVisible();
  await expect(page).not.toHaveURL(/sign-in/);
});
