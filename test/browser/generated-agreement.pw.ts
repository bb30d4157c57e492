/**
 * The 人民调解协议书 written by case-service as a PDF: before an agreement is recorded the dialog says so in plain
 * words and writes nothing; once the mediator has recorded it, the terms (a list, one clause added with the keyboard),
 * how and by when they are performed go into the document, which joins the case's documents and downloads as a PDF.
 */
import { readFile } from 'node:fs/promises';
import type { Locator } from '@playwright/test';
import {
  acceptTransferAs,
  expect,
  expectAccessible,
  loginApi,
  openCase,
  partiesReadableBy,
  registerParty,
  screenshot,
  signIn,
  test,
} from './support/journey';

/** Fills the dialog's form as a person would: the first clause, a second one added by keyboard, the performance. */
async function fillAgreement(dialog: Locator): Promise<void> {
  const page = dialog.page();
  await dialog
    .getByLabel('第 1 条', { exact: true })
    .fill('乙方于2026年6月30日前向甲方支付农机购置费用分摊款人民币4300元。');
  await dialog.getByRole('button', { name: '添加条款' }).focus();
  await page.keyboard.press('Enter');
  await dialog
    .getByLabel('第 2 条', { exact: true })
    .fill('农机归甲方所有，乙方此后不再使用，双方就本纠纷再无其他争议。');
  await dialog.getByLabel('履行方式', { exact: true }).fill('银行转账');
  await dialog.getByLabel('履行期限', { exact: true }).fill('2026年6月30日前');
}

test('a mediator has the mediation agreement written as a PDF once the agreement is recorded', async ({ page }) => {
  // Shangba's grid worker registers both parties and opens the case naming them; the committee's mediator takes it.
  const grid = await loginApi('grid.shangba');
  const applicant = await registerParty(grid, '周明');
  const respondent = await registerParty(grid, '吴刚');
  const caseId = await openCase({
    summary: '上坝村两户合伙购买农机，因费用分摊发生纠纷。',
    disputeType: 'contract-debt',
    amount: '8600.00',
    parties: [
      { partyId: applicant, role: 'applicant' },
      { partyId: respondent, role: 'respondent' },
    ],
  });
  await acceptTransferAs(caseId, 'mediator.shangba');
  await partiesReadableBy('mediator.shangba', [applicant, respondent]);

  await signIn(page, 'mediator.shangba');
  await expect(page.getByRole('heading', { name: '工作台', level: 1 })).toBeVisible();
  await page.goto(`/cases/${caseId}`);
  await expect(page.getByRole('heading', { name: '调解操作' })).toBeVisible();

  // No agreement yet: refused (409), said in plain Chinese inside the dialog; nothing joins the documents.
  await page.getByRole('button', { name: '生成调解协议书' }).click();
  const dialog = page.getByRole('dialog', { name: '生成人民调解协议书' });
  await fillAgreement(dialog);
  await dialog.getByRole('button', { name: '生成文书' }).click();
  await expect(dialog.getByRole('alert')).toContainText('本案还没有调解协议');
  await expect(dialog.getByRole('alert')).toContainText('请先在“调解操作”中记录调解协议');
  await screenshot(page, 'generate-agreement-refused-zh');
  await dialog.getByRole('button', { name: '取消' }).click();
  await expect(dialog).toHaveCount(0);

  await page.getByRole('button', { name: '记录调解协议', expanded: false }).click();
  await page.getByRole('button', { name: '记录调解协议', exact: true }).last().click();
  await expect(page.getByText('达成调解协议')).toBeVisible();

  await page.getByRole('button', { name: '生成调解协议书' }).click();
  await fillAgreement(dialog);
  await expectAccessible(page, 'the dialog writing a mediation agreement');
  await screenshot(page, 'generate-agreement-zh');
  await dialog.getByRole('button', { name: '生成文书' }).click();
  await expect(page.getByText('已生成“人民调解协议书”，已列入案件材料。')).toBeVisible();
  await expect(dialog).toHaveCount(0);

  const documents = page
    .locator('.ant-card')
    .filter({ has: page.getByRole('heading', { name: '案件材料', level: 2 }) });
  const generated = documents.getByRole('listitem').filter({ hasText: '人民调解协议书' });
  await expect(generated).toContainText('调解协议书 ·');
  await expectAccessible(page, 'the case page with a generated agreement');
  await screenshot(page, 'generated-agreement-zh');

  const download = page.waitForEvent('download');
  await generated.getByRole('link', { name: '下载' }).click();
  const file = await readFile(await (await download).path());
  expect(file.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  expect(file.length).toBeGreaterThan(1000);
});
