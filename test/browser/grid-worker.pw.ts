/**
 * A grid worker reports from the village on a phone: registers the person reporting and the other side through the
 * form, gives the amount and the event reference, and sees the case opened; a second report of the same event joins
 * that case. The page never scrolls sideways, and the ID number typed never reaches the URL or the browser's storage.
 */
import { randomUUID } from 'node:crypto';
import type { Page } from '@playwright/test';
import { residentIdCheckCharacter } from '@gongzhi/contracts';
import { choose, expect, expectAccessible, screenshot, signIn, test } from './support/journey';

test.use({ viewport: { width: 390, height: 844 }, hasTouch: true });

/** A synthetic resident ID number (a made-up body with a real check character), different on every run. */
function syntheticIdNumber(): string {
  const sequence = String(Math.floor(Math.random() * 1000)).padStart(3, '0');
  const first17 = `522634${1960 + Math.floor(Math.random() * 40)}0615${sequence}`;
  return `${first17}${residentIdCheckCharacter(first17)}`;
}

async function expectNoSidewaysScroll(page: Page, what: string): Promise<void> {
  const widths = await page.evaluate(() => {
    const root = document.scrollingElement ?? document.documentElement;
    return { scroll: root.scrollWidth, client: root.clientWidth };
  });
  expect(widths.scroll, `${what} scrolls sideways on a phone`).toBeLessThanOrEqual(widths.client);
}

/** Everything the page keeps in the browser's storage, and its address. */
async function browserTraces(page: Page): Promise<string> {
  const stored = await page.evaluate(() => {
    const dump = (storage: Storage) =>
      Array.from({ length: storage.length }, (_, i) => storage.key(i) ?? '').map(
        (key) => `${key}=${storage.getItem(key) ?? ''}`,
      );
    return [...dump(window.localStorage), ...dump(window.sessionStorage)].join('\n');
  });
  return `${page.url()}\n${stored}`;
}

async function registerParty(page: Page, name: string, idNumber: string): Promise<void> {
  await page.getByRole('button', { name: '查找或登记当事人' }).click();
  const dialog = page.getByRole('dialog', { name: '查找或登记当事人' });
  await dialog.getByLabel('姓名').fill(name);
  await dialog.getByLabel('身份证号').fill(idNumber);
  await dialog.getByLabel('手机号（选填）').fill('13900139000');
  await dialog.getByRole('button', { name: '确定' }).click();
  await expect(dialog).toHaveCount(0);
}

