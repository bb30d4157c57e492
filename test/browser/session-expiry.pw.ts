/**
 * A session that ends while a mediator is writing (signed out elsewhere, or expired) asks her to sign in again over
 * the page, and what she had typed is still there to send.
 */
import { acceptTransferAs, expect, openCase, signIn, test } from './support/journey';

test('an expired session signs in again over the page without losing the note being written', async ({ page }) => {
  const caseId = await openCase({ summary: '上坝村两户因共用水井的使用时间发生争吵。', disputeType: 'neighbour' });
  await acceptTransferAs(caseId, 'mediator.shangba');
  await signIn(page, 'mediator.shangba');
  await expect(page.getByRole('heading', { name: '工作台', level: 1 })).toBeVisible();
  await page.goto(`/cases/${caseId}`);
  const note = page.getByLabel('笔记内容');
  await note.fill('约定下周一上午双方到村委会面谈，带上水井使用约定。');

  // The session ends on the server (as a sign-out on another tab or an expiry would) while the note is unsent.
  const ended = await page.request.delete('/bff/session', { headers: { 'x-gongzhi-console': '1' } });
  expect(ended.status()).toBe(204);
  await page.getByRole('button', { name: '添加笔记' }).click();

  const dialog = page.getByRole('dialog', { name: '登录已过期，请重新登录' });
  await expect(dialog).toBeVisible();
  await dialog.getByLabel('密码').fill('gongzhi-demo');
  await dialog.getByRole('button', { name: /^登\s*录$/ }).click();
  await expect(dialog).toBeHidden();

  await expect(note).toHaveValue('约定下周一上午双方到村委会面谈，带上水井使用约定。');
  await page.getByRole('button', { name: '添加笔记' }).click();
  await expect(page.getByText('笔记已保存。')).toBeVisible();
  await expect(page).toHaveURL(new RegExp(`/cases/${caseId}$`));
});
