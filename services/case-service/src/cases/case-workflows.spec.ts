import {
  ApplicationFailure,
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
  WorkflowUpdateRPCTimeoutOrCancelledError,
} from '@temporalio/client';
import { DISPUTE_REJECTIONS } from '@gongzhi/contracts';
import { actProblemOf, workflowViewOf } from './case-workflows';
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
          agencyId: 'agency-shangba',
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
      agencyId: 'agency-shangba',
      responsibleStaffId: null,
      nextDeadline: '2026-03-20T00:00:00.000Z',
      openActions: [
        {
          actionId: '2-mediate',
          kind: 'mediate',
          agencyId: 'agency-shangba',
          assigneeStaffId: 'med-1',
          dueAt: '2026-03-20T00:00:00.000Z',
        },
      ],
    });
    expect(workflowViewOf('w', 'COMPLETED', { ...state, phase: 'closed' }).nextDeadline).toBeNull();
  });
});
