/**
 * 全镇任务: the town's coordinator filters every agency's tasks (the address keeps the filters), saves them as a view
 * shared with the police station's liaisons, who apply it on their workbench; and hands a mediation over to another
 * mediator of the committee with a reason, which the new mediator reads on the case page. A colleague reads the page
 * in English.
 */
import {
  acceptTransferAs,
  choose,
  createStaff,
  expect,
  expectAccessible,
  openCase,
  POLICE_STATION,
  screenshot,
  SHANGBA_COMMITTEE,
  test,
} from './support/journey';
import {
  chooseMany,
  navigation,
  newCoordinator,
  openTaskOf,
  rowOfCase,
  signInTo,
  signOut,
  switchToEnglish,
} from './support/coordination';

test('a coordinator filters the town’s tasks and shares them as a view the police liaison applies', async ({
  page,
}) => {
  // A risk of violence sends the case straight to the police station: a transfer waiting for its acceptance.
  const caseId = await openCase({
    summary: '下坝村路口两车相撞，双方司机当场争吵并有推搡。',
    disputeType: 'traffic',
    villageCode: 'xiaba',
    reportedBy: 'mediator.xiaba',
    violenceRisk: true,
  });

  await signInTo(page, 'coordinator');
  await navigation(page).getByRole('link', { name: '全镇任务' }).click();
  await expect(page.getByRole('heading', { name: '全镇任务', level: 1 })).toBeVisible();
  const filters = page.getByRole('group', { name: '筛选与排序' });
  await choose(page, filters.getByRole('combobox', { name: '任务类型' }), '受理移交');
  await choose(page, filters.getByRole('combobox', { name: '单位' }), '清水派出所');
  await choose(page, filters.getByRole('combobox', { name: '层级' }), '二级');
  await choose(page, filters.getByRole('combobox', { name: '纠纷类型' }), '交通事故');
  await choose(page, filters.getByRole('combobox', { name: '超期' }), '否');
  const table = page.getByRole('region', { name: '全镇任务列表' });
  await expect(rowOfCase(table, caseId)).toContainText('清水派出所');

  // The address keeps the filters: a reload (or a colleague given the link) sees the same list.
  await expect(page).toHaveURL(/kind=accept-transfer/);
  await expect(page).toHaveURL(new RegExp(`agency=${POLICE_STATION}`));
  await expect(page).toHaveURL(/level=L2/);
  await expect(page).toHaveURL(/type=traffic/);
  await expect(page).toHaveURL(/overdue=false/);
  await page.reload();
  for (const chosen of ['受理移交', '清水派出所', '二级', '交通事故', '否']) {
    await expect(filters.getByTitle(chosen, { exact: true })).toBeVisible();
  }
  const row = rowOfCase(table, caseId);
  await expect(row).toContainText('受理移交');
  await expect(row).toContainText('交通事故 · 下坝村');
  await expect(row).toContainText('未认领');
  await expectAccessible(page, 'the town’s tasks filtered');
  await screenshot(page, 'town-tasks-filtered-zh');

  // Saved as a view for the police station's liaisons.
  const name = `派出所待受理 交通事故 ${Date.now() % 100_000}`;
  const views = page.getByRole('group', { name: '保存的任务视图' });
  await views.getByRole('button', { name: '另存为视图' }).click();
  const dialog = page.getByRole('dialog', { name: '将当前筛选保存为视图' });
  await dialog.getByLabel('视图名称').fill(name);
  await dialog.getByRole('checkbox', { name: '联络员' }).check();
  await chooseMany(page, dialog.getByRole('combobox', { name: '共享给以下单位' }), ['清水派出所']);
  await expectAccessible(page, 'the save-view dialog');
  await screenshot(page, 'town-tasks-save-view-zh');
  await dialog.getByRole('button', { name: '保存' }).click();
  await expect(page.getByText(`已保存视图“${name}”`)).toBeVisible();
  await expect(views).toContainText('共享给：清水派出所的联络员');
  await expect(views).toContainText(
    '任务类型：受理移交 · 单位：清水派出所 · 层级：二级 · 纠纷类型：交通事故 · 超期：否',
  );
  await signOut(page);

  // The police liaison applies it on the workbench: what the workbench can filter on is applied, the rest is named.
  await signInTo(page, 'liaison.police');
  await choose(page, page.getByRole('combobox', { name: '选择保存的视图' }), `${name} · 共享给我 · 只读`);
  await expect(page.getByText('本页不支持该视图的以下筛选，未应用：任务类型、单位、超期')).toBeVisible();
  const workbenchFilters = page.getByRole('group', { name: '筛选与排序' });
  await expect(workbenchFilters.getByTitle('交通事故', { exact: true })).toBeVisible();
  await expect(workbenchFilters.getByTitle('二级', { exact: true })).toBeVisible();
  await expect(page).toHaveURL(/type=traffic/);
  await expect(page).toHaveURL(/level=L2/);
  await page.getByRole('tab', { name: /待认领/ }).click();
  // The transfer this journey made: a police transfer of a traffic accident at level 2, from Xiaba.
  await expect(
    page.getByRole('listitem').filter({ hasText: '受理移交 · 交通事故' }).filter({ hasText: '二级 · 下坝村' }).first(),
  ).toBeVisible();
  await expect(page.getByRole('group', { name: '保存的任务视图' })).toContainText('保存人：综治中心 协调员');
  await expectAccessible(page, 'the workbench with a shared view applied');
  await screenshot(page, 'workbench-shared-view-zh');
});

