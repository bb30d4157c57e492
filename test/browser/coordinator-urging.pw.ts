/**
 * 督办 and 卡住的案件: a transfer the police station let lie for three days (the stall made the way the e2e repair suite
 * makes one: its deadline moved back in case-service's table) is on the coordinator's urging list, saying how late it
 * is and that nobody urged it yet, and among the town's stuck cases as an overdue acceptance.
 *
 * Urging itself goes through the urge-acceptance task the workflow opens when its own acceptance timer fires, which no
 * journey can wait for in real time: the row says when that task opens, and its button stays disabled until then.
 */
import { expect, expectAccessible, openCase, POLICE_STATION, screenshot, test } from './support/journey';
import {
  navigation,
  newCoordinator,
  openTaskOf,
  rowOfCase,
  signInTo,
  signOut,
  stall,
  switchToEnglish,
} from './support/coordination';

test('a transfer left three days unaccepted is on the urging list and among the stuck cases', async ({ page }) => {
  const caseId = await openCase({
    summary: '洞口村村民与邻村诊所因误诊赔偿争执，家属聚集诊所门口。',
    disputeType: 'medical',
    villageCode: 'dongkou',
    reportedBy: 'mediator.dongkou',
    violenceRisk: true,
  });
  const transfer = await openTaskOf(caseId, 'accept-transfer');
  expect(transfer).toMatchObject({ agencyId: POLICE_STATION, level: 'L2' });
  await stall(transfer.id, 3);

  await signInTo(page, 'coordinator');
  await navigation(page).getByRole('link', { name: '督办' }).click();
  await expect(page.getByRole('heading', { name: '督办', level: 1 })).toBeVisible();
  const row = rowOfCase(page.getByRole('main'), caseId);
  await expect(row).toContainText('清水派出所');
  await expect(row).toContainText('二级');
  await expect(row).toContainText('医疗纠纷');
  await expect(row).toContainText('洞口村');
  // How late: three calendar days (the working days beside them depend on the calendar), and never urged.
  await expect(row).toContainText('3 天');
  await expect(row).toContainText('0 次');
  // The workflow's own timer has not fired: no urging task yet, and the row says when there will be one.
  const urge = row.getByRole('button', { name: '督办：医疗纠纷 · 洞口村' });
  await expect(urge).toBeDisabled();
  await expect(urge).toHaveAccessibleDescription(/^督办任务将于 .+ 生成，届时可督办。$/);
  await expect(row.getByRole('checkbox', { name: '选择：医疗纠纷 · 洞口村' })).toBeDisabled();
  await expect(page.getByRole('group', { name: '批量督办' }).getByRole('button', { name: '督办所选' })).toBeDisabled();
  await expectAccessible(page, 'the urging list');
  await screenshot(page, 'urging-zh');

  await navigation(page).getByRole('link', { name: '卡住的案件' }).click();
  await expect(page.getByRole('heading', { name: '卡住的案件', level: 1 })).toBeVisible();
  await page.getByText(/^超期未受理（\d+）$/).click();
  await expect(page).toHaveURL(/kind=overdue-acceptance/);
  const stuck = rowOfCase(page.getByRole('main'), caseId);
  await expect(stuck).toContainText('超期未受理');
  await expect(stuck).toContainText('清水派出所');
  await expect(stuck).toContainText('受理移交');
  await expect(stuck).toContainText('3 天');
  // Why, in her language, and without the service's own English line (activity names, codes) meant for administrators.
  await expect(stuck).toContainText('清水派出所过了受理期限仍未受理移交。');
  await expect(stuck).not.toContainText('past due');
  await expectAccessible(page, 'the town’s stuck cases');
  await screenshot(page, 'town-stuck-zh');
  await signOut(page);

  // Both pages in English.
  await signInTo(page, await newCoordinator('协调员 督办'));
  await navigation(page).getByRole('link', { name: '督办' }).click();
  await switchToEnglish(page);
  await expect(page.getByRole('heading', { name: 'Urging (督办)', level: 1 })).toBeVisible();
  for (const column of ['Case', 'Receiving agency', 'Level', 'Accept by', 'Late by', 'Urged', 'Last urged', 'Urge']) {
    await expect(page.getByRole('columnheader', { name: column, exact: true })).toBeVisible();
  }
  const englishRow = rowOfCase(page.getByRole('main'), caseId);
  await expect(englishRow).toContainText('3 d');
  await expect(englishRow.getByRole('button', { name: 'Urge: Medical · 洞口村' })).toHaveAccessibleDescription(
    /^The urging opens on .+: it can be urged from then\.$/,
  );
  await expect(page.getByRole('button', { name: 'Urge the selected' })).toBeDisabled();
  await expectAccessible(page, 'the urging list in English');
  await screenshot(page, 'urging-en');

  await navigation(page, 'Navigation').getByRole('link', { name: 'Stuck cases' }).click();
  await expect(page.getByRole('heading', { name: 'Stuck cases', level: 1 })).toBeVisible();
  await page.getByText(/^Overdue acceptance \(\d+\)$/).click();
  await expect(page).toHaveURL(/kind=overdue-acceptance/);
  await expect(rowOfCase(page.getByRole('main'), caseId)).toContainText('Overdue acceptance');
  await expect(rowOfCase(page.getByRole('main'), caseId)).toContainText(
    'has not accepted the transfer past its deadline',
  );
  await expect(page.getByRole('button', { name: 'Scan again' })).toBeVisible();
  await expect(page.getByLabel('Agency')).toBeVisible();
  await expectAccessible(page, 'the town’s stuck cases in English');
  await screenshot(page, 'town-stuck-en');
});
