/**
 * The authorization matrix of the administrators' routes (the stuck scan, a case's diagnosis, saved views, repairs and
 * repair batches), on case-service over PostgreSQL: every route of the admin and repair route sets (from their route
 * tables, so a route added without a row fails the build) × every caller → status. They are the administrators'
 * alone, but for reading the saved views shared with someone: every other staff role is refused, a caller without a
 * token is asked to sign in, and the workflow engine, which no route here declares, is refused too. An administrator's row shows the route let them
 * through: the answer a real request gets (a made-up case or batch is simply not found).
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import request from 'supertest';
import type { Principal } from '@gongzhi/contracts';
import { type AuthorizationMatrix, createTestDatabase, matrixRows, type TestDatabase } from '@gongzhi/testing';
import { staff } from '../testing/fake-case-service';
import { noWorkflows, untouchedRepairWorkflows } from '../testing/no-workflows';
import { createPostgresCaseService } from '../testing/postgres-case-service';
import type { AdminService } from './stuck-scan/stuck-scan.service';
import { adminRoutes } from './admin.controller';
import type { RepairService } from './repairs/repair.service';
import { repairRoutes } from './repairs/repair.controller';
import type { SavedViewsService } from './saved-views/saved-views.service';

type Role = 'grid-worker' | 'mediator' | 'liaison' | 'coordinator' | 'administrator' | 'anonymous' | 'workflow-engine';

/** The administrators', and nobody else's: `admin` is what an administrator's request gets. */
const administratorsOnly = (admin: number) => ({
  'grid-worker': { none: 403 },
  mediator: { none: 403 },
  liaison: { none: 403 },
  coordinator: { none: 403 },
  administrator: { none: admin },
  anonymous: { none: 401 },
  'workflow-engine': { none: 403 },
});

/**
 * Saved views are read by whom they are shared with (roles, agencies): every staff member lists the views shared with
 * them (none here), and one shared with nobody is not found by anyone but administrators.
 */
const sharedViews = (others: number, admin: number) => ({
  ...administratorsOnly(admin),
  'grid-worker': { none: others },
  mediator: { none: others },
  liaison: { none: others },
  coordinator: { none: others },
});

const matrix: AuthorizationMatrix<Role> = {
  listStuckCases: administratorsOnly(200),
  describeCaseWorkflow: administratorsOnly(200),
  listSavedViews: sharedViews(200, 200),
  createSavedView: administratorsOnly(201),
  getSavedView: sharedViews(404, 200),
  replaceSavedView: administratorsOnly(200),
  deleteSavedView: administratorsOnly(200),
  // A case and a batch nobody made: found by nobody, once the caller may look.
  repairCase: administratorsOnly(404),
  listCaseRepairs: administratorsOnly(404),
  startRepairBatch: administratorsOnly(200),
  getRepairBatch: administratorsOnly(404),
};

// The real route tables (building them does no I/O).
const routeTable = [
  ...adminRoutes({} as AdminService, {} as SavedViewsService).routes,
  ...repairRoutes({} as RepairService).routes,
];

const PRINCIPALS: Record<Exclude<Role, 'anonymous' | 'workflow-engine'>, Principal> = {
  'grid-worker': staff.gridWorker,
  mediator: staff.villageMediator,
  liaison: staff.policeLiaison,
  coordinator: staff.coordinator,
  administrator: staff.administrator,
};

interface Call {
  method: 'get' | 'post' | 'put' | 'delete';
  path: string;
  body?: unknown;
  headers?: Record<string, string>;
}

