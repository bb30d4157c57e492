/**
 * 案件查询: the coordinator (who sees the whole town) finds cases by type and village and by summary text, and the
 * conditions chosen from lists survive a reload; a village committee's mediator never finds another committee's case;
 * a keyword that looks like an ID number is refused before anything is sent, and an ID number is only ever sent in a
 * request body, never in an address.
 */
import { randomUUID } from 'node:crypto';
import type { Page } from '@playwright/test';
import { residentIdCheckCharacter } from '@gongzhi/contracts';
import {
  caseCall,
  choose,
  expect,
  expectAccessible,
  loginApi,
  openCase,
  screenshot,
  signIn,
  test,
} from './support/journey';

/** A mark in every summary of this run, so a search by text finds exactly this run's cases. */
const MARK = `查询${randomUUID().slice(0, 6)}`;
const SUMMARIES = {
  xiabaLand: `${MARK}：下坝村两户争用灌溉水渠，互不相让。`,
  shangbaLand: `${MARK}：上坝村山林界址不清，两家争执。`,
  xiabaNeighbour: `${MARK}：下坝村楼上漏水，楼下住户要求赔偿。`,
};

/** A synthetic resident ID number (a made-up body with a real check character), different on every run. */
function syntheticIdNumber(): string {
  const sequence = String(Math.floor(Math.random() * 1000)).padStart(3, '0');
  const first17 = `522634${1960 + Math.floor(Math.random() * 40)}0721${sequence}`;
  return `${first17}${residentIdCheckCharacter(first17)}`;
}

const results = (page: Page) => page.getByRole('region', { name: '查询结果' });
const resultItems = (page: Page) => results(page).getByRole('listitem');

async function openSearch(page: Page): Promise<void> {
  await page.getByRole('navigation', { name: '导航' }).getByRole('link', { name: '案件查询' }).click();
  await expect(page.getByRole('heading', { name: '案件查询', level: 1 })).toBeVisible();
}

test.beforeAll(async () => {
  test.setTimeout(120_000);
  // A case goes first to the committee that took the report: Xiaba's mediator takes Xiaba's at the office.
  await openCase({
    summary: SUMMARIES.xiabaLand,
    disputeType: 'land-forest',
    villageCode: 'xiaba',
    reportedBy: 'mediator.xiaba',
    amount: '52000.00',
  });
  await openCase({ summary: SUMMARIES.shangbaLand, disputeType: 'land-forest', villageCode: 'shangba' });
  await openCase({
    summary: SUMMARIES.xiabaNeighbour,
    disputeType: 'neighbour',
    villageCode: 'xiaba',
    reportedBy: 'mediator.xiaba',
  });
});

