/**
 * What every journey uses: signing in through the page, cases set up through the services' API (as another person
 * would have, before the journey starts), screenshots saved as test artefacts, and an axe check of each page.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, type Locator, type Page, test as base } from '@playwright/test';
import { residentIdCheckCharacter } from '@gongzhi/contracts';

const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');
export const SCREENSHOTS = path.join(REPO_ROOT, '.data', 'test', 'browser', 'screenshots');
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

function url(service: 'agency' | 'case' | 'party'): string {
  const value = process.env[`GONGZHI_BROWSER_${service.toUpperCase()}_URL`];
  if (!value) throw new Error('the browser tier runs through test/browser/playwright.config.ts (its global setup)');
  return value;
}

export interface Staff {
  token: string;
  staffId: string;
}

export async function loginApi(username: string): Promise<Staff> {
  const res = await fetch(`${url('agency')}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: 'gongzhi-demo' }),
  });
  if (!res.ok) throw new Error(`login ${username}: ${res.status}`);
  const body = (await res.json()) as { accessToken: string; staff: { id: string } };
  return { token: body.accessToken, staffId: body.staff.id };
}

export async function caseCall<T>(as: Staff, method: string, route: string, body?: unknown): Promise<T> {
  const res = await fetch(`${url('case')}${route}`, {
    method,
    headers: {
      authorization: `Bearer ${as.token}`,
      'idempotency-key': randomUUID(),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (!res.ok) throw new Error(`${method} ${route}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

/**
 * Opens a case as intake would (by default a report of Shangba's grid worker), and waits until its workflow has opened
 * the first task. The committee that took the report is the one the case goes to first (planRoute), whatever the
 * village: a case for another village's committee is reported by someone of that committee (`reportedBy`).
 */
export async function openCase(options: {
  summary: string;
  disputeType?: string;
  villageCode?: string;
  violenceRisk?: boolean;
  amount?: string;
  reportedBy?: string;
  parties?: { partyId: string; role: 'applicant' | 'respondent' | 'other' }[];
}): Promise<string> {
  const reporter = await loginApi(options.reportedBy ?? 'grid.shangba');
  const opened = await caseCall<{ id: string }>(reporter, 'POST', '/api/v1/cases', {
    disputeType: options.disputeType ?? 'neighbour',
    // A committee's own mediator takes a visit at the office; the grid worker reports from the village.
    source: options.reportedBy ? 'walk-in' : 'grid-report',
    summary: options.summary,
    townCode: 'qingshui',
    villageCode: options.villageCode ?? 'shangba',
    ...(options.amount ? { amountInDispute: options.amount } : {}),
    ...(options.violenceRisk ? { riskAssessment: { violenceRisk: true, groupDispute: false, keyPerson: false } } : {}),
    ...(options.parties ? { parties: options.parties } : {}),
  });
  await transferAsked(opened.id);
  return opened.id;
}

/** Waits until the case's workflow has asked an agency to accept it (its first task is open). */
async function transferAsked(caseId: string): Promise<void> {
  const coordinator = await loginApi('coordinator');
  await expect
    .poll(
      async () =>
        (await caseCall<{ items: { kind: string }[] }>(coordinator, 'GET', `/api/v1/cases/${caseId}/tasks`)).items.some(
          (task) => task.kind === 'accept-transfer',
        ),
      { timeout: 30_000 },
    )
    .toBe(true);
}

/**
 * Files an intake report as Shangba's grid worker would from the field (`POST /api/v1/reports`), naming no party, and
 * returns what case-service made of it: a case opened (its workflow's first task open) or a report linked.
 */
export async function fileReport(options: {
  summary: string;
  disputeType: string;
  villageCode: string;
  gridCode: string;
}): Promise<{ outcome: 'opened' | 'linked'; caseId: string }> {
  const grid = await loginApi('grid.shangba');
  const filed = await caseCall<{ outcome: 'opened' | 'linked'; case: { id: string } }>(
    grid,
    'POST',
    '/api/v1/reports',
    {
      disputeType: options.disputeType,
      source: 'grid-report',
      summary: options.summary,
      townCode: 'qingshui',
      villageCode: options.villageCode,
      gridCode: options.gridCode,
    },
  );
  if (filed.outcome === 'opened') await transferAsked(filed.case.id);
  return { outcome: filed.outcome, caseId: filed.case.id };
}