test('a coordinator hands a mediation over with a reason, which the new mediator reads', async ({ page }) => {
  const colleague = await createStaff({
    displayName: '调解员 上坝二',
    agencyId: SHANGBA_COMMITTEE,
    roles: ['mediator'],
  });
  const caseId = await openCase({
    summary: '上坝村村民在村卫生室输液后过敏，家属与村医因赔偿争执。',
    disputeType: 'medical',
  });
  await acceptTransferAs(caseId, 'mediator.shangba');

  await signInTo(page, 'coordinator');
  await navigation(page).getByRole('link', { name: '全镇任务' }).click();
  const filters = page.getByRole('group', { name: '筛选与排序' });
  await choose(page, filters.getByRole('combobox', { name: '任务类型' }), '调解');
  await choose(page, filters.getByRole('combobox', { name: '单位' }), '上坝村人民调解委员会');
  await choose(page, filters.getByRole('combobox', { name: '纠纷类型' }), '医疗纠纷');
  const row = rowOfCase(page.getByRole('region', { name: '全镇任务列表' }), caseId);
  await expect(row).toContainText('调解员 上坝');
  await row.getByRole('button', { name: '改派：调解 · 医疗纠纷' }).click();
  const dialog = page.getByRole('dialog', { name: '改派：调解' });
  await expect(dialog).toContainText('现由调解员 上坝办理');
  await choose(page, dialog.getByRole('combobox', { name: '交给' }), '调解员 上坝二');
  // A reason too short to say anything is refused before it is sent.
  await dialog.getByLabel('理由').fill('换人');
  await dialog.getByRole('button', { name: '改派' }).click();
  await expect(dialog.getByText('请填写理由（至少 5 个字）')).toBeVisible();
  const reason = '调解员上坝本周外出培训，由同村调解员接手。';
  await dialog.getByLabel('理由').fill(reason);
  await expect(dialog.getByText('请填写理由（至少 5 个字）')).toHaveCount(0);
  await expectAccessible(page, 'the hand-over dialog');
  await screenshot(page, 'town-tasks-reassign-zh');
  await dialog.getByRole('button', { name: '改派' }).click();
  await expect(page.getByText('已交给调解员 上坝二。')).toBeVisible();
  await expect(row).toContainText('调解员 上坝二');
  expect((await openTaskOf(caseId, 'mediate')).assigneeStaffId).toBe(colleague.staffId);
  await signOut(page);

  // The new mediator finds the reason among the mediation's working notes.
  await signInTo(page, colleague.username);
  await page.goto(`/cases/${caseId}`);
  const notes = page.locator('.ant-card').filter({ has: page.getByRole('heading', { name: '工作笔记', level: 2 }) });
  await expect(notes).toContainText(reason);
  await expect(notes).toContainText('综治中心 协调员');
  await screenshot(page, 'case-hand-over-note-zh');
  await signOut(page);

  // The same page in English.
  await signInTo(page, await newCoordinator('协调员 全镇'));
  await navigation(page).getByRole('link', { name: '全镇任务' }).click();
  await switchToEnglish(page);
  await expect(page.getByRole('heading', { name: "Town's tasks", level: 1 })).toBeVisible();
  const english = page.getByRole('group', { name: 'Filter and sort' });
  for (const label of ['Task', 'Agency', 'Level', 'Village', 'Dispute type', 'Overdue', 'Status', 'Order']) {
    await expect(english.getByRole('combobox', { name: label, exact: true })).toBeVisible();
  }
  await expect(
    page.getByRole('group', { name: 'Saved task views' }).getByRole('button', { name: 'Save as view' }),
  ).toBeVisible();
  const englishTable = page.getByRole('region', { name: "The town's tasks" });
  for (const column of ['Task', 'Case', 'Agency', 'Held by', 'Deadline', 'Priority', 'Actions']) {
    await expect(englishTable.getByRole('columnheader', { name: column, exact: true })).toBeVisible();
  }
  await expectAccessible(page, 'the town’s tasks in English');
  await screenshot(page, 'town-tasks-en');
});
