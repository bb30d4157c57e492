/**
 * What the coordinators' journeys share beyond journey.ts: the case's tasks as the coordinator reads them (with their
 * level and clock), a stall manufactured in case-service's own table as the e2e repair suite does, a colleague of the
 * governance centre who reads the console in English, and Ant Design's multiple select chosen by keyboard.
 */
import { Client as PgClient } from 'pg';
import { caseCall, createStaff, expect, loginApi, signIn } from './journey';
import type { Locator, Page } from '@playwright/test';

/** The demo town's governance centre (综治中心), the coordinators' agency. */
export const GOVERNANCE_CENTRE = 'a9e00000-0000-4000-8000-000000000007';

export interface CaseTask {
  id: string;
  kind: string;
  status: string;
  agencyId: string;
  level: string | null;
  assigneeStaffId: string | null;
  clock: { dueAt: string | null };
}

/** Every task of the case as the coordinator reads them (open and closed). */
export async function tasksOf(caseId: string): Promise<CaseTask[]> {
  const coordinator = await loginApi('coordinator');
  return (await caseCall<{ items: CaseTask[] }>(coordinator, 'GET', `/api/v1/cases/${caseId}/tasks`)).items;
}

/** Waits until the case has an open task of `kind` (the workflow has moved on), and returns it. */
export async function openTaskOf(caseId: string, kind: string): Promise<CaseTask> {
  let found: CaseTask | undefined;
  await expect
    .poll(
      async () => {
        found = (await tasksOf(caseId)).find((task) => task.kind === kind && task.status === 'open');
        return found !== undefined;
      },
      { timeout: 30_000 },
    )
    .toBe(true);
  return found as CaseTask;
}

/** `username` completes the task with `action` through the API (as they would have on the case page). */
export async function actAs(username: string, taskId: string, action: Record<string, unknown>): Promise<void> {
  const staff = await loginApi(username);
  await caseCall(staff, 'POST', `/api/v1/tasks/${taskId}/complete`, { action });
}

/**
 * Moves a task's deadline back in case-service's table, as if nobody had acted on it for `days` days (what the e2e
 * repair suite does to manufacture a stall). The workflow's own timer is not moved: it fires when it was due.
 */
export async function stall(taskId: string, days: number): Promise<void> {
  const url = process.env['GONGZHI_BROWSER_CASE_DATABASE_URL'];
  if (!url) throw new Error('the browser tier runs through test/browser/playwright.config.ts (its global setup)');
  const db = new PgClient({ connectionString: url });
  await db.connect();
  try {
    await db.query(`UPDATE tasks SET due_at = now() - make_interval(days => $2) WHERE id = $1`, [taskId, days]);
  } finally {
    await db.end();
  }
}

/**
 * A coordinator of the governance centre made for this journey, so that switching the console to English (which the
 * console remembers for the person) changes nobody else's console.
 */
export async function newCoordinator(displayName: string): Promise<string> {
  const { username } = await createStaff({ displayName, agencyId: GOVERNANCE_CENTRE, roles: ['coordinator'] });
  return username;
}

/** Signs in and waits for the workbench (in Chinese, the console's first language). */
export async function signInTo(page: Page, username: string): Promise<void> {
  await signIn(page, username);
  await expect(page.getByRole('heading', { name: '工作台', level: 1 })).toBeVisible();
}

export async function signOut(page: Page, label = '退出登录'): Promise<void> {
  await page.getByRole('button', { name: label }).click();
  await expect(page).toHaveURL(/\/sign-in/);
}

/** Switches the page to English with the header's language switch (by keyboard), as a person would. */
export async function switchToEnglish(page: Page): Promise<void> {
  const languages = page.getByRole('banner').getByRole('combobox', { name: '语言' });
  await languages.focus();
  await page.keyboard.press('ArrowDown');
  await page.getByTitle('English', { exact: true }).last().click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)')).toHaveCount(0);
}

/** The site's navigation (the header's links to each page). */
export function navigation(page: Page, name = '导航'): Locator {
  return page.getByRole('navigation', { name });
}

/** Picks options of an Ant Design multiple select by keyboard, then closes its list (which stays open between picks). */
export async function chooseMany(page: Page, combobox: Locator, options: readonly string[]): Promise<void> {
  await combobox.focus();
  for (const option of options) {
    await page.keyboard.press('ArrowDown');
    await page.getByTitle(option, { exact: true }).last().click();
  }
  await page.keyboard.press('Escape');
  await expect(page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)')).toHaveCount(0);
}

/** The row of a table whose case link goes to `caseId` (case titles repeat; the case's address does not). */
export function rowOfCase(table: Locator, caseId: string): Locator {
  return table.getByRole('row').filter({ has: table.page().locator(`a[href="/cases/${caseId}"]`) });
}

/** The case as the coordinator reads it: where it stands. */
export async function caseOf(
  caseId: string,
): Promise<{ status: string; progress: { level: string | null; phase: string } }> {
  const coordinator = await loginApi('coordinator');
  return caseCall(coordinator, 'GET', `/api/v1/cases/${caseId}`);
}