describe('the administrators’ routes: authorization matrix', () => {
  let db: TestDatabase;
  let documentsDir: string;
  let service: Awaited<ReturnType<typeof createPostgresCaseService>>;
  let caseId: string;
  /** Saved views made for the rows that read, replace and delete one, with their ETags. */
  const views: Record<'read' | 'replace' | 'delete', { name: string; etag: string }> = {
    read: { name: '', etag: '' },
    replace: { name: '', etag: '' },
    delete: { name: '', etag: '' },
  };

  beforeAll(async () => {
    db = await createTestDatabase('case');
    documentsDir = mkdtempSync(path.join(tmpdir(), 'gongzhi-admin-matrix-'));
    service = await createPostgresCaseService(db.url, documentsDir, {
      inspector: noWorkflows,
      repairWorkflows: untouchedRepairWorkflows,
    });
    const opened = await request(service.app)
      .post('/api/v1/cases')
      .set('Authorization', await service.bearer(staff.gridWorker))
      .send({ disputeType: 'neighbour', source: 'walk-in', summary: 'A leaning wall.', townCode: 'qingshui' });
    expect(opened.status).toBe(201);
    caseId = opened.body.id as string;
    for (const use of ['read', 'replace', 'delete'] as const) {
      const name = `matrix-${use}`;
      const saved = await request(service.app)
        .post('/api/v1/admin/views')
        .set('Authorization', await service.bearer(staff.administrator))
        .send({ name, filters: { kind: 'overdue-acceptance' } });
      expect(saved.status).toBe(201);
      views[use] = { name, etag: saved.headers['etag'] as string };
    }
  });

  afterAll(async () => {
    await service?.prisma.$disconnect();
    await db?.drop();
    if (documentsDir) rmSync(documentsDir, { recursive: true, force: true });
  });

  function callOf(operationId: string): Call {
    const key = { 'idempotency-key': randomUUID() };
    switch (operationId) {
      case 'listStuckCases':
        return { method: 'get', path: '/api/v1/admin/stuck' };
      case 'describeCaseWorkflow':
        return { method: 'get', path: `/api/v1/admin/cases/${caseId}/describe` };
      case 'listSavedViews':
        return { method: 'get', path: '/api/v1/admin/views' };
      case 'createSavedView':
        return {
          method: 'post',
          path: '/api/v1/admin/views',
          body: { name: `matrix-${randomUUID().slice(0, 8)}`, filters: { kind: 'blocked' } },
          headers: key,
        };
      case 'getSavedView':
        return { method: 'get', path: `/api/v1/admin/views/${views.read.name}` };
      case 'replaceSavedView':
        return {
          method: 'put',
          path: `/api/v1/admin/views/${views.replace.name}`,
          body: { name: views.replace.name, filters: { kind: 'blocked' } },
          headers: { 'if-match': views.replace.etag },
        };
      case 'deleteSavedView':
        return {
          method: 'delete',
          path: `/api/v1/admin/views/${views.delete.name}`,
          headers: { 'if-match': views.delete.etag },
        };
      case 'repairCase':
        return {
          method: 'post',
          path: `/api/v1/admin/cases/${randomUUID()}/repairs`,
          body: { kind: 'resend-urging', reason: 'the matrix asks who may' },
          headers: key,
        };
      case 'listCaseRepairs':
        return { method: 'get', path: `/api/v1/admin/cases/${randomUUID()}/repairs` };
      case 'startRepairBatch':
        return {
          method: 'post',
          path: '/api/v1/admin/repair-batches',
          body: { repair: { kind: 'resend-urging' }, reason: 'the matrix asks who may', dryRun: true },
          headers: key,
        };
      case 'getRepairBatch':
        return { method: 'get', path: `/api/v1/admin/repair-batches/${randomUUID()}` };
      default:
        throw new Error(`no request for ${operationId}: add one with its row`);
    }
  }

  async function authorizationOf(role: Role): Promise<string | undefined> {
    if (role === 'anonymous') return undefined;
    if (role === 'workflow-engine') return service.engineBearer();
    return service.bearer(PRINCIPALS[role]);
  }

  it.each(matrixRows<Role>(routeTable, matrix).map((row) => [row.operationId, row.role, row.expected] as const))(
    '%s as %s → %i',
    async (operationId, role, expected) => {
      const call = callOf(operationId);
      let req = request(service.app)[call.method](call.path);
      const authorization = await authorizationOf(role);
      if (authorization) req = req.set('Authorization', authorization);
      for (const [name, value] of Object.entries(call.headers ?? {})) req = req.set(name, value);
      const res = await (call.body === undefined ? req : req.send(call.body as object));
      expect({ status: res.status, ...(res.status === expected ? {} : { body: res.body }) }).toEqual({
        status: expected,
      });
    },
  );
});