test('the coordinator finds cases by type and village and by summary text', async ({ page }) => {
  await signIn(page, 'coordinator');
  await openSearch(page);

  // Type and village: this run's land case of Xiaba, and neither the other village's nor the other type's.
  await choose(page, page.getByRole('combobox', { name: '纠纷类型', exact: true }), '土地山林权属');
  await choose(page, page.getByRole('combobox', { name: '村', exact: true }), '下坝村');
  await page.getByRole('button', { name: '查询' }).click();
  await expect(page).toHaveURL(/type=land-forest/);
  await expect(page).toHaveURL(/village=xiaba/);
  const xiabaLand = resultItems(page).filter({ hasText: SUMMARIES.xiabaLand });
  await expect(xiabaLand).toHaveCount(1);
  await expect(xiabaLand).toContainText('土地山林权属 · 下坝村');
  await expect(xiabaLand).toContainText('52,000.00 元');
  await expect(xiabaLand).toContainText('办理中 · 等待受理');
  await expect(xiabaLand).toContainText('一级');
  await expect(resultItems(page).filter({ hasText: SUMMARIES.shangbaLand })).toHaveCount(0);
  await expect(resultItems(page).filter({ hasText: SUMMARIES.xiabaNeighbour })).toHaveCount(0);

  // Opened today (the town's date): still found; opened only yesterday: not. The days are sent as instants.
  const day = (offset: number) =>
    new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date(Date.now() + offset * 86_400_000));
  const pickDays = async (from: string, to: string) => {
    await page.getByPlaceholder('开始日期').click();
    await page.getByPlaceholder('开始日期').fill(from);
    await page.getByPlaceholder('开始日期').press('Enter');
    await page.getByPlaceholder('结束日期').fill(to);
    await page.getByPlaceholder('结束日期').press('Enter');
    // The answer to this very range, so a count is not read from the list the previous search left.
    const openedTo = new Date(Date.parse(`${to}T00:00:00+08:00`) + 86_400_000).toISOString();
    const answered = page.waitForResponse(
      (response) => new URL(response.url()).searchParams.get('openedTo') === openedTo,
    );
    await page.getByRole('button', { name: '查询' }).click();
    return answered;
  };
  const ranged = await pickDays(day(-1), day(0));
  expect(new URL(ranged.url()).searchParams.get('openedFrom')).toBe(
    new Date(Date.parse(`${day(-1)}T00:00:00+08:00`)).toISOString(),
  );
  await expect(page).toHaveURL(new RegExp(`from=${day(-1)}&to=${day(0)}`));
  await expect(resultItems(page).filter({ hasText: SUMMARIES.xiabaLand })).toHaveCount(1);
  await pickDays(day(-1), day(-1));
  await expect(resultItems(page).filter({ hasText: SUMMARIES.xiabaLand })).toHaveCount(0);
  await pickDays(day(0), day(0));
  await expect(resultItems(page).filter({ hasText: SUMMARIES.xiabaLand })).toHaveCount(1);

  // The conditions chosen from lists are in the address: a reload shows the same search.
  await page.reload();
  await expect(page.getByRole('heading', { name: '案件查询', level: 1 })).toBeVisible();
  await expect(resultItems(page).filter({ hasText: SUMMARIES.xiabaLand })).toHaveCount(1);
  await expect(page.getByRole('form', { name: '查询条件' })).toContainText('下坝村');

  // Summary text alone: exactly this run's three cases; with type and village, exactly one.
  await page.getByRole('button', { name: '清空条件' }).click();
  await page.getByRole('textbox', { name: '关键词' }).fill(MARK);
  await page.getByRole('button', { name: '查询' }).click();
  await expect(resultItems(page)).toHaveCount(3);
  await expect(page).not.toHaveURL(/type=|village=/);
  expect(decodeURIComponent(page.url())).not.toContain(MARK);
  await expectAccessible(page, 'the case search with results');
  await screenshot(page, 'case-search-zh');

  await choose(page, page.getByRole('combobox', { name: '纠纷类型', exact: true }), '土地山林权属');
  await choose(page, page.getByRole('combobox', { name: '村', exact: true }), '下坝村');
  await page.getByRole('button', { name: '查询' }).click();
  await expect(resultItems(page)).toHaveCount(1);
  await expect(resultItems(page)).toContainText(SUMMARIES.xiabaLand);

  // Each result opens its case.
  await resultItems(page).getByRole('link', { name: '土地山林权属 · 下坝村' }).click();
  await expect(page).toHaveURL(/\/cases\/[0-9a-f-]{36}$/);
  // The case's overview carries its summary (its report, below, carries the same words).
  const overview = page.locator('.ant-card').filter({ has: page.getByRole('heading', { name: '案件概况', level: 2 }) });
  await expect(overview.getByText(SUMMARIES.xiabaLand)).toBeVisible();
});

test("a village committee's mediator does not find another committee's case", async ({ page }) => {
  await signIn(page, 'mediator.shangba');
  await openSearch(page);
  await page.getByRole('textbox', { name: '关键词' }).fill(MARK);
  await page.getByRole('button', { name: '查询' }).click();
  await expect(resultItems(page).filter({ hasText: SUMMARIES.shangbaLand })).toHaveCount(1);
  await expect(resultItems(page)).toHaveCount(1);
  await expect(results(page)).not.toContainText('下坝村');
});

