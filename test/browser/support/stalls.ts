/**
 * What the administrators' journeys share beyond journey.ts: an administrator of their own, a transfer nobody accepted
 * (manufactured in case-service's own table, as the e2e repair suite does), and the case's tasks and diagnosis as
 * the services answer them, to check what a repair through the page really did.
 */
import { randomUUID } from 'node:crypto';
import type { Page } from '@playwright/test';
import { Client as PgClient } from 'pg';
import { agencyCall, caseCall, expect, loginApi, openCase, signIn } from './journey';

/** The demo town's governance centre (综治中心), where the demo administrator works. */
const GOVERNANCE_CENTRE = 'a9e00000-0000-4000-8000-000000000007';

export interface CaseTask {
  id: string;
  kind: string;
  status: string;
  agencyId: string;
  assigneeStaffId: string | null;
  dueAt: string | null;
}

/** Every task of the case as the town's coordinator reads them (open and closed). */
export async function tasksOf(caseId: string): Promise<CaseTask[]> {
  const coordinator = await loginApi('coordinator');
  return (await caseCall<{ items: CaseTask[] }>(coordinator, 'GET', `/api/v1/cases/${caseId}/tasks`)).items;
}

/** The case's open accept-transfer task (there is one while the transfer waits; a repair may issue it anew). */
export async function openTransfer(caseId: string): Promise<CaseTask | undefined> {
  return (await tasksOf(caseId)).find((task) => task.kind === 'accept-transfer' && task.status === 'open');
}

/**
 * An administrator made for this journey by the demo one: the console remembers a person's language, so a journey
 * that switches to English changes nobody else's console, and its scans count against its own rate limit.
 */
export async function newAdministrator(displayName: string): Promise<{ username: string; staffId: string }> {
  const admin = await loginApi('admin');
  const username = `admin.${randomUUID().slice(0, 8)}`;
  const created = await agencyCall<{ id: string }>(admin, 'POST', '/api/v1/staff', {
    displayName,
    agencyId: GOVERNANCE_CENTRE,
    roles: ['administrator'],
    username,
    password: 'gongzhi-demo',
  });
  return { username, staffId: created.id };
}

/** Signs in and waits for the workbench (in Chinese, the console's first language). */
export async function signInTo(page: Page, username: string): Promise<void> {
  await signIn(page, username);
  await expect(page.getByRole('heading', { name: '工作台', level: 1 })).toBeVisible();
}

/**
 * A case reported in Shangba whose transfer nobody accepted for `days` days: the task's due date is moved back in
 * case-service's table (what that many days would have done to it). The workflow's own timer is not moved.
 */
export async function overdueTransfer(summary: string, days: number): Promise<{ caseId: string; taskId: string }> {
  const caseId = await openCase({ summary });
  const task = await openTransfer(caseId);
  if (!task) throw new Error(`case ${caseId} has no transfer to accept`);
  const url = process.env['GONGZHI_BROWSER_CASE_DATABASE_URL'];
  if (!url) throw new Error('the browser tier runs through test/browser/playwright.config.ts (its global setup)');
  const db = new PgClient({ connectionString: url });
  await db.connect();
  try {
    await db.query(`UPDATE tasks SET due_at = now() - make_interval(days => $2) WHERE id = $1`, [task.id, days]);
  } finally {
    await db.end();
  }
  return { caseId, taskId: task.id };
}

/** The case's workflow id, as case-service's diagnosis names it. */
export async function workflowIdOf(caseId: string): Promise<string> {
  const admin = await loginApi('admin');
  return (await caseCall<{ workflowId: string }>(admin, 'GET', `/api/v1/admin/cases/${caseId}/describe`)).workflowId;
}

/** The saved views the demo administrator sees (its own, and those shared with administrators). */
export async function savedViewNames(): Promise<string[]> {
  const admin = await loginApi('admin');
  return (await caseCall<{ items: { name: string }[] }>(admin, 'GET', '/api/v1/admin/views')).items.map(
    (view) => view.name,
  );
}
