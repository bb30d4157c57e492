/**
 * 联合调处 from the case page: the town's coordinator asks the police station and the judicial office to mediate a
 * Shangba case with its committee. Once the committee's mediator records the agreement the panel shows both as
 * awaited; when the police station signs it off, it shows who signed and who is still awaited. A colleague reads the
 * panel in English.
 */
import {
  acceptTransferAs,
  expect,
  expectAccessible,
  JUDICIAL_OFFICE,
  openCase,
  POLICE_STATION,
  screenshot,
  test,
} from './support/journey';
import {
  actAs,
  caseOf,
  chooseMany,
  newCoordinator,
  openTaskOf,
  signInTo,
  signOut,
  switchToEnglish,
  tasksOf,
} from './support/coordination';

test('a coordinator brings two agencies into a mediation and follows their sign-offs', async ({ page }) => {
  const caseId = await openCase({
    summary: '上坝村新建楼盘业主与施工方因房屋渗水和维修费用争执，牵涉多户。',
    disputeType: 'housing-property',
  });
  await acceptTransferAs(caseId, 'mediator.shangba');

  await signInTo(page, 'coordinator');
  await page.goto(`/cases/${caseId}`);
  const heading = page.getByRole('heading', { name: '联合调处', level: 2 });
  const panel = page.locator('.ant-card').filter({ has: heading });
  await expect(panel).toContainText('主办单位上坝村人民调解委员会');
  await expect(panel).toContainText('本级还没有参与单位。');
  // Nothing chosen, nothing sent: the field says what it needs.
  await panel.getByRole('button', { name: '加入联合调处' }).click();
  await expect(panel.getByText('请选择至少一个单位')).toBeVisible();
  await chooseMany(page, panel.getByRole('combobox', { name: '邀请参与的单位' }), [
    '清水派出所（派出所）',
    '清水镇司法所（司法所）',
  ]);
  await expect(panel.getByText('请选择至少一个单位')).toHaveCount(0);
  await expectAccessible(page, 'the joint mediation panel with agencies chosen');
  await screenshot(page, 'joint-add-zh');
  await panel.getByRole('button', { name: '加入联合调处' }).click();
  const confirm = page.getByRole('dialog', { name: '请确认' });
  await expect(confirm).toContainText('邀请清水派出所、清水镇司法所参与本级联合调处。');
  await confirm.getByRole('button', { name: '确认提交' }).click();
  await expect(page.getByText('已邀请：清水派出所、清水镇司法所。')).toBeVisible();
  await expect(panel).toContainText('参与单位清水派出所、清水镇司法所');
  await expectAccessible(page, 'the joint mediation panel with two agencies');
  await screenshot(page, 'joint-added-zh');

  // The workflow asked both to sign off the coming agreement.
  await expect
    .poll(
      async () =>
        (await tasksOf(caseId))
          .filter((task) => task.kind === 'joint-sign-off' && task.status === 'open')
          .map((task) => task.agencyId)
          .sort(),
      { timeout: 30_000 },
    )
    .toEqual([POLICE_STATION, JUDICIAL_OFFICE].sort());

  // The committee's mediator records the agreement: it waits for both sign-offs.
  await actAs('mediator.shangba', (await openTaskOf(caseId, 'mediate')).id, { kind: 'record-agreement' });
  await expect.poll(async () => (await caseOf(caseId)).progress.phase, { timeout: 30_000 }).toBe('agreement-sign-off');
  await page.reload();
  const signOffs = panel.locator('section').filter({ has: page.getByRole('heading', { name: '会签情况', level: 3 }) });
  await expect(signOffs).toContainText('还待 2 个单位会签');
  const police = signOffs.getByRole('listitem').filter({ hasText: '清水派出所' });
  const judicial = signOffs.getByRole('listitem').filter({ hasText: '清水镇司法所' });
  await expect(police).toContainText('待会签');
  await expect(judicial).toContainText('待会签');
  // No more agencies can be asked once the agreement is recorded.
  await expect(panel.getByRole('heading', { name: '邀请单位' })).toHaveCount(0);
  await expectAccessible(page, 'the sign-offs awaited');
  await screenshot(page, 'joint-awaited-zh');

  // The police station signs it off; the judicial office has not yet.
  const policeSignOff = (await tasksOf(caseId)).find(
    (task) => task.kind === 'joint-sign-off' && task.status === 'open' && task.agencyId === POLICE_STATION,
  );
  if (!policeSignOff) throw new Error('no sign-off for the police station');
  await actAs('liaison.police', policeSignOff.id, { kind: 'sign-off' });
  await expect
    .poll(async () => (await tasksOf(caseId)).find((task) => task.id === policeSignOff.id)?.status ?? 'missing', {
      timeout: 30_000,
    })
    .toBe('completed');
  await page.reload();
  await expect(police).toContainText('已会签');
  await expect(police).toContainText('联络员 派出所');
  await expect(judicial).toContainText('待会签');
  await expect(signOffs).toContainText('还待 1 个单位会签');
  await expectAccessible(page, 'one sign-off in, one awaited');
  await screenshot(page, 'joint-one-signed-zh');
  await signOut(page);

  // The same panel in English.
  await signInTo(page, await newCoordinator('协调员 会签'));
  await page.goto(`/cases/${caseId}`);
  await expect(heading).toBeVisible();
  await switchToEnglish(page);
  const english = page.locator('.ant-card').filter({ has: page.getByRole('heading', { name: 'Joint mediation' }) });
  await expect(english).toContainText('Lead agency');
  await expect(english).toContainText('Joining agencies');
  await expect(english.getByRole('heading', { name: 'Sign-offs', level: 3 })).toBeVisible();
  await expect(english).toContainText('1 still to sign off');
  await expect(english.getByRole('listitem').filter({ hasText: '清水派出所' })).toContainText('Signed off');
  await expect(english.getByRole('listitem').filter({ hasText: '清水镇司法所' })).toContainText('Awaited');
  await expectAccessible(page, 'the joint mediation panel in English');
  await screenshot(page, 'joint-en');
});
