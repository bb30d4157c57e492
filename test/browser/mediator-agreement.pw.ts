/**
 * A mediator records sessions and then the agreement with its scanned 调解协议书; the scan is listed among the case's
 * documents and downloads as it was uploaded.
 */
import { readFile } from 'node:fs/promises';
import { acceptTransferAs, expect, expectAccessible, openCase, screenshot, signIn, test } from './support/journey';

test('a mediator records sessions and an agreement with its document, then downloads it', async ({ page }) => {
  const caseId = await openCase({
    summary: '上坝村两户因合伙养殖分红发生纠纷，涉及欠款。',
    disputeType: 'contract-debt',
    amount: '42000.00',
  });
  await acceptTransferAs(caseId, 'mediator.shangba');

  await signIn(page, 'mediator.shangba');
  await expect(page.getByRole('heading', { name: '工作台', level: 1 })).toBeVisible();
  await page.goto(`/cases/${caseId}`);
  await expect(page.getByRole('heading', { name: '调解操作' })).toBeVisible();
  await page.getByRole('button', { name: '记录调解', exact: true }).click();
  await expect(page.getByText('调解（第 1 次）')).toBeVisible();
  await page.getByRole('button', { name: '记录调解', exact: true }).click();
  await expect(page.getByText('调解（第 2 次）')).toBeVisible();

  await page.getByRole('button', { name: '记录调解协议', expanded: false }).click();
  const scan = Buffer.from('%PDF-1.4\n% 调解协议书（测试扫描件）\n%%EOF\n', 'utf8');
  await page
    .getByLabel('调解协议书（扫描件）')
    .setInputFiles({ name: '调解协议书.pdf', mimeType: 'application/pdf', buffer: scan });
  await page.getByRole('button', { name: '记录调解协议', exact: true }).last().click();
  await expect(page.getByText('达成调解协议')).toBeVisible();

  await expect(page.getByText('调解协议书', { exact: true }).first()).toBeVisible();
  await expectAccessible(page, 'the case page with an agreement');
  await screenshot(page, 'case-agreement-zh');

  const download = page.waitForEvent('download');
  await page.getByRole('link', { name: '下载' }).first().click();
  const file = await (await download).path();
  expect(await readFile(file)).toEqual(scan);

  // The parties then ask the court to confirm the agreement: the tribunal gets the ruling as its task.
  await page.getByRole('button', { name: '记录司法确认申请' }).click();
  await expect(page.getByText('申请司法确认', { exact: true }).last()).toBeVisible();
  await expect(page.getByText('清水人民法庭')).toBeVisible();
  await expect(page.getByRole('heading', { name: '申请司法确认', level: 2 })).toHaveCount(0);
});
