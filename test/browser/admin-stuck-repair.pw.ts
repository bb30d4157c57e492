/**
 * An administrator finds a transfer nobody accepted for three days among the stuck cases, keeps the filter as a view
 * shared with the administrators, reads the case's diagnosis, and repairs it: the task handed to the committee's
 * mediator, then its deadline extended. Then the same pages in English.
 */
import { choose, expect, expectAccessible, loginApi, screenshot, test } from './support/journey';
import {
  newAdministrator,
  openTransfer,
  overdueTransfer,
  savedViewNames,
  signInTo,
  workflowIdOf,
} from './support/stalls';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const TASK = '受理移交 · 上坝村人民调解委员会';

test('an administrator finds a stalled transfer, diagnoses it and repairs it', async ({ page }) => {
  const { caseId, taskId } = await overdueTransfer('上坝村两户因院墙倒塌责任争执，村调委会三天无人受理。', 3);
  const workflowId = await workflowIdOf(caseId);
  const mediator = await loginApi('mediator.shangba');
  const admin = await newAdministrator('管理员 卡住的案件');
  await signInTo(page, admin.username);

  // The stuck cases, from the navigation: the counts per kind, and the stalled transfer under overdue acceptance.
  await page.getByRole('navigation').getByRole('link', { name: '卡住的案件' }).click();
  await expect(page.getByRole('heading', { name: '卡住的案件', level: 1 })).toBeVisible();
  const kinds = page.getByRole('radiogroup', { name: '按类型查看' });
  // The chips are radio buttons drawn as buttons: a person clicks (or arrows to) the chip's text.
  await expect(kinds.getByText(/^超期未受理（[1-9]\d*）$/)).toBeVisible();
  await expect(kinds.getByRole('radio', { name: /^全部（[1-9]\d*）$/ })).toBeChecked();
  const results = page.getByRole('table', { name: '卡住的案件，卡住最久的在前' });
  const row = results.getByRole('row').filter({ has: page.getByRole('link', { name: `查看案件 ${caseId} 的诊断` }) });
  await expect(row).toContainText('超期未受理');
  await expect(row).toContainText('受理移交');
  await expect(row).toContainText('上坝村人民调解委员会');
  await expect(row).toContainText(/[3-9] 天/);

  // Only the overdue acceptances: every row left is one.
  await kinds.getByText(/^超期未受理（/).click();
  await expect(page).toHaveURL(/[?&]kind=overdue-acceptance/);
  await expect(row).toBeVisible();
  const rows = results.locator('tbody tr.ant-table-row');
  await expect(rows.filter({ hasNotText: '超期未受理' })).toHaveCount(0);

  // The filter kept as a view shared with the administrators; the other administrators see it.
  const viewName = `超期受理-${Date.now().toString(36)}`;
  await page.getByRole('button', { name: '另存为视图' }).click();
  const dialog = page.getByRole('dialog', { name: '把当前的筛选条件保存为视图' });
  await dialog.getByLabel('名称').fill(viewName);
  // Checked again if the first click lands while the name's check re-lays the form out (a busy PC's double click).
  const administrators = dialog.getByRole('checkbox', { name: '管理员' });
  await expect(async () => {
    await administrators.check({ timeout: 2_000 });
  }).toPass({ timeout: 10_000 });
  await expect(dialog.getByText(UUID)).toBeVisible();
  await dialog.getByRole('button', { name: '保存' }).click();
  await expect(page.getByText(`视图“${viewName}”已保存`)).toBeVisible();
  await expect(dialog).toBeHidden();
  const views = page.getByRole('region', { name: '已保存的视图' });
  await expect(views).toContainText('保存的条件：超期未受理');
  await expect(views).toContainText('共享给：管理员');
  expect(await savedViewNames()).toContain(viewName);
  await expectAccessible(page, 'the stuck cases');
  await screenshot(page, 'admin-stuck-zh');

  // Cleared, then the view applied again: its filter comes back.
  await page.getByRole('button', { name: '清除' }).click();
  await expect(page).not.toHaveURL(/kind=|view=/);
  await expect(views.getByRole('combobox', { name: '应用视图' })).toHaveValue('');
  await expect(views).toContainText('选择一个视图');
  await expect(kinds.getByRole('radio', { name: /^全部/ })).toBeChecked();
  await choose(page, views.getByRole('combobox', { name: '应用视图' }), `${viewName} · 我的`);
  await expect(page).toHaveURL(/[?&]kind=overdue-acceptance/);
  await expect(kinds.getByRole('radio', { name: /^超期未受理/ })).toBeChecked();
  await expect(row).toBeVisible();

  // Deleted: gone for the other administrators too.
  await views.getByRole('button', { name: '删除视图' }).click();
  await page.getByRole('tooltip').getByRole('button', { name: '删除' }).click();
  await expect(page.getByText(`视图“${viewName}”已删除`)).toBeVisible();
  await expect(views).not.toContainText('保存的条件');
  await expect(page).not.toHaveURL(/view=/);
  await expect(page).toHaveURL(/[?&]kind=overdue-acceptance/);
  expect(await savedViewNames()).not.toContain(viewName);

  // The diagnosis: one line first, the open task the workflow awaits, the timeline, the workflow in Temporal.
  await row.getByRole('link', { name: `查看案件 ${caseId} 的诊断` }).click();
  await expect(page).toHaveURL(new RegExp(`/admin/cases/${caseId}$`));
  await expect(page.getByRole('heading', { name: `案件诊断 · 案件 ${caseId.slice(0, 8)}`, level: 1 })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: '诊断' })).toContainText(/past due for accept-transfer/);
  const tasks = page.getByRole('table', { name: '本案的待办任务，以及流程是否仍在等待它们' });
  const transfer = tasks.getByRole('row').filter({ hasText: '受理移交' });
  await expect(transfer).toContainText('仍在等待');
  await expect(transfer).toContainText('未认领');
  await expect(transfer).toContainText(/[3-9] 天/);
  const timeline = page.getByRole('table', { name: '本案最近的时间线事件' });
  await expect(timeline.locator('tbody tr.ant-table-row').first()).toBeVisible();
  const temporal = page.getByRole('link', { name: `在 Temporal 中查看流程（${workflowId}，新窗口打开）` });
  await expect(temporal).toHaveAttribute(
    'href',
    new RegExp(`^https?://[^/]+/.*workflows/${encodeURIComponent(workflowId).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`),
  );
  await expectAccessible(page, 'the case diagnosis');
  await screenshot(page, 'admin-diagnosis-zh');

  // First repair: the transfer handed to the committee's mediator, under the key the form shows.
  const repair = page.getByRole('region', { name: '修复' });
  // The form opens on what the diagnosis points to: an overdue task, so its deadline.
  await expect(repair.getByRole('form', { name: '延长期限' })).toBeVisible();
  await choose(page, repair.getByRole('combobox', { name: '修复方式' }), '改派任务');
  const reassign = repair.getByRole('form', { name: '改派任务' });
  await choose(page, reassign.getByRole('combobox', { name: '任务' }), TASK);
  await choose(page, reassign.getByRole('combobox', { name: '改派给' }), '调解员 上坝');
  await reassign.getByLabel('原因').fill('调委会主任外出，交给上坝调解员受理');
  const shownKey = (await reassign.getByText(UUID).textContent()) ?? '';
  expect(shownKey).toMatch(UUID);
  await reassign.getByRole('button', { name: '执行修复' }).click();
  const confirm = page.getByRole('dialog', { name: '确认修复' });
  await expect(confirm).toContainText(`将把任务“${TASK}”改派给 调解员 上坝。`);
  await expect(confirm).toContainText('原因：调委会主任外出，交给上坝调解员受理');
  const sent = page.waitForRequest(
    (request) => request.method() === 'POST' && request.url().endsWith(`/admin/cases/${caseId}/repairs`),
  );
  await confirm.getByRole('button', { name: '确认执行' }).click();
  expect((await sent).headers()['idempotency-key']).toBe(shownKey);
  const result = repair.getByRole('group', { name: '上一次修复的结果' });
  await expect(result).toContainText(`修复完成：accept-transfer task handed to ${mediator.staffId}`);
  const log = page.getByRole('table', { name: '本案的修复记录，最新的在前' });
  const reassigned = log.getByRole('row').filter({ hasText: '改派任务' });
  await expect(reassigned).toContainText('调委会主任外出，交给上坝调解员受理');
  await expect(reassigned).toContainText('已完成');
  await expect(reassigned.getByRole('cell').first()).toContainText('我');
  // The service holds it so: the same task, now the mediator's.
  await expect.poll(async () => (await openTransfer(caseId))?.assigneeStaffId).toBe(mediator.staffId);
  expect((await openTransfer(caseId))?.id).toBe(taskId);
  await expect(transfer).toContainText('调解员 上坝');

  // Second repair: five more working days.
  await choose(page, repair.getByRole('combobox', { name: '修复方式' }), '延长期限');
  const extend = repair.getByRole('form', { name: '延长期限' });
  await choose(page, extend.getByRole('combobox', { name: '任务' }), TASK);
  await expect(extend.getByRole('spinbutton', { name: '延长多少' })).toHaveValue('5');
  await expect(extend.getByRole('radio', { name: '工作日' })).toBeChecked();
  await extend.getByLabel('原因').fill('本周调委会人手不足，再给五个工作日');
  await expect(extend.getByText(UUID)).not.toHaveText(shownKey);
  await extend.getByRole('button', { name: '执行修复' }).click();
  await expect(confirm).toContainText(`将把任务“${TASK}”的期限延长 5 个工作日。`);
  await confirm.getByRole('button', { name: '确认执行' }).click();
  await expect(result).toContainText(/修复完成：accept-transfer task due \S+ \(was \S+\), \+5 working-days/);
  const extended = log.getByRole('row').filter({ hasText: '延长期限' });
  await expect(extended).toContainText('本周调委会人手不足，再给五个工作日');
  await expect(extended).toContainText('已完成');
  await expect(log.locator('tbody tr.ant-table-row')).toHaveCount(2);
  // The transfer is issued again, due in the future and still the mediator's; the diagnosis no longer says overdue.
  await expect
    .poll(async () => {
      const renewed = await openTransfer(caseId);
      return renewed && renewed.id !== taskId && Date.parse(renewed.dueAt ?? '') > Date.now()
        ? renewed.assigneeStaffId
        : undefined;
    })
    .toBe(mediator.staffId);
  await expect(transfer).toContainText('未超期');
  await expectAccessible(page, 'the case diagnosis after its repairs');
  await screenshot(page, 'admin-diagnosis-repaired-zh');

  // The same pages in English.
  await choose(page, page.getByRole('combobox', { name: '语言' }), 'English');
  await expect(
    page.getByRole('heading', { name: `Case diagnosis · Case ${caseId.slice(0, 8)}`, level: 1 }),
  ).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Open tasks' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Latest timeline' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Repair log' })).toBeVisible();
  await expect(page.getByRole('combobox', { name: 'Kind of repair' })).toBeVisible();
  await expect(page.getByRole('table', { name: "The case's repairs, newest first" })).toContainText('Reassign task');
  await expect(
    page.getByRole('link', { name: `See the workflow in Temporal (${workflowId}, opens a new window)` }),
  ).toBeVisible();
  await expectAccessible(page, 'the case diagnosis in English');
  await screenshot(page, 'admin-diagnosis-en');

  await page.getByRole('navigation').getByRole('link', { name: 'Stuck cases' }).click();
  await expect(page.getByRole('heading', { name: 'Stuck cases', level: 1 })).toBeVisible();
  await expect(page.getByRole('radiogroup', { name: 'By kind' }).getByRole('radio', { name: /^All/ })).toBeChecked();
  await expect(page.getByRole('heading', { name: 'Saved views' })).toBeVisible();
  await expect(page.getByLabel('Stuck at least (hours)')).toBeVisible();
  await expect(page.getByRole('table', { name: 'Stuck cases, longest stuck first' })).toBeVisible();
  await expectAccessible(page, 'the stuck cases in English');
  await screenshot(page, 'admin-stuck-en');
});
