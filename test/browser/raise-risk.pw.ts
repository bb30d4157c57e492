/**
 * A risk seen during mediation: the village's mediator ticks 民转刑风险 on the case page (by keyboard), and the town's
 * rules move the case from the village committee to the police station at once. The timeline says which risk, what it
 * did and where the case went; the ladder shows the police asked to accept it.
 */
import {
  acceptTransferAs,
  caseCall,
  expect,
  expectAccessible,
  loginApi,
  openCase,
  POLICE_STATION,
  screenshot,
  signIn,
  test,
} from './support/journey';

test("a village mediator raises a risk of violence, and the town's rules move the case to the police", async ({
  page,
}) => {
  const caseId = await openCase({
    summary: '上坝村夫妻因离婚财产分割多次争吵，一方扬言报复。',
    disputeType: 'marriage-family',
  });
  await acceptTransferAs(caseId, 'mediator.shangba');

  await signIn(page, 'mediator.shangba');
  await expect(page.getByRole('heading', { name: '工作台', level: 1 })).toBeVisible();
  await page.goto(`/cases/${caseId}`);
  const card = page.locator('.ant-card').filter({ has: page.getByRole('heading', { name: '上报风险', level: 2 }) });
  await expect(card).toContainText('按本镇的规则，上报后案件可能移交派出所等上一级单位办理。');

  // Nothing new ticked: nothing is sent, and the boxes say why.
  await card.getByRole('button', { name: '上报风险' }).click();
  await expect(card.getByText('请至少勾选一项新的风险')).toBeVisible();

  // By keyboard: focus the box, Space ticks it.
  const violence = card.getByRole('checkbox', { name: '民转刑风险' });
  await violence.focus();
  await page.keyboard.press('Space');
  await expect(violence).toBeChecked();
  await expect(card.getByRole('checkbox', { name: '群体性纠纷' })).not.toBeChecked();
  await expectAccessible(page, 'the case page raising a risk');
  await screenshot(page, 'raise-risk-zh');
  await card.getByRole('button', { name: '上报风险' }).click();

  await expect(page.getByText('风险已上报，案件已按本镇规则移交二级。')).toBeVisible();
  await expect(page.getByText('风险上报', { exact: true })).toBeVisible();
  await expect(page.getByText('民转刑风险：按本镇规则移交二级')).toBeVisible();
  // The police station is asked to accept it: on the ladder, and as its task.
  await expect(page.getByText(/移交，待受理/)).toBeVisible();
  const coordinator = await loginApi('coordinator');
  await expect
    .poll(async () => {
      const tasks = await caseCall<{ items: { kind: string; status: string; agencyId: string }[] }>(
        coordinator,
        'GET',
        `/api/v1/cases/${caseId}/tasks`,
      );
      return tasks.items.some(
        (task) => task.kind === 'accept-transfer' && task.status === 'open' && task.agencyId === POLICE_STATION,
      );
    })
    .toBe(true);
  await expectAccessible(page, 'the case page after the risk moved it');
  await screenshot(page, 'raise-risk-moved-zh');
});
