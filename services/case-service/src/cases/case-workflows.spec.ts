import {
  ApplicationFailure,
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
  WorkflowUpdateRPCTimeoutOrCancelledError,
} from '@temporalio/client';
import { DISPUTE_REJECTIONS } from '@gongzhi/contracts';
import { actProblemOf, workflowViewOf } from '@gongzhi/dispute-client';
import { fakeDisputeState } from './cases.fakes';

const rejected = (type: string, message: string) =>
  new WorkflowUpdateFailedError('Workflow Update failed', ApplicationFailure.nonRetryable(message, type));

describe('what a failed act Update becomes', () => {
  it('turns each rejection type of the contract into its problem, with the workflow’s message', () => {
    const statuses = Object.fromEntries(
      Object.values(DISPUTE_REJECTIONS).map((type) => [type, actProblemOf(rejected(type, 'why'))?.status]),
    );
    expect(statuses).toEqual({
      IllegalAction: 409,
      StaleTask: 409,
      CaseClosed: 409,
      NotAllowed: 403,
      InvalidInput: 422,
    });
    expect(actProblemOf(rejected('StaleTask', 'This task is no longer open.'))?.toProblem()).toMatchObject({
      type: 'urn:gongzhi:problem:stale-task',
      detail: 'This task is no longer open.',
      rejection: 'StaleTask',
    });
  });

  it('hides the message of a failure the contract does not name (it was not written for people)', () => {
    const problem = actProblemOf(rejected('TypeError', 'Cannot read properties of undefined'));
    expect(problem?.status).toBe(409);
    expect(problem?.message).not.toContain('undefined');
  });

  it('says the workflow is not running when it is gone, and asks for a retry when it did not answer', () => {
    expect(actProblemOf(new WorkflowNotFoundError('gone', 'dispute-case-1', undefined))?.toProblem()).toMatchObject({
      status: 409,
      type: 'urn:gongzhi:problem:workflow-not-running',
    });
    expect(actProblemOf(new WorkflowUpdateRPCTimeoutOrCancelledError('timed out'))?.status).toBe(503);
    expect(actProblemOf(new Error('boom'))).toBeUndefined();
  });
});

describe('the workflow view of a case', () => {
  it('shows the earliest running deadline among the clocks and the open actions', () => {
    const clock = (dueAt: string, expiredAt?: string) => ({
      startedAt: '2026-03-01T00:00:00.000Z',
      dueAt,
      clock: { amount: 30, unit: 'calendar-days' as const },
      rule: 'r',
      basis: 'official' as const,
      ...(expiredAt ? { expiredAt } : {}),
    });
    const state = fakeDisputeState('c-1', {
      clocks: {
        acceptance: clock('2026-03-02T00:00:00.000Z', '2026-03-02T00:00:00.000Z'),
        firstSession: null,
        mediation: clock('2026-03-31T00:00:00.000Z'),
      },
      openActions: [
        {
          actionId: '2-mediate',
          kind: 'mediate',
          level: 'L1',
          agencyId: '0a9e0000-0000-4000-8000-000000000006',
          roles: ['mediator'],
          assigneeStaffId: 'med-1',
          openedAt: '2026-03-01T00:00:00.000Z',
          dueAt: '2026-03-20T00:00:00.000Z',
          rule: null,
          reason: null,
        },
      ],
    });
    expect(workflowViewOf('dispute-case-c-1', 'RUNNING', state)).toEqual({
      workflowId: 'dispute-case-c-1',
      source: 'live',
      status: 'RUNNING',
      level: 'L1',
      phase: 'mediation',
      agencyId: '0a9e0000-0000-4000-8000-000000000006',
      responsibleStaffId: null,
      nextDeadline: '2026-03-20T00:00:00.000Z',
      openActions: [
        {
          actionId: '2-mediate',
          kind: 'mediate',
          agencyId: '0a9e0000-0000-4000-8000-000000000006',
          assigneeStaffId: 'med-1',
          dueAt: '2026-03-20T00:00:00.000Z',
        },
      ],
    });
    expect(workflowViewOf('w', 'COMPLETED', { ...state, phase: 'closed' }).nextDeadline).toBeNull();
  });

  it('shows what is still ahead by the workflow’s rule: never a met acceptance, the first session until one is held', () => {
    const clock = (dueAt: string) => ({
      startedAt: '2026-03-02T00:00:00.000Z',
      dueAt,
      clock: { amount: 30, unit: 'calendar-days' as const },
      rule: 'r',
      basis: 'official' as const,
    });
    const visit = (sessions: number) => ({
      level: 'L2' as const,
      agencyId: '0a9e0000-0000-4000-8000-000000000005',
      enteredAt: '2026-03-01T00:00:00.000Z',
      acceptedAt: '2026-03-02T00:00:00.000Z',
      acceptedBy: 'liaison-1',
      responsibleStaffId: 'med-1',
      jointAgencyIds: [],
      sessions,
      mediationRefused: false,
      extensionsGranted: 0,
      leftAt: null,
      outcome: null,
    });
    // Accepted on time on the 2nd (the acceptance clock was never marked expired): its deadline is behind the case.
    const accepted = fakeDisputeState('c-2', {
      level: 'L2',
      clocks: {
        acceptance: clock('2026-03-03T15:59:59.999Z'),
        firstSession: clock('2026-03-05T15:59:59.999Z'),
        mediation: clock('2026-04-01T15:59:59.999Z'),
      },
      openActions: [],
      levels: [visit(0)],
    });
    expect(workflowViewOf('w', 'RUNNING', accepted).nextDeadline).toBe('2026-03-05T15:59:59.999Z');
    expect(workflowViewOf('w', 'RUNNING', { ...accepted, levels: [visit(1)] }).nextDeadline).toBe(
      '2026-04-01T15:59:59.999Z',
    );
    // In follow-up: the visit's date, then the confirmation window once the visit is open.
    const agreement = {
      level: 'L2' as const,
      agencyId: '0a9e0000-0000-4000-8000-000000000005',
      recordedAt: '2026-03-10T00:00:00.000Z',
      recordedBy: 'med-1',
      effectiveAt: '2026-03-10T00:00:00.000Z',
      documentId: null,
      pendingSignOffs: [],
      finalAt: '2026-03-10T00:00:00.000Z',
      followUpVisitDueAt: '2026-03-25T15:59:59.999Z',
      visitTaskOpenedAt: null,
      performance: 'pending' as const,
      judicialConfirmation: {
        windowClosesAt: '2026-04-09T15:59:59.999Z',
        warnedAt: null,
        appliedAt: null,
        decision: null,
        decidedAt: null,
        lapsedAt: null,
      },
    };
    const followUp = { ...accepted, phase: 'follow-up' as const, agreement };
    expect(workflowViewOf('w', 'RUNNING', followUp).nextDeadline).toBe('2026-03-25T15:59:59.999Z');
    const visitOpen = { ...followUp, agreement: { ...agreement, visitTaskOpenedAt: '2026-03-25T00:00:00.000Z' } };
    expect(workflowViewOf('w', 'RUNNING', visitOpen).nextDeadline).toBe('2026-04-09T15:59:59.999Z');
  });
});
