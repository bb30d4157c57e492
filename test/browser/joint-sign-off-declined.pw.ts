/**
 * Joint mediation (联合调处): the coordinator has the judicial office mediate alongside Shangba's committee. The
 * committee's mediator records the agreement, which then waits for the judicial office to sign it off; its liaison
 * declines, with a reason chosen by keyboard. By the town's rule the agreement does not take effect: the case goes back
 * to mediation, the mediator has the mediate task again, and the timeline says the sign-off was declined.
 */
import {
  acceptTransferAs,
  caseCall,
  choose,
  expect,
  expectAccessible,
  JUDICIAL_OFFICE,
  loginApi,
  openCase,
  openTasks,
  screenshot,
  signIn,
  test,
} from './support/journey';

test('a joint agency declines to sign the agreement off, and the case goes back to mediation', async ({ page }) => {
  const caseId = await openCase({
    summary: '上坝村两户因承包地边界和灌溉用水多次争执，涉及土地确权。',
    disputeType: 'land-forest',
  });
  await acceptTransferAs(caseId, 'mediator.shangba');
  // The console has no form for it: the coordinator adds the judicial office through the case's actions.
  const coordinator = await loginApi('coordinator');
  await caseCall(coordinator, 'POST', `/api/v1/cases/${caseId}/actions`, {
    action: { kind: 'add-joint-agencies', agencyIds: [JUDICIAL_OFFICE] },
  });
  await expect
    .poll(async () => (await openTasks(caseId)).some((task) => task.kind === 'joint-sign-off'), { timeout: 30_000 })
    .toBe(true);

  await signIn(page, 'mediator.shangba');
  await expect(page.getByRole('heading', { name: '工作台', level: 1 })).toBeVisible();
  await page.goto(`/cases/${caseId}`);
  const timeline = page.locator('.ant-card').filter({ has: page.getByRole('heading', { name: '办理记录', level: 2 }) });
  // The timeline names the agency that joined.
  await expect(timeline.locator('.ant-timeline-item').filter({ hasText: '联合调处' })).toContainText('清水镇司法所');
  await page.getByRole('button', { name: '记录调解协议', expanded: false }).click();
  await page.getByRole('button', { name: '记录调解协议', exact: true }).last().click();
  await expect(page.getByText('达成调解协议')).toBeVisible();
  const header = page.locator('.ant-card').filter({ has: page.getByRole('heading', { name: '案件概况', level: 2 }) });
  // Not in effect yet: it waits for the judicial office's sign-off.
  await expect(header).toContainText('办理中 · 协议会签');
  await expect(page.getByRole('heading', { name: '调解操作', level: 2 })).toHaveCount(0);
  await page.getByRole('button', { name: '退出登录' }).click();

  // The judicial office reads the case once it is involved (a moment after it joined).
  const judicial = await loginApi('liaison.judicial');
  await expect
    .poll(async () => {
      try {
        return (await caseCall<{ id: string }>(judicial, 'GET', `/api/v1/cases/${caseId}`)).id;
      } catch {
        return null;
      }
    })
    .toBe(caseId);
  await signIn(page, 'liaison.judicial');
  await expect(page.getByRole('heading', { name: '工作台', level: 1 })).toBeVisible();
  await page.goto(`/cases/${caseId}`);
  const card = page
    .locator('.ant-card')
    .filter({ has: page.getByRole('heading', { name: '联合调处会签', level: 2, exact: true }) });
  await expect(card).toContainText('确认本单位同意调解协议的内容。');
  await expect(card).toContainText('拒签后按本级规则处理');
  // No reason, no refusal: the field says what it needs.
  await card.getByRole('button', { name: '拒绝会签' }).click();
  await expect(card.getByText('请选择拒绝会签的理由')).toBeVisible();
  await choose(page, card.getByRole('combobox', { name: '拒绝会签的理由' }), '事实尚未查清');
  await expect(card.getByText('请选择拒绝会签的理由')).toHaveCount(0);
  await expectAccessible(page, 'the joint sign-off with a reason to decline');
  await screenshot(page, 'joint-sign-off-decline-zh');
  await card.getByRole('button', { name: '拒绝会签' }).focus();
  await page.keyboard.press('Enter');

  await expect(page.getByText('已提交。')).toBeVisible();
  // The timeline says who declined, why, and what became of the agreement.
  const declined = timeline.locator('.ant-timeline-item').filter({ hasText: '拒绝会签' });
  await expect(declined).toContainText('清水镇司法所：事实尚未查清');
  await expect(declined).toContainText('协议不生效，退回本级继续调解');
  // Back in mediation: the agreement did not take effect, and Shangba's mediator holds the mediate task again.
  await expect(header).toContainText('办理中 · 调解中');
  const tasks = page.locator('.ant-card').filter({ has: page.getByRole('heading', { name: '任务', level: 2 }) });
  const mediate = tasks.getByRole('listitem').filter({ hasText: /^调解/ });
  await expect(mediate).toContainText('上坝村人民调解委员会');
  await expect(mediate).toContainText('办理人：调解员 上坝');
  // The judicial office still mediates jointly: it signs off the next agreement.
  await expect(tasks.getByRole('listitem').filter({ hasText: '联合调处会签' })).toContainText('清水镇司法所');
  await expect(timeline).not.toContainText('协议生效');
  await expectAccessible(page, 'the case page after the sign-off was declined');
  await screenshot(page, 'joint-sign-off-declined-zh');
  await page.getByRole('button', { name: '退出登录' }).click();

  // The mediator finds the mediation actions on the case page again.
  await signIn(page, 'mediator.shangba');
  await expect(page.getByRole('heading', { name: '工作台', level: 1 })).toBeVisible();
  await page.goto(`/cases/${caseId}`);
  await expect(page.getByRole('heading', { name: '调解操作', level: 2 })).toBeVisible();
  await expect(page.getByRole('button', { name: '记录调解协议', expanded: false })).toBeVisible();
  await expect(declined).toContainText('清水镇司法所：事实尚未查清');
  await screenshot(page, 'joint-sign-off-back-to-mediation-zh');
});
