import { ConflictError, NotFoundError } from '@gongzhi/errors';
import type { CallContext } from '../kernel/call-context';
import { staff } from '../testing/fake-case-service';
import { holdsTask, mayHold, supervises, TaskHeldError, visibleTask, written } from './task-access';
import type { TaskRecord } from './tasks.model';

const villageAgency = staff.villageMediator.agencyId;

function task(overrides: Partial<TaskRecord> = {}): TaskRecord {
  return {
    id: '7a5c0000-0000-4000-8000-000000000001',
    caseId: 'c45e0000-0000-4000-8000-000000000001',
    townCode: 'qingshui',
    workflowId: 'dispute-case-c45e0000-0000-4000-8000-000000000001',
    actionId: '2-mediate',
    kind: 'mediate',
    level: 'L1',
    agencyId: villageAgency,
    roles: ['mediator'],
    assigneeStaffId: null,
    assignedAt: null,
    assignedBy: null,
    workflowAssigned: false,
    status: 'open',
    openedAt: new Date('2026-03-01T02:00:00.000Z'),
    dueAt: null,
    rule: null,
    reason: null,
    remindedAt: null,
    closedAt: null,
    closedBy: null,
    version: 1,
    villageCode: null,
    disputeType: 'neighbour',
    riskFlags: [],
    ...overrides,
  };
}

const ctxOf = (principal: CallContext['principal']) => ({ principal }) as CallContext;

describe('who may hold and hand over a task', () => {
  it('lets staff of its agency with one of its roles take it, and its named assignee hold it', () => {
    expect(mayHold(staff.villageMediator, task())).toBe(true);
    expect(mayHold(staff.gridWorker, task())).toBe(false);
    expect(mayHold(staff.otherVillageMediator, task())).toBe(false);
    const named = task({ assigneeStaffId: staff.otherVillageMediator.staffId });
    expect(holdsTask(staff.otherVillageMediator, named)).toBe(true);
    expect(mayHold(staff.otherVillageMediator, named)).toBe(false);
  });

  it('makes the town’s coordinators and administrators supervisors, and a liaison only of its own agency', () => {
    expect(supervises(staff.coordinator, task())).toBe(true);
    expect(supervises(staff.otherTownCoordinator, task())).toBe(false);
    expect(supervises(staff.administrator, task())).toBe(true);
    expect(supervises(staff.policeLiaison, task())).toBe(false);
    expect(supervises(staff.policeLiaison, task({ agencyId: staff.policeLiaison.agencyId }))).toBe(true);
    expect(supervises(staff.villageMediator, task())).toBe(false);
  });
});

describe('why a conditional write changed nothing', () => {
  const id = task().id;

  it('answers with the task as it is now when the write applied', () => {
    const now = task({ assigneeStaffId: 'med-1' });
    expect(written({ task: now, changed: true }, id)).toBe(now);
  });

  it('tells a missing task, a closed one, a held one and a race apart', () => {
    expect(() => written({ task: undefined, changed: false }, id)).toThrow(NotFoundError);
    expect(() => written({ task: task({ status: 'completed' }), changed: false }, id)).toThrow(
      /already completed: reload the case/,
    );
    expect(() => written({ task: task({ assigneeStaffId: 'med-2' }), changed: false }, id)).toThrow(TaskHeldError);
    expect(() => written({ task: task(), changed: false }, id)).toThrow(ConflictError);
  });
});

describe('which tasks a caller sees', () => {
  const foreign = task({ agencyId: '0a9e0000-0000-4000-8000-000000000099', townCode: 'hekou' });
  const deps = (watching: boolean) => ({
    tasks: { findById: async (id: string) => (id === foreign.id ? foreign : undefined) },
    cases: { findById: async () => undefined, isWatcher: async () => watching },
  });

  it('lets a watcher of the case read the task, never act on it', async () => {
    const ctx = ctxOf(staff.villageMediator);
    await expect(visibleTask(deps(true), ctx, foreign.id, 'read')).resolves.toBe(foreign);
    await expect(visibleTask(deps(true), ctx, foreign.id)).rejects.toThrow(NotFoundError);
    await expect(visibleTask(deps(false), ctx, foreign.id, 'read')).rejects.toThrow(NotFoundError);
  });

  it('answers an unknown task exactly like an invisible one', async () => {
    await expect(visibleTask(deps(true), ctxOf(staff.administrator), 'nothing', 'read')).rejects.toThrow(NotFoundError);
  });
});