/** A call to agency-service as `as` (a write carries an Idempotency-Key, like caseCall's). */
export async function agencyCall<T>(as: Staff, method: string, route: string, body?: unknown): Promise<T> {
  const res = await fetch(`${url('agency')}${route}`, {
    method,
    headers: {
      authorization: `Bearer ${as.token}`,
      'idempotency-key': randomUUID(),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (!res.ok) throw new Error(`${method} ${route}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

/**
 * A village the town's coordinator adds to the demo town (agency-service `POST /api/v1/villages`), with one grid and
 * no mediation committee of its own (no agency's area covers its new code). Its code differs on every run.
 */
export async function createVillage(name: string): Promise<{ code: string; gridCode: string }> {
  const coordinator = await loginApi('coordinator');
  const code = `village-${randomUUID().slice(0, 8)}`;
  const gridCode = `${code}-01`;
  await agencyCall(coordinator, 'POST', '/api/v1/villages', {
    townCode: 'qingshui',
    code,
    name,
    gridCodes: [gridCode],
  });
  return { code, gridCode };
}

/** A made-up resident ID number with a real check character, different on every run (never a real person's). */
export function syntheticIdNumber(): string {
  const sequence = String(Math.floor(Math.random() * 1000)).padStart(3, '0');
  const first17 = `522634${1960 + Math.floor(Math.random() * 40)}0918${sequence}`;
  return `${first17}${residentIdCheckCharacter(first17)}`;
}

/** A person registered in party-service by `as` (lookup-or-create, as the report form does); returns the party id. */
export async function registerParty(as: Staff, name: string, villageCode = 'shangba'): Promise<string> {
  const res = await fetch(`${url('party')}/api/v1/parties/lookup-or-create`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${as.token}`,
      'idempotency-key': randomUUID(),
      'content-type': 'application/json',
    },
    body: JSON.stringify({
      kind: 'person',
      name,
      idNumber: syntheticIdNumber(),
      address: { townCode: 'qingshui', villageCode },
    }),
  });
  if (!res.ok) throw new Error(`register ${name}: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { id: string }).id;
}

/**
 * Waits until `username` may read each party in party-service: a grant to the agency holding a case travels through
 * Kafka, a moment after the acceptance that causes it.
 */
export async function partiesReadableBy(username: string, partyIds: readonly string[]): Promise<void> {
  const reader = await loginApi(username);
  await expect
    .poll(
      async () => {
        const statuses = await Promise.all(
          partyIds.map(
            async (id) =>
              (
                await fetch(`${url('party')}/api/v1/parties/${id}`, {
                  headers: { authorization: `Bearer ${reader.token}` },
                })
              ).status,
          ),
        );
        return statuses.every((status) => status === 200);
      },
      { timeout: 30_000 },
    )
    .toBe(true);
}

/** The case's open tasks as case-service lists them to the coordinator (who sees the whole town). */
export async function openTasks(
  caseId: string,
): Promise<{ id: string; kind: string; agencyId: string; assigneeStaffId: string | null }[]> {
  const coordinator = await loginApi('coordinator');
  const tasks = await caseCall<{
    items: { id: string; kind: string; status: string; agencyId: string; assigneeStaffId: string | null }[];
  }>(coordinator, 'GET', `/api/v1/cases/${caseId}/tasks`);
  return tasks.items.filter((task) => task.status === 'open');
}

/** The receiving committee's mediator accepts the transfer for herself; returns once her mediate task is open. */
export async function acceptTransferAs(caseId: string, username: string): Promise<void> {
  const mediator = await loginApi(username);
  const accept = (await openTasks(caseId)).find((task) => task.kind === 'accept-transfer');
  if (!accept) throw new Error(`case ${caseId} has no transfer to accept`);
  await caseCall(mediator, 'POST', `/api/v1/tasks/${accept.id}/complete`, {
    action: { kind: 'accept-transfer', responsibleStaffId: mediator.staffId },
  });
  await expect
    .poll(async () => (await openTasks(caseId)).some((task) => task.kind === 'mediate'), { timeout: 30_000 })
    .toBe(true);
}

/**
 * `username` completes the case's open task of `kind` with `action` (as they would on the case page), then waits until
 * `until` holds of the case's open tasks: the workflow has moved on.
 */
export async function completeTaskAs(
  caseId: string,
  username: string,
  kind: string,
  action: Record<string, unknown>,
  until: (tasks: { kind: string }[]) => boolean,
): Promise<void> {
  const staff = await loginApi(username);
  const task = (await openTasks(caseId)).find((open) => open.kind === kind);
  if (!task) throw new Error(`case ${caseId} has no open ${kind} task`);
  await caseCall(staff, 'POST', `/api/v1/tasks/${task.id}/complete`, { action });
  await expect.poll(async () => until(await openTasks(caseId)), { timeout: 30_000 }).toBe(true);
}

/** A new staff account made by the town's coordinator, as they would for a new colleague. */
export async function createStaff(options: {
  displayName: string;
  agencyId: string;
  roles: string[];
}): Promise<{ username: string; staffId: string }> {
  const coordinator = await loginApi('coordinator');
  const username = `staff.${randomUUID().slice(0, 8)}`;
  const res = await fetch(`${url('agency')}/api/v1/staff`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${coordinator.token}`,
      'idempotency-key': randomUUID(),
      'content-type': 'application/json',
    },
    body: JSON.stringify({ ...options, username, password: 'gongzhi-demo' }),
  });
  if (!res.ok) throw new Error(`create staff: ${res.status} ${await res.text()}`);
  return { username, staffId: ((await res.json()) as { id: string }).id };
}

