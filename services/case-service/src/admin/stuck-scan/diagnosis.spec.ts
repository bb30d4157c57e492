/** The diagnosis of each kind of stall in one line, the scan’s order, tasks against the workflow’s open actions. */
import { ago, action, activity, blockedState, HOUR, NOW, settledState, task } from './stuck-scan.fakes';
import { diagnose, formatDuration, reconcileTasks, sortStuck } from './diagnosis';

describe('the diagnosis', () => {
  it('says how long, in words people use', () => {
    expect([formatDuration(45 * 60_000), formatDuration(2 * HOUR), formatDuration(72 * HOUR)]).toEqual([
      '45 min',
      '2 h',
      '3 days',
    ]);
  });

  const base = {
    caseStatus: 'open',
    workflowStatus: 'RUNNING',
    state: null,
    workflowTask: null,
    pendingActivities: [],
    openTasks: [],
    orphanTasks: [],
    actionsWithoutTask: [],
    now: NOW,
  };
  const failingTask = {
    attempt: 7,
    since: ago(3 * HOUR).toISOString(),
    cause: 'non-deterministic-error',
    message: '[TMPRL1100] Nondeterminism error',
  };

  it('puts the most fundamental cause first: record, workflow task, blocked, activity, missing task, orphan task, overdue', () => {
    const overdue = [
      { kind: 'accept-transfer', agencyId: '0a9e0000-0000-4000-8000-000000000005', dueAt: ago(72 * HOUR) },
    ];
    const orphan = { id: 't9', actionId: '1-accept-transfer', kind: 'accept-transfer', openedAt: ago(100 * HOUR) };
    const missing = {
      actionId: '3-mediate',
      kind: 'mediate' as const,
      agencyId: '0a9e0000-0000-4000-8000-000000000006',
    };
    const state = { ...blockedState(), phase: 'mediation' as const, level: 'L1' as const };
    const all = {
      ...base,
      state,
      workflowTask: failingTask,
      pendingActivities: [activity()],
      openTasks: overdue,
      orphanTasks: [orphan],
      actionsWithoutTask: [missing],
    };
    const lines = [
      diagnose({ ...all, workflowStatus: 'TERMINATED' }),
      diagnose(all),
      diagnose({ ...all, workflowTask: null }),
      diagnose({ ...all, workflowTask: null, state: { ...state, blocked: null } }),
      diagnose({ ...all, workflowTask: null, state: { ...state, blocked: null }, pendingActivities: [] }),
      diagnose({
        ...all,
        workflowTask: null,
        state: { ...state, blocked: null },
        pendingActivities: [],
        actionsWithoutTask: [],
      }),
      diagnose({ ...base, openTasks: overdue }),
    ];
    expect(lines).toEqual([
      'case open but workflow TERMINATED',
      'workflow task failing for 3 h (attempt 7): non-deterministic-error: [TMPRL1100] Nondeterminism error',
      'blocked: planCase — AgencyMissing: town qingshui has no police station',
      'activity recordTimeline failing for 2 h (attempt 14): connect ECONNREFUSED',
      'the workflow awaits mediate (3-mediate) by 0a9e0000-0000-4000-8000-000000000006, but no task is open for it',
      'task accept-transfer (1-accept-transfer) is open, but the workflow has left it: it is in mediation at L1',
      'waiting 3 days past due for accept-transfer by 0a9e0000-0000-4000-8000-000000000005',
    ]);
    expect(diagnose({ ...base, workflowStatus: 'NOT_FOUND' })).toBe('case open but no workflow exists');
  });

  it('sees a workflow still running for a closed case, and a case that simply waits on time', () => {
    expect(diagnose({ ...base, caseStatus: 'closed' })).toBe('case closed but workflow RUNNING');
    expect(diagnose({ ...base, caseStatus: 'merged', workflowStatus: 'COMPLETED' })).toBe(
      'finished: case merged, workflow COMPLETED',
    );
    expect(
      diagnose({
        ...base,
        openTasks: [
          {
            kind: 'mediate',
            agencyId: '0a9e0000-0000-4000-8000-000000000006',
            dueAt: new Date(NOW.getTime() + 5 * HOUR),
          },
        ],
      }),
    ).toBe('on time: waiting for mediate by 0a9e0000-0000-4000-8000-000000000006, due in 5 h');
    // A first attempt is not a failing activity.
    expect(diagnose({ ...base, pendingActivities: [activity({ attempt: 1 })] })).toMatch(/^no open task/);
  });

  it('sorts the longest stuck first, ties by case', () => {
    const item = (caseId: string, stuckForMs: number) => ({
      kind: 'overdue-task' as const,
      caseId,
      workflowId: `w-${caseId}`,
      townCode: null,
      agencyId: null,
      level: null,
      since: NOW.toISOString(),
      stuckForMs,
      subject: 'mediate',
      taskId: null,
      assigneeStaffId: null,
      attempt: null,
      message: null,
      diagnosis: '',
    });
    expect(sortStuck([item('b', 5), item('c', 9), item('a', 5)]).map((i) => i.caseId)).toEqual(['c', 'a', 'b']);
  });
});

describe('tasks against the workflow’s open actions', () => {
  const state = settledState('c1', { openActions: [action()] });
  const mediateTask = task({ id: 't-m', actionId: '3-mediate', kind: 'mediate', openedAt: ago(30 * HOUR) });
  const stale = task({ id: 't-a', actionId: '1-accept-transfer', openedAt: ago(50 * HOUR) });

  it('calls a task open on both reads, and not awaited, an orphan; an action no read has a task for, missing', () => {
    expect(reconcileTasks(state, [mediateTask, stale], [mediateTask, stale], NOW)).toEqual({
      orphans: [stale],
      missing: [],
    });
    expect(reconcileTasks(state, [stale], [stale], NOW)?.missing.map((a) => a.actionId)).toEqual(['3-mediate']);
  });

  it('leaves alone what the workflow is writing: a task closed or opened between the reads, young ones, a settling state', () => {
    // Closed by the workflow after the first read: gone by the second.
    expect(reconcileTasks(state, [mediateTask, stale], [mediateTask], NOW)?.orphans).toEqual([]);
    // The task for the action was written after the first read.
    expect(reconcileTasks(state, [], [mediateTask], NOW)?.missing).toEqual([]);
    // Seconds old: the state read may predate it.
    const young = task({ id: 't-y', actionId: '9-mediate', openedAt: new Date(NOW.getTime() - 10_000) });
    expect(reconcileTasks(state, [mediateTask, young], [mediateTask, young], NOW)?.orphans).toEqual([]);
    const youngAction = settledState('c1', {
      openActions: [action({ openedAt: new Date(NOW.getTime() - 10_000).toISOString() })],
    });
    expect(reconcileTasks(youngAction, [], [], NOW)?.missing).toEqual([]);
    expect(reconcileTasks({ ...state, settling: true }, [stale], [stale], NOW)).toBeNull();
    expect(reconcileTasks(null, [stale], [stale], NOW)).toBeNull();
  });
});
