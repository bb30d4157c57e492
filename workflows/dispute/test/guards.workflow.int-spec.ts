/**
 * What the workflow refuses and what it shows without our code: rejected actions leave no trace in history, two
 * people completing one task get one winner, search attributes and the summary tell the case's situation, and a case
 * with hundreds of actions over 180 days keeps each run's history short by continuing as new.
 */
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { CaseSearchAttributes, type DisputeAction } from '@gongzhi/contracts/dispute';
import { type CaseDriver, createDisputeHarness, type DisputeHarness } from './support/harness';
import { AGENCY, STAFF } from './support/town';

const { EventType } = temporal.api.enums.v1;
const UPDATE_ACCEPTED = EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED;

let harness: DisputeHarness;
beforeAll(async () => {
  harness = await createDisputeHarness();
});
afterAll(async () => {
  await harness?.teardown();
});

async function rejection(promise: Promise<unknown>): Promise<{ type?: string; message?: string }> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(WorkflowUpdateFailedError);
  return (error as WorkflowUpdateFailedError).cause as { type?: string; message?: string };
}

async function acceptedUpdates(c: CaseDriver): Promise<number> {
  const history = await c.handle.fetchHistory();
  return (history.events ?? []).filter((e) => e.eventType === UPDATE_ACCEPTED).length;
}

const accept: DisputeAction = { kind: 'accept-transfer', responsibleStaffId: STAFF.villageMediator.staffId };