/** The demo town's Shangba village mediation committee (fixed id in agency-service's seed). */
export const SHANGBA_COMMITTEE = 'a9e00000-0000-4000-8000-000000000001';
/** The demo town's police station. */
export const POLICE_STATION = 'a9e00000-0000-4000-8000-000000000004';
/** The demo town's judicial office (司法所). */
export const JUDICIAL_OFFICE = 'a9e00000-0000-4000-8000-000000000005';
/** The demo town's people's tribunal (人民法庭). */
export const COURT = 'a9e00000-0000-4000-8000-000000000006';

/** Restarts the console process on the same database (global setup's control endpoint), as an upgrade would. */
export async function restartConsole(): Promise<void> {
  const control = process.env['GONGZHI_BROWSER_CONTROL_URL'];
  if (!control) throw new Error('the browser tier runs through test/browser/playwright.config.ts (its global setup)');
  const res = await fetch(`${control}/restart-console`, { method: 'POST' });
  if (!res.ok) throw new Error(`restart the console: ${res.status}`);
}

export async function signIn(page: Page, username: string): Promise<void> {
  await page.goto('/');
  await expect(page).toHaveURL(/\/sign-in/);
  await page.getByLabel(/用户名|Username/).fill(username);
  await page.getByLabel(/密码|Password/).fill('gongzhi-demo');
  await page.getByRole('button', { name: /^(登录|Sign in)$/ }).click();
}

/** No serious or critical axe violation on the page as it is now. */
export async function expectAccessible(page: Page, what: string): Promise<void> {
  // A message mid-way through its fade-out is half transparent by design: judge the page once it has gone, not a frame
  // of the animation (messages still showing are judged like everything else).
  await expect(page.locator('[class*="-move-up-leave"]')).toHaveCount(0);
  // Evaluated through the DevTools protocol, which the page's Content-Security-Policy does not govern.
  await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: {
          run: (
            context: Document,
            options: object,
          ) => Promise<{
            violations: { id: string; impact: string | null; help: string; nodes: { target: unknown[] }[] }[];
          }>;
        };
      }
    ).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => JSON.stringify(n.target)).join(', ')}`);
  });
  expect(violations, `axe on ${what}`).toEqual([]);
}

/** Chooses an option of an Ant Design select as a keyboard user would: focus it, open it, pick the option. */
export async function choose(page: Page, combobox: Locator, option: string): Promise<void> {
  // The list refreshing after the previous choice can take the focus back to that select: open this one, and only it.
  await expect(async () => {
    await combobox.focus();
    await expect(combobox).toBeFocused({ timeout: 1_000 });
    await page.keyboard.press('ArrowDown');
    await expect(combobox).toHaveAttribute('aria-expanded', 'true', { timeout: 2_000 });
  }).toPass();
  // The visible option carries its label as its title (Ant Design's role=option elements are a hidden list). A click
  // landing while the list still slides open can be lost (the list stays open, nothing chosen): pick it again then.
  const openList = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)');
  await expect(async () => {
    if ((await openList.count()) > 0) await page.getByTitle(option, { exact: true }).last().click({ timeout: 2_000 });
    // The list closes with an animation: a screenshot or an axe check taken meanwhile would see half a dropdown.
    await expect(openList).toHaveCount(0, { timeout: 2_000 });
  }).toPass();
}

export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/** Each journey also fails on a Content-Security-Policy violation or an uncaught error in the page. */
export const test = base.extend<{ pageProblems: string[] }>({
  pageProblems: [
    async ({ page }, use) => {
      const problems: string[] = [];
      page.on('console', (message) => {
        if (message.type() === 'error' && /Content Security Policy|Refused to/.test(message.text()))
          problems.push(message.text());
      });
      page.on('pageerror', (error) => problems.push(error.message));
      await use(problems);
      expect(problems, 'CSP violations or page errors').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };
