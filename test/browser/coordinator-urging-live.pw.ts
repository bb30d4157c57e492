/**
 * 督办 for real: two transfers the police station let lie past their acceptance deadline, whose workflows opened their
 * urge-acceptance tasks when their own acceptance timers fired. The coordinator urges one with a click and sees it
 * urged (the count, when, a message); a working day later, with both open again, she urges both at once while a
 * colleague has just urged one of them, and the page reports each: one urged, one refused. The case's timeline has
 * both urgings.
 *
 * No journey can wait a working day in real time: this one runs on a stack of its own, on Temporal's time-skipping
 * test server, and moves the workflows' clocks on. case-service reads how late a transfer is on the machine's clock,
 * so each skip moves the two transfers' deadlines back in its table by as much: both clocks agree how late they are.
 */
import { randomUUID } from 'node:crypto';
import { Client as PgClient } from 'pg';
import type { TownStack, Staff } from '../e2e/support/town-stack';
import { type CaseTask, navigation, rowOfCase, signInTo } from './support/coordination';
import { expect, expectAccessible, POLICE_STATION, screenshot, test } from './support/journey';
import {
  startTimeSkippingStack,
  TIME_SKIPPING_CONSOLE_PORT,
  type TimeSkippingStack,
} from './support/time-skipping-stack';

test.use({ baseURL: `http://127.0.0.1:${TIME_SKIPPING_CONSOLE_PORT}` });

let live: TimeSkippingStack | undefined;

test.beforeAll(async () => {
  // A second town beside the shared one: its databases, services, worker and console, and the test server.
  test.setTimeout(240_000);
  live = await startTimeSkippingStack();
});

test.afterAll(async () => {
  test.setTimeout(120_000);
  await live?.stop();
});

function running(): TimeSkippingStack {
  if (!live) throw new Error('the time-skipping stack did not start');
  return live;
}

interface OverdueRow {
  caseId: string;
  task: { id: string };
  urgeCount: number;
  urgeTaskId: string | null;
  nextUrgeAt: string | null;
}

