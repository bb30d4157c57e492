/**
 * The task queue on the real repositories and PostgreSQL (Temporal and agency-service's staff directory faked): the
 * claim race and Idempotency-Key replays rest on single-statement conditions and unique keys, the views, filters,
 * priority and paging on SQL, the watchers on the transaction that closes a task. Proven here against the SQL.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { callerRequests } from '../testing/caller-requests';
import type { OpenAction, Principal, REJECTION_REASONS } from '@gongzhi/contracts';
import { createTestDatabase, type TestDatabase } from '@gongzhi/testing';
import { fakeDisputeState } from '../cases/cases.fakes';
import { staffRolesOf } from '../kernel/principals';
import { staff } from '../testing/fake-case-service';
import { createPostgresCaseService } from '../testing/postgres-case-service';
import { openAction, timelineEvent, workflowCalls } from '../testing/workflow-calls';
import { PRIORITY_RANK } from './task-clock';

const HOUR = 3_600_000;
const inHours = (hours: number) => new Date(Date.now() + hours * HOUR).toISOString();

interface Task {
  id: string;
  caseId: string;
  actionId: string;
  agencyId: string;
  assigneeStaffId: string | null;
  priority: keyof typeof PRIORITY_RANK;
  dueAt: string | null;
  openedAt: string;
}

describe('the task queue on PostgreSQL', () => {
  let db: TestDatabase;
  let documentsDir: string;
  let service: Awaited<ReturnType<typeof createPostgresCaseService>>;

  beforeAll(async () => {
    db = await createTestDatabase('case');
    documentsDir = mkdtempSync(path.join(tmpdir(), 'gongzhi-queue-'));
    service = await createPostgresCaseService(db.url, documentsDir);
  });

  afterAll(async () => {
    await service?.prisma.$disconnect();
    await db?.drop();
    rmSync(documentsDir, { recursive: true, force: true });
  });

  /** A fresh agency per test, so the views of one test never see another's tasks. */
  function agencyStaff() {
    const agencyId = `agency-${randomUUID()}`;
    const person = (staffId: string, roles: Principal['roles']): Principal => {
      const principal: Principal = { staffId: `${staffId}-${randomUUID()}`, agencyId, townCode: 'qingshui', roles };
      service.staffDirectory.add({ id: principal.staffId, agencyId, roles: staffRolesOf(principal) });
      return principal;
    };
    return {
      agencyId,
      mediator: person('med', ['mediator']),
      colleague: person('med', ['mediator']),
      liaison: person('liaison', ['liaison']),
      grid: person('grid', ['grid-worker']),
    };
  }

  async function openCase(who: Principal = staff.villageMediator, extra: object = {}): Promise<string> {
    const res = await request(service.app)
      .post('/api/v1/cases')
      .set('Authorization', await service.bearer(who))
      .send({
        disputeType: 'neighbour',
        source: 'walk-in',
        summary: 'A leaning wall.',
        townCode: 'qingshui',
        villageCode: 'shangba',
        ...extra,
      });
    expect(res.status).toBe(201);
    return res.body.id as string;
  }

  async function openTask(caseId: string, overrides: Partial<OpenAction>): Promise<Task> {
    const res = await workflowCalls(service.app, service.engineBearer, caseId).openTask(openAction(overrides));
    expect([200, 201]).toContain(res.status);
    return res.body as Task;
  }

  const { post, get } = callerRequests(() => service);
  const list = async (who: Principal, query: string) => {
    const res = await get(who, `/api/v1/tasks?limit=100&${query}`);
    expect(res.status).toBe(200);
    return res.body.items as Task[];
  };
  const taskRow = (id: string) =>
    service.prisma.task.findUniqueOrThrow({
      where: { id },
      select: { assigneeStaffId: true, assignedBy: true, workflowAssigned: true, version: true, villageCode: true },
    });
  const audits = (action: string, objectId: string) =>
    service.prisma.auditRecord.count({ where: { action, objectType: 'task', objectId } });

  describe('claiming', () => {
    it('has exactly one winner when many claim at once; the others get 409 naming the winner', async () => {
      const team = agencyStaff();
      const claimants = [
        team.mediator,
        team.colleague,
        ...Array.from({ length: 6 }, () => ({ ...team.mediator, staffId: `med-${randomUUID()}` })),
      ];
      const task = await openTask(await openCase(), { agencyId: team.agencyId, dueAt: inHours(48) });
      const results = await Promise.all(claimants.map((who) => post(who, `/api/v1/tasks/${task.id}/claim`)));
      const winners = results.filter((r) => r.status === 200);
      expect(winners).toHaveLength(1);
      const winner = winners[0]?.body.assigneeStaffId as string;
      for (const loser of results.filter((r) => r.status !== 200)) {
        expect(loser.status).toBe(409);
        expect(loser.body).toMatchObject({ type: 'urn:gongzhi:problem:task-held', holderStaffId: winner });
      }
      expect(await taskRow(task.id)).toMatchObject({ assigneeStaffId: winner, assignedBy: winner, version: 2 });
      expect(await audits('task.claim', task.id)).toBe(1);
    });

    it('lets the conditional UPDATE alone decide a race (no read before it to lean on)', async () => {
      const team = agencyStaff();
      const task = await openTask(await openCase(), { agencyId: team.agencyId });
      const staffIds = Array.from({ length: 10 }, () => `med-${randomUUID()}`);
      const writes = await Promise.all(staffIds.map((id) => service.tasks.claim(task.id, id, new Date())));
      const won = writes.filter((w) => w.changed);
      expect(won).toHaveLength(1);
      // Every loser reads the winner as the holder.
      const holder = won[0]?.task?.assigneeStaffId;
      expect(new Set(writes.map((w) => w.task?.assigneeStaffId))).toEqual(new Set([holder]));
    });

    it('answers the same Idempotency-Key with the first answer and applies the claim once', async () => {
      const team = agencyStaff();
      const task = await openTask(await openCase(), { agencyId: team.agencyId });
      const key = `claim-${randomUUID()}`;
      const [first, second] = await Promise.all([
        post(team.mediator, `/api/v1/tasks/${task.id}/claim`, undefined, key),
        post(team.mediator, `/api/v1/tasks/${task.id}/claim`, undefined, key),
      ]);
      // Two sends of one request at once: one acts, the other is told it is in flight (or replays the first).
      expect([first.status, second.status]).toContain(200);
      const again = await post(team.mediator, `/api/v1/tasks/${task.id}/claim`, undefined, key);
      expect(again.status).toBe(200);
      expect(again.headers['idempotent-replayed']).toBe('true');
      expect(again.body.assigneeStaffId).toBe(team.mediator.staffId);
      expect((await taskRow(task.id)).version).toBe(2);
      expect(await audits('task.claim', task.id)).toBe(1);
    });
  });

  describe('who holds a task', () => {
    it('releases, assigns and reassigns with the supervisor’s checks, and keeps notes', async () => {
      const team = agencyStaff();
      const task = await openTask(await openCase(), { agencyId: team.agencyId });
      const url = (action: string) => `/api/v1/tasks/${task.id}/${action}`;
      expect((await post(team.mediator, url('claim'))).status).toBe(200);
      expect((await post(team.colleague, url('unclaim'))).status).toBe(409);
      expect((await post(team.mediator, url('unclaim'))).body.assigneeStaffId).toBeNull();
      expect((await post(team.mediator, url('assign'), { staffId: team.colleague.staffId })).status).toBe(403);
      const assigned = await post(team.liaison, url('assign'), { staffId: team.colleague.staffId });
      expect(assigned.body).toMatchObject({
        assigneeStaffId: team.colleague.staffId,
        assignedBy: team.liaison.staffId,
      });
      expect((await post(team.liaison, url('assign'), { staffId: team.grid.staffId })).status).toBe(409);
      const notEligible = await post(
        team.liaison,
        url('reassign'),
        { staffId: team.grid.staffId },
        `r-${randomUUID()}`,
      );
      expect(notEligible.status).toBe(422);
      const reassigned = await post(
        team.liaison,
        url('reassign'),
        { staffId: team.mediator.staffId },
        `r-${randomUUID()}`,
      );
      expect(reassigned.status).toBe(200);
      expect(await taskRow(task.id)).toMatchObject({
        assigneeStaffId: team.mediator.staffId,
        assignedBy: team.liaison.staffId,
        workflowAssigned: false,
      });
      const note = await post(team.mediator, url('notes'), { text: 'The respondent asks for a session on Friday.' });
      expect(note.status).toBe(201);
      const notes = await get(team.liaison, url('notes'));
      expect(notes.body.items).toEqual([
        expect.objectContaining({ id: note.body.id, authorStaffId: team.mediator.staffId }),
      ]);
      // Nothing of a note reaches the audit trail but ids.
      const audit = await service.prisma.auditRecord.findFirstOrThrow({
        where: { action: 'task.note.add', objectId: task.id },
        select: { actor: true, action: true, objectType: true, objectId: true, requestId: true },
      });
      expect(JSON.stringify(audit)).not.toContain('Friday');
    });

    it('reassigns the responsible mediator through the workflow, and the first mediator watches the case', async () => {
      const team = agencyStaff();
      const caseId = await openCase();
      const task = await openTask(caseId, { agencyId: team.agencyId, assigneeStaffId: team.mediator.staffId });
      expect(await taskRow(task.id)).toMatchObject({ workflowAssigned: true });
      service.workflows.states.set(
        `dispute-case-${caseId}`,
        fakeDisputeState(caseId, {
          openActions: [openAction({ agencyId: team.agencyId, assigneeStaffId: team.mediator.staffId })],
        }),
      );
      const key = `sick-${randomUUID()}`;
      const send = () =>
        post(team.liaison, `/api/v1/tasks/${task.id}/reassign`, { staffId: team.colleague.staffId }, key);
      expect((await send()).status).toBe(200);
      const replay = await send();
      expect(replay.headers['idempotent-replayed']).toBe('true');
      expect(service.workflows.reassignments.filter((r) => r.updateId.endsWith(key))).toHaveLength(1);
      expect(await taskRow(task.id)).toMatchObject({
        assigneeStaffId: team.colleague.staffId,
        workflowAssigned: true,
        assignedBy: null,
      });
      const watcher = await service.prisma.caseWatcher.findUnique({
        where: { caseId_staffId: { caseId, staffId: team.mediator.staffId } },
      });
      expect(watcher).toMatchObject({ taskId: task.id, level: 'L1' });
    });
  });

  describe('the reason for a hand-over', () => {
    it('is the supervisor’s note, written with the hand-over and marked with it; never in the audit trail', async () => {
      const team = agencyStaff();
      const caseId = await openCase();
      const task = await openTask(caseId, { agencyId: team.agencyId, assigneeStaffId: team.mediator.staffId });
      service.workflows.states.set(
        `dispute-case-${caseId}`,
        fakeDisputeState(caseId, {
          openActions: [openAction({ agencyId: team.agencyId, assigneeStaffId: team.mediator.staffId })],
        }),
      );
      const reason = '调解员住院两周，由同组同事接手。';
      const key = `sick-${randomUUID()}`;
      const send = () =>
        post(team.liaison, `/api/v1/tasks/${task.id}/reassign`, { staffId: team.colleague.staffId, reason }, key);
      expect((await send()).status).toBe(200);
      expect((await send()).headers['idempotent-replayed']).toBe('true');
      const notes = await get(team.colleague, `/api/v1/tasks/${task.id}/notes`);
      expect(notes.body.items).toEqual([
        expect.objectContaining({
          authorStaffId: team.liaison.staffId,
          authorAgencyId: team.agencyId,
          text: reason,
          assignment: { fromStaffId: team.mediator.staffId, toStaffId: team.colleague.staffId },
        }),
      ]);
      expect(JSON.stringify(service.workflows.reassignments)).not.toContain('住院');
      const audits = await service.prisma.auditRecord.findMany({
        where: { objectId: { in: [task.id, caseId] } },
        select: { actor: true, action: true, objectType: true, objectId: true, requestId: true },
      });
      expect(audits.map((a) => a.action)).toContain('task.reassign');
      expect(JSON.stringify(audits)).not.toContain('住院');
    });

    it('is left out when the hand-over does not apply (the holder changed meanwhile)', async () => {
      const team = agencyStaff();
      const task = await openTask(await openCase(), { agencyId: team.agencyId });
      expect((await post(team.mediator, `/api/v1/tasks/${task.id}/claim`)).status).toBe(200);
      // Straight to the repository, as a request that read the task before someone released it would.
      const write = await service.tasks.changeAssignee(task.id, {
        from: team.colleague.staffId,
        to: team.liaison.staffId,
        by: team.liaison.staffId,
        at: new Date(),
        viaWorkflow: false,
        reason: { noteId: randomUUID(), authorAgencyId: team.agencyId, text: 'Should not be kept.' },
      });
      expect(write.changed).toBe(false);
      expect(await service.prisma.taskNote.count({ where: { taskId: task.id } })).toBe(0);
    });
  });

  describe('watchers', () => {
    it('are written with the close of a mediate task and keep reading the case after their agency is gone', async () => {
      const judicialId = `agency-${randomUUID()}`;
      const mediator: Principal = {
        staffId: `med-${randomUUID()}`,
        agencyId: judicialId,
        townCode: 'qingshui',
        roles: ['mediator'],
      };
      const caseId = await openCase();
      const worker = workflowCalls(service.app, service.engineBearer, caseId);
      await worker.openTask(
        openAction({ actionId: '3-mediate', level: 'L3', agencyId: judicialId, assigneeStaffId: mediator.staffId }),
      );
      const movedOn: Principal = { ...mediator, agencyId: `agency-${randomUUID()}` };
      expect((await get(movedOn, `/api/v1/cases/${caseId}`)).status).toBe(404);
      // A cancelled mediate task (the case moved on) makes its mediator a watcher as much as a completed one.
      await worker.closeTask('3-mediate', { outcome: 'cancelled', closedBy: null });
      expect((await get(movedOn, `/api/v1/cases/${caseId}`)).status).toBe(200);
      expect((await get(movedOn, `/api/v1/cases/${caseId}/timeline`)).status).toBe(200);
      expect((await get(movedOn, `/api/v1/cases/${caseId}/tasks`)).status).toBe(200);
      const later = await openTask(caseId, {
        actionId: '4-accept-transfer',
        kind: 'accept-transfer',
        agencyId: 'agency-court',
        roles: ['liaison'],
      });
      expect((await list(movedOn, 'view=watching')).map((t) => t.id)).toEqual([later.id]);
      const watched = await get(movedOn, '/api/v1/watching');
      expect(watched.body.items).toEqual([
        { case: expect.objectContaining({ id: caseId }), since: '2026-03-05T02:00:00.000Z', level: 'L3' },
      ]);
      // A second close is no second watcher row.
      await worker.closeTask('3-mediate');
      expect(await service.prisma.caseWatcher.count({ where: { caseId } })).toBe(1);
    });
  });

  describe('views, filters, priority and paging in SQL', () => {
    it('never shows a liaison of agency A a task of agency B, in any view', async () => {
      const a = agencyStaff();
      const b = agencyStaff();
      const caseA = await openCase();
      const caseB = await openCase(staff.otherVillageMediator);
      const taskA = await openTask(caseA, { agencyId: a.agencyId, roles: ['liaison', 'mediator'] });
      const taskB = await openTask(caseB, { agencyId: b.agencyId, roles: ['liaison', 'mediator'] });
      for (const view of ['available', 'mine', 'team', 'watching', '']) {
        const seenByA = (await list(a.liaison, view ? `view=${view}` : '')).map((t) => t.id);
        const seenByB = (await list(b.liaison, view ? `view=${view}` : '')).map((t) => t.id);
        expect({ view, a: seenByA.includes(taskB.id), b: seenByB.includes(taskA.id) }).toEqual({
          view,
          a: false,
          b: false,
        });
      }
      expect((await list(a.liaison, 'view=team')).map((t) => t.id)).toEqual([taskA.id]);
      expect((await get(a.liaison, `/api/v1/tasks/${taskB.id}`)).status).toBe(404);
      expect((await get(a.liaison, '/api/v1/inbox')).body.items).toEqual([]);
      const town = (await list(staff.coordinator, 'view=all')).map((t) => t.id);
      expect(town).toEqual(expect.arrayContaining([taskA.id, taskB.id]));
    });

    it('computes the priority in SQL as the service does, and sorts and pages by it, due date and creation', async () => {
      const team = agencyStaff();
      const plain = await openCase();
      const risky = await openCase(staff.villageMediator, {
        villageCode: 'dongkou',
        disputeType: 'land-forest',
        riskAssessment: { violenceRisk: false, groupDispute: false, keyPerson: true },
      });
      const opened = (n: number) => new Date(Date.parse('2026-03-01T00:00:00.000Z') + n * 60_000).toISOString();
      const specs: [string, string, string | null][] = [
        [plain, '1-mediate', inHours(-5)],
        [plain, '2-mediate', inHours(10)],
        [plain, '3-mediate', inHours(24 * 30)],
        [plain, '4-mediate', null],
        [risky, '1-mediate', inHours(24 * 30)],
        [risky, '2-mediate', inHours(30)],
        [risky, '3-mediate', null],
      ];
      const tasks: Task[] = [];
      for (const [index, [caseId, actionId, dueAt]] of specs.entries()) {
        tasks.push(
          await openTask(caseId, { actionId, agencyId: team.agencyId, dueAt, openedAt: opened(specs.length - index) }),
        );
      }
      const byPriority = await list(team.mediator, 'sort=priority');
      expect(byPriority.map((t) => t.priority)).toEqual(['urgent', 'urgent', 'high', 'high', 'high', 'normal', 'low']);
      const ranks = byPriority.map((t) => PRIORITY_RANK[t.priority]);
      expect(ranks).toEqual([...ranks].sort((x, y) => y - x));
      for (const priority of ['urgent', 'high', 'normal', 'low'] as const) {
        const filtered = await list(team.mediator, `priority=${priority}`);
        expect(filtered.map((t) => t.id).sort()).toEqual(
          byPriority
            .filter((t) => t.priority === priority)
            .map((t) => t.id)
            .sort(),
        );
      }
      expect((await list(team.mediator, 'overdue=true')).map((t) => t.id)).toEqual([tasks[0]?.id]);
      expect((await list(team.mediator, 'dueSoon=true')).map((t) => t.id).sort()).toEqual(
        [tasks[1]?.id, tasks[5]?.id].sort(),
      );
      expect((await list(team.mediator, 'villageCode=dongkou&disputeType=land-forest')).length).toBe(3);
      expect((await list(team.mediator, `dueAfter=${inHours(24)}&dueBefore=${inHours(48)}`)).map((t) => t.id)).toEqual([
        tasks[5]?.id,
      ]);

      const walk = async (sort: string) => {
        const seen: string[] = [];
        let cursor: string | null = null;
        do {
          const res = await get(
            team.mediator,
            `/api/v1/tasks?sort=${sort}&limit=2${cursor ? `&cursor=${cursor}` : ''}`,
          );
          expect(res.status).toBe(200);
          seen.push(...(res.body.items as Task[]).map((t) => t.id));
          cursor = res.body.nextCursor;
        } while (cursor);
        return seen;
      };
      expect(await walk('priority')).toEqual(byPriority.map((t) => t.id));
      const byDue = [...tasks].sort(
        (x, y) => Date.parse(x.dueAt ?? '9999-01-01') - Date.parse(y.dueAt ?? '9999-01-01') || (x.id < y.id ? -1 : 1),
      );
      expect(await walk('due')).toEqual(byDue.map((t) => t.id));
      expect(await walk('created')).toEqual([...tasks].reverse().map((t) => t.id));
    });

    it('counts each view’s open and overdue tasks', async () => {
      const team = agencyStaff();
      const caseId = await openCase();
      await openTask(caseId, { actionId: '1-mediate', agencyId: team.agencyId, dueAt: inHours(-1) });
      const mine = await openTask(caseId, { actionId: '2-mediate', agencyId: team.agencyId, dueAt: inHours(50) });
      await openTask(caseId, {
        actionId: '3-accept-transfer',
        kind: 'accept-transfer',
        agencyId: team.agencyId,
        roles: ['liaison', 'mediator'],
        dueAt: inHours(-2),
      });
      await post(team.mediator, `/api/v1/tasks/${mine.id}/claim`);
      const counts = (await get(team.mediator, '/api/v1/tasks/counts')).body;
      expect(counts).toMatchObject({
        available: { total: 2, overdue: 2 },
        mine: { total: 1, overdue: 0 },
        team: null,
        all: null,
        watching: { total: 0, overdue: 0 },
        inbox: { total: 1, overdue: 1 },
      });
      expect((await get(team.liaison, '/api/v1/tasks/counts')).body.team).toEqual({ total: 3, overdue: 2 });
    });

    /** Open tasks per tally key where the database's tallies and a count of the tasks disagree: none, ever. */
    const talliesDisagreeing = () => service.prisma.$queryRaw<unknown[]>`
      SELECT * FROM (
        SELECT town_code, agency_id, kind, array_to_string(roles, ',') AS roles,
               assignee_staff_id IS NOT NULL AS assigned, count(*)::int AS open_tasks
        FROM tasks WHERE status = 'open' GROUP BY 1, 2, 3, 4, 5
      ) AS counted
      FULL JOIN (SELECT * FROM open_task_tallies WHERE open_tasks <> 0) AS tallied
        USING (town_code, agency_id, kind, roles, assigned)
      WHERE counted.open_tasks IS DISTINCT FROM tallied.open_tasks`;

    it('keeps the badges right through claims, hand-overs, closings and changes of many tasks at once', async () => {
      const team = agencyStaff();
      const other = agencyStaff();
      const caseId = await openCase();
      const transfer = {
        kind: 'accept-transfer' as const,
        roles: ['liaison' as const, 'mediator' as const],
        dueAt: inHours(40),
      };
      const [first, second] = await Promise.all([
        openTask(caseId, { actionId: '1-mediate', agencyId: team.agencyId, dueAt: inHours(30) }),
        openTask(caseId, { actionId: '2-mediate', agencyId: team.agencyId, dueAt: inHours(-3) }),
        openTask(caseId, { actionId: '3-accept-transfer', agencyId: team.agencyId, ...transfer }),
        openTask(caseId, { actionId: '4-accept-transfer', agencyId: other.agencyId, ...transfer }),
      ]);
      // The workflow retrying an opening changes nothing.
      await openTask(caseId, { actionId: '1-mediate', agencyId: team.agencyId, dueAt: inHours(30) });
      const counts = async (who: Principal) => (await get(who, '/api/v1/tasks/counts')).body;
      expect(await counts(team.mediator)).toMatchObject({
        available: { total: 3, overdue: 1 },
        inbox: { total: 1, overdue: 0 },
      });
      expect(await counts(team.liaison)).toMatchObject({ team: { total: 3, overdue: 1 } });

      // Many claiming one task at once: one holds it, and it leaves "available" once.
      const claimants = Array.from({ length: 6 }, () => ({ ...team.mediator, staffId: `med-${randomUUID()}` }));
      await Promise.all(claimants.map((who) => post(who, `/api/v1/tasks/${first?.id}/claim`)));
      expect((await counts(team.mediator)).available).toEqual({ total: 2, overdue: 1 });
      await post(team.liaison, `/api/v1/tasks/${second?.id}/assign`, { staffId: team.colleague.staffId });
      expect((await counts(team.mediator)).available).toEqual({ total: 1, overdue: 0 });
      expect((await counts(team.colleague)).mine).toEqual({ total: 1, overdue: 1 });

      const worker = workflowCalls(service.app, service.engineBearer, caseId);
      expect((await worker.closeTask('2-mediate')).status).toBe(200);
      expect((await worker.closeTask('2-mediate')).status).toBe(200);
      expect(await counts(team.liaison)).toMatchObject({ team: { total: 2, overdue: 0 }, inbox: { total: 1 } });
      expect(await talliesDisagreeing()).toEqual([]);

      // Statements changing many rows, as a repair or a correction would: moved to the other agency, then cancelled.
      await service.prisma.task.updateMany({ where: { caseId, status: 'open' }, data: { agencyId: other.agencyId } });
      expect(await counts(team.liaison)).toMatchObject({ team: { total: 0, overdue: 0 }, inbox: { total: 0 } });
      expect(await counts(other.liaison)).toMatchObject({ team: { total: 3, overdue: 0 }, inbox: { total: 2 } });
      expect(await talliesDisagreeing()).toEqual([]);
      await service.prisma.task.updateMany({ where: { caseId, status: 'open' }, data: { status: 'cancelled' } });
      expect((await counts(other.liaison)).team).toEqual({ total: 0, overdue: 0 });

      // The town's coordinator: every open task of the town, and its transfers, as the tasks themselves count them.
      const town = { townCode: 'qingshui', status: 'open' };
      expect(await counts(staff.coordinator)).toMatchObject({
        all: { total: await service.prisma.task.count({ where: town }) },
        inbox: { total: await service.prisma.task.count({ where: { ...town, kind: 'accept-transfer' } }) },
      });
      expect(await talliesDisagreeing()).toEqual([]);
    });
  });

  it('shows the liaison inbox from the workflow’s transfer-requested event', async () => {
    const team = agencyStaff();
    const caseId = await openCase(staff.villageMediator, { amountInDispute: '3770000.00' });
    const worker = workflowCalls(service.app, service.engineBearer, caseId);
    const acceptBy = inHours(44);
    const requestedAt = new Date(Date.now() - 60_000).toISOString();
    await worker.recordTimeline(
      `${caseId}:wf:7`,
      timelineEvent({
        at: requestedAt,
        agencyId: team.agencyId,
        details: {
          level: 'L2',
          toAgencyId: team.agencyId,
          fromAgencyId: '0a9e0000-0000-4000-8000-000000000006',
          reason: 'escalated',
          acceptBy,
          penaltyTrack: true,
        },
      }),
    );
    const task = await openTask(caseId, {
      actionId: '8-accept-transfer',
      kind: 'accept-transfer',
      level: 'L2',
      agencyId: team.agencyId,
      roles: ['liaison'],
      dueAt: acceptBy,
      reason: 'escalated',
      openedAt: new Date().toISOString(),
    });
    const res = await get(team.liaison, '/api/v1/inbox');
    expect(res.body.items).toEqual([
      {
        task: expect.objectContaining({
          id: task.id,
          clock: expect.objectContaining({ dueAt: acceptBy, overdue: false }),
        }),
        case: expect.objectContaining({
          id: caseId,
          summary: 'A leaning wall.',
          amountInDispute: '3770000.00',
          villageCode: 'shangba',
        }),
        transfer: {
          fromAgencyId: '0a9e0000-0000-4000-8000-000000000006',
          reason: 'escalated',
          requestedAt,
          penaltyTrack: true,
          earlierRejections: [],
        },
        acceptBy,
      },
    ]);
    // A mediator of the agency without the liaison role is not asked to accept.
    expect((await get(team.mediator, '/api/v1/inbox')).body.items).toEqual([]);
    const read = await service.prisma.auditRecord.count({
      where: { action: 'case.inbox.read', objectIds: { has: caseId } },
    });
    expect(read).toBe(1);
  });

  it('shows a re-routed transfer why earlier agencies refused the case, oldest first and capped, in one read', async () => {
    const a = agencyStaff();
    const b = agencyStaff();
    const start = Date.now() - 24 * HOUR;
    const minute = (n: number) => new Date(start + n * 60_000).toISOString();
    /** The workflow's `transfer-requested` event and the accept-transfer task it opens, as dispute-case.ts writes them. */
    const requestTransfer = async (caseId: string, n: number, toAgencyId: string, reason: string) => {
      await workflowCalls(service.app, service.engineBearer, caseId).recordTimeline(
        `${caseId}:wf:${n}`,
        timelineEvent({
          at: minute(n),
          agencyId: toAgencyId,
          details: {
            level: 'L1',
            toAgencyId,
            fromAgencyId: '0a9e0000-0000-4000-8000-000000000006',
            reason,
            acceptBy: null,
            penaltyTrack: false,
          },
        }),
      );
      return openTask(caseId, {
        actionId: `${n + 1}-accept-transfer`,
        kind: 'accept-transfer',
        level: 'L1',
        agencyId: toAgencyId,
        roles: ['liaison'],
        dueAt: null,
        reason,
        openedAt: minute(n),
      });
    };
    const reject = (caseId: string, n: number, agencyId: string, reason: (typeof REJECTION_REASONS)[number]) =>
      workflowCalls(service.app, service.engineBearer, caseId).recordTimeline(
        `${caseId}:wf:${n}`,
        timelineEvent({
          type: 'transfer-rejected',
          actor: a.liaison.staffId,
          at: minute(n),
          agencyId,
          details: { level: 'L1', reason, backToAgencyId: '0a9e0000-0000-4000-8000-000000000006' },
        }),
      );

    // Sent to A, which refuses it (not its jurisdiction); the coordinators re-route it to B.
    const bounced = await openCase();
    const atA = await requestTransfer(bounced, 1, a.agencyId, 'intake');
    expect((await get(a.liaison, '/api/v1/inbox')).body.items[0].transfer.earlierRejections).toEqual([]);
    const closed = await workflowCalls(service.app, service.engineBearer, bounced).closeTask(atA.actionId, {
      closedBy: a.liaison.staffId,
      closedAt: minute(3),
    });
    expect(closed.status).toBe(200);
    await reject(bounced, 3, a.agencyId, 'not-our-jurisdiction');
    await requestTransfer(bounced, 4, b.agencyId, 'rerouted');
    // Sent to B straight away: nobody refused it.
    const fresh = await openCase();
    await requestTransfer(fresh, 1, b.agencyId, 'intake');
    // Refused twelve times, recorded newest first: the inbox orders by when, and keeps the latest ten.
    const bouncedAround = await openCase();
    for (let i = 11; i >= 0; i -= 1) await reject(bouncedAround, 10 + i, `agency-refusing-${i}`, 'wrong-agency-kind');
    await requestTransfer(bouncedAround, 30, b.agencyId, 'rerouted');

    const reads = jest.spyOn(service.prisma.caseEvent, 'findMany');
    const res = await get(b.liaison, '/api/v1/inbox');
    // The refusals of the whole page come with its transfers in one read of the timeline, not one per case.
    expect(reads).toHaveBeenCalledTimes(1);
    reads.mockRestore();
    expect(res.status).toBe(200);
    const transferOf = (caseId: string) =>
      (res.body.items as { case: { id: string }; transfer: Record<string, unknown> }[]).find(
        (item) => item.case.id === caseId,
      )?.transfer;
    expect(transferOf(bounced)).toEqual({
      fromAgencyId: '0a9e0000-0000-4000-8000-000000000006',
      reason: 'rerouted',
      requestedAt: minute(4),
      penaltyTrack: false,
      earlierRejections: [{ agencyId: a.agencyId, level: 'L1', reason: 'not-our-jurisdiction', rejectedAt: minute(3) }],
    });
    expect(transferOf(fresh)?.['earlierRejections']).toEqual([]);
    expect(transferOf(bouncedAround)?.['earlierRejections']).toEqual(
      Array.from({ length: 10 }, (_, i) => ({
        agencyId: `agency-refusing-${i + 2}`,
        level: 'L1',
        reason: 'wrong-agency-kind',
        rejectedAt: minute(12 + i),
      })),
    );
    // A no longer has the case in its inbox.
    expect((await get(a.liaison, '/api/v1/inbox')).body.items).toEqual([]);
  });

  it('keeps the tasks’ copies of the case facts in step with a correction, in the same transaction', async () => {
    const team = agencyStaff();
    const caseId = await openCase();
    const task = await openTask(caseId, { agencyId: team.agencyId, dueAt: inHours(24 * 10) });
    const read = await get(staff.villageMediator, `/api/v1/cases/${caseId}`);
    const patched = await request(service.app)
      .patch(`/api/v1/cases/${caseId}`)
      .set('Authorization', await service.bearer(staff.villageMediator))
      .set('If-Match', read.headers['etag'] as string)
      .send({ villageCode: 'xiaba', riskAssessment: { violenceRisk: false, groupDispute: true, keyPerson: false } });
    expect(patched.status).toBe(200);
    expect((await taskRow(task.id)).villageCode).toBe('xiaba');
    expect((await list(team.mediator, 'villageCode=xiaba')).map((t) => t.id)).toEqual([task.id]);
    expect((await list(team.mediator, 'priority=high')).map((t) => t.id)).toEqual([task.id]);
  });
});
