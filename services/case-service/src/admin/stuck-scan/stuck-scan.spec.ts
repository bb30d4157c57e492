/** The stuck scan and describe on fakes: the diagnosis of each kind of stall, the order, the filters, who may ask. */
import { AppError } from '@gongzhi/errors';
import { StuckFilters } from '@gongzhi/contracts';
import type { DescribedWorkflow } from '@gongzhi/dispute-client';
import { staff } from '../../testing/fake-case-service';
import type { AdminCaseRecord, OpenTaskRecord } from './stuck-scan.model';
import type { AdminServiceDeps } from './stuck-scan.service';
import { ACTION_WITHOUT_TASK, ORPHAN_TASK } from './diagnosis';
import { parseStuckThresholds } from './stuck-thresholds';
import {
  action,
  activity,
  ago,
  blockedState,
  caseRecord,
  DAY,
  fakeCalendar,
  HOUR,
  NOW,
  settledState,
  setUp,
  task,
  workflow,
  type World,
} from './stuck-scan.fakes';

describe('the stuck scan', () => {
  const world: World = {
    tasks: [task()],
    open: [
      caseRecord({ id: 'c2', workflowId: 'dispute-case-c2', updatedAt: ago(10 * HOUR) }),
      caseRecord({ id: 'c1' }),
    ],
    finished: [caseRecord({ id: 'c5', workflowId: 'dispute-case-c5', status: 'closed', updatedAt: ago(1 * HOUR) })],
    workflows: [
      workflow(),
      workflow({
        workflowId: 'dispute-case-c2',
        caseId: 'c2',
        status: 'TERMINATED',
        closedAt: ago(48 * HOUR).toISOString(),
      }),
      workflow({ workflowId: 'dispute-case-c3', caseId: 'c3', awaitedAction: 'blocked:planCase', level: 'L2' }),
      workflow({
        workflowId: 'dispute-case-c4',
        caseId: 'c4',
        pendingActivities: [activity(), activity({ attempt: 1 })],
      }),
      workflow({ workflowId: 'dispute-case-c5', caseId: 'c5' }),
    ],
    states: { 'dispute-case-c3': blockedState() },
    troubled: ['dispute-case-c4'],
  };

  it('finds every kind, longest stuck first, with counts per kind, and audits the scan and the cases in it', async () => {
    const { service, ctx, audits } = setUp(world);
    const report = await service.stuck(ctx, StuckFilters.parse({}));
    expect(report.items.map((i) => [i.kind, i.caseId, i.diagnosis])).toEqual([
      [
        'overdue-acceptance',
        'c1',
        'waiting 3 days past due for accept-transfer by 0a9e0000-0000-4000-8000-000000000005',
      ],
      ['reconciliation', 'c2', 'case open but workflow TERMINATED'],
      ['blocked', 'c3', 'blocked: planCase — AgencyMissing: town qingshui has no police station'],
      ['failing-activity', 'c4', 'activity recordTimeline failing for 2 h (attempt 14): connect ECONNREFUSED'],
      ['reconciliation', 'c5', 'case closed but workflow RUNNING'],
    ]);
    expect(report.counts).toEqual({
      'overdue-acceptance': 1,
      'undecided-level': 0,
      'overdue-task': 0,
      'workflow-task-failing': 0,
      blocked: 1,
      'failing-activity': 1,
      reconciliation: 2,
    });
    expect(report.items[0]).toMatchObject({
      taskId: 't1',
      stuckForMs: 72 * HOUR,
      level: 'L2',
      subject: 'accept-transfer',
    });
    expect([report.truncated, report.view, report.warnings]).toEqual([false, null, []]);
    // One row for the scan and one naming every case on the page, however many there are.
    expect(audits.map((a) => a.action)).toEqual(['admin.stuck.scan', 'case.admin.stuck']);
    expect(audits[0]).toMatchObject({ objectId: 'all' });
    expect(audits[1]).toMatchObject({ objectType: 'case', objectId: 'list' });
    expect([...(audits[1]?.objectIds ?? [])].sort()).toEqual(
      [...new Set(report.items.flatMap((item) => (item.caseId ? [item.caseId] : [])))].sort(),
    );
    expect(audits[1]?.objectIds).toEqual(expect.arrayContaining(['c1', 'c5']));
  });

  it('filters by kind, level and age, and cuts the list at the limit', async () => {
    const { service, ctx } = setUp(world);
    const blockedOnly = await service.stuck(ctx, StuckFilters.parse({ kind: 'blocked' }));
    expect(blockedOnly.items.map((i) => i.caseId)).toEqual(['c3']);
    expect(blockedOnly.counts).toMatchObject({
      'overdue-acceptance': 0,
      blocked: 1,
      'failing-activity': 0,
      reconciliation: 0,
    });
    const l2 = await service.stuck(ctx, StuckFilters.parse({ level: 'L2' }));
    expect(l2.items.map((i) => i.caseId)).toEqual(['c1', 'c3']);
    const old = await service.stuck(ctx, StuckFilters.parse({ minAgeHours: '24' }));
    expect(old.items.map((i) => i.caseId)).toEqual(['c1', 'c2', 'c3']);
    const first = await service.stuck(ctx, StuckFilters.parse({ limit: '1' }));
    expect([first.items.length, first.truncated, first.counts.reconciliation]).toEqual([1, true, 2]);
  });

  it('applies a saved view named in the filters (a batch’s), the filters given overriding it', async () => {
    const views: AdminServiceDeps['views'] = {
      filtersOf: async (_ctx, ref) => ({ id: 'v-1', name: ref, filters: { kind: 'overdue-acceptance', level: 'L1' } }),
    };
    const { service, ctx } = setUp(world, { views });
    const report = await service.stuck(ctx, { view: 'police-late', level: 'L2', limit: 50 });
    expect([report.view, report.items.map((i) => [i.kind, i.caseId])]).toEqual([
      { id: 'v-1', name: 'police-late' },
      [['overdue-acceptance', 'c1']],
    ]);
    const without = setUp(world);
    await expect(without.service.stuck(ctx, { view: 'police-late', limit: 50 })).rejects.toMatchObject({ status: 400 });
  });

  it('refuses everyone but administrators', async () => {
    const { service } = setUp(world);
    for (const principal of [staff.coordinator, staff.villageMediator, staff.policeLiaison]) {
      const refused = await service
        .stuck({ principal, requestId: 'r' }, StuckFilters.parse({}))
        .catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(AppError);
      expect((refused as AppError).status).toBe(403);
    }
  });
});

