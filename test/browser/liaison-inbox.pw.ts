/** A police liaison's inbox: one transfer rejected with a reason code, another accepted naming the mediator. */
import {
  caseCall,
  choose,
  createStaff,
  expect,
  expectAccessible,
  loginApi,
  openCase,
  openTasks,
  POLICE_STATION,
  screenshot,
  signIn,
  test,
} from './support/journey';

test('a liaison rejects one transfer and accepts another', async ({ page }) => {
  // A risk of violence routes a case straight to the police station (docs/domain.md).
  const toReject = await openCase({
    summary: '下坝村两兄弟因赡养老人问题多次争吵，有动手迹象。',
    disputeType: 'marriage-family',
    villageCode: 'xiaba',
    violenceRisk: true,
  });
  const toAccept = await openCase({
    summary: '上坝村村民讨要工钱，与包工头发生推搡。',
    disputeType: 'wages-labour',
    violenceRisk: true,
    amount: '18600.00',
  });

  await signIn(page, 'liaison.police');
  await page.getByRole('link', { name: /收件箱/ }).click();
  await expect(page.getByRole('heading', { name: '收件箱', level: 1 })).toBeVisible();
  const rejectCard = page.getByRole('article', { name: '婚姻家庭 · 下坝村' });
  const acceptCard = page.getByRole('article', { name: '劳资欠薪 · 上坝村' });
  await expect(rejectCard).toBeVisible();
  await expect(acceptCard).toContainText('民转刑风险');
  await expect(acceptCard).toContainText('18,600.00 元');
  await expect(acceptCard).toContainText(/剩余/);
  await expectAccessible(page, 'the inbox');
  await screenshot(page, 'inbox-zh');

  await rejectCard.getByRole('button', { name: /^退回/ }).click();
  const rejectDialog = page.getByRole('dialog', { name: '退回移交' });
  await rejectDialog.getByRole('button', { name: '退回' }).click();
  await expect(rejectDialog.getByText('请选择退回原因')).toBeVisible();
  await rejectDialog
    .getByRole('radiogroup', { name: '退回原因' })
    .getByRole('radio', { name: '不属本单位管辖' })
    .check();
  // The error message fades out once a reason is chosen; axe looks at the dialog as it then stays.
  await expect(rejectDialog.getByText('请选择退回原因')).toHaveCount(0);
  await expectAccessible(page, 'the reject dialog');
  await screenshot(page, 'inbox-reject-zh');
  await rejectDialog.getByRole('button', { name: '退回' }).click();
  await expect(page.getByText('已退回。')).toBeVisible();
  await expect(rejectCard).toHaveCount(0);

  await acceptCard.getByRole('button', { name: /^受理/ }).click();
  const acceptDialog = page.getByRole('dialog', { name: '受理移交' });
  await choose(page, acceptDialog.getByRole('combobox', { name: '承办调解员' }), '联络员 派出所');
  await screenshot(page, 'inbox-accept-zh');
  await acceptDialog.getByRole('button', { name: '受理' }).click();
  await expect(page.getByText('已受理，案件已交给承办调解员。')).toBeVisible();
  await expect(acceptCard).toHaveCount(0);

  // The accepted case is now the liaison's own mediation; the rejected one went back to intake.
  await page.goto(`/cases/${toAccept}`);
  await expect(page.getByRole('heading', { name: '调解操作' })).toBeVisible();
  await expect(page.getByText('二级 受理')).toBeVisible();
  await page.goto(`/cases/${toReject}`);
  await expect(page.getByText('二级 退回')).toBeVisible();
  await screenshot(page, 'case-rejected-zh');
});

test('a liaison hands a mediation over to a colleague of the police station', async ({ page }) => {
  await createStaff({ displayName: '民警 赵六', agencyId: POLICE_STATION, roles: ['mediator'] });
  const caseId = await openCase({
    summary: '上坝村两户因酒后争执互有推搡，需民警调解。',
    disputeType: 'neighbour',
    violenceRisk: true,
  });
  await signIn(page, 'liaison.police');
  await expect(page.getByRole('heading', { name: '工作台', level: 1 })).toBeVisible();
  await page.goto('/inbox');
  const card = page.getByRole('article', { name: '邻里纠纷 · 上坝村' }).filter({ hasText: '酒后争执' });
  await card.getByRole('button', { name: /^受理/ }).click();
  const acceptDialog = page.getByRole('dialog', { name: '受理移交' });
  await choose(page, acceptDialog.getByRole('combobox', { name: '承办调解员' }), '联络员 派出所');
  await acceptDialog.getByRole('button', { name: '受理' }).click();
  await expect(page.getByText('已受理，案件已交给承办调解员。')).toBeVisible();

  await page.goto(`/cases/${caseId}`);
  await expect(page.getByText('办理人：我')).toBeVisible();
  await page.getByRole('button', { name: '改派：调解' }).click();
  const dialog = page.getByRole('dialog', { name: '指派任务：调解' });
  await choose(page, dialog.getByRole('combobox', { name: '指派给' }), '民警 赵六');
  await expectAccessible(page, 'the reassign dialog');
  await screenshot(page, 'case-reassign-zh');
  await dialog.getByRole('button', { name: '改派' }).click();
  await expect(page.getByText('已指派。')).toBeVisible();
  await expect(page.getByText('办理人：民警 赵六')).toBeVisible();
});

test('a bounced transfer is sent on to the judicial office, whose liaison sees why the police refused it', async ({
  page,
}) => {
  const caseId = await openCase({
    summary: '上坝村两家因宅基地围墙多次冲突，一方扬言报复。',
    disputeType: 'land-forest',
    violenceRisk: true,
  });
  const police = await loginApi('liaison.police');
  const accept = (await openTasks(caseId)).find((task) => task.kind === 'accept-transfer');
  if (!accept) throw new Error('no transfer to the police');
  await caseCall(police, 'POST', `/api/v1/tasks/${accept.id}/complete`, {
    action: { kind: 'reject-transfer', reason: 'not-our-jurisdiction' },
  });
  await expect
    .poll(async () => (await openTasks(caseId)).some((task) => task.kind === 'handle-rejection'), { timeout: 30_000 })
    .toBe(true);

  // Straight from intake, the refusal comes back to the town's governance centre, whose coordinator decides where it
  // goes next, on the case page.
  await signIn(page, 'coordinator');
  await expect(page.getByRole('heading', { name: '工作台', level: 1 })).toBeVisible();
  await page.goto(`/cases/${caseId}`);
  await expect(page.getByRole('heading', { name: '处理退回', level: 2 })).toBeVisible();
  await choose(page, page.getByRole('combobox', { name: '重新移交到' }), '三级 · 司法所');
  await page.getByRole('button', { name: '重新移交' }).click();
  await expect(page.getByText('移交 三级')).toBeVisible();
  await page.getByRole('button', { name: '退出登录' }).click();

  await signIn(page, 'liaison.judicial');
  await expect(page.getByRole('heading', { name: '工作台', level: 1 })).toBeVisible();
  await page.goto('/inbox');
  const card = page.getByRole('article', { name: '土地山林权属 · 上坝村' }).filter({ hasText: '宅基地围墙' });
  await expect(card.getByRole('list', { name: '此前退回记录' })).toContainText('以「不属本单位管辖」退回：清水派出所');
  await expectAccessible(page, 'the inbox with an earlier refusal');
  await screenshot(page, 'inbox-earlier-rejection-zh');
});
