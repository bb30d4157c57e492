/**
 * An administrator repairs several stalled transfers at once: filtered on the stuck page, carried over to the batch
 * page, tried as a dry run item by item, then carried out while a progress bar follows it to the end.
 */
import { choose, expect, expectAccessible, screenshot, test } from './support/journey';
import { newAdministrator, openTransfer, overdueTransfer, signInTo } from './support/stalls';

/**
 * These transfers waited far longer than any other journey's stalls (days back, and the scan's minimum age in hours
 * just under it): the filter then finds this journey's cases and no one else's on the shared stack.
 */
const DAYS_STALLED = 4_100;
const MIN_AGE_HOURS = 98_000;

test('a batch extends the deadlines of overdue transfers, from the dry run to its report', async ({ page }) => {
  // One after another: logins of one account at the same moment are held back by agency-service's throttle.
  const stalled: { caseId: string; taskId: string }[] = [];
  for (const place of ['东头', '西头', '塘边'])
    stalled.push(await overdueTransfer(`上坝村${place}两户因排水沟改道起争执，移交一直无人受理。`, DAYS_STALLED));
  const caseIds = stalled.map((one) => one.caseId);
  const admin = await newAdministrator('管理员 批量修复');
  await signInTo(page, admin.username);

  // The stuck page filtered to transfers stalled that long: exactly these cases.
  await page.getByRole('navigation').getByRole('link', { name: '卡住的案件' }).click();
  const kinds = page.getByRole('radiogroup', { name: '按类型查看' });
  await kinds.getByText(/^超期未受理（/).click();
  await expect(kinds.getByRole('radio', { name: /^超期未受理/ })).toBeChecked();
  await page.getByLabel('至少卡住（小时）').fill(String(MIN_AGE_HOURS));
  await page.getByRole('button', { name: '查询' }).click();
  await expect(page).toHaveURL(new RegExp(`minAgeHours=${MIN_AGE_HOURS}`));
  const results = page.getByRole('table', { name: '卡住的案件，卡住最久的在前' });
  for (const caseId of caseIds)
    await expect(results.getByRole('link', { name: `查看案件 ${caseId} 的诊断` })).toBeVisible();
  await expect(results.locator('tbody tr.ant-table-row')).toHaveCount(caseIds.length);
  await screenshot(page, 'admin-batch-filters-zh');

  // The batch page, with the same filters.
  await page.getByRole('link', { name: '批量修复' }).click();
  await expect(page).toHaveURL(/\/admin\/repairs\/batch\?/);
  await expect(page).toHaveURL(/kind=overdue-acceptance/);
  await expect(page.getByRole('heading', { name: '批量修复', level: 1 })).toBeVisible();
  const scan = page.getByRole('region', { name: '扫描条件' });
  await expect(scan).toContainText('超期未受理');
  await expect(scan).toContainText(String(MIN_AGE_HOURS));

  // Extend every deadline by five working days: the dry run lists each case.
  const form = page.getByRole('region', { name: '修复内容' });
  await choose(page, form.getByRole('combobox', { name: '修复方式' }), '延长期限');
  await expect(form.getByRole('spinbutton', { name: '延长多少' })).toHaveValue('5');
  await expect(form.getByRole('radio', { name: '工作日' })).toBeChecked();
  const reason = '节假日期间村调委会无人值班，统一延长受理期限';
  await form.getByLabel('原因').fill(reason);
  const run = form.getByRole('button', { name: '执行' });
  await expect(run).toBeDisabled();
  await form.getByRole('button', { name: '预演' }).click();
  const plan = page.getByRole('region', { name: '预演计划' });
  await expect(plan.getByRole('status')).toHaveText(`共 ${caseIds.length} 项将被修复`);
  const planned = plan.getByRole('table', { name: '预演计划：将被修复的每一项' });
  await expect(planned.locator('tbody tr.ant-table-row')).toHaveCount(caseIds.length);
  for (const { caseId, taskId } of stalled) {
    const item = planned
      .getByRole('row')
      .filter({ has: page.getByRole('link', { name: `查看案件 ${caseId} 的诊断` }) });
    await expect(item).toContainText(taskId.slice(0, 8));
    await expect(item).toContainText(/past due for accept-transfer/);
  }
  await expectAccessible(page, 'the batch dry run');
  await screenshot(page, 'admin-batch-plan-zh');

  // Carried out, confirmed: the progress bar follows it until it is done, and the report lists each case.
  await expect(run).toBeEnabled();
  await run.click();
  const confirm = page.getByRole('dialog', { name: '确认修复' });
  await expect(confirm).toContainText(`将把 ${caseIds.length} 个任务的期限各延长 5 个工作日。`);
  await expect(confirm).toContainText(`原因：${reason}`);
  await confirm.getByRole('button', { name: '确认执行' }).click();
  await expect(page).toHaveURL(/[?&]batch=[0-9a-f-]{36}/);
  const report = page.getByRole('region', { name: '批量修复报告' });
  const progress = report.getByRole('progressbar', { name: '进度' });
  await expect(progress).toBeVisible();
  await expect(progress).toHaveAttribute('aria-valuenow', '100');
  await expect(report.getByRole('status')).toHaveText(
    `批量修复已完成：共 ${caseIds.length} 项，成功 ${caseIds.length}，拒绝 0，失败 0`,
  );
  const items = report.getByRole('table', { name: '批量修复的每一项及其结果' });
  await expect(items.locator('tbody tr.ant-table-row')).toHaveCount(caseIds.length);
  for (const caseId of caseIds) {
    const item = items.getByRole('row').filter({ has: page.getByRole('link', { name: `查看案件 ${caseId} 的诊断` }) });
    await expect(item).toContainText('已完成');
    await expect(item).toContainText(/accept-transfer task due \S+ \(was \S+\), \+5 working-days/);
  }
  await expect(report).toContainText(`延长期限 · 原因：${reason}`);
  await expectAccessible(page, 'the batch report');
  await screenshot(page, 'admin-batch-report-zh');

  // Each transfer is due in the future again.
  for (const { caseId, taskId } of stalled) {
    const renewed = await openTransfer(caseId);
    expect(renewed?.id).not.toBe(taskId);
    expect(Date.parse(renewed?.dueAt ?? '')).toBeGreaterThan(Date.now());
  }

  // The report in English.
  await choose(page, page.getByRole('combobox', { name: '语言' }), 'English');
  await expect(page.getByRole('heading', { name: 'Repair in a batch', level: 1 })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Scan filters' })).toBeVisible();
  const reportEn = page.getByRole('region', { name: 'Batch report' });
  await expect(reportEn.getByRole('progressbar', { name: 'Progress' })).toBeVisible();
  await expect(reportEn.getByRole('status')).toHaveText(
    `The batch is done: ${caseIds.length} in all, ${caseIds.length} applied, 0 refused, 0 failed`,
  );
  await expect(reportEn.getByRole('table', { name: 'Every item of the batch and what came of it' })).toContainText(
    'applied',
  );
  await expect(page.getByRole('button', { name: 'Start another batch' })).toBeEnabled();
  await expectAccessible(page, 'the batch report in English');
  await screenshot(page, 'admin-batch-report-en');
});