describe('awaited human actions in working days', () => {
  // Friday 6 March 2026, 10:00 in Shanghai: two working days later is Tuesday 10:00, two hours after NOW.
  const friday = new Date('2026-03-06T02:00:00.000Z');
  const thursday = new Date('2026-03-05T02:00:00.000Z');
  const decision = (id: string, openedAt: Date, reason = 'clock-expired') =>
    task({
      id,
      caseId: `case-${id}`,
      workflowId: `dispute-case-${id}`,
      actionId: `7-decide-escalation`,
      kind: 'decide-escalation',
      agencyId: '0a9e0000-0000-4000-8000-000000000001',
      openedAt,
      dueAt: null,
      reason,
    });

  it('calls a coordinator’s decision stuck after two working days, not two calendar days, and says why it was asked', async () => {
    const { service, ctx, calendar } = setUp({
      tasks: [decision('d-fri', friday), decision('d-thu', thursday, 'failure')],
    });
    const report = await service.stuck(ctx, StuckFilters.parse({ kind: 'undecided-level' }));
    expect(report.items.map((i) => [i.taskId, i.subject, i.since, i.diagnosis])).toEqual([
      [
        'd-thu',
        'decide-escalation',
        thursday.toISOString(),
        "L2 undecided: waiting 4 days for the coordinators' decision (failure) by 0a9e0000-0000-4000-8000-000000000001 (2 working days allowed)",
      ],
    ]);
    expect(calendar.asked.sort()).toEqual([`${thursday.toISOString()}+2`, `${friday.toISOString()}+2`]);
  });

  it('counts holidays and make-up working days as agency-service’s calendar does', async () => {
    // Monday 9 March made a holiday: Thursday + 2 working days is now Tuesday, 10:00, after NOW.
    const holiday = setUp(
      { tasks: [decision('d-thu', thursday)] },
      { calendar: fakeCalendar({ holidays: ['2026-03-09'] }) },
    );
    expect((await holiday.service.stuck(holiday.ctx, StuckFilters.parse({}))).items).toEqual([]);
    // Saturday 7 March made a working day: Friday + 2 working days is Monday, 10:00, before NOW.
    const makeUp = setUp(
      { tasks: [decision('d-fri', friday)] },
      { calendar: fakeCalendar({ makeUpDays: ['2026-03-07'] }) },
    );
    expect((await makeUp.service.stuck(makeUp.ctx, StuckFilters.parse({}))).items.map((i) => i.taskId)).toEqual([
      'd-fri',
    ]);
  });

  it('reports acceptances, decisions and other actions under their own kinds, per configured threshold', async () => {
    const tasks = [
      task(),
      decision('d-thu', thursday),
      task({
        id: 't-visit',
        caseId: 'c8',
        kind: 'follow-up-visit',
        actionId: '9-follow-up-visit',
        dueAt: ago(26 * HOUR),
        reason: null,
      }),
      task({
        id: 't-urge',
        caseId: 'c9',
        kind: 'urge-acceptance',
        actionId: '4-urge-acceptance',
        dueAt: ago(26 * HOUR),
        reason: null,
      }),
    ];
    const defaults = setUp({ tasks });
    const report = await defaults.service.stuck(defaults.ctx, StuckFilters.parse({}));
    // The visit gets two working days of grace past its date (Monday 06:00 + 2 = Wednesday 06:00): not yet.
    expect(report.items.map((i) => [i.kind, i.taskId])).toEqual([
      ['undecided-level', 'd-thu'],
      ['overdue-acceptance', 't1'],
      ['overdue-task', 't-urge'],
    ]);
    expect(report.counts).toMatchObject({ 'overdue-acceptance': 1, 'undecided-level': 1, 'overdue-task': 1 });
    const configured = setUp(
      { tasks },
      { thresholds: parseStuckThresholds('follow-up-visit=due,urge-acceptance=due+2') },
    );
    const again = await configured.service.stuck(configured.ctx, StuckFilters.parse({ kind: 'overdue-task' }));
    expect(again.items.map((i) => [i.taskId, i.diagnosis])).toEqual([
      ['t-visit', 'waiting 26 h past due for follow-up-visit by 0a9e0000-0000-4000-8000-000000000005'],
    ]);
  });

  it('leaves out a mediate task past its clock while the coordinators hold the level’s decision', async () => {
    const mediate = task({ id: 't-m', caseId: 'c6', kind: 'mediate', actionId: '3-mediate', dueAt: ago(30 * HOUR) });
    const lonely = task({ id: 't-m2', caseId: 'c7', kind: 'mediate', actionId: '3-mediate', dueAt: ago(30 * HOUR) });
    const open = task({ ...decision('d-new', new Date(NOW.getTime() - HOUR)), caseId: 'c6' });
    const { service, ctx } = setUp({ tasks: [mediate, lonely, open] });
    const report = await service.stuck(ctx, StuckFilters.parse({}));
    expect(report.items.map((i) => i.taskId)).toEqual(['t-m2']);
  });

  it('lists what it could judge and warns about the rest when agency-service’s calendar does not answer', async () => {
    const calendar = fakeCalendar();
    calendar.down = true;
    const { service, ctx } = setUp({ tasks: [task(), decision('d-thu', thursday)] }, { calendar });
    const report = await service.stuck(ctx, StuckFilters.parse({}));
    // A threshold of zero working days needs no calendar.
    expect(report.items.map((i) => i.taskId)).toEqual(['t1']);
    expect(report.warnings).toEqual([
      expect.stringMatching(/^agency-service's working-day calendar did not answer: 1 task\(s\)/),
    ]);
  });
});

describe('workflow tasks and reconciliation in the scan', () => {
  it('finds a workflow task that keeps failing, with its attempt, since when and the last failure from the history', async () => {
    const since = ago(3 * HOUR).toISOString();
    const { service, ctx } = setUp({
      workflows: [
        workflow({
          workflowId: 'dispute-case-c1',
          workflowTask: { attempt: 9, scheduledAt: null, originalScheduledAt: null },
        }),
        // A first attempt is a workflow at work, not a failure.
        workflow({
          workflowId: 'dispute-case-c2',
          caseId: 'c2',
          workflowTask: { attempt: 1, scheduledAt: null, originalScheduledAt: null },
        }),
      ],
      // The health sweep found the first; the second it did not list.
      troubled: ['dispute-case-c1'],
      failures: {
        'dispute-case-c1': {
          at: since,
          cause: 'non-deterministic-error',
          message: '[TMPRL1100] Nondeterminism error: timer',
        },
      },
    });
    const report = await service.stuck(ctx, StuckFilters.parse({ kind: 'workflow-task-failing' }));
    expect(report.items).toEqual([
      expect.objectContaining({
        kind: 'workflow-task-failing',
        caseId: 'c1',
        since,
        stuckForMs: 3 * HOUR,
        subject: 'non-deterministic-error',
        attempt: 9,
        message: '[TMPRL1100] Nondeterminism error: timer',
        diagnosis:
          'workflow task failing for 3 h (attempt 9): non-deterministic-error: [TMPRL1100] Nondeterminism error: timer',
      }),
    ]);
    expect(report.counts['workflow-task-failing']).toBe(1);
  });

  it('finds a task open for a phase the workflow left, and an action the workflow awaits with no task', async () => {
    const orphan = task({
      id: 't-old',
      caseId: 'c6',
      actionId: '1-accept-transfer',
      openedAt: ago(50 * HOUR),
      dueAt: null,
    });
    const { service, ctx } = setUp({
      tasks: [orphan],
      // What the workflows last reported: c6 and c7 await mediate (c6 has a task of another kind, c7 none), c8 nothing.
      open: [
        caseRecord({ id: 'c6', workflowId: 'dispute-case-c6' }),
        caseRecord({ id: 'c7', workflowId: 'dispute-case-c7' }),
        caseRecord({ id: 'c8', workflowId: 'dispute-case-c8', awaitedAction: null }),
      ],
      workflows: [
        workflow({ workflowId: 'dispute-case-c6', caseId: 'c6', awaitedAction: 'mediate' }),
        // No task row at all: asked because its case says it awaits a human.
        workflow({ workflowId: 'dispute-case-c7', caseId: 'c7', awaitedAction: 'mediate' }),
        // Awaits no human and has no task: never queried.
        workflow({ workflowId: 'dispute-case-c8', caseId: 'c8', awaitedAction: null }),
      ],
      states: {
        'dispute-case-c6': settledState('c6', { openActions: [] }),
        'dispute-case-c7': settledState('c7', { openActions: [action()] }),
        'dispute-case-c8': settledState('c8', { openActions: [action()] }),
      },
    });
    const report = await service.stuck(ctx, StuckFilters.parse({ kind: 'reconciliation' }));
    expect(report.items.map((i) => [i.caseId, i.subject, i.taskId, i.diagnosis])).toEqual([
      [
        'c6',
        ORPHAN_TASK,
        't-old',
        'task accept-transfer (1-accept-transfer) is open, but the workflow has left it: it is in mediation at L1',
      ],
      [
        'c7',
        ACTION_WITHOUT_TASK,
        null,
        'the workflow awaits mediate (3-mediate) by 0a9e0000-0000-4000-8000-000000000006, but no task is open for it',
      ],
    ]);
  });

  it('leaves alone a case whose terminated run was followed by a new one (a reset), and one still opening', async () => {
    const terminated = workflow({
      workflowId: 'dispute-case-c9',
      caseId: 'c9',
      status: 'TERMINATED',
      closedAt: ago(2 * HOUR).toISOString(),
    });
    const { service, ctx } = setUp({
      open: [
        caseRecord({ id: 'c9', workflowId: 'dispute-case-c9' }),
        caseRecord({ id: 'c10', workflowId: 'dispute-case-c10' }),
        // Opened a minute ago: its workflow ended as it started; the resume sweep has it, not the scan yet.
        caseRecord({ id: 'c11', workflowId: 'dispute-case-c11', status: 'opening', openedAt: ago(60_000) }),
      ],
      workflows: [
        terminated,
        { ...terminated, runId: 'run-2', status: 'RUNNING', closedAt: null },
        workflow({
          workflowId: 'dispute-case-c10',
          caseId: 'c10',
          status: 'FAILED',
          closedAt: ago(HOUR).toISOString(),
        }),
        workflow({
          workflowId: 'dispute-case-c11',
          caseId: 'c11',
          status: 'FAILED',
          closedAt: ago(HOUR).toISOString(),
        }),
      ],
    });
    const report = await service.stuck(ctx, StuckFilters.parse({ kind: 'reconciliation' }));
    expect(report.items.map((i) => [i.caseId, i.diagnosis])).toEqual([['c10', 'case open but workflow FAILED']]);
  });

  it('does not call a task an orphan when the workflow closed it between the reads', async () => {
    const closing = task({ id: 't-old', caseId: 'c6', actionId: '1-accept-transfer', openedAt: ago(50 * HOUR) });
    const { service, ctx } = setUp({
      tasks: [closing],
      secondRead: [],
      open: [caseRecord({ id: 'c6', workflowId: 'dispute-case-c6' })],
      workflows: [workflow({ workflowId: 'dispute-case-c6', caseId: 'c6' })],
      states: { 'dispute-case-c6': settledState('c6', { openActions: [] }) },
    });
    expect((await service.stuck(ctx, StuckFilters.parse({ kind: 'reconciliation' }))).items).toEqual([]);
  });
});

describe('the scan’s cost in Temporal calls', () => {
  /** `healthy` cases waiting on their mediator, on time, and five stuck ones, one of each kind Temporal shows. */
  function town(healthy: number): World {
    const world: World = { tasks: [], open: [], workflows: [], states: {}, failures: {} };
    const add = (
      id: string,
      overrides: { record?: Partial<AdminCaseRecord>; workflow?: Partial<DescribedWorkflow>; task?: OpenTaskRecord },
    ) => {
      const workflowId = `dispute-case-${id}`;
      world.open?.push(caseRecord({ id, workflowId, ...overrides.record }));
      world.workflows?.push(workflow({ workflowId, caseId: id, ...overrides.workflow }));
      if (overrides.task) world.tasks?.push(overrides.task);
    };
    for (let n = 0; n < healthy; n += 1) {
      const id = `h${n}`;
      add(id, {
        task: task({
          id: `t-${id}`,
          caseId: id,
          workflowId: `dispute-case-${id}`,
          kind: 'mediate',
          actionId: '3-mediate',
          level: 'L1',
          agencyId: '0a9e0000-0000-4000-8000-000000000006',
          dueAt: new Date(NOW.getTime() + 20 * DAY),
        }),
      });
    }
    // A timer fired two hours ago and the activity after it keeps failing.
    const passed = ago(2 * HOUR);
    add('fa', {
      record: { nextDeadline: passed },
      workflow: { nextDeadline: passed.toISOString(), pendingActivities: [activity()] },
    });
    // The accept-transfer task was done, and the workflow cannot run the signal (a bad deploy).
    add('wt', {
      record: { awaitedAction: 'accept-transfer' },
      workflow: {
        awaitedAction: 'accept-transfer',
        workflowTask: { attempt: 5, scheduledAt: null, originalScheduledAt: null },
      },
    });
    add('bl', { workflow: { awaitedAction: 'blocked:planCase' } });
    add('dead', { workflow: { status: 'TERMINATED', closedAt: ago(48 * HOUR).toISOString() } });
    add('ot', {
      record: { awaitedAction: 'accept-transfer', nextDeadline: ago(72 * HOUR), currentLevel: 'L2' },
      workflow: { awaitedAction: 'accept-transfer', level: 'L2', nextDeadline: ago(72 * HOUR).toISOString() },
      task: task({
        id: 't-ot',
        caseId: 'ot',
        workflowId: 'dispute-case-ot',
        agencyId: '0a9e0000-0000-4000-8000-000000000006',
      }),
    });
    world.states = { 'dispute-case-bl': blockedState() };
    world.failures = {
      'dispute-case-wt': { at: ago(HOUR).toISOString(), cause: 'non-deterministic-error', message: 'x' },
    };
    // The background health sweep found wt (its deadline is weeks away, so the database does not call it stalled).
    world.troubled = ['dispute-case-wt'];
    return world;
  }

  it('finds every stuck case with the same Temporal calls whether the town has 20 healthy cases or 600', async () => {
    const scans = await Promise.all(
      [20, 600].map(async (healthy) => {
        const { service, ctx, calls } = setUp(town(healthy));
        const report = await service.stuck(ctx, StuckFilters.parse({}));
        return { report, calls };
      }),
    );
    for (const { report, calls } of scans) {
      expect(report.items.map((i) => [i.kind, i.caseId]).sort()).toEqual(
        [
          ['blocked', 'bl'],
          ['failing-activity', 'fa'],
          ['overdue-acceptance', 'ot'],
          ['reconciliation', 'dead'],
          ['workflow-task-failing', 'wt'],
        ].sort(),
      );
      expect([report.complete, report.nextCursor, report.truncated, report.warnings]).toEqual([true, null, false, []]);
      // A healthy case costs Temporal nothing: no describe, no query, no history read.
      expect(
        [...calls.describe, ...calls.state, ...calls.history].filter((id) => id.startsWith('dispute-case-h')),
      ).toEqual([]);
    }
    const [small, large] = scans.map(({ calls }) => ({
      visibility: calls.visibility,
      describe: [...calls.describe].sort(),
      state: [...new Set(calls.state)].sort(),
      history: calls.history,
    }));
    expect(large).toEqual(small);
    expect(small).toEqual({
      // The blocked list, the closed list, and which of the closed workflows (and finished cases) run again now.
      visibility: 3,
      // The sweep's troubled workflow and the cases past their deadline (fa's timer fired, ot's acceptance is late).
      describe: ['dispute-case-fa', 'dispute-case-ot', 'dispute-case-wt'],
      // bl for why it is blocked; the cases whose tasks and awaited action disagree (each awaits a human, no task).
      state: ['dispute-case-bl', 'dispute-case-dead', 'dispute-case-fa', 'dispute-case-wt'],
      history: ['dispute-case-wt'],
    });
  });

  it('says the scan is not complete until the health sweep has finished a whole pass', async () => {
    const world = town(3);
    world.sweep = { lastPassFinishedAt: null, lastPassChecked: 0, lastPassComplete: false };
    const { service, ctx } = setUp(world);
    const report = await service.stuck(ctx, StuckFilters.parse({}));
    expect([report.complete, report.truncated]).toEqual([false, true]);
    expect(report.warnings).toEqual([expect.stringMatching(/health sweep has not finished its first pass/)]);
    // What the database and the sweep so far show is still listed.
    expect(report.items.map((i) => i.caseId)).toEqual(expect.arrayContaining(['fa', 'wt', 'bl', 'dead']));
  });

  it('pages the whole list with a cursor instead of cutting it, and refuses a cursor it did not give', async () => {
    const { service, ctx } = setUp(town(3));
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const report = await service.stuck(ctx, StuckFilters.parse({ limit: '2', ...(cursor ? { cursor } : {}) }));
      seen.push(...report.items.map((i) => `${i.kind}:${i.caseId}`));
      expect(report.counts['failing-activity']).toBe(1);
      expect(report.truncated).toBe(report.nextCursor !== null);
      cursor = report.nextCursor ?? undefined;
      pages += 1;
    } while (cursor);
    expect([pages, seen.length, new Set(seen).size]).toEqual([3, 5, 5]);
    await expect(service.stuck(ctx, StuckFilters.parse({ cursor: 'not-ours' }))).rejects.toMatchObject({ status: 400 });
  });
});

