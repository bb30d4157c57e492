import { ForbiddenError, ValidationError } from '@gongzhi/errors';
import { encodeCursor } from '@gongzhi/http';
import { staff } from '../testing/fake-case-service';
import { inboxScope, pageOfTasks, viewScope } from './task-queue-request';
import type { TaskListRequest, TaskRecord } from './tasks.model';

describe('the scope of a view', () => {
  it('gives each role the views it has, and refuses the others', () => {
    expect(viewScope(staff.villageMediator, 'available')).toEqual({
      kind: 'eligible',
      agencyId: staff.villageMediator.agencyId,
      roles: ['mediator'],
      unassignedOnly: true,
    });
    expect(viewScope(staff.villageMediator, 'mine')).toEqual({ kind: 'assignee', staffId: 'med-1' });
    expect(() => viewScope(staff.villageMediator, 'team')).toThrow(ForbiddenError);
    expect(() => viewScope(staff.policeLiaison, 'all')).toThrow(ForbiddenError);
    expect(viewScope(staff.coordinator, 'all')).toEqual({ kind: 'town', townCode: 'qingshui' });
    expect(viewScope(staff.administrator, 'all')).toEqual({ kind: 'all' });
  });

  it('shows a coordinator the town’s transfers, an administrator all, and staff their agency’s for their roles', () => {
    expect(inboxScope(staff.coordinator)).toEqual({ kind: 'town', townCode: 'qingshui' });
    expect(inboxScope({ ...staff.policeLiaison, roles: ['liaison', 'administrator'] })).toEqual({ kind: 'all' });
    expect(inboxScope(staff.policeLiaison)).toEqual({
      kind: 'eligible',
      agencyId: staff.policeLiaison.agencyId,
      roles: ['liaison'],
      unassignedOnly: false,
    });
  });
});

describe('a page of the queue', () => {
  const firstRead = new Date('2026-03-10T02:00:00.000Z');
  const later = new Date('2026-03-11T02:00:00.000Z');
  const last: TaskRecord = {
    id: '7a5c0000-0000-4000-8000-000000000002',
    caseId: 'c45e0000-0000-4000-8000-000000000001',
    townCode: 'qingshui',
    workflowId: 'dispute-case-c45e0000-0000-4000-8000-000000000001',
    actionId: '2-mediate',
    kind: 'mediate',
    level: 'L1',
    agencyId: staff.villageMediator.agencyId,
    roles: ['mediator'],
    assigneeStaffId: null,
    assignedAt: null,
    assignedBy: null,
    workflowAssigned: false,
    status: 'open',
    openedAt: new Date('2026-03-01T02:00:00.000Z'),
    // Overdue at the first read.
    dueAt: new Date('2026-03-10T01:00:00.000Z'),
    rule: null,
    reason: null,
    remindedAt: null,
    closedAt: null,
    closedBy: null,
    version: 1,
    villageCode: null,
    disputeType: 'neighbour',
    riskFlags: [],
  };

  function recorder(now: Date) {
    const requests: TaskListRequest[] = [];
    const deps = {
      now: () => now,
      tasks: {
        list: async (_scope: unknown, _filters: unknown, request: TaskListRequest) => {
          requests.push(request);
          return [last];
        },
      },
    };
    return { deps, requests };
  }

  it('reads one row more than the page, and carries the first read’s instant on to the next page', async () => {
    const first = recorder(firstRead);
    const page = await pageOfTasks(first.deps, { kind: 'all' }, { status: 'open' }, { limit: 20, sort: 'priority' });
    expect(first.requests).toEqual([{ sort: 'priority', asOf: firstRead, limit: 21 }]);
    const position = page.next(last);
    // Overdue at the first read: urgent, whatever the time the next page is read.
    expect(position).toEqual({
      sort: 'priority',
      asOf: firstRead.toISOString(),
      id: last.id,
      dueAt: last.dueAt?.toISOString(),
      rank: 3,
    });

    const second = recorder(later);
    const cursor = encodeCursor(position);
    const next = await pageOfTasks(
      second.deps,
      { kind: 'all' },
      { status: 'open' },
      { limit: 20, sort: 'priority', cursor },
    );
    expect(next.asOf).toEqual(firstRead);
    expect(second.requests[0]?.after).toEqual({ id: last.id, dueAt: last.dueAt?.toISOString(), rank: 3 });
  });

  it('refuses a cursor of another sort', async () => {
    const { deps, requests } = recorder(firstRead);
    const cursor = encodeCursor({ sort: 'due', asOf: firstRead.toISOString(), id: last.id });
    await expect(
      pageOfTasks(deps, { kind: 'all' }, { status: 'open' }, { limit: 20, sort: 'created', cursor }),
    ).rejects.toThrow(ValidationError);
    expect(requests).toEqual([]);
  });
});
