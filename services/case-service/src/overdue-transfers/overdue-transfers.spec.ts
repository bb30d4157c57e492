/** The 督办 list on fakes: who may read it, what each transfer says of its urgings, paging, and its dependencies failing. */
import { randomUUID } from 'node:crypto';
import { type DisputeState, newDisputeState, type Principal, type TimelineEvent } from '@gongzhi/contracts';
import { DependencyUnavailableError } from '@gongzhi/errors';
import { createLogger } from '@gongzhi/http';
import type { WorkingDayCalendar } from '../admin/working-day-calendar';
import type { CaseRecord } from '../cases/case.model';
import { staff } from '../testing/fake-case-service';
import type { TaskRecord } from '../tasks/tasks.model';
import type { TasksRepository } from '../tasks/tasks.repository';
import { createOverdueTransfersService, nextUrgingOf, overdueTransfersScope } from './overdue-transfers.service';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const NOW = new Date('2026-03-10T02:00:00.000Z');
const ago = (ms: number) => new Date(NOW.getTime() - ms);

function task(overrides: Partial<TaskRecord> & Pick<TaskRecord, 'caseId'>): TaskRecord {
  return {
    id: randomUUID(),
    townCode: 'qingshui',
    workflowId: `dispute-case-${overrides.caseId}`,
    actionId: `1-${overrides.kind ?? 'accept-transfer'}`,
    kind: 'accept-transfer',
    level: 'L2',
    agencyId: '0a9e0000-0000-4000-8000-000000000005',
    roles: ['liaison'],
    assigneeStaffId: null,
    assignedAt: null,
    assignedBy: null,
    workflowAssigned: false,
    status: 'open',
    openedAt: ago(5 * DAY),
    dueAt: ago(3 * DAY),
    rule: '受理 2 个工作日',
    reason: 'intake',
    remindedAt: null,
    closedAt: null,
    closedBy: null,
    version: 1,
    villageCode: 'shangba',
    disputeType: 'neighbour',
    riskFlags: [],
    ...overrides,
  };
}

/** A case of the town, as the list reads it (its town only matters here). */
function caseRecord(id: string, townCode = 'qingshui'): CaseRecord {
  return { id, townCode } as CaseRecord;
}

function world() {
  const tasks: TaskRecord[] = [];
  const cases = new Map<string, CaseRecord>();
  const timelines = new Map<string, TimelineEvent[]>();
  const states = new Map<string, DisputeState>();
  const audits: { action: string; ids: readonly string[] }[] = [];
  const stateCalls: string[] = [];
  const calendar = {
    down: false,
    async addWorkingDays(from: Date, days: number) {
      if (calendar.down) throw new DependencyUnavailableError('agency-service (the working-day calendar)');
      return new Date(from.getTime() + days * DAY);
    },
  } satisfies WorkingDayCalendar & Record<string, unknown>;
  // The repository's rule for this list, in JavaScript: open, past due, in the scope, soonest due first.
  const list: TasksRepository['list'] = async (scope, filters, request) =>
    tasks
      .filter(
        (t) =>
          (scope.kind !== 'town' || t.townCode === scope.townCode) &&
          t.status === filters.status &&
          t.kind === filters.kind &&
          t.dueAt !== null &&
          t.dueAt < request.asOf &&
          (!request.after ||
            t.dueAt.toISOString() > (request.after.dueAt ?? '') ||
            (t.dueAt.toISOString() === request.after.dueAt && t.id > request.after.id)),
      )
      .sort((a, b) => (a.dueAt?.getTime() ?? 0) - (b.dueAt?.getTime() ?? 0) || (a.id < b.id ? -1 : 1))
      .slice(0, request.limit);
  const service = createOverdueTransfersService({
    tasks: { list, listForCase: async (caseId) => tasks.filter((t) => t.caseId === caseId) },
    cases: {
      findByIds: async (ids) => ids.flatMap((id) => cases.get(id) ?? []),
      timeline: async (caseId) => timelines.get(caseId) ?? [],
    },
    casesService: { auditList: async (_ctx, action, _type, ids) => void audits.push({ action, ids }) },
    calendar,
    inspector: {
      state: async (workflowId) => {
        stateCalls.push(workflowId);
        return states.get(workflowId) ?? null;
      },
    },
    logger: createLogger('case-service', 'silent'),
    now: () => NOW,
  });
  /** An overdue transfer of a case of `townCode`, as the workflow leaves it. */
  const transfer = (overrides: Partial<TaskRecord> = {}, townCode = 'qingshui') => {
    const caseId = randomUUID();
    cases.set(caseId, caseRecord(caseId, townCode));
    const accept = task({ caseId, townCode, ...overrides });
    tasks.push(accept);
    timelines.set(caseId, [
      {
        type: 'transfer-requested',
        actor: 'workflow',
        agencyId: null,
        at: accept.openedAt.toISOString(),
        details: { toAgencyId: accept.agencyId },
      },
    ]);
    return accept;
  };
  const urge = (accept: TaskRecord, at: Date) =>
    timelines.get(accept.caseId)?.push({
      type: 'transfer-urged',
      actor: 'coord-1',
      agencyId: '0a9e0000-0000-4000-8000-000000000001',
      at: at.toISOString(),
      details: { level: accept.level, agencyId: accept.agencyId },
    });
  const ctx = (principal: Principal) => ({ principal, requestId: 'req-1', authorization: 'Bearer x' });
  return { service, tasks, cases, states, audits, stateCalls, calendar, transfer, urge, ctx };
}