describe('describe', () => {
  it('explains an overdue task with the state, tasks and timeline, and audits the read', async () => {
    const { service, ctx, audits } = setUp({
      open: [caseRecord()],
      workflows: [workflow()],
      states: {
        'dispute-case-c1': settledState('c1', {
          openActions: [action({ actionId: '1-accept-transfer', kind: 'accept-transfer' })],
        }),
      },
      tasks: [task()],
    });
    const described = await service.describe(ctx, 'c1');
    expect(described).toMatchObject({
      caseStatus: 'open',
      workflowStatus: 'RUNNING',
      workflowTask: null,
      openTasks: [{ id: 't1', actionId: '1-accept-transfer', overdueMs: 72 * HOUR, awaitedByWorkflow: true }],
      actionsWithoutTask: [],
      timeline: [{ type: 'case-opened' }],
      diagnosis: 'waiting 3 days past due for accept-transfer by 0a9e0000-0000-4000-8000-000000000005',
    });
    expect(audits).toContainEqual(expect.objectContaining({ action: 'case.admin.describe', objectId: 'c1' }));
  });

  it('shows a failing workflow task first, without waiting on a query it cannot answer', async () => {
    const { service, ctx } = setUp({
      open: [caseRecord()],
      workflows: [
        workflow({ workflowTask: { attempt: 4, scheduledAt: null, originalScheduledAt: ago(HOUR).toISOString() } }),
      ],
      tasks: [task()],
    });
    const described = await service.describe(ctx, 'c1');
    expect(described).toMatchObject({
      state: null,
      workflowTask: { attempt: 4, since: ago(HOUR).toISOString(), cause: null, message: null },
      openTasks: [{ id: 't1', awaitedByWorkflow: null }],
      diagnosis: 'workflow task failing for 1 h (attempt 4): no failure in the recent history',
    });
  });

  it('marks a task the workflow no longer awaits, and names an action with no task', async () => {
    const { service, ctx } = setUp({
      open: [caseRecord()],
      workflows: [workflow()],
      states: { 'dispute-case-c1': settledState('c1', { openActions: [action()] }) },
      tasks: [task({ dueAt: new Date(NOW.getTime() + DAY) })],
    });
    const described = await service.describe(ctx, 'c1');
    expect(described.openTasks).toEqual([expect.objectContaining({ id: 't1', awaitedByWorkflow: false })]);
    expect(described.actionsWithoutTask).toEqual([
      { actionId: '3-mediate', kind: 'mediate', agencyId: '0a9e0000-0000-4000-8000-000000000006' },
    ]);
    expect(described.diagnosis).toBe(
      'the workflow awaits mediate (3-mediate) by 0a9e0000-0000-4000-8000-000000000006, but no task is open for it',
    );
  });

  it('answers 404 for an unknown case', async () => {
    const { service, ctx } = setUp({});
    await expect(service.describe(ctx, 'nope')).rejects.toMatchObject({ status: 404 });
  });
});
