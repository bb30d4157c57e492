/**
 * Two reports of one kind of dispute from the same grid cell, an hour apart, naming no shared party: case-service does
 * not link them (the place alone is weak evidence) but opens the second as a case of its own carrying a possible
 * duplicate. The village's mediator sees it on the case page, with the evidence and no personal data, confirms it with
 * a reason using the keyboard, and the newer case is merged into the earlier one: both pages say so.
 */
import { expect, expectAccessible, fileReport, screenshot, signIn, test } from './support/journey';

test('a mediator confirms a possible duplicate, and the newer case merges into the earlier one', async ({ page }) => {
  // A kind of dispute no other journey reports, so the suggestion names this journey's earlier case.
  const place = { disputeType: 'housing-property', villageCode: 'shangba', gridCode: 'shangba-03' };
  const earlier = await fileReport({ ...place, summary: '上坝村3组业主反映楼上卫生间漏水，楼下吊顶受损。' });
  const later = await fileReport({ ...place, summary: '上坝村3组住户投诉楼上渗水，要求赔偿装修损失。' });
  expect(earlier.outcome).toBe('opened');
  expect(later.outcome).toBe('opened');
  const earlierRef = `案件 ${earlier.caseId.slice(0, 8)}`;
  const laterRef = `案件 ${later.caseId.slice(0, 8)}`;

  await signIn(page, 'mediator.shangba');
  await expect(page.getByRole('heading', { name: '工作台', level: 1 })).toBeVisible();
  await page.goto(`/cases/${later.caseId}`);
  await expect(page.getByRole('heading', { name: '可能重复', level: 2 })).toBeVisible();
  const suggestion = page.getByRole('region', { name: `可能重复：${earlierRef}` });
  await expect(suggestion.getByRole('link', { name: earlierRef })).toHaveAttribute('href', `/cases/${earlier.caseId}`);
  await expect(suggestion).toContainText('同一地点同类纠纷');
  await expect(suggestion).toContainText(/网格 shangba-03 · 物业\/问题楼盘 · 上报相隔 .+（7 日内）/);
  await expect(suggestion).toContainText(`确认后，本案并入${earlierRef}，由该案继续办理。`);
  // Codes, a type and a time apart: nothing the other report said about the people.
  await expect(suggestion).not.toContainText('卫生间漏水');

  // Without a reason nothing is sent: the field says what it needs.
  const confirm = suggestion.getByRole('button', { name: '确认为重复（合并）' });
  await confirm.click();
  await expect(suggestion.getByText('请填写理由（至少 5 个字）')).toBeVisible();

  // By keyboard: the reason, then Tab to the confirmation and Enter.
  const reason = suggestion.getByLabel('理由', { exact: true });
  await reason.focus();
  await page.keyboard.type('两次上报为同一楼栋同一漏水问题，当事人相同，只是分别由楼上楼下报来。');
  await page.keyboard.press('Tab');
  await expect(confirm).toBeFocused();
  await expectAccessible(page, 'the case page with a possible duplicate');
  await screenshot(page, 'duplicate-suggestion-zh');
  await page.keyboard.press('Enter');

  await expect(page.getByText('已确认为重复，案件已合并。')).toBeVisible();
  // The page reloads the case: merged, pointing to the case it went into; the suggestion is history.
  await expect(page.getByText('本案已并入其他案件，请到该案继续办理：')).toBeVisible();
  await expect(page.getByRole('region', { name: `可能重复：${earlierRef}` })).toHaveCount(0);
  await expect(page.getByRole('heading', { name: '已处理的可能重复', level: 3 })).toBeVisible();
  await expect(page.getByText('确认为重复（已合并）')).toBeVisible();
  await expect(page.getByText('可能重复已确认，案件合并')).toBeVisible();
  await expectAccessible(page, 'the merged case');
  await screenshot(page, 'duplicate-confirmed-zh');

  // The earlier case carries on, and tells the same story from its side.
  await page.getByRole('link', { name: earlierRef }).first().click();
  await expect(page).toHaveURL(new RegExp(`/cases/${earlier.caseId}$`));
  await expect(page.getByRole('heading', { name: '案件 · 物业/问题楼盘', level: 1 })).toBeVisible();
  await expect(page.getByText('其他案件并入本案')).toBeVisible();
  await expect(page.getByRole('link', { name: laterRef })).toBeVisible();
  await expect(page.getByText('确认为重复（已合并）')).toBeVisible();
  await screenshot(page, 'duplicate-earlier-case-zh');
});
