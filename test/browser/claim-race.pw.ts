/**
 * Two mediators of one committee reach for the same transfer: the one who clicks second is told who took it, by name,
 * and the list reloads without it.
 */
import {
  caseCall,
  createStaff,
  expect,
  loginApi,
  openCase,
  openTasks,
  screenshot,
  SHANGBA_COMMITTEE,
  signIn,
  test,
} from './support/journey';

test('a mediator who loses a claim race sees who took the task, and the list reloads', async ({ page }) => {
  const rival = await createStaff({ displayName: '调解员 王二', agencyId: SHANGBA_COMMITTEE, roles: ['mediator'] });
  const caseId = await openCase({ summary: '上坝村患者家属与村卫生室就输液反应发生争执。', disputeType: 'medical' });

  await signIn(page, 'mediator.shangba');
  await page.getByRole('tab', { name: /待认领/ }).click();
  const claim = page.getByRole('button', { name: '认领：受理移交 · 医疗纠纷' });
  await expect(claim).toBeVisible();

  // While the list is on her screen, her colleague claims the task first.
  const task = (await openTasks(caseId)).find((t) => t.kind === 'accept-transfer');
  if (!task) throw new Error('no transfer to claim');
  await caseCall(await loginApi(rival.username), 'POST', `/api/v1/tasks/${task.id}/claim`);

  await claim.click();
  await expect(page.getByText('调解员 王二已认领此任务，列表已刷新。')).toBeVisible();
  await expect(claim).toHaveCount(0);
  await screenshot(page, 'claim-race-lost-zh');
});