async function call<T>(town: TownStack, as: Staff, method: 'GET' | 'POST', url: string, body?: unknown): Promise<T> {
  const res = await town.call<T>(
    as,
    method,
    url,
    body === undefined ? { key: randomUUID() } : { body, key: randomUUID() },
  );
  if (res.status >= 300) throw new Error(`${method} ${url}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/** A case a village committee's mediator takes at the office, with a risk of violence: it goes to the police. */
async function reportedCase(
  town: TownStack,
  options: { summary: string; disputeType: string; villageCode: string; reportedBy: string },
): Promise<string> {
  const mediator = await town.login(options.reportedBy);
  const opened = await call<{ id: string }>(town, mediator, 'POST', '/api/v1/cases', {
    disputeType: options.disputeType,
    source: 'walk-in',
    summary: options.summary,
    townCode: 'qingshui',
    villageCode: options.villageCode,
    riskAssessment: { violenceRisk: true, groupDispute: false, keyPerson: false },
  });
  return opened.id;
}

/** Waits until the case has an open task of `kind`, and returns it. */
async function openTaskOf(town: TownStack, coordinator: Staff, caseId: string, kind: string): Promise<CaseTask> {
  let found: CaseTask | undefined;
  await expect
    .poll(
      async () => {
        const tasks = await call<{ items: CaseTask[] }>(town, coordinator, 'GET', `/api/v1/cases/${caseId}/tasks`);
        found = tasks.items.find((task) => task.kind === kind && task.status === 'open');
        return found !== undefined;
      },
      { timeout: 30_000 },
    )
    .toBe(true);
  return found as CaseTask;
}

async function overdueTransfers(town: TownStack, coordinator: Staff): Promise<OverdueRow[]> {
  return (await call<{ items: OverdueRow[] }>(town, coordinator, 'GET', '/api/v1/overdue-transfers')).items;
}

/**
 * Moves the workflows' clocks on by `ms` (their timers due meanwhile fire), and the transfers' deadlines in
 * case-service's table back by as much.
 */
async function skip(stack: TimeSkippingStack, ms: number, acceptTaskIds: readonly string[]): Promise<void> {
  await stack.env.sleep(ms);
  const db = new PgClient({ connectionString: stack.stack.town.env.databaseUrls.case });
  await db.connect();
  try {
    await db.query(`UPDATE tasks SET due_at = due_at - make_interval(secs => $2) WHERE id = ANY($1::uuid[])`, [
      acceptTaskIds,
      ms / 1000,
    ]);
  } finally {
    await db.end();
  }
}

test('a coordinator urges a late transfer with one click, then two at once, and reads what became of each', async ({
  page,
}) => {
  test.setTimeout(180_000);
  const stack = running();
  const town = stack.stack.town;
  const coordinator = await town.login('coordinator');
  const medical = await reportedCase(town, {
    summary: '洞口村村民与邻村诊所因误诊赔偿争执，家属聚集诊所门口。',
    disputeType: 'medical',
    villageCode: 'dongkou',
    reportedBy: 'mediator.dongkou',
  });
  const traffic = await reportedCase(town, {
    summary: '下坝村两车在村口相撞，双方为赔偿争吵推搡。',
    disputeType: 'traffic',
    villageCode: 'xiaba',
    reportedBy: 'mediator.xiaba',
  });
  const transfers = [
    await openTaskOf(town, coordinator, medical, 'accept-transfer'),
    await openTaskOf(town, coordinator, traffic, 'accept-transfer'),
  ];
  for (const transfer of transfers) expect(transfer).toMatchObject({ agencyId: POLICE_STATION, level: 'L2' });
  const acceptIds = transfers.map((transfer) => transfer.id);

  // A day past the later acceptance deadline: both timers fire, and each workflow opens its urge-acceptance task.
  const deadline = Math.max(...transfers.map((transfer) => Date.parse(transfer.clock.dueAt ?? '')));
  await skip(stack, deadline - (await stack.env.currentTimeMs()) + 24 * 3_600_000, acceptIds);
  await openTaskOf(town, coordinator, medical, 'urge-acceptance');
  await openTaskOf(town, coordinator, traffic, 'urge-acceptance');
  await expect
    .poll(async () => (await overdueTransfers(town, coordinator)).filter((row) => row.urgeTaskId !== null).length)
    .toBe(2);

  await signInTo(page, 'coordinator');
  await navigation(page).getByRole('link', { name: '督办' }).click();
  await expect(page.getByRole('heading', { name: '督办', level: 1 })).toBeVisible();
  const main = page.getByRole('main');
  const medicalRow = rowOfCase(main, medical);
  const trafficRow = rowOfCase(main, traffic);
  await expect(medicalRow).toContainText('清水派出所');
  await expect(medicalRow).toContainText('1 天');
  await expect(medicalRow).toContainText('0 次');
  await expect(trafficRow).toContainText('交通事故');
  await expect(trafficRow).toContainText('0 次');
  const urgeMedical = medicalRow.getByRole('button', { name: '督办：医疗纠纷 · 洞口村' });
  await expect(urgeMedical).toBeEnabled();
  await expect(trafficRow.getByRole('button', { name: '督办：交通事故 · 下坝村' })).toBeEnabled();
  await expectAccessible(page, 'the urging list with two transfers to urge');
  await screenshot(page, 'urging-live-open');

  // One click: urged, once, just now; the next urging opens a working day later.
  await urgeMedical.click();
  await expect(page.getByText('已督办：医疗纠纷 · 洞口村', { exact: true })).toBeVisible();
  await expect(medicalRow).toContainText('1 次');
  await expect(medicalRow.getByText('已督办', { exact: true })).toBeVisible();
  await expect(medicalRow.getByRole('cell').nth(9)).not.toHaveText('—');
  await expect(urgeMedical).toBeDisabled();
  await expect(urgeMedical).toHaveAccessibleDescription(/^本次督办已办理，.+ 起可再次督办。$/);
  await expect(medicalRow.getByRole('checkbox', { name: '选择：医疗纠纷 · 洞口村' })).toBeDisabled();
  await expect(trafficRow).toContainText('0 次');
  await expectAccessible(page, 'the urging list after one urging');
  await screenshot(page, 'urging-live-one');

  // A working day on, the police still have not accepted: the workflow opens the medical case's next urging.
  const urgeAgainAt = (await overdueTransfers(town, coordinator)).find((row) => row.caseId === medical)?.nextUrgeAt;
  expect(urgeAgainAt).toEqual(expect.any(String));
  await skip(stack, Date.parse(urgeAgainAt ?? '') - (await stack.env.currentTimeMs()) + 60_000, acceptIds);
  await expect
    .poll(async () => (await overdueTransfers(town, coordinator)).filter((row) => row.urgeTaskId !== null).length)
    .toBe(2);
  await page.getByRole('group', { name: '批量督办' }).getByRole('button', { name: '刷新' }).click();
  await expect(urgeMedical).toBeEnabled();

  // Both chosen; meanwhile a colleague urges the medical case from another desk, before this page knows.
  await page.getByRole('checkbox', { name: '选择本页全部可督办的移交' }).check();
  const bulk = page.getByRole('group', { name: '批量督办' });
  await expect(bulk).toContainText('已选 2 件');
  const medicalUrge = await openTaskOf(town, coordinator, medical, 'urge-acceptance');
  await call(town, coordinator, 'POST', `/api/v1/tasks/${medicalUrge.id}/complete`, {
    action: { kind: 'record-urging' },
  });
  await bulk.getByRole('button', { name: '督办所选' }).click();

  // Each transfer's result: the traffic case urged, the medical case refused (urged already), and why.
  const report = page.getByRole('status').filter({ has: page.getByRole('list', { name: '本次督办结果' }) });
  await expect(report).toContainText('督办完成：1 件已督办，1 件未能督办，0 件发送失败。');
  const results = report.getByRole('list', { name: '本次督办结果' }).getByRole('listitem');
  await expect(results).toHaveCount(2);
  await expect(results.filter({ hasText: '交通事故 · 下坝村' })).toContainText(
    '交通事故 · 下坝村（清水派出所）：已督办',
  );
  await expect(results.filter({ hasText: '医疗纠纷 · 洞口村' })).toContainText(
    /^案件 \S+ 医疗纠纷 · 洞口村（清水派出所）：未能督办：已有同事督办，或移交已被受理$/,
  );
  await expect(trafficRow).toContainText('1 次');
  await expect(medicalRow).toContainText('2 次');
  await expect(bulk).toContainText('已选 0 件');
  await expectAccessible(page, 'the urging list with the results of urging two at once');
  await screenshot(page, 'urging-live-bulk');

  // The case's own record: both urgings of the medical case.
  await medicalRow.getByRole('link').click();
  await expect(page).toHaveURL(new RegExp(`/cases/${medical}$`));
  const timeline = page.locator('.ant-card').filter({ has: page.getByRole('heading', { name: '办理记录', level: 2 }) });
  await expect(timeline.locator('.ant-timeline-item').filter({ hasText: '督办' })).toHaveCount(2);
  await expectAccessible(page, 'the urged case');
  await screenshot(page, 'urging-live-case');
});