test('a grid worker reports a dispute on a phone, and a second report of the event joins its case', async ({
  page,
}) => {
  const addresses: string[] = [];
  page.on('framenavigated', (frame) => {
    if (frame === page.mainFrame()) addresses.push(frame.url());
  });
  const reporterId = syntheticIdNumber();
  const respondentId = syntheticIdNumber();
  const eventRef = `JQ-${randomUUID().slice(0, 8)}`;

  await signIn(page, 'grid.shangba');
  await page.getByRole('link', { name: '上报纠纷' }).click();
  await expect(page.getByRole('heading', { name: '上报纠纷', level: 1 })).toBeVisible();

  await choose(page, page.getByRole('combobox', { name: '纠纷类型' }), '劳资欠薪');
  await choose(page, page.getByRole('combobox', { name: '村' }), '上坝村');
  // The grids of the village come from the town directory.
  await choose(page, page.getByRole('combobox', { name: '网格编号' }), 'shangba-02');
  await page.getByLabel(/事件编号/).fill(eventRef);
  await page.getByLabel('纠纷情况').fill('上坝村村民讨要三个月工钱，与包工头发生争执。');

  // A typo in the ID number is shown beside the field before anything is sent.
  await page.getByRole('button', { name: '查找或登记当事人' }).click();
  const dialog = page.getByRole('dialog', { name: '查找或登记当事人' });
  await dialog.getByLabel('姓名').fill('王小明');
  const typo = `${reporterId.slice(0, 17)}${reporterId.endsWith('0') ? '1' : '0'}`;
  await dialog.getByLabel('身份证号').fill(typo);
  await dialog.getByLabel('手机号（选填）').fill('1390013');
  await dialog.getByRole('button', { name: '确定' }).click();
  await expect(dialog.getByText('最后一位校验码与前面不符，请检查是否输错')).toBeVisible();
  await expect(dialog.getByText('请填写 11 位手机号')).toBeVisible();
  await expectAccessible(page, 'the party dialog');
  await screenshot(page, 'grid-worker-party-dialog-zh');
  await dialog.getByRole('button', { name: '取消' }).click();

  await registerParty(page, '王小明', reporterId);
  await registerParty(page, '李建国', respondentId);
  const reporter = page.getByRole('listitem', { name: '王小明' });
  const respondent = page.getByRole('listitem', { name: '李建国' });
  // Shown masked, as party-service answers it.
  await expect(reporter).toContainText(`身份证 ${reporterId.slice(0, 6)}********${reporterId.slice(-4)}`);
  await expect(reporter).toContainText('139****9000');
  await expect(reporter.getByRole('combobox', { name: '王小明的身份' })).toBeVisible();
  await expect(reporter).toContainText('申请人（上报人）');
  await expect(respondent).toContainText('被申请人');

  await page.getByRole('spinbutton', { name: '争议金额' }).fill('18600.5');
  await page.getByLabel('风险说明').fill('双方情绪激动，暂无肢体冲突。');
  await expect(page.getByText('勾选任一风险，新案件将直接移送派出所处理。')).toBeVisible();
  await expectNoSidewaysScroll(page, 'the report form');
  await expectAccessible(page, 'the report form');
  await screenshot(page, 'grid-worker-report-zh');

  await page
    .getByRole('button', { name: '上 报' })
    .or(page.getByRole('button', { name: '上报' }))
    .click();
  await expect(page.getByText('已立案', { exact: true })).toBeVisible();
  const openCase = page.getByRole('link', { name: '查看案件（劳资欠薪）' });
  const caseHref = await openCase.getAttribute('href');
  expect(caseHref).toMatch(/^\/cases\/[0-9a-f-]{36}$/);
  await expectNoSidewaysScroll(page, 'the answer');
  await expectAccessible(page, 'the answer to a report');
  await screenshot(page, 'grid-worker-opened-zh');

  // Another report of the same event (the respondent's side calling in) joins that case.
  await page.getByRole('button', { name: '再报一件' }).click();
  await choose(page, page.getByRole('combobox', { name: '纠纷类型' }), '劳资欠薪');
  await choose(page, page.getByRole('combobox', { name: '村' }), '上坝村');
  await page.getByLabel(/事件编号/).fill(eventRef);
  await page.getByLabel('纠纷情况').fill('包工头称工程款未到位，工人围堵工地。');
  await page
    .getByRole('button', { name: '上 报' })
    .or(page.getByRole('button', { name: '上报' }))
    .click();
  await expect(page.getByText('已并入已有案件', { exact: true })).toBeVisible();
  await expect(page.getByText(/依据：同一事件编号/)).toBeVisible();
  await expect(page.getByRole('link', { name: '查看案件（劳资欠薪）' })).toHaveAttribute('href', caseHref ?? '');
  await expectNoSidewaysScroll(page, 'the answer');
  await screenshot(page, 'grid-worker-linked-zh');

  await page.getByRole('link', { name: '查看案件（劳资欠薪）' }).click();
  await expect(page).toHaveURL(new RegExp(`${caseHref ?? ''}$`));
  await expect(page.getByRole('heading', { name: '案件 · 劳资欠薪', level: 1 })).toBeVisible();
  await expectNoSidewaysScroll(page, 'the case page');
  await screenshot(page, 'grid-worker-case-zh');

  const traces = `${addresses.join('\n')}\n${await browserTraces(page)}`;
  for (const number of [reporterId, respondentId, typo]) {
    expect(traces).not.toContain(number);
    expect(traces).not.toContain(number.slice(0, 14));
  }
});
