/**
 * The 督办 list over HTTP on PostgreSQL: the workflow's tasks and timeline events as the worker writes them, the list as
 * the coordinators read it. Temporal has no part here (its view is empty, so no next urging is known), and the
 * working-day calendar is the harness's, where every day works.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import request from 'supertest';
import type { OverdueTransfer, Principal } from '@gongzhi/contracts';
import { createTestDatabase, type TestDatabase } from '@gongzhi/testing';
import { staff } from '../testing/fake-case-service';
import { noWorkflows } from '../testing/no-workflows';
import { createPostgresCaseService } from '../testing/postgres-case-service';
import { openAction, timelineEvent, workflowCalls } from '../testing/workflow-calls';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const hekouGridWorker: Principal = {
  staffId: 'grid-hekou',
  agencyId: 'agency-hekou',
  townCode: 'hekou',
  roles: ['grid-worker'],
};

describe('the overdue transfers (督办)', () => {
  let db: TestDatabase;
  let documentsDir: string;
  let service: Awaited<ReturnType<typeof createPostgresCaseService>>;

  beforeAll(async () => {
    db = await createTestDatabase('case');
    documentsDir = mkdtempSync(path.join(tmpdir(), 'gongzhi-overdue-'));
    service = await createPostgresCaseService(db.url, documentsDir, { inspector: noWorkflows });
  });

  afterAll(async () => {
    await service?.prisma.$disconnect();
    await db?.drop();
    if (documentsDir) rmSync(documentsDir, { recursive: true, force: true });
  });

  async function openCase(reporter: Principal = staff.villageMediator): Promise<string> {
    const res = await request(service.app)
      .post('/api/v1/cases')
      .set('Authorization', await service.bearer(reporter))
      .send({ disputeType: 'neighbour', source: 'walk-in', summary: 'A leaning wall.', townCode: reporter.townCode });
    expect(res.status).toBe(201);
    return res.body.id as string;
  }

  /** The workflow's transfer of the case to the police station, with its acceptance deadline `dueAt`. */
  async function transfer(caseId: string, dueAt: Date) {
    const calls = workflowCalls(service.app, service.engineBearer, caseId);
    const openedAt = new Date(dueAt.getTime() - 2 * DAY).toISOString();
    const requested = await calls.recordTimeline(
      `${caseId}:wf:1`,
      timelineEvent({
        at: openedAt,
        details: { level: 'L2', toAgencyId: '0a9e0000-0000-4000-8000-000000000005', acceptBy: dueAt.toISOString() },
      }),
    );
    expect(requested.status).toBeLessThan(300);
    const accept = openAction({
      kind: 'accept-transfer',
      actionId: '2-accept-transfer',
      level: 'L2',
      agencyId: '0a9e0000-0000-4000-8000-000000000005',
      roles: ['liaison'],
      openedAt,
      dueAt: dueAt.toISOString(),
    });
    expect((await calls.openTask(accept)).status).toBe(201);
    return calls;
  }

  async function list(who: Principal, query = '') {
    return request(service.app)
      .get(`/api/v1/overdue-transfers?limit=100${query}`)
      .set('Authorization', await service.bearer(who));
  }

  it('lists a transfer past its deadline with its urgings, and the open urging to act on', async () => {
    const caseId = await openCase();
    const dueAt = new Date(Date.now() - 3 * DAY - HOUR);
    const calls = await transfer(caseId, dueAt);
    // Urged twice by the coordinators (each urging closes its urge-acceptance task); the third urging is open.
    const urgedAt = [new Date(dueAt.getTime() + HOUR), new Date(dueAt.getTime() + DAY + HOUR)];
    for (const [n, at] of urgedAt.entries()) {
      const urging = openAction({
        kind: 'urge-acceptance',
        actionId: `${3 + n}-urge-acceptance`,
        agencyId: '0a9e0000-0000-4000-8000-000000000001',
        roles: ['coordinator'],
        openedAt: dueAt.toISOString(),
        dueAt: new Date(dueAt.getTime() + DAY).toISOString(),
      });
      expect((await calls.openTask(urging)).status).toBe(201);
      const closed = await calls.closeTask(urging.actionId, { closedBy: 'coord-1', closedAt: at.toISOString() });
      expect(closed.status).toBeLessThan(300);
      const event = timelineEvent({
        type: 'transfer-urged',
        actor: 'coord-1',
        agencyId: '0a9e0000-0000-4000-8000-000000000001',
        at: at.toISOString(),
        details: { level: 'L2', agencyId: '0a9e0000-0000-4000-8000-000000000005' },
      });
      expect((await calls.recordTimeline(`${caseId}:wf:${2 + n}`, event)).status).toBeLessThan(300);
    }
    const third = openAction({
      kind: 'urge-acceptance',
      actionId: '5-urge-acceptance',
      agencyId: '0a9e0000-0000-4000-8000-000000000001',
      roles: ['coordinator'],
      openedAt: new Date(Date.now() - HOUR).toISOString(),
      dueAt: new Date(Date.now() + DAY).toISOString(),
    });
    expect((await calls.openTask(third)).status).toBe(201);
    const urgeTask = await service.prisma.task.findUniqueOrThrow({
      where: { caseId_actionId: { caseId, actionId: third.actionId } },
      select: { id: true },
    });
    const acceptTask = await service.prisma.task.findUniqueOrThrow({
      where: { caseId_actionId: { caseId, actionId: '2-accept-transfer' } },
      select: { id: true },
    });
    // Another transfer whose deadline has not come: not listed.
    const notYet = await openCase();
    await transfer(notYet, new Date(Date.now() + DAY));

    const res = await list(staff.coordinator);

    expect(res.status).toBe(200);
    const items = res.body.items as OverdueTransfer[];
    expect(items.map((item) => item.caseId)).not.toContain(notYet);
    const found = items.find((item) => item.caseId === caseId);
    expect(found).toEqual({
      caseId,
      townCode: 'qingshui',
      task: {
        id: acceptTask.id,
        agencyId: '0a9e0000-0000-4000-8000-000000000005',
        level: 'L2',
        dueAt: dueAt.toISOString(),
      },
      disputeType: 'neighbour',
      villageCode: null,
      lateMs: expect.any(Number),
      // The harness's calendar works every day.
      lateWorkingDays: 3,
      urgeCount: 2,
      lastUrgedAt: urgedAt[1]?.toISOString(),
      urgeTaskId: urgeTask.id,
      nextUrgeAt: null,
    });
    expect(found?.lateMs).toBeGreaterThanOrEqual(3 * DAY + HOUR);
    // The read is on the audit trail, naming the cases it showed.
    const audited = await service.prisma.auditRecord.findMany({
      where: { action: 'case.overdue-transfers.read', objectIds: { has: caseId } },
      select: { actor: true },
    });
    expect(audited).toEqual([{ actor: staff.coordinator.staffId }]);
  });

  it('shows a coordinator their own town only; an administrator names any town', async () => {
    const ours = await openCase();
    await transfer(ours, new Date(Date.now() - DAY));
    const theirs = await openCase(hekouGridWorker);
    await transfer(theirs, new Date(Date.now() - DAY));

    const coordinator = await list(staff.coordinator);
    expect(coordinator.status).toBe(200);
    const seen = (coordinator.body.items as OverdueTransfer[]).map((item) => item.caseId);
    expect(seen).toContain(ours);
    expect(seen).not.toContain(theirs);
    expect((coordinator.body.items as OverdueTransfer[]).every((item) => item.townCode === 'qingshui')).toBe(true);

    const otherTown = await list(staff.coordinator, '&town=hekou');
    expect(otherTown.status).toBe(403);
    expect(JSON.stringify(otherTown.body)).not.toContain(theirs);

    const hekou = await list(staff.otherTownCoordinator);
    expect((hekou.body.items as OverdueTransfer[]).map((item) => item.caseId)).toEqual([theirs]);

    const administrator = await list(staff.administrator, '&town=hekou');
    expect(administrator.status).toBe(200);
    expect((administrator.body.items as OverdueTransfer[]).map((item) => item.caseId)).toEqual([theirs]);
  });

  it('refuses a liaison (403), and a parameter it does not know (400)', async () => {
    const liaison = await list(staff.policeLiaison);
    expect(liaison.status).toBe(403);
    expect(liaison.body.type).toBe('urn:gongzhi:problem:forbidden');
    const misspelt = await list(staff.coordinator, '&towns=qingshui');
    expect(misspelt.status).toBe(400);
  });
});
