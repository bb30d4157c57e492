/**
 * A village no mediation committee covers: the coordinator adds 新寨村 to the town, and a walk-in at the governance
 * centre reports a dispute there. The town's rules will not hand it to another village's committee, so the case waits
 * for the coordinator (综治中心) to name the receiving agency. On the case page the reason is said in plain Chinese,
 * the receiving agency must be named, and once it is (by keyboard) the case is at 一级 with Shangba's committee asked
 * to accept it.
 */
import {
  caseCall,
  choose,
  createVillage,
  expect,
  expectAccessible,
  loginApi,
  openTasks,
  screenshot,
  SHANGBA_COMMITTEE,
  signIn,
  test,
} from './support/journey';

test('the coordinator names the committee for a case from a village without one', async ({ page }) => {
  const village = await createVillage('新寨村');
  // Reported at the governance centre, not through a committee: no committee took it, so none is chosen by rule.
  const coordinator = await loginApi('coordinator');
  const filed = await caseCall<{ outcome: string; case: { id: string } }>(coordinator, 'POST', '/api/v1/reports', {
    disputeType: 'neighbour',
    source: 'walk-in',
    summary: '新寨村两户因排水沟堵塞互相指责，积水淹了一户的菜地。',
    townCode: 'qingshui',
    villageCode: village.code,
    gridCode: village.gridCode,
  });
  expect(filed.outcome).toBe('opened');
  const caseId = filed.case.id;
  await expect
    .poll(async () => (await openTasks(caseId)).map((task) => task.kind), { timeout: 30_000 })
    .toEqual(['handle-rejection']);

  await signIn(page, 'coordinator');
  await expect(page.getByRole('heading', { name: '工作台', level: 1 })).toBeVisible();
  await page.goto(`/cases/${caseId}`);
  await expect(page.getByRole('heading', { name: '案件 · 邻里纠纷', level: 1 })).toBeVisible();
  const header = page.locator('.ant-card').filter({ has: page.getByRole('heading', { name: '案件概况', level: 2 }) });
  await expect(header).toContainText('新寨村');
  await expect(header).toContainText('办理中 · 待指定受理单位');
  // The timeline's entry.
  await expect(page.getByText('待指定受理单位', { exact: true })).toBeVisible();

  const card = page.locator('.ant-card').filter({ has: page.getByRole('heading', { name: '指定受理单位', level: 2 }) });
  await expect(card).toContainText('纠纷所在村没有人民调解委员会，请指定受理单位。');
  // The other village's committees are not chosen silently: without a receiving agency nothing is sent.
  await choose(page, card.getByRole('combobox', { name: '重新移交到' }), '一级 · 村调委会');
  await card.getByRole('button', { name: '重新移交' }).click();
  await expect(card.getByText('请指定接收单位')).toBeVisible();
  // Named by keyboard: the list offers the town's village committees.
  await choose(page, card.getByRole('combobox', { name: '接收单位' }), '上坝村人民调解委员会');
  await expect(card.getByText('请指定接收单位')).toHaveCount(0);
  await expectAccessible(page, 'the case page naming a receiving agency');
  await screenshot(page, 'unrouted-village-zh');
  await card.getByRole('button', { name: '重新移交' }).click();

  await expect(page.getByText('已提交。')).toBeVisible();
  await expect(card).toHaveCount(0);
  await expect(header).toContainText('办理中 · 等待受理');
  // The ladder: 一级, Shangba's committee, waiting to accept; the tasks: its acceptance.
  const ladder = page.locator('.gz-ladder');
  await expect(ladder).toContainText(/上坝村人民调解委员会 · .+ 移交，待受理/);
  const tasks = page.locator('.ant-card').filter({ has: page.getByRole('heading', { name: '任务', level: 2 }) });
  await expect(tasks.getByRole('listitem').filter({ hasText: '受理移交' })).toContainText('上坝村人民调解委员会');
  await expect(page.getByText('改派', { exact: true })).toBeVisible();
  await expect(page.getByText('移交 一级', { exact: true })).toBeVisible();
  await expect(page.getByText('待指定受理单位')).toBeVisible();
  expect((await openTasks(caseId)).map((task) => [task.kind, task.agencyId])).toEqual([
    ['accept-transfer', SHANGBA_COMMITTEE],
  ]);
  await expectAccessible(page, 'the case page after naming the receiving agency');
  await screenshot(page, 'unrouted-village-routed-zh');
});
