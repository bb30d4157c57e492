/**
 * The coordinators' own view of their town's stuck cases (GET /api/v1/stuck) over HTTP on PostgreSQL: the
 * administrators' scan limited to one town, read-only, with its authorization rows (authorization-matrix.ts). Temporal
 * has no part here: the scan's workflow side sees no workflows, its task side reads the tasks this suite opens.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import request from 'supertest';
import type { Principal, StuckItem, StuckReport } from '@gongzhi/contracts';
import { createTestDatabase, type TestDatabase } from '@gongzhi/testing';
import { runTownStuckRow, townStuckMatrixRows } from '../../testing/authorization-matrix';
import { staff } from '../../testing/fake-case-service';
import { noWorkflows } from '../../testing/no-workflows';
import { createPostgresCaseService } from '../../testing/postgres-case-service';
import { openAction, workflowCalls } from '../../testing/workflow-calls';

const DAY = 24 * 60 * 60 * 1000;
const hekouGridWorker: Principal = {
  staffId: 'grid-hekou',
  agencyId: 'agency-hekou',
  townCode: 'hekou',
  roles: ['grid-worker'],
};

describe('a town’s stuck cases, for its coordinators', () => {
  let db: TestDatabase;
  let documentsDir: string;
  let service: Awaited<ReturnType<typeof createPostgresCaseService>>;

  beforeAll(async () => {
    db = await createTestDatabase('case');
    documentsDir = mkdtempSync(path.join(tmpdir(), 'gongzhi-town-stuck-'));
    service = await createPostgresCaseService(db.url, documentsDir, { inspector: noWorkflows });
  });

  afterAll(async () => {
    await service?.prisma.$disconnect();
    await db?.drop();
    if (documentsDir) rmSync(documentsDir, { recursive: true, force: true });
  });

  /** A case of the reporter's town whose mediation clock ran out three days ago. */
  async function stuckCase(reporter: Principal): Promise<string> {
    const res = await request(service.app)
      .post('/api/v1/cases')
      .set('Authorization', await service.bearer(reporter))
      .send({ disputeType: 'neighbour', source: 'walk-in', summary: 'A leaning wall.', townCode: reporter.townCode });
    expect(res.status).toBe(201);
    const caseId = res.body.id as string;
    const mediate = openAction({ kind: 'mediate', dueAt: new Date(Date.now() - 3 * DAY).toISOString() });
    expect((await workflowCalls(service.app, service.engineBearer, caseId).openTask(mediate)).status).toBe(201);
    return caseId;
  }

  async function stuck(who: Principal, query = '') {
    return request(service.app)
      .get(`/api/v1/stuck?limit=500${query}`)
      .set('Authorization', await service.bearer(who));
  }

  it.each(townStuckMatrixRows.map((row) => [row.role, row.ownership, row.expected, row] as const))(
    'as %s naming %s town → %i',
    async (_role, _ownership, _expected, row) => {
      await runTownStuckRow(service, row);
    },
  );

  it('shows a coordinator their town’s stuck cases only, as the administrators’ scan reports them', async () => {
    const ours = await stuckCase(staff.villageMediator);
    const theirs = await stuckCase(hekouGridWorker);

    const res = await stuck(staff.coordinator);

    expect(res.status).toBe(200);
    const report = res.body as StuckReport;
    expect(report.items.every((item: StuckItem) => item.townCode === 'qingshui')).toBe(true);
    const found = report.items.filter((item) => item.caseId === ours);
    expect(found).toEqual([
      expect.objectContaining({
        kind: 'overdue-task',
        subject: 'mediate',
        agencyId: '0a9e0000-0000-4000-8000-000000000006',
        level: 'L1',
      }),
    ]);
    expect(report.items.map((item) => item.caseId)).not.toContain(theirs);
    expect(report.view).toBeNull();
    // The administrators' scan of the same town finds the same items.
    const admin = await request(service.app)
      .get('/api/v1/admin/stuck?limit=500&town=qingshui')
      .set('Authorization', await service.bearer(staff.administrator));
    expect(admin.status).toBe(200);
    const ids = (items: StuckItem[]) => items.map((item) => `${item.kind}:${item.caseId}:${item.taskId}`).sort();
    expect(ids(report.items)).toEqual(ids((admin.body as StuckReport).items));
    expect(report.counts).toEqual((admin.body as StuckReport).counts);

    // The other town's coordinator sees theirs, not ours.
    const hekou = (await stuck(staff.otherTownCoordinator)).body as StuckReport;
    expect(hekou.items.map((item) => item.caseId)).toContain(theirs);
    expect(hekou.items.every((item) => item.townCode === 'hekou')).toBe(true);

    // Audited like the administrators' scan, under the town view's own actions.
    const audited = await service.prisma.auditRecord.findMany({
      where: { action: 'case.town.stuck', objectIds: { has: ours } },
      select: { actor: true },
    });
    expect(audited).toEqual([{ actor: staff.coordinator.staffId }]);
  });

  it('refuses another town to a coordinator (403), and saved views (400)', async () => {
    const theirs = await stuckCase(hekouGridWorker);
    const other = await stuck(staff.coordinator, '&town=hekou');
    expect(other.status).toBe(403);
    expect(JSON.stringify(other.body)).not.toContain(theirs);
    const view = await stuck(staff.coordinator, '&view=police-late');
    expect(view.status).toBe(400);
    expect(view.body.errors).toEqual([expect.objectContaining({ path: 'view' })]);
  });
});
