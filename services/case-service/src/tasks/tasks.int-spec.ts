/**
 * The workflow-facing writes and the task API on the real repositories and PostgreSQL: idempotency rests on unique
 * constraints and single-statement conditions, so it is proven here, against the SQL, not only on the fakes.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { DISPUTE_REJECTIONS, type Principal } from '@gongzhi/contracts';
import { createTestDatabase, type TestDatabase } from '@gongzhi/testing';
import type { FakeRejection } from '../cases/cases.fakes';
import { staff } from '../testing/fake-case-service';
import { createPostgresCaseService } from '../testing/postgres-case-service';
import { openAction, progress, timelineEvent, workflowCalls } from '../testing/workflow-calls';

describe('tasks, timeline and progress on PostgreSQL', () => {
  let db: TestDatabase;
  let documentsDir: string;
  let service: Awaited<ReturnType<typeof createPostgresCaseService>>;

  beforeAll(async () => {
    db = await createTestDatabase('case');
    documentsDir = mkdtempSync(path.join(tmpdir(), 'gongzhi-tasks-'));
    service = await createPostgresCaseService(db.url, documentsDir);
  });

  afterAll(async () => {
    await service?.prisma.$disconnect();
    await db?.drop();
    rmSync(documentsDir, { recursive: true, force: true });
  });

  async function openCase(who: Principal = staff.villageMediator): Promise<string> {
    const res = await request(service.app)
      .post('/api/v1/cases')
      .set('Authorization', await service.bearer(who))
      .send({ disputeType: 'neighbour', source: 'walk-in', summary: 'A leaning wall.', townCode: 'qingshui' });
    expect(res.status).toBe(201);
    return res.body.id as string;
  }

  async function setUp(who: Principal = staff.villageMediator) {
    const caseId = await openCase(who);
    return { caseId, worker: workflowCalls(service.app, service.engineBearer, caseId) };
  }

  const caseRow = (id: string) =>
    service.prisma.case.findUniqueOrThrow({
      where: { id },
      select: { status: true, progressSeq: true, phase: true, outcome: true, agencyIds: true, version: true },
    });

  describe('the same call twice changes nothing the second time', () => {
    it('opens one task per (case, action id), also when two calls race', async () => {
      const { caseId, worker } = await setUp();
      const [a, b] = await Promise.all([worker.openTask(openAction()), worker.openTask(openAction())]);
      expect([a.status, b.status].sort()).toEqual([200, 201]);
      expect(a.body.id).toBe(b.body.id);
      const again = await worker.openTask(openAction({ dueAt: null }));
      expect(again.status).toBe(200);
      // The same task; only its clock moved on between the two reads.
      expect(again.body).toEqual({ ...a.body, clock: { ...a.body.clock, remainingMs: expect.any(Number) } });
      expect(await service.prisma.task.count({ where: { caseId } })).toBe(1);
    });

    it('closes once: a second close, even with another outcome, leaves the row as the first left it', async () => {
      const { caseId, worker } = await setUp();
      await worker.openTask(openAction());
      expect((await worker.closeTask('1-mediate')).body).toMatchObject({ closed: true, changed: true });
      const second = await worker.closeTask('1-mediate', { outcome: 'cancelled', closedBy: null });
      expect(second.body).toMatchObject({
        closed: true,
        changed: false,
        task: { status: 'completed', closedBy: 'med-1' },
      });
      const row = await service.prisma.task.findUniqueOrThrow({
        where: { caseId_actionId: { caseId, actionId: '1-mediate' } },
        select: { status: true, version: true, closedAt: true },
      });
      expect(row).toEqual({ status: 'completed', version: 2, closedAt: new Date('2026-03-05T02:00:00.000Z') });
      expect((await worker.closeTask('7-mediate')).body).toEqual({ closed: false, changed: false, task: null });
    });

    it('reminds once', async () => {
      const { worker } = await setUp();
      await worker.openTask(openAction());
      await worker.remindTask('1-mediate', '2026-03-02T01:00:00.000Z');
      const again = await worker.remindTask('1-mediate', '2026-03-08T01:00:00.000Z');
      expect(again.body).toMatchObject({
        reminded: true,
        changed: false,
        task: { remindedAt: '2026-03-02T01:00:00.000Z' },
      });
    });

    it('writes a timeline event once per key, also when two calls race', async () => {
      const { caseId, worker } = await setUp();
      const key = `${caseId}:wf:1`;
      const results = await Promise.all([worker.recordTimeline(key), worker.recordTimeline(key)]);
      expect(results.map((r) => r.status).sort()).toEqual([200, 201]);
      expect((await worker.recordTimeline(key, timelineEvent({ type: 'escalated' }))).status).toBe(200);
      const rows = await service.prisma.caseEvent.findMany({
        where: { eventKey: key },
        select: { type: true, at: true },
      });
      expect(rows).toEqual([{ type: 'transfer-requested', at: new Date('2026-03-01T01:00:00.000Z') }]);
      const other = await setUp();
      expect((await other.worker.recordTimeline(key)).status).toBe(409);
    });

    it('applies a progress report once; the same report again, or an older one, leaves the case as it is', async () => {
      const { caseId, worker } = await setUp();
      const report = progress({
        progressSeq: 2,
        phase: 'mediation',
        involvedAgencyIds: ['0a9e0000-0000-4000-8000-000000000005'],
      });
      expect((await worker.updateProgress(report)).body).toEqual({ applied: true, progressSeq: 2 });
      const after = await caseRow(caseId);
      expect((await worker.updateProgress(report)).body).toEqual({ applied: false, progressSeq: 2 });
      expect((await worker.updateProgress(progress({ progressSeq: 1, phase: 'transfer' }))).body.applied).toBe(false);
      expect(await caseRow(caseId)).toEqual(after);
      expect(after).toMatchObject({
        status: 'open',
        progressSeq: 2,
        phase: 'mediation',
        agencyIds: ['0a9e0000-0000-4000-8000-000000000006', '0a9e0000-0000-4000-8000-000000000005'],
        // The workflow moving on never makes a mediator's If-Match stale.
        version: 1,
      });
    });
  });

  it('keeps the newest of many progress reports arriving at once, in any order', async () => {
    const { caseId, worker } = await setUp();
    const seqs = [4, 9, 1, 7, 3, 10, 2, 8, 6, 5];
    await Promise.all(
      seqs.map((seq) =>
        worker.updateProgress(
          progress({ progressSeq: seq, level: seq === 10 ? 'L3' : 'L2', involvedAgencyIds: [`a-${seq}`] }),
        ),
      ),
    );
    const row = await service.prisma.case.findUniqueOrThrow({
      where: { id: caseId },
      select: { progressSeq: true, currentLevel: true, agencyIds: true },
    });
    expect(row.progressSeq).toBe(10);
    expect(row.currentLevel).toBe('L3');
    // Every report's agencies were added exactly once, whatever its sequence number.
    expect([...row.agencyIds].sort()).toEqual(
      ['0a9e0000-0000-4000-8000-000000000006', ...seqs.map((s) => `a-${s}`)].sort(),
    );
  });

  it('closes the case with the workflow’s outcome, but a merged case stays merged', async () => {
    const { caseId, worker } = await setUp();
    await worker.updateProgress(
      progress({ progressSeq: 3, phase: 'closed', outcome: 'withdrawn', nextDeadline: null }),
    );
    expect(await caseRow(caseId)).toMatchObject({ status: 'closed', outcome: 'withdrawn' });

    const merged = await setUp();
    await service.prisma.case.update({ where: { id: merged.caseId }, data: { status: 'merged' } });
    await merged.worker.updateProgress(progress({ progressSeq: 1, phase: 'closed', outcome: 'merged' }));
    expect(await caseRow(merged.caseId)).toMatchObject({ status: 'merged', outcome: 'merged' });
  });

  describe('a transition’s writes, committed together', () => {
    it('closes, records, opens and moves the case in one transaction, in order; the same call again changes nothing', async () => {
      const { caseId, worker } = await setUp();
      await worker.openTask(openAction({ kind: 'accept-transfer', actionId: '1-accept-transfer', roles: ['liaison'] }));
      const writes = [
        {
          kind: 'close-task' as const,
          actionId: '1-accept-transfer',
          outcome: 'completed' as const,
          closedBy: 'liaison-1',
          closedAt: '2026-03-01T02:00:00.000Z',
        },
        {
          kind: 'timeline' as const,
          eventKey: `${caseId}:wf:2`,
          ...timelineEvent({ type: 'transfer-accepted', actor: 'liaison-1' }),
        },
        { kind: 'open-task' as const, action: openAction({ actionId: '2-mediate' }) },
        { kind: 'progress' as const, ...progress({ progressSeq: 2, phase: 'mediation', awaitedAction: 'mediate' }) },
      ];
      const first = await worker.commitTransition(`${caseId}:tr:2`, writes);
      expect(first.status).toBe(200);
      expect(first.body).toEqual({ transitionKey: `${caseId}:tr:2`, changed: [true, true, true, true] });
      const tasks = await service.prisma.task.findMany({
        where: { caseId },
        orderBy: { openedAt: 'asc' },
        select: { actionId: true, status: true },
      });
      expect(tasks).toEqual([
        { actionId: '1-accept-transfer', status: 'completed' },
        { actionId: '2-mediate', status: 'open' },
      ]);
      expect(await caseRow(caseId)).toMatchObject({ progressSeq: 2, phase: 'mediation' });
      expect(await service.prisma.caseEvent.count({ where: { caseId, eventKey: `${caseId}:wf:2` } })).toBe(1);

      // The activity retried after a lost answer: every write is found done.
      const again = await worker.commitTransition(`${caseId}:tr:2`, writes);
      expect(again.body).toEqual({ transitionKey: `${caseId}:tr:2`, changed: [false, false, false, false] });
      expect(await service.prisma.task.count({ where: { caseId } })).toBe(2);
      expect(await service.prisma.caseEvent.count({ where: { caseId, eventKey: `${caseId}:wf:2` } })).toBe(1);
    });

    it('lands whole or not at all: a write refused late leaves the earlier ones undone', async () => {
      const { caseId, worker } = await setUp();
      const other = await setUp();
      await other.worker.recordTimeline(`${other.caseId}:wf:9`);
      const refused = await worker.commitTransition(`${caseId}:tr:1`, [
        { kind: 'open-task', action: openAction({ actionId: '1-mediate' }) },
        { kind: 'progress', ...progress({ progressSeq: 1 }) },
        // Another case's key: a routing bug, refused with 409 after two writes that must not stay.
        { kind: 'timeline', eventKey: `${other.caseId}:wf:9`, ...timelineEvent() },
      ]);
      expect(refused.status).toBe(409);
      expect(refused.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(await service.prisma.task.count({ where: { caseId } })).toBe(0);
      expect(await caseRow(caseId)).toMatchObject({ progressSeq: 0 });
    });

    it('refuses another case’s workflow (409) and an unknown case (404), changing nothing', async () => {
      const { caseId, worker } = await setUp();
      const write = [{ kind: 'open-task' as const, action: openAction() }];
      expect((await worker.commitTransition(`${caseId}:tr:1`, write, 'dispute-case-someone-else')).status).toBe(409);
      const unknown = workflowCalls(service.app, service.engineBearer, randomUUID());
      expect((await unknown.commitTransition('x:tr:1', write)).body).toMatchObject({
        type: 'urn:gongzhi:problem:case-not-found',
      });
      expect(await service.prisma.task.count({ where: { caseId } })).toBe(0);
    });
  });

  describe('who sees which tasks (the visibility rule in SQL)', () => {
    it('gives a mediator their agency’s queue and never another agency’s; coordinators the town', async () => {
      const shangba = await setUp(staff.villageMediator);
      const xiaba = await setUp(staff.otherVillageMediator);
      await shangba.worker.openTask(openAction());
      await xiaba.worker.openTask(openAction({ agencyId: '0a9e0000-0000-4000-8000-000000000007' }));
      const queue = async (who: Principal) =>
        (
          await request(service.app)
            .get('/api/v1/tasks?limit=100')
            .set('Authorization', await service.bearer(who))
        ).body.items as { id: string; caseId: string; agencyId: string }[];
      const mine = await queue(staff.villageMediator);
      expect(mine.map((t) => t.caseId)).toContain(shangba.caseId);
      expect(mine.every((t) => t.agencyId === '0a9e0000-0000-4000-8000-000000000006')).toBe(true);
      const theirs = await queue(staff.otherVillageMediator);
      expect(theirs.map((t) => t.caseId)).toContain(xiaba.caseId);
      expect(theirs.every((t) => t.agencyId === '0a9e0000-0000-4000-8000-000000000007')).toBe(true);
      const town = (await queue(staff.coordinator)).map((t) => t.caseId);
      expect(town).toEqual(expect.arrayContaining([shangba.caseId, xiaba.caseId]));
      expect(await queue(staff.otherTownCoordinator)).toEqual([]);

      const xiabaTask = theirs.find((t) => t.caseId === xiaba.caseId);
      const peek = await request(service.app)
        .get(`/api/v1/tasks/${xiabaTask?.id ?? randomUUID()}`)
        .set('Authorization', await service.bearer(staff.villageMediator));
      expect(peek.status).toBe(404);
    });

    it('lets the agency a task is opened for see the case (the case’s agencies grow in SQL)', async () => {
      const { caseId, worker } = await setUp();
      const police = await service.bearer(staff.policeLiaison);
      expect((await request(service.app).get(`/api/v1/cases/${caseId}`).set('Authorization', police)).status).toBe(404);
      await worker.openTask(
        openAction({ kind: 'accept-transfer', agencyId: '0a9e0000-0000-4000-8000-000000000005', roles: ['liaison'] }),
      );
      await worker.openTask(
        openAction({ actionId: '2-urge-acceptance', agencyId: '0a9e0000-0000-4000-8000-000000000005' }),
      );
      expect((await request(service.app).get(`/api/v1/cases/${caseId}`).set('Authorization', police)).status).toBe(200);
      expect((await caseRow(caseId)).agencyIds).toEqual([
        '0a9e0000-0000-4000-8000-000000000006',
        '0a9e0000-0000-4000-8000-000000000005',
      ]);
    });

    it('pages a queue with a cursor: soonest due first, undated last, no task twice or missed', async () => {
      const judicial: Principal = { ...staff.villageMediator, staffId: 'med-j', agencyId: `agency-j-${randomUUID()}` };
      const dues = ['2026-05-02T00:00:00.000Z', null, '2026-05-01T00:00:00.000Z', null, '2026-05-02T00:00:00.000Z'];
      for (const dueAt of dues) {
        const { worker } = await setUp();
        await worker.openTask(openAction({ agencyId: judicial.agencyId, dueAt }));
      }
      const auth = await service.bearer(judicial);
      const seen: { id: string; dueAt: string | null }[] = [];
      let cursor: string | null = null;
      do {
        const page: { body: { items: { id: string; dueAt: string | null }[]; nextCursor: string | null } } =
          await request(service.app)
            .get(`/api/v1/tasks?limit=2${cursor ? `&cursor=${cursor}` : ''}`)
            .set('Authorization', auth);
        seen.push(...page.body.items);
        cursor = page.body.nextCursor;
      } while (cursor);
      expect(seen.map((t) => t.dueAt)).toEqual([
        '2026-05-01T00:00:00.000Z',
        '2026-05-02T00:00:00.000Z',
        '2026-05-02T00:00:00.000Z',
        null,
        null,
      ]);
      expect(new Set(seen.map((t) => t.id)).size).toBe(5);
    });
  });

  describe('completing a task (workflow faked, idempotency store and tasks real)', () => {
    async function mediateTask() {
      const { caseId, worker } = await setUp();
      const task = await worker.openTask(openAction());
      return { caseId, worker, taskId: task.body.id as string };
    }

    const complete = async (taskId: string, key: string, who: Principal = staff.villageMediator) =>
      request(service.app)
        .post(`/api/v1/tasks/${taskId}/complete`)
        .set('Authorization', await service.bearer(who))
        .set('Idempotency-Key', key)
        .send({ action: { kind: 'record-session', heldAt: '2026-03-04T02:00:00.000Z' } });

    it('maps the workflow’s rejections to problems, and frees the key for a corrected retry', async () => {
      const { taskId } = await mediateTask();
      const cases: [FakeRejection['type'], number][] = [
        [DISPUTE_REJECTIONS.staleTask, 409],
        [DISPUTE_REJECTIONS.illegalAction, 409],
        [DISPUTE_REJECTIONS.closed, 409],
        [DISPUTE_REJECTIONS.notAllowed, 403],
        [DISPUTE_REJECTIONS.invalidInput, 422],
      ];
      for (const [type, status] of cases) {
        service.workflows.rejectNext = { type, message: `rejected: ${type}` };
        const res = await complete(taskId, 'pg-key-0001');
        expect([res.status, res.body.detail, res.body.rejection]).toEqual([status, `rejected: ${type}`, type]);
      }
      service.workflows.notRunning = true;
      expect((await complete(taskId, 'pg-key-0001')).body.type).toBe('urn:gongzhi:problem:workflow-not-running');
      service.workflows.notRunning = false;
      const ok = await complete(taskId, 'pg-key-0001');
      expect(ok.status).toBe(200);
      const replay = await complete(taskId, 'pg-key-0001');
      expect(replay.headers['idempotent-replayed']).toBe('true');
      expect(replay.body).toEqual(ok.body);
      expect(service.workflows.updates.filter((u) => u.updateId.endsWith(':pg-key-0001'))).toHaveLength(1);
    });

    it('refuses a task the workflow already closed (409) without calling it', async () => {
      const { taskId, worker } = await mediateTask();
      await worker.closeTask('1-mediate', { closedBy: 'another-mediator' });
      const before = service.workflows.updates.length;
      expect((await complete(taskId, 'pg-key-0002')).status).toBe(409);
      expect(service.workflows.updates.length).toBe(before);
    });
  });
});