const page = { limit: 20 } as const;

/** A workflow's state while its transfer waits for acceptance. */
function transferState(caseId: string): DisputeState {
  const state = newDisputeState({ caseId, townCode: 'qingshui', disputeType: 'neighbour', risks: [] });
  state.phase = 'transfer';
  return state;
}

describe('who reads the overdue transfers', () => {
  it('gives coordinators their town, administrators every town or the one named, and refuses everyone else', () => {
    expect(overdueTransfersScope(staff.coordinator, undefined)).toEqual({ kind: 'town', townCode: 'qingshui' });
    expect(overdueTransfersScope(staff.coordinator, 'qingshui')).toEqual({ kind: 'town', townCode: 'qingshui' });
    expect(() => overdueTransfersScope(staff.coordinator, 'hekou')).toThrow(/own town \(qingshui\)/);
    expect(overdueTransfersScope(staff.administrator, undefined)).toEqual({ kind: 'all' });
    expect(overdueTransfersScope(staff.administrator, 'hekou')).toEqual({ kind: 'town', townCode: 'hekou' });
    for (const who of [staff.policeLiaison, staff.villageMediator, staff.gridWorker]) {
      expect(() => overdueTransfersScope(who, undefined)).toThrow(/coordinators/);
    }
  });
});

describe('the overdue transfers', () => {
  it('lists the town’s transfers past their deadline, most late first, with their urgings', async () => {
    const w = world();
    const urged = w.transfer({ dueAt: ago(3 * DAY) });
    w.urge(urged, ago(2 * DAY));
    w.urge(urged, ago(DAY));
    const urgeTask = task({
      caseId: urged.caseId,
      kind: 'urge-acceptance',
      agencyId: '0a9e0000-0000-4000-8000-000000000001',
      dueAt: NOW,
    });
    w.tasks.push(urgeTask);
    const later = w.transfer({ dueAt: ago(HOUR), agencyId: 'agency-judicial', level: 'L3', villageCode: null });
    w.transfer({ dueAt: new Date(NOW.getTime() + HOUR) });
    w.transfer({}, 'hekou');

    const result = await w.service.list(w.ctx(staff.coordinator), page);

    expect(result.nextCursor).toBeNull();
    expect(result.items).toEqual([
      {
        caseId: urged.caseId,
        townCode: 'qingshui',
        task: {
          id: urged.id,
          agencyId: '0a9e0000-0000-4000-8000-000000000005',
          level: 'L2',
          dueAt: ago(3 * DAY).toISOString(),
        },
        disputeType: 'neighbour',
        villageCode: 'shangba',
        lateMs: 3 * DAY,
        lateWorkingDays: 3,
        urgeCount: 2,
        lastUrgedAt: ago(DAY).toISOString(),
        urgeTaskId: urgeTask.id,
        nextUrgeAt: null,
      },
      expect.objectContaining({
        caseId: later.caseId,
        task: expect.objectContaining({ agencyId: 'agency-judicial', level: 'L3' }),
        villageCode: null,
        lateMs: HOUR,
        lateWorkingDays: 0,
        urgeCount: 0,
        lastUrgedAt: null,
        urgeTaskId: null,
      }),
    ]);
    expect(w.audits).toEqual([{ action: 'case.overdue-transfers.read', ids: [urged.caseId, later.caseId] }]);
  });

  it('says when the next urging is due, asking the workflow only for transfers with no urging open', async () => {
    const w = world();
    const waiting = w.transfer();
    w.urge(waiting, ago(HOUR));
    const state = transferState(waiting.caseId);
    state.clocks.acceptance = {
      startedAt: ago(5 * DAY).toISOString(),
      dueAt: ago(3 * DAY).toISOString(),
      clock: { amount: 2, unit: 'working-days' },
      rule: '受理 2 个工作日',
      basis: 'official',
      expiredAt: ago(3 * DAY).toISOString(),
      urgeAgainAt: new Date(NOW.getTime() + 23 * HOUR).toISOString(),
    };
    w.states.set(waiting.workflowId, state);
    const open = w.transfer();
    w.tasks.push(
      task({ caseId: open.caseId, kind: 'urge-acceptance', agencyId: '0a9e0000-0000-4000-8000-000000000001' }),
    );

    const { items } = await w.service.list(w.ctx(staff.coordinator), page);

    expect(items.find((item) => item.caseId === waiting.caseId)?.nextUrgeAt).toBe(
      new Date(NOW.getTime() + 23 * HOUR).toISOString(),
    );
    expect(items.find((item) => item.caseId === open.caseId)?.nextUrgeAt).toBeNull();
    expect(w.stateCalls).toEqual([waiting.workflowId]);
  });

  it('pages with a cursor, each transfer once', async () => {
    const w = world();
    const all = Array.from({ length: 5 }, (_, i) => w.transfer({ dueAt: ago((i + 1) * HOUR) }));
    const first = await w.service.list(w.ctx(staff.administrator), { limit: 3 });
    expect(first.nextCursor).not.toBeNull();
    const second = await w.service.list(w.ctx(staff.administrator), { limit: 3, cursor: first.nextCursor ?? '' });
    expect(second.nextCursor).toBeNull();
    expect([...first.items, ...second.items].map((item) => item.caseId)).toEqual(
      all.reverse().map((accept) => accept.caseId),
    );
    await expect(w.service.list(w.ctx(staff.administrator), { limit: 3, cursor: 'forged' })).rejects.toMatchObject({
      status: 400,
    });
  });

  it('leaves out a task whose case is not of the town, whatever the task says', async () => {
    const w = world();
    const stray = w.transfer();
    w.cases.set(stray.caseId, caseRecord(stray.caseId, 'hekou'));
    const kept = w.transfer();
    const { items } = await w.service.list(w.ctx(staff.coordinator), page);
    expect(items.map((item) => item.caseId)).toEqual([kept.caseId]);
  });

  it('still lists the transfers when the calendar does not answer, without working days', async () => {
    const w = world();
    w.transfer();
    w.calendar.down = true;
    const { items } = await w.service.list(w.ctx(staff.coordinator), page);
    expect(items).toEqual([expect.objectContaining({ lateMs: 3 * DAY, lateWorkingDays: null })]);
  });

  it('refuses another town to a coordinator, and everyone below the coordinators', async () => {
    const w = world();
    await expect(w.service.list(w.ctx(staff.coordinator), { ...page, town: 'hekou' })).rejects.toMatchObject({
      status: 403,
    });
    await expect(w.service.list(w.ctx(staff.policeLiaison), page)).rejects.toMatchObject({ status: 403 });
  });
});

describe('when the next urging is due', () => {
  const acceptance = {
    startedAt: ago(5 * DAY).toISOString(),
    dueAt: ago(3 * DAY).toISOString(),
    clock: { amount: 2, unit: 'working-days' as const },
    rule: '受理 2 个工作日',
    basis: 'official' as const,
  };
  const inTransfer = (clock: DisputeState['clocks']['acceptance']) => {
    const state = transferState(randomUUID());
    state.clocks.acceptance = clock;
    return state;
  };

  it('is the workflow’s urge-again instant, or the deadline while its timer has not fired', () => {
    const again = NOW.toISOString();
    expect(nextUrgingOf(inTransfer({ ...acceptance, expiredAt: acceptance.dueAt, urgeAgainAt: again }))).toBe(again);
    expect(nextUrgingOf(inTransfer(acceptance))).toBe(acceptance.dueAt);
    expect(nextUrgingOf(inTransfer({ ...acceptance, expiredAt: acceptance.dueAt }))).toBeNull();
    expect(nextUrgingOf(null)).toBeNull();
  });
});
