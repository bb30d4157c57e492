import {
  awaitedKey,
  type CaseDiagnosis,
  clocksOf,
  type DiagnosedTask,
  diagnosisTone,
  suggestedRepair,
  tasksInOrder,
  temporalWorkflowUrl,
} from './diagnosis-view';

describe("a diagnosis's clocks", () => {
  it('lists the clocks that run or ran, and leaves out the ones not started and anything else', () => {
    const clocks = clocksOf({
      acceptance: {
        startedAt: '2026-03-02T01:00:00.000Z',
        dueAt: '2026-03-05T09:00:00.000Z',
        clock: { amount: 3, unit: 'working-days' },
        rule: '人民调解法 art. 17',
        basis: 'official',
        expiredAt: '2026-03-05T09:00:00.000Z',
      },
      firstSession: null,
      mediation: 'soon',
    });
    expect(clocks).toEqual([
      {
        name: 'acceptance',
        startedAt: '2026-03-02T01:00:00.000Z',
        dueAt: '2026-03-05T09:00:00.000Z',
        rule: '人民调解法 art. 17',
        expiredAt: '2026-03-05T09:00:00.000Z',
        remindedAt: null,
      },
    ]);
    expect(clocksOf(undefined)).toEqual([]);
  });
});

describe("the link to a workflow in Temporal's Web UI", () => {
  it("is the namespace's address the console wrote into the page, with the workflow's id", () => {
    expect(temporalWorkflowUrl('http://127.0.0.1:8233/namespaces/gongzhi', 'dispute-case/1')).toBe(
      'http://127.0.0.1:8233/namespaces/gongzhi/workflows/dispute-case%2F1',
    );
    expect(temporalWorkflowUrl('https://temporal.example/namespaces/default/', 'wf')).toBe(
      'https://temporal.example/namespaces/default/workflows/wf',
    );
  });

  it('is hidden when the console was not told, served the placeholder, or wrote anything but http(s)', () => {
    expect(temporalWorkflowUrl('', 'wf')).toBeUndefined();
    expect(temporalWorkflowUrl(undefined, 'wf')).toBeUndefined();
    expect(temporalWorkflowUrl('__TEMPORAL_UI__', 'wf')).toBeUndefined();
    expect(temporalWorkflowUrl('javascript:alert(1)//', 'wf')).toBeUndefined();
  });
});

describe("a diagnosis's open tasks", () => {
  const task = (id: string, awaitedByWorkflow: boolean | null, dueAt: string | null): DiagnosedTask => ({
    id,
    actionId: id,
    kind: 'mediate',
    agencyId: 'a',
    assigneeStaffId: null,
    openedAt: '2026-03-01T00:00:00.000Z',
    dueAt,
    overdueMs: null,
    awaitedByWorkflow,
  });

  it('come with the ones the workflow no longer awaits first, then unknown, then by due date', () => {
    const ordered = tasksInOrder([
      task('late', true, '2026-03-09T00:00:00.000Z'),
      task('soon', true, '2026-03-04T00:00:00.000Z'),
      task('unknown', null, null),
      task('orphan', false, null),
    ]);
    expect(ordered.map(({ id }) => id)).toEqual(['orphan', 'unknown', 'soon', 'late']);
  });

  it('say whether the workflow still awaits each, or that nobody can tell', () => {
    expect([true, false, null].map(awaitedKey)).toEqual([
      'diagnosis.awaited.yes',
      'diagnosis.awaited.no',
      'diagnosis.awaited.unknown',
    ]);
  });
});

describe('how urgently a diagnosis reads', () => {
  const healthy: CaseDiagnosis = {
    caseId: 'c',
    workflowId: 'w',
    caseStatus: 'open',
    workflowStatus: 'RUNNING',
    state: null,
    pendingActivities: [],
    workflowTask: null,
    openTasks: [],
    actionsWithoutTask: [],
    timeline: [],
    diagnosis: 'no open task and nothing failing: the workflow is working or waits on a timer',
  };
  const task = {
    id: 't',
    actionId: '3',
    kind: 'mediate',
    agencyId: 'a',
    assigneeStaffId: null,
    openedAt: '2026-03-01T00:00:00.000Z',
    dueAt: '2026-03-02T00:00:00.000Z',
    overdueMs: 3_600_000,
    awaitedByWorkflow: true,
  };

  it('is calm for a case that moves, a warning for an overdue task', () => {
    expect(diagnosisTone(healthy)).toBe('info');
    expect(diagnosisTone({ ...healthy, openTasks: [task] })).toBe('warning');
  });

  it('is an error when something is broken: records disagree, failures, an orphan task or an invisible action', () => {
    expect(diagnosisTone({ ...healthy, workflowStatus: 'TERMINATED' })).toBe('error');
    expect(diagnosisTone({ ...healthy, caseStatus: 'closed' })).toBe('error');
    expect(diagnosisTone({ ...healthy, caseStatus: 'closed', workflowStatus: 'COMPLETED' })).toBe('info');
    expect(diagnosisTone({ ...healthy, workflowTask: { attempt: 4, since: null, cause: null, message: null } })).toBe(
      'error',
    );
    expect(diagnosisTone({ ...healthy, openTasks: [{ ...task, awaitedByWorkflow: false }] })).toBe('error');
    expect(diagnosisTone({ ...healthy, actionsWithoutTask: [{ actionId: '4', kind: 'mediate', agencyId: 'a' }] })).toBe(
      'error',
    );
  });
});

describe('the repair the diagnosis page opens with', () => {
  const base: CaseDiagnosis = {
    caseId: 'c',
    workflowId: 'w',
    caseStatus: 'open',
    workflowStatus: 'RUNNING',
    state: null,
    pendingActivities: [],
    workflowTask: null,
    openTasks: [],
    actionsWithoutTask: [],
    timeline: [],
    diagnosis: 'waiting 3 days past due for accept-transfer by a',
  };
  const overdue: DiagnosedTask = {
    id: 't',
    actionId: '3',
    kind: 'accept-transfer',
    agencyId: 'a',
    assigneeStaffId: null,
    openedAt: '2026-03-01T00:00:00.000Z',
    dueAt: '2026-03-02T00:00:00.000Z',
    overdueMs: 3 * 86_400_000,
    awaitedByWorkflow: true,
  };
  const failing = {
    activityId: '7',
    activityType: 'computeDeadline',
    attempt: 4,
    state: 'SCHEDULED',
    lastFailure: 'connect ECONNREFUSED',
    scheduledAt: null,
    lastStartedAt: null,
  };

  it('extends the deadline of an overdue task the workflow awaits', () => {
    expect(suggestedRepair({ ...base, openTasks: [overdue] })).toBe('extend-deadline');
  });

  it('retries what fails first, and retries when nothing is overdue', () => {
    expect(suggestedRepair({ ...base, openTasks: [overdue], pendingActivities: [failing] })).toBe('retry-activity');
    expect(suggestedRepair({ ...base, openTasks: [{ ...overdue, overdueMs: null }] })).toBe('retry-activity');
    expect(suggestedRepair({ ...base, openTasks: [{ ...overdue, awaitedByWorkflow: false }] })).toBe('retry-activity');
    expect(suggestedRepair(base)).toBe('retry-activity');
  });
});