test('an ID number never goes into an address: refused as a keyword, sent only in a body to find the party', async ({
  page,
}) => {
  const idNumber = syntheticIdNumber();
  const requests: string[] = [];
  page.on('request', (request) => requests.push(request.url()));
  await page.setViewportSize({ width: 390, height: 844 });
  await signIn(page, 'coordinator');
  await openSearch(page);
  await expect(results(page)).toBeVisible();

  await page.getByRole('textbox', { name: '关键词' }).fill(idNumber);
  await page.getByRole('button', { name: '查询' }).click();
  await expect(page.getByText('关键词不能是身份证号或手机号')).toBeVisible();
  await expect(page.getByRole('textbox', { name: '关键词' })).toHaveAttribute('aria-invalid', 'true');
  await expectAccessible(page, 'the refused keyword on a phone');
  await screenshot(page, 'case-search-refused-keyword-zh');

  // The party is looked up by ID number (a POST body): nobody in the town has this one.
  await page.getByRole('textbox', { name: '关键词' }).fill('');
  const lookup = page.waitForRequest((request) => request.url().includes('/parties/search-by-id-number'));
  await page.getByRole('textbox', { name: '当事人身份证号' }).fill(idNumber);
  await page.getByRole('button', { name: '查询' }).click();
  expect((await lookup).method()).toBe('POST');
  await expect(results(page).getByText('没有找到该身份证号的当事人')).toBeVisible();
  // Said beside the field too, once the form has settled (the button no longer busy).
  await expect(page.getByRole('form', { name: '查询条件' }).getByText('没有找到该身份证号的当事人')).toBeVisible();
  await expect(page.getByRole('button', { name: '查询' })).not.toHaveClass(/ant-btn-loading/);
  await screenshot(page, 'case-search-party-not-found-zh');

  const widths = await page.evaluate(() => {
    const root = document.scrollingElement ?? document.documentElement;
    return { scroll: root.scrollWidth, client: root.clientWidth };
  });
  expect(widths.scroll, 'the search scrolls sideways on a phone').toBeLessThanOrEqual(widths.client);
  expect(requests.filter((url) => decodeURIComponent(url).includes(idNumber))).toEqual([]);
  expect(decodeURIComponent(page.url())).not.toContain(idNumber);
});

test("the coordinator finds a party's cases by ID number, sent in a body and never in an address", async ({ page }) => {
  // Shangba's grid worker registers the person and opens a case naming them, as intake would.
  const idNumber = syntheticIdNumber();
  const grid = await loginApi('grid.shangba');
  const registered = await fetch(`${process.env['GONGZHI_BROWSER_PARTY_URL']}/api/v1/parties/lookup-or-create`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${grid.token}`,
      'idempotency-key': randomUUID(),
      'content-type': 'application/json',
    },
    body: JSON.stringify({
      kind: 'person',
      name: '王五',
      idNumber,
      address: { townCode: 'qingshui', villageCode: 'shangba' },
    }),
  });
  expect(registered.ok, await registered.clone().text()).toBe(true);
  const party = (await registered.json()) as { id: string };
  const summary = `${MARK}：王五与邻居因宅基地边界发生争执。`;
  await caseCall(grid, 'POST', '/api/v1/cases', {
    disputeType: 'land-forest',
    source: 'grid-report',
    summary,
    townCode: 'qingshui',
    villageCode: 'shangba',
    parties: [{ partyId: party.id, role: 'applicant' }],
  });

  const requests: string[] = [];
  page.on('request', (request) => requests.push(decodeURIComponent(request.url())));
  await signIn(page, 'coordinator');
  await openSearch(page);
  await page.getByRole('textbox', { name: '当事人身份证号' }).fill(idNumber);
  await page.getByRole('button', { name: '查询' }).click();
  await expect(resultItems(page)).toHaveCount(1);
  await expect(resultItems(page)).toContainText(summary);
  expect(requests.some((url) => url.includes(`partyId=${party.id}`))).toBe(true);
  expect(requests.filter((url) => url.includes(idNumber))).toEqual([]);
  expect(decodeURIComponent(page.url())).not.toContain(idNumber);
});
