/**
 * 待决事项: the town's coordinator decides what waits for the governance centre. A village mediator asked to escalate
 * early: the coordinator finds it from the navigation, reads why and under which rule beside the case's ladder, and
 * escalates it to the police station. A police mediator asked for more time: the coordinator approves it under the
 * level's rule. A colleague reads the same page in English.
 */
import {
  acceptTransferAs,
  expect,
  expectAccessible,
  openCase,
  POLICE_STATION,
  screenshot,
  test,
} from './support/journey';
import {
  actAs,
  navigation,
  newCoordinator,
  openTaskOf,
  signInTo,
  signOut,
  switchToEnglish,
  tasksOf,
} from './support/coordination';

test('a coordinator escalates a case whose mediator asked to escalate early', async ({ page }) => {
  const caseId = await openCase({
    summary: '上坝村两辆农用车在村道剐蹭，双方对修车费用争执不下。',
    disputeType: 'traffic',
  });
  await acceptTransferAs(caseId, 'mediator.shangba');
  await actAs('mediator.shangba', (await openTaskOf(caseId, 'mediate')).id, { kind: 'request-escalation' });
  await openTaskOf(caseId, 'decide-escalation');

  // A colleague at the governance centre reads the decision in English first (the console remembers the choice for
  // her, so she is made for this journey).
  const english = await newCoordinator('协调员 英文');
  await signInTo(page, english);
  await navigation(page).getByRole('link', { name: '待决事项' }).click();
  await switchToEnglish(page);
  await expect(page.getByRole('heading', { name: 'Decisions', level: 1 })).toBeVisible();
  await expect(page.getByRole('radiogroup', { name: 'Kind' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Decisions waiting', level: 2 })).toBeVisible();
  await page.getByRole('button', { name: 'Handle: Decide escalation · Traffic accident · 上坝村' }).click();
  await expect(
    page.getByRole('heading', { name: 'Decide escalation · Traffic accident · 上坝村', level: 2 }),
  ).toBeFocused();
  await expect(page.getByText('The mediator asked to escalate early').last()).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Ladder and clocks', level: 3 })).toBeVisible();
  await expect(page.getByRole('radio', { name: 'Escalate to Level 2 (Police station)' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Submit decision' })).toBeVisible();
  await expectAccessible(page, 'the decisions in English');
  await screenshot(page, 'decisions-en');
  await signOut(page, 'Sign out');

  // The town's coordinator decides it.
  await signInTo(page, 'coordinator');
  await navigation(page).getByRole('link', { name: '待决事项' }).click();
  await expect(page.getByRole('heading', { name: '待决事项', level: 1 })).toBeVisible();
  await page.getByRole('radiogroup', { name: '事项类型' }).getByText('决定升级', { exact: true }).click();
  await expect(page).toHaveURL(/kind=decide-escalation/);
  const item = page.getByRole('listitem').filter({ hasText: '决定升级 · 交通事故 · 上坝村' });
  await expect(item).toContainText('调解员申请提前升级');
  await expect(item).toContainText('一级');
  await expectAccessible(page, 'the decision queue');
  await screenshot(page, 'decisions-queue-zh');

  await item.getByRole('button', { name: '处理：决定升级 · 交通事故 · 上坝村' }).click();
  const heading = page.getByRole('heading', { name: '决定升级 · 交通事故 · 上坝村', level: 2 });
  // The chosen decision takes the focus: a keyboard user carries on from its heading.
  await expect(heading).toBeFocused();
  const detail = page.locator('.ant-card').filter({ has: heading });
  const why = detail.locator('dl');
  await expect(why).toContainText('原因调解员申请提前升级');
  await expect(why).toContainText('依据人民调解：一般在一个月内调结');
  // The case's ladder beside the form: where it stands, who holds it, and the level's rule.
  const context = detail.locator('section').filter({ has: page.getByRole('heading', { name: '调处层级与期限' }) });
  await expect(context).toContainText('一级 · 调解中');
  await expect(context).toContainText('上坝村人民调解委员会');
  await expect(context).toContainText('本级规则：调解期限 30 日，不设延期');
  await expect(context).toContainText('二级 · 派出所');
  // Nothing to extend at a level whose rule grants no extension: the choice says so.
  await expect(detail.getByRole('radio', { name: '延长本级调解期限' })).toBeDisabled();
  await expect(detail).toContainText('本镇政策规定本级不设延期。');

  // Escalating: chosen by keyboard, and confirmed in words that say what it will do.
  const escalate = detail.getByRole('radio', { name: '升级到二级（派出所）' });
  await escalate.focus();
  await page.keyboard.press('Space');
  await expect(escalate).toBeChecked();
  await expectAccessible(page, 'a decision chosen');
  await screenshot(page, 'decisions-escalate-zh');
  await detail.getByRole('button', { name: '提交决定' }).click();
  const confirm = page.getByRole('dialog', { name: '请确认' });
  await expect(confirm).toContainText('将案件升级到二级（派出所）：本级调解结束，案件移交该级单位受理。');
  await expectAccessible(page, 'the confirmation');
  await confirm.getByRole('button', { name: '确认提交' }).click();

  // The page says where the case now stands; the decision has left the queue.
  const done = page.getByRole('status').filter({ hasText: '上一项已办理' });
  await expect(done).toContainText('已提交，案件现处于二级 · 等待受理。');
  await expect(page.getByRole('listitem').filter({ hasText: '决定升级 · 交通事故 · 上坝村' })).toHaveCount(0);
  await expectAccessible(page, 'the decisions after one was made');
  await screenshot(page, 'decisions-done-zh');

  // The workflow moved the case on: the police station is asked to accept it at level 2.
  const accept = await openTaskOf(caseId, 'accept-transfer');
  expect(accept).toMatchObject({ agencyId: POLICE_STATION, level: 'L2' });
  expect((await tasksOf(caseId)).some((task) => task.kind === 'decide-escalation' && task.status === 'open')).toBe(
    false,
  );
});

test('a coordinator approves a police mediator’s request for more time', async ({ page }) => {
  // A risk of violence routes the case straight to the police station, whose rule grants an extension.
  const caseId = await openCase({
    summary: '下坝村两户因共用晒场多次口角，一方扬言动手。',
    disputeType: 'other',
    villageCode: 'xiaba',
    reportedBy: 'mediator.xiaba',
    violenceRisk: true,
  });
  await acceptTransferAs(caseId, 'liaison.police');
  const mediate = await openTaskOf(caseId, 'mediate');
  const dueBefore = Date.parse(mediate.clock.dueAt ?? '');
  await actAs('liaison.police', mediate.id, { kind: 'request-extension' });
  await openTaskOf(caseId, 'approve-extension');

  await signInTo(page, 'coordinator');
  await navigation(page).getByRole('link', { name: '待决事项' }).click();
  await page.getByRole('radiogroup', { name: '事项类型' }).getByText('审批延期', { exact: true }).click();
  await expect(page).toHaveURL(/kind=approve-extension/);
  await page.getByRole('button', { name: '处理：审批延期 · 其他 · 下坝村' }).click();
  const heading = page.getByRole('heading', { name: '审批延期 · 其他 · 下坝村', level: 2 });
  await expect(heading).toBeFocused();
  const detail = page.locator('.ant-card').filter({ has: heading });
  await expect(detail.locator('dl')).toContainText('原因调解员申请延长本级调解期限');
  await expect(detail).toContainText('批准后，本级调解期限按本级规则延长 30 日。');
  await expect(detail).toContainText('本级规则：调解期限 30 日，可延期 30 日');
  await detail.getByRole('radio', { name: '批准延期' }).check();
  await expectAccessible(page, 'an extension to approve');
  await screenshot(page, 'decisions-extension-zh');
  await detail.getByRole('button', { name: '提交审批' }).click();
  const confirm = page.getByRole('dialog', { name: '请确认' });
  await expect(confirm).toContainText('批准延期：本级调解期限延长 30 日，调解员继续调解。');
  await confirm.getByRole('button', { name: '确认提交' }).click();
  await expect(page.getByRole('status').filter({ hasText: '上一项已办理' })).toContainText(
    '已提交，案件现处于二级 · 调解中。',
  );

  // The mediation clock runs 30 days longer (the mediate task is issued again with its new due date).
  await expect
    .poll(
      async () => {
        const open = (await tasksOf(caseId)).find((task) => task.kind === 'mediate' && task.status === 'open');
        return Date.parse(open?.clock.dueAt ?? '') - dueBefore;
      },
      { timeout: 30_000 },
    )
    .toBeGreaterThanOrEqual(29 * 86_400_000);
  expect((await tasksOf(caseId)).some((task) => task.kind === 'approve-extension' && task.status === 'open')).toBe(
    false,
  );
});
