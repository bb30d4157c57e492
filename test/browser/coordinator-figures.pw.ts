/**
 * 统计分析: the town's coordinator reads the figures of a period on an office PC's screen (1366×768). Cases reported in a
 * village added for this journey (so that no other journey's cases count there) show in its row: as a chart, then as
 * the table beside it, then in the CSV file the table exports, and change when one of the cases closes resolved;
 * today's safety index shows its colour band. A mediator finds no such page.
 */
import { readFile } from 'node:fs/promises';
import {
  acceptTransferAs,
  completeTaskAs,
  createVillage,
  expect,
  expectAccessible,
  loginApi,
  openCase,
  screenshot,
  test,
} from './support/journey';
import { navigation, signInTo } from './support/coordination';

test.use({ viewport: { width: 1366, height: 768 } });

/** Today in the town's time zone, `YYYY-MM-DD` (the last day of the page's "本年"). */
function townToday(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
}

interface VillageFigures {
  villageCode: string | null;
  opened: number;
  closed: number;
  resolved: number;
}

/** The village's figures over the period, as statistics-service answers the coordinator (null until it has any). */
async function villageFigures(code: string, from: string, to: string): Promise<VillageFigures | null> {
  const base = process.env['GONGZHI_BROWSER_STATISTICS_URL'];
  if (!base) throw new Error('the browser tier runs through test/browser/playwright.config.ts (its global setup)');
  const coordinator = await loginApi('coordinator');
  const query = new URLSearchParams({ from, to, town: 'qingshui', granularity: 'month' });
  const res = await fetch(`${base}/api/v1/statistics?${query}`, {
    headers: { authorization: `Bearer ${coordinator.token}` },
  });
  if (!res.ok) throw new Error(`statistics: ${res.status} ${await res.text()}`);
  const body = (await res.json()) as { villages: VillageFigures[] };
  return body.villages.find((village) => village.villageCode === code) ?? null;
}

/** A village name no other journey gives (the table's row and the CSV's line are found by it). */
function villageName(): string {
  const syllables = '柳杉桃枫竹梅松柏茶桂橘李';
  const pick = () => syllables[Math.floor(Math.random() * syllables.length)] ?? '柳';
  return `${pick()}${pick()}湾${Math.floor(Math.random() * 90) + 10}组村`;
}

