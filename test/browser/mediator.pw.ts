/** A village mediator claims a transfer, accepts it for herself and records a mediation session. */
import { choose, expect, expectAccessible, openCase, screenshot, signIn, test } from './support/journey';

test('a mediator claims, opens the case and records a session', async ({ page }) => {
  const caseId = await openCase({ summary: '上坝村邻居因排水沟堵塞互相指责，影响出行。', disputeType: 'neighbour' });

  await signIn(page, 'mediator.shangba');
  await page.getByRole('tab', { name: /待认领/ }).click();
  const claimButtons = page.getByRole('button', { name: '认领并打开：受理移交 · 邻里纠纷' });
  await claimButtons.first().click();
  await expect(page).toHaveURL(new RegExp(`/cases/[0-9a-f-]+$`));
  await expect(page.getByRole('heading', { name: '案件 · 邻里纠纷', level: 1 })).toBeVisible();

  // Accept it for herself from the inbox (a village committee's transfers come to its mediators): the case page
  // leads there from the task she just claimed.
  await page.getByRole('link', { name: '到收件箱受理' }).click();
  // Her case's card (other journeys' transfers wait in the same inbox, some about drains too).
  const card = page
    .getByRole('article', { name: '邻里纠纷 · 上坝村' })
    .filter({ has: page.locator(`a[href="/cases/${caseId}"]`) });
  await card.getByRole('button', { name: /^受理/ }).click();
  const dialog = page.getByRole('dialog', { name: '受理移交' });
  await choose(page, dialog.getByRole('combobox', { name: '承办调解员' }), '调解员 上坝');
  await dialog.getByRole('button', { name: '受理' }).click();
  await expect(page.getByText('已受理，案件已交给承办调解员。')).toBeVisible();

  await page.goto(`/cases/${caseId}`);
  await expect(page.getByRole('heading', { name: '调解操作' })).toBeVisible();
  await expect(page.getByText('一级 · 村调委会')).toBeVisible();
  await expect(page.getByText(/依据：/).first()).toBeVisible();
  await expectAccessible(page, 'the case page');
  // The answer to her click carries the case's tasks as it left them: the page shows them without reading them again.
  const taskReads: string[] = [];
  page.on('request', (request) => {
    if (request.method() === 'GET' && request.url().includes(`/cases/${caseId}/tasks`)) taskReads.push(request.url());
  });
  await page.getByRole('button', { name: '记录调解', exact: true }).click();
  await expect(page.getByText('已记录调解。')).toBeVisible();
  await expect(page.getByText('调解（第 1 次）')).toBeVisible();
  expect(taskReads).toEqual([]);

  await page.getByLabel('笔记内容').fill('双方同意下周三到现场查看排水沟。');
  await page.getByRole('button', { name: '添加笔记' }).click();
  await expect(page.getByText('双方同意下周三到现场查看排水沟。')).toBeVisible();
  await screenshot(page, 'case-session-zh');

  await page.getByRole('link', { name: /工作台/ }).click();
  await page.getByRole('tab', { name: /我的任务/ }).click();
  await expect(page.getByRole('link', { name: '调解 · 邻里纠纷' }).first()).toBeVisible();
});
