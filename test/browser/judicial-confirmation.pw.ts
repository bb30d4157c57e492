/**
 * 司法确认 (人民调解法 art. 33): after an agreement at Shangba the mediator records the parties' application on the case
 * page. The tribunal's liaison then has the judicial-confirmation task, first due within the 3 days the court has to
 * accept the application; recording the acceptance (by keyboard) re-times it to 15 days from acceptance, and the
 * ruling 确认有效 goes on the timeline. Performance is not recorded yet, so the case stays open in follow-up.
 */
import type { Locator } from '@playwright/test';
import {
  acceptTransferAs,
  caseCall,
  completeTaskAs,
  expect,
  expectAccessible,
  loginApi,
  openCase,
  openTasks,
  screenshot,
  signIn,
  test,
} from './support/journey';

const DAY_MS = 86_400_000;

/** The day (town time, as a UTC midnight) of the "截止 2026/12/09 23:59" a task's due tag shows. */
async function dueDayOf(dueTag: Locator): Promise<number> {
  const text = (await dueTag.textContent()) ?? '';
  const match = /截止 (\d{4})\/(\d{2})\/(\d{2}) \d{2}:\d{2}/.exec(text);
  if (!match) throw new Error(`no due date in "${text}"`);
  return Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
}

/** Today in the town's time zone, as a UTC midnight. */
function townToday(): number {
  const [year, month, day] = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' })
    .format(new Date())
    .split('-')
    .map(Number);
  return Date.UTC(year ?? 0, (month ?? 1) - 1, day ?? 1);
}

test('the tribunal accepts an application for judicial confirmation, then confirms the agreement', async ({ page }) => {
  const caseId = await openCase({
    summary: '上坝村两户因借款归还期限发生纠纷，已达成分期还款协议。',
    disputeType: 'contract-debt',
    amount: '12000.00',
  });
  await acceptTransferAs(caseId, 'mediator.shangba');
  // The agreement as the mediator records it (another journey records one on the page): no joint agencies, so it
  // takes effect at once and the case is in follow-up.
  await completeTaskAs(caseId, 'mediator.shangba', 'mediate', { kind: 'record-agreement' }, (tasks) =>
    tasks.some((task) => task.kind === 'follow-up-visit'),
  );

  await signIn(page, 'mediator.shangba');
  await expect(page.getByRole('heading', { name: '工作台', level: 1 })).toBeVisible();
  await page.goto(`/cases/${caseId}`);
  const header = page.locator('.ant-card').filter({ has: page.getByRole('heading', { name: '案件概况', level: 2 }) });
  await expect(header).toContainText('办理中 · 履行与回访');
  const application = page
    .locator('.ant-card')
    .filter({ has: page.getByRole('heading', { name: '申请司法确认', level: 2 }) });
  await expect(application).toContainText('协议生效之日起30日内，双方当事人可共同向人民法院申请司法确认');
  await application.getByRole('button', { name: '记录司法确认申请' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByText('已提交。')).toBeVisible();
  await expect(application).toHaveCount(0);
  const timeline = page.locator('.ant-card').filter({ has: page.getByRole('heading', { name: '办理记录', level: 2 }) });
  await expect(timeline.getByText('申请司法确认', { exact: true })).toBeVisible();
  await page.getByRole('button', { name: '退出登录' }).click();

  // The tribunal reads the case once it is involved (a moment after the application).
  const court = await loginApi('liaison.court');
  await expect
    .poll(async () => {
      if (!(await openTasks(caseId)).some((task) => task.kind === 'judicial-confirmation')) return null;
      try {
        return (await caseCall<{ id: string }>(court, 'GET', `/api/v1/cases/${caseId}`)).id;
      } catch {
        return null;
      }
    })
    .toBe(caseId);

  await signIn(page, 'liaison.court');
  await expect(page.getByRole('heading', { name: '工作台', level: 1 })).toBeVisible();
  await page.goto(`/cases/${caseId}`);
  const card = page
    .locator('.ant-card')
    .filter({ has: page.getByRole('heading', { name: '司法确认', level: 2, exact: true }) });
  // First the court decides whether to accept it: 3 days, by the rule the current deadline names.
  await expect(card.getByLabel('法院受理时间')).toBeVisible();
  await expect(card).toContainText('法院收到申请后三日内决定是否受理；受理后十五日内作出是否确认的决定。');
  await expect(page.getByText('依据：人民法院收到司法确认申请，应当在三日内决定是否受理')).toBeVisible();
  const dueTag = card.locator('.ant-card-extra');
  await expect(dueTag).toContainText('截止');
  const today = townToday();
  const dueBefore = await dueDayOf(dueTag);
  expect(dueBefore).toBeGreaterThanOrEqual(today + 3 * DAY_MS);
  expect(dueBefore).toBeLessThan(today + 15 * DAY_MS);
  await expectAccessible(page, 'the judicial confirmation awaiting acceptance');
  await screenshot(page, 'judicial-confirmation-acceptance-zh');

  // Accepted now (the field's default), by keyboard.
  await card.getByRole('button', { name: '记录受理' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByText('已提交。')).toBeVisible();
  await expect(timeline.getByText('法院受理司法确认申请', { exact: true })).toBeVisible();
  await expect(card.getByLabel('法院受理时间')).toHaveCount(0);
  // The same task, due now 15 days from the acceptance.
  await expect.poll(() => dueDayOf(dueTag)).toBeGreaterThanOrEqual(today + 15 * DAY_MS);
  const dueAfter = await dueDayOf(dueTag);
  expect(dueAfter - dueBefore).toBeGreaterThanOrEqual(11 * DAY_MS);

  // The ruling.
  const ruling = card.getByRole('radiogroup', { name: '法院裁定' });
  await ruling.getByRole('radio', { name: '确认有效' }).check();
  await expectAccessible(page, 'the judicial confirmation accepted, ruling chosen');
  await screenshot(page, 'judicial-confirmation-ruling-zh');
  await card.getByRole('button', { name: '记录司法确认结果' }).click();
  await expect(timeline.locator('.ant-timeline-item').filter({ hasText: '司法确认结果' })).toContainText('确认有效');
  await expect(card).toHaveCount(0);
  // Performance is not recorded yet: the case stays open, waiting for the follow-up visit.
  await expect(header).toContainText('办理中 · 履行与回访');
  await expectAccessible(page, 'the case after the ruling');
  await screenshot(page, 'judicial-confirmation-ruled-zh');
});