test('a coordinator reads the period’s figures as charts, as a table and as a CSV file', async ({ page }) => {
  const name = villageName();
  const village = await createVillage(name);
  // Three cases reported in the village at Shangba's committee (which then handles them): one is mediated to an
  // agreement that is performed, so it is closed and resolved; two are still waiting for their acceptance.
  const resolvedCase = await openCase({
    summary: `${name}两户因宅基地界址发生争执，经调解达成协议并已履行。`,
    disputeType: 'neighbour',
    villageCode: village.code,
    reportedBy: 'mediator.shangba',
  });
  await openCase({
    summary: `${name}村民与承包人因工钱结算起争执。`,
    disputeType: 'contract-debt',
    villageCode: village.code,
    reportedBy: 'mediator.shangba',
  });
  await openCase({
    summary: `${name}两家因院墙滴水互相指责。`,
    disputeType: 'neighbour',
    villageCode: village.code,
    reportedBy: 'mediator.shangba',
  });
  await acceptTransferAs(resolvedCase, 'mediator.shangba');
  await completeTaskAs(resolvedCase, 'mediator.shangba', 'mediate', { kind: 'record-agreement' }, (tasks) =>
    tasks.some((task) => task.kind === 'follow-up-visit'),
  );

  // statistics-service counts them from the case events on Kafka, a moment after they happen.
  const today = townToday();
  const from = `${today.slice(0, 4)}-01-01`;
  const counted = (expected: [number, number, number]) =>
    expect
      .poll(
        async () => {
          const figures = await villageFigures(village.code, from, today);
          return figures && [figures.opened, figures.closed, figures.resolved];
        },
        { timeout: 30_000 },
      )
      .toEqual(expected);
  await counted([3, 0, 0]);

  await signInTo(page, 'coordinator');
  await navigation(page).getByRole('link', { name: '统计分析' }).click();
  await expect(page.getByRole('heading', { name: '统计分析', level: 1 })).toBeVisible();
  // This year, chosen by keyboard: the address keeps the period.
  const period = page.getByRole('group', { name: '统计条件' }).getByRole('combobox', { name: '统计期间' });
  await period.focus();
  await page.keyboard.press('ArrowDown');
  await page.getByTitle('本年', { exact: true }).last().click();
  await expect(page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)')).toHaveCount(0);
  await expect(page).toHaveURL(/period=this-year/);
  await expect(page.getByRole('status').filter({ hasText: `${from} 至 ${today}` })).toBeVisible();

  // Today's safety index, with its colour band named in words.
  const todayBand = page.getByRole('region', { name: '今日平安指数' });
  await expect(todayBand).toContainText(/\d+\.\d 分/);
  await expect(todayBand).toContainText(/(蓝色 · 优秀|黄色 · 良好|橙色 · 稳定|红色 · 预警)/);

  // Each figure is a chart drawn on a canvas, described in words for a screen reader.
  const villages = page.getByRole('region', { name: '各村情况' });
  await expect(villages.getByRole('img', { name: /^条形图：\d+ 个村新增、办结、化解的案件数/ })).toBeVisible();
  await expect(villages.locator('canvas')).not.toHaveCount(0);
  const index = page.getByRole('region', { name: '每日平安指数' });
  await expect(index.getByRole('img', { name: new RegExp(`^折线图：${from} 至 ${today} 每日平安指数`) })).toBeVisible();
  await expect(index.locator('canvas')).not.toHaveCount(0);
  await expectAccessible(page, 'the figures as charts');
  await screenshot(page, 'figures-charts-zh');

  // The village's numbers as a table: this journey's three cases, none closed yet (no rate to give).
  const table = villages.getByRole('table', { name: `各村情况（${from} 至 ${today}）` });
  const row = table.getByRole('row').filter({ hasText: name });
  await villages.getByText('表格', { exact: true }).click();
  await expect(villages.getByRole('radio', { name: '表格' })).toBeChecked();
  for (const column of ['村', '新增', '办结', '化解', '化解率', '当前超期'])
    await expect(table.getByRole('columnheader', { name: column, exact: true })).toBeVisible();
  await expect(row.getByRole('cell')).toHaveText([name, '3', '0', '0', /.+/, '0']);
  await expect(row.getByRole('cell').nth(4)).not.toHaveText(/%/);

  // The agreement is performed: the case closes resolved, and the village's figures change on the next reading.
  await completeTaskAs(
    resolvedCase,
    'mediator.shangba',
    'follow-up-visit',
    { kind: 'record-follow-up-visit', performance: 'performed' },
    (tasks) => tasks.length === 0,
  );
  await counted([3, 1, 1]);
  await page.reload();
  await expect(page).toHaveURL(/period=this-year/);
  await villages.getByText('表格', { exact: true }).click();
  await expect(row.getByRole('cell')).toHaveText([name, '3', '1', '1', '100.0%', '0']);
  await expectAccessible(page, 'the figures with the villages as a table');
  await screenshot(page, 'figures-villages-table-zh');

  // The same table as a CSV file for Excel: UTF-8 with a byte order mark, the headers in Chinese.
  const download = page.waitForEvent('download');
  await villages.getByRole('button', { name: '导出 CSV：各村情况' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe(`各村情况_${from}_${today}.csv`);
  const csv = await readFile(await file.path(), 'utf8');
  expect(csv.startsWith('\uFEFF')).toBe(true);
  const lines = csv.slice(1).split('\r\n');
  expect(lines[0]).toBe('村,新增,办结,化解,化解率,当前超期');
  expect(lines).toContain(`${name},3,1,1,100.0%,0`);
});

test('a mediator has no figures page', async ({ page }) => {
  await signInTo(page, 'mediator.shangba');
  await expect(navigation(page).getByRole('link', { name: '工作台' })).toBeVisible();
  await expect(navigation(page).getByRole('link', { name: '统计分析' })).toHaveCount(0);
  // The address typed in: the console says the page is not for her role.
  await page.goto('/figures');
  await expect(page.getByText('无权操作', { exact: true })).toBeVisible();
  await expect(page.getByText('您的角色或单位不能进行此操作。')).toBeVisible();
  await expect(page.getByRole('heading', { name: '统计分析' })).toHaveCount(0);
  await expectAccessible(page, 'the figures page refused to a mediator');
  await screenshot(page, 'figures-refused-mediator-zh');
});