describe('validation', () => {
  it('rejects the wrong role, the wrong agency, a stale task, bad input and a closed case, leaving no trace in history', async () => {
    const c = await harness.startCase();
    const task = c.task('accept-transfer');
    const act = (actor: (typeof STAFF)[keyof typeof STAFF], action: DisputeAction, actionId?: string) =>
      c.handle.executeUpdate('act', { args: [{ actor, action, ...(actionId ? { actionId } : {}) }] });

    expect(await rejection(act(STAFF.coordinator, accept, task.actionId))).toMatchObject({ type: 'NotAllowed' });
    expect(await rejection(act(STAFF.policeLiaison, accept, task.actionId))).toMatchObject({ type: 'NotAllowed' });
    expect(await rejection(act(STAFF.villageLiaison, accept))).toMatchObject({ type: 'InvalidInput' });
    expect(
      await rejection(
        act(STAFF.villageLiaison, { kind: 'reject-transfer', reason: 'because' as never }, task.actionId),
      ),
    ).toMatchObject({ type: 'InvalidInput' });
    expect(
      await rejection(act(STAFF.coordinator, { kind: 'decide', decision: 'escalate' }, task.actionId)),
    ).toMatchObject({
      type: 'IllegalAction',
    });
    expect(
      await rejection(act(STAFF.villageMediator, { kind: 'add-joint-agencies', agencyIds: [AGENCY.police] })),
    ).toMatchObject({
      type: 'NotAllowed',
    });
    // Free text where an instant or an id belongs is refused: it could carry a name or a number into the history.
    expect(
      await rejection(
        act(STAFF.villageLiaison, { kind: 'accept-transfer', responsibleStaffId: 'Zhang San' }, task.actionId),
      ),
    ).toMatchObject({ type: 'InvalidInput' });
    expect(await acceptedUpdates(c)).toBe(0);

    await act(STAFF.villageLiaison, accept, task.actionId);
    const mediateTask = c.task('mediate');
    expect(
      await rejection(
        act(
          STAFF.villageMediator,
          { kind: 'record-session', heldAt: 'Jan 1 2026 (Zhang San 110101199001011234)' },
          mediateTask.actionId,
        ),
      ),
    ).toMatchObject({ type: 'InvalidInput' });
    const stale = await rejection(act(STAFF.villageLiaison, accept, task.actionId));
    expect(stale).toMatchObject({ type: 'StaleTask' });
    expect(stale.message).toMatch(/no longer open/);

    await c.act(STAFF.coordinator, { kind: 'withdraw' });
    // A closed case's workflow has ended: nothing more reaches it.
    await expect(c.act(STAFF.coordinator, { kind: 'withdraw' })).rejects.toThrow();
    expect(await acceptedUpdates(c)).toBe(2);
    expect(JSON.stringify((await c.handle.fetchHistory()).events)).not.toContain('Zhang San');
    expect(c.types().filter((t) => t === 'transfer-accepted')).toHaveLength(1);
  });

  it('lets exactly one of two liaisons accepting at once win', async () => {
    const c = await harness.startCase();
    const { actionId } = c.task('accept-transfer');
    const other = { ...STAFF.villageLiaison, staffId: '5aff0000-0000-4000-8000-000000000099' };
    const results = await Promise.allSettled([
      c.handle.executeUpdate('act', { args: [{ actor: STAFF.villageLiaison, actionId, action: accept }] }),
      c.handle.executeUpdate('act', { args: [{ actor: other, actionId, action: accept }] }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(c.types().filter((t) => t === 'transfer-accepted')).toHaveLength(1);
    expect(c.tasks().filter((t) => t.kind === 'mediate')).toHaveLength(1);
  });
});

describe('a person’s click', () => {
  it('waits on no activity task: agency-service’s reads and the commit run as local activities in the worker', async () => {
    const c = await harness.startCase();
    await c.act(STAFF.villageLiaison, accept, 'accept-transfer');
    const events = (await c.handle.fetchHistory()).events ?? [];
    const accepted = events.findIndex((e) => e.eventType === UPDATE_ACCEPTED);
    const completed = events.findIndex(
      (e, i) => i > accepted && e.eventType === EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_COMPLETED,
    );
    const during = events.slice(accepted, completed);
    const scheduled = during.flatMap((e) =>
      e.eventType === EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED
        ? [e.activityTaskScheduledEventAttributes?.activityType?.name]
        : [],
    );
    expect(scheduled).toEqual([]);
    // The responsible mediator's account, the level's two deadlines and the commit: markers of local activities.
    expect(during.filter((e) => e.eventType === EventType.EVENT_TYPE_MARKER_RECORDED).length).toBeGreaterThanOrEqual(4);
    // One workflow task took the Update in and answered it.
    expect(during.filter((e) => e.eventType === EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED)).toHaveLength(0);
    expect(harness.recorded.tasksOf(c.caseId).some((t) => t.kind === 'mediate' && t.status === 'open')).toBe(true);
  });
});

describe('a side effect that retrying cannot fix', () => {
  it('keeps the case waiting, with the problem in its state, until the town gets the missing agency', async () => {
    const court = harness.recorded.town.agencies.find((a) => a.kind === 'court');
    harness.recorded.town.agencies = harness.recorded.town.agencies.filter((a) => a.kind !== 'court');
    try {
      const c = await harness.startCase({}, { waitForPlan: false });
      // Mid-change (planning) and staying there: the state is read without waiting for it to settle.
      const blocked = await c.until((s) => s.blocked !== null, 'the blocked planning', { settled: false });
      expect(blocked.phase).toBe('planning');
      expect(blocked.blocked).toMatchObject({ activity: 'planCase', type: 'AgencyMissing' });
      expect(blocked.blocked?.message).toMatch(/has no court agency/);
      const { typedSearchAttributes } = await c.handle.describe();
      expect(typedSearchAttributes.get(CaseSearchAttributes.awaitedAction)).toBe('blocked:planCase');

      if (court) harness.recorded.town.agencies.push(court);
      await c.pass('2 minutes');
      const planned = await c.until((s) => s.phase === 'transfer', 'planning after the fix');
      expect(planned.blocked).toBeNull();
      expect(c.types()).toEqual(['route-planned', 'transfer-requested']);
      // Committed as recorded before the backoff became wakeable by retry-now: it proves blocked cases replay.
      await c.keepHistory('blocked-then-fixed');
    } finally {
      if (court && !harness.recorded.town.agencies.includes(court)) harness.recorded.town.agencies.push(court);
    }
  });
});

describe('visibility without our code', () => {
  it('keeps level, phase, agency, awaited action and next deadline in search attributes, with a readable summary', async () => {
    const c = await harness.startCase();
    await c.act(STAFF.villageLiaison, accept, 'accept-transfer');
    const state = await c.state();
    const { typedSearchAttributes } = await c.handle.describe();
    expect(typedSearchAttributes.get(CaseSearchAttributes.level)).toBe('L1');
    expect(typedSearchAttributes.get(CaseSearchAttributes.phase)).toBe('mediation');
    expect(typedSearchAttributes.get(CaseSearchAttributes.agency)).toBe(AGENCY.shangbaCommittee);
    expect(typedSearchAttributes.get(CaseSearchAttributes.awaitedAction)).toBe('mediate');
    expect(typedSearchAttributes.get(CaseSearchAttributes.nextDeadline)?.toISOString()).toBe(
      state.clocks.mediation?.dueAt,
    );
    const metadata = (await c.handle.query('__temporal_workflow_metadata')) as { currentDetails?: string };
    expect(metadata.currentDetails).toContain('**L1** mediation-committee · mediation · waiting for mediate');
  });
});

describe('long cases', () => {
  it('keeps every run’s history short over 180 days and 300 actions, carrying the state across continue-as-new', async () => {
    const c = await harness.startCase();
    await c.act(STAFF.villageLiaison, accept, 'accept-transfer');
    let sent = 0;
    for (let month = 0; month < 6; month += 1) {
      for (let i = 0; i < 50; i += 1) {
        const heldAt = new Date(Date.now() - 1000).toISOString();
        await c.act(STAFF.villageMediator, { kind: 'record-session', heldAt }, 'mediate');
        sent += 1;
      }
      await c.pass('30 days');
      // Whenever the clock runs out the coordinators give the mediator more time.
      if ((await c.until(() => true)).phase === 'awaiting-decision') {
        await c.act(STAFF.coordinator, { kind: 'decide', decision: 'extend', extendDays: 60 }, 'decide-escalation');
      }
    }
    const state = await c.until((s) => s.runs >= 2, 'continue-as-new');
    expect(sent).toBe(300);
    expect(state.levels[0]?.sessions).toBe(300);
    expect(c.types().filter((t) => t === 'session-recorded')).toHaveLength(300);
    // Nothing was doubled across runs: every task was opened once.
    expect(new Set(c.tasks().map((t) => t.actionId)).size).toBe(c.tasks().length);
    const history = await c.handle.fetchHistory();
    expect(history.events?.length ?? 0).toBeLessThan(2_500);
  });

  it('starts the next run from the carried state: the same tasks, clocks and sequences, nothing opened twice', async () => {
    // A small history limit, so a few actions continue the case as new and the next run's history stays short.
    const c = await harness.startCase({ historyEventLimit: 60 });
    await c.act(STAFF.villageLiaison, accept, 'accept-transfer');
    const before = await c.until((s) => s.phase === 'mediation', 'the acceptance');
    for (let i = 0; i < 6 && (await c.until(() => true)).runs < 2; i += 1) {
      await c.act(
        STAFF.villageMediator,
        { kind: 'record-session', heldAt: new Date(Date.now() - 1000).toISOString() },
        'mediate',
      );
    }
    const continued = await c.until((s) => s.runs >= 2, 'continue-as-new');
    expect(continued.clocks.mediation).toEqual(before.clocks.mediation);
    expect(continued.openActions.map((a) => a.actionId)).toEqual(before.openActions.map((a) => a.actionId));
    // The new run carries on: one more session, recorded once, under the same mediate task.
    await c.act(
      STAFF.villageMediator,
      { kind: 'record-session', heldAt: new Date(Date.now() - 1000).toISOString() },
      'mediate',
    );
    const after = await c.until(
      (s) => (s.levels[0]?.sessions ?? 0) > (continued.levels[0]?.sessions ?? 0),
      'the session',
    );
    expect(after.runs).toBeGreaterThanOrEqual(2);
    expect(new Set(c.tasks().map((t) => t.actionId)).size).toBe(c.tasks().length);
    expect(c.types().filter((t) => t === 'session-recorded')).toHaveLength(after.levels[0]?.sessions ?? -1);
    await c.keepHistory('continued-as-new');
  });
});
