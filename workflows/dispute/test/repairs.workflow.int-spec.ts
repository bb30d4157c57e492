/**
 * Administrators' repairs through the `repair` Update, on the time-skipping test server: a blocked side effect tried
 * again at once, a task handed over or issued again, 督办 sent again, a deadline moved — each what a case needs to
 * move again, each refused without a trace when it does not fit.
 */
import { WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { type DisputeState, type RepairInput, repairUpdate, type WorkflowRepair } from '@gongzhi/contracts/dispute';
import { type CaseDriver, createDisputeHarness, type DisputeHarness } from './support/harness';
import { AGENCY, STAFF } from './support/town';

const UPDATE_ACCEPTED = temporal.api.enums.v1.EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED;
const ADMIN = '5aff0000-0000-4000-8000-000000000091';

let harness: DisputeHarness;
beforeAll(async () => {
  harness = await createDisputeHarness();
});
afterAll(async () => {
  await harness?.teardown();
});

let repairs = 0;
function repair(c: CaseDriver, what: WorkflowRepair): Promise<DisputeState> {
  repairs += 1;
  const input: RepairInput = { actorId: ADMIN, repairId: `repair-${repairs}`, repair: what };
  return c.handle.executeUpdate(repairUpdate, { args: [input] });
}

async function refusal(promise: Promise<unknown>): Promise<{ type?: string; message?: string }> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(WorkflowUpdateFailedError);
  return (error as WorkflowUpdateFailedError).cause as { type?: string; message?: string };
}

function repairedEvents(c: CaseDriver) {
  return harness.recorded.timelineOf(c.caseId).filter((e) => e.type === 'repaired');
}

async function overdueTransfer(): Promise<CaseDriver> {
  const c = await harness.startCase();
  await c.pass('5 days');
  await c.until((s) => s.openActions.some((a) => a.kind === 'urge-acceptance'), 'the urging task');
  return c;
}

describe('retry now', () => {
  it('tries a blocked side effect again at once, without waiting for its backoff, and the case moves on', async () => {
    const court = harness.recorded.town.agencies.find((a) => a.kind === 'court');
    harness.recorded.town.agencies = harness.recorded.town.agencies.filter((a) => a.kind !== 'court');
    try {
      const c = await harness.startCase({}, { waitForPlan: false });
      const blocked = await c.until((s) => s.blocked !== null, 'the blocked planning', { settled: false });
      expect(await refusal(repair(c, { kind: 'resend-urging' }))).toMatchObject({
        type: 'IllegalAction',
        message: expect.stringMatching(/blocked on planCase: fix the cause and retry it first/),
      });

      // Still broken: the retry happens now, fails again, and says so.
      const stillBlocked = await repair(c, { kind: 'retry-now' });
      expect(stillBlocked.blocked).toMatchObject({ activity: 'planCase', since: blocked.blocked?.since });
      expect(stillBlocked.blocked?.retryAt).not.toBe(blocked.blocked?.retryAt);

      if (court) harness.recorded.town.agencies.push(court);
      // Test-server time does not move while the Update waits: only the repair can have ended the backoff.
      const before = Date.parse((await c.state()).blocked?.retryAt ?? '');
      const after = await repair(c, { kind: 'retry-now' });
      expect(after.blocked).toBeNull();
      const planned = await c.until((s) => s.phase === 'transfer', 'planning after the retry');
      expect(Date.parse(planned.levels[0]?.enteredAt ?? '')).toBeLessThan(before);
      expect(planned.level).toBe('L1');
      expect(c.types()).toEqual(['route-planned', 'transfer-requested']);
      await c.keepHistory('repair-retry-now');
    } finally {
      if (court && !harness.recorded.town.agencies.includes(court)) harness.recorded.town.agencies.push(court);
    }
  });

  it('is refused when nothing is blocked', async () => {
    const c = await harness.startCase();
    expect(await refusal(repair(c, { kind: 'retry-now' }))).toMatchObject({ type: 'IllegalAction' });
  });
});

describe('extend a deadline', () => {
  it('gives an overdue transfer more time: the urging is withdrawn and the acceptance clock runs again', async () => {
    const c = await overdueTransfer();
    const accept = c.task('accept-transfer');
    const urge = c.task('urge-acceptance');

    const after = await repair(c, {
      kind: 'extend-deadline',
      actionId: accept.actionId,
      clock: { amount: 3, unit: 'calendar-days' },
    });
    expect(after.clocks.acceptance?.expiredAt).toBeUndefined();
    const renewed = c.task('accept-transfer');
    expect(renewed.actionId).not.toBe(accept.actionId);
    // Overdue already: the three days count from the repair, not from the missed deadline.
    expect(renewed.dueAt).toBe(after.clocks.acceptance?.dueAt);
    expect(Date.parse(renewed.dueAt ?? '')).toBeGreaterThan(Date.parse(accept.dueAt ?? '') + 3 * 86_400_000);
    expect(c.tasks().find((t) => t.actionId === urge.actionId)?.status).toBe('cancelled');
    expect(c.tasks().find((t) => t.actionId === accept.actionId)?.status).toBe('cancelled');
    expect(repairedEvents(c).at(-1)?.details).toMatchObject({
      repair: 'extend-deadline',
      actionId: accept.actionId,
      newActionId: renewed.actionId,
      dueAt: renewed.dueAt,
    });

    // The new deadline is a real one: missed again, the coordinators are asked to urge again.
    await c.pass('4 days');
    await c.until((s) => s.openActions.some((a) => a.kind === 'urge-acceptance'), 'the second urging task');
    expect(c.types().filter((t) => t === 'transfer-overdue')).toHaveLength(2);
    await c.keepHistory('repair-extend-acceptance');
  });

  it('answers a mediation clock that ran out: back to mediating, and the coordinators are no longer asked', async () => {
    const c = await harness.startCase();
    await c.act(
      STAFF.villageMediator,
      { kind: 'accept-transfer', responsibleStaffId: STAFF.villageMediator.staffId },
      'accept-transfer',
    );
    await c.pass('33 days');
    await c.until((s) => s.phase === 'awaiting-decision', 'the expired mediation clock');
    const mediate = c.task('mediate');
    const decide = c.task('decide-escalation');

    const after = await repair(c, {
      kind: 'extend-deadline',
      actionId: mediate.actionId,
      clock: { amount: 10, unit: 'working-days' },
    });
    expect(after.phase).toBe('mediation');
    expect(c.tasks().find((t) => t.actionId === decide.actionId)?.status).toBe('cancelled');
    const renewed = c.task('mediate');
    expect(renewed).toMatchObject({ assigneeStaffId: STAFF.villageMediator.staffId });
    expect(renewed.dueAt).toBe(after.clocks.mediation?.dueAt);
    expect(Date.parse(renewed.dueAt ?? '')).toBeGreaterThan(Date.now() + 10 * 86_400_000);

    // The mediator carries on under the new deadline.
    await c.act(STAFF.villageMediator, { kind: 'record-agreement' }, 'mediate');
    await c.until((s) => s.phase === 'follow-up', 'the agreement');
    await c.keepHistory('repair-extend-mediation');
  });
});

describe('tasks', () => {
  it('issues a task again under a new id, and the receiving agency still accepts through it', async () => {
    const c = await harness.startCase();
    const accept = c.task('accept-transfer');
    await repair(c, { kind: 'reopen-task', actionId: accept.actionId });
    const reopened = c.task('accept-transfer');
    expect(reopened.actionId).not.toBe(accept.actionId);
    expect(reopened).toMatchObject({ agencyId: accept.agencyId, dueAt: accept.dueAt, roles: accept.roles });
    expect(c.tasks().find((t) => t.actionId === accept.actionId)?.status).toBe('cancelled');

    await c.act(
      STAFF.villageLiaison,
      { kind: 'accept-transfer', responsibleStaffId: STAFF.villageMediator.staffId },
      'accept-transfer',
    );
    await c.until((s) => s.phase === 'mediation', 'the acceptance');
    await c.keepHistory('repair-reopen-task');
  });

  it('hands any open task to a named person, who may then act on it', async () => {
    const c = await harness.startCase();
    const accept = c.task('accept-transfer');
    const other = STAFF.otherVillageMediator;
    await repair(c, { kind: 'reassign-task', actionId: accept.actionId, toStaffId: other.staffId });
    expect(c.task('accept-transfer').actionId).toBe(accept.actionId);
    const handedOver = harness.recorded.timelineOf(c.caseId).find((e) => e.type === 'task-reassigned');
    expect(handedOver).toMatchObject({
      actor: ADMIN,
      details: { actionId: accept.actionId, toStaffId: other.staffId, repair: 'reassign-task' },
    });
    expect(
      await refusal(repair(c, { kind: 'reassign-task', actionId: accept.actionId, toStaffId: other.staffId })),
    ).toMatchObject({ type: 'IllegalAction' });
    await c.act(other, { kind: 'accept-transfer', responsibleStaffId: other.staffId }, 'accept-transfer');
    await c.until((s) => s.responsibleStaffId === other.staffId, 'the acceptance by the new holder');
    await c.keepHistory('repair-reassign-task');
  });
});

describe('urge again', () => {
  it('sends the coordinators a fresh urging task and reminds the agency, only once the transfer is overdue', async () => {
    const early = await harness.startCase();
    expect(await refusal(repair(early, { kind: 'resend-urging' }))).toMatchObject({ type: 'IllegalAction' });

    const c = await overdueTransfer();
    const first = c.task('urge-acceptance');
    await repair(c, { kind: 'resend-urging' });
    const second = c.task('urge-acceptance');
    expect(second.actionId).not.toBe(first.actionId);
    expect(second).toMatchObject({ agencyId: AGENCY.centre, reason: 'urged-again-by-administrator' });
    expect(c.tasks().find((t) => t.actionId === first.actionId)?.status).toBe('cancelled');
    expect(c.tasks().filter((t) => t.kind === 'urge-acceptance' && t.status === 'open')).toHaveLength(1);
    expect(c.task('accept-transfer').remindedAt).not.toBeNull();
    expect(repairedEvents(c).at(-1)).toMatchObject({
      actor: ADMIN,
      details: { repair: 'resend-urging', newActionId: second.actionId },
    });
    await c.keepHistory('repair-resend-urging');
  });
});

describe('refusals', () => {
  it('refuses a stale task and bad input leaving no trace in history, and an ended case refuses any repair', async () => {
    const c = await harness.startCase();
    const accept = c.task('accept-transfer');
    expect(await refusal(repair(c, { kind: 'reopen-task', actionId: 'no-such-task' }))).toMatchObject({
      type: 'StaleTask',
    });
    expect(
      await refusal(
        repair(c, { kind: 'extend-deadline', actionId: accept.actionId, clock: { amount: 0, unit: 'working-days' } }),
      ),
    ).toMatchObject({ type: 'InvalidInput' });
    expect(
      await refusal(
        c.handle.executeUpdate(repairUpdate, {
          args: [{ actorId: 'Zhang San 13800138000', repairId: 'r', repair: { kind: 'resend-urging' } }],
        }),
      ),
    ).toMatchObject({ type: 'InvalidInput' });
    const history = await c.handle.fetchHistory();
    expect((history.events ?? []).filter((e) => e.eventType === UPDATE_ACCEPTED)).toHaveLength(0);

    // A closed case's workflow has ended: Temporal itself refuses any further Update.
    await c.act(STAFF.villageMediator, { kind: 'withdraw' });
    await c.handle.result();
    await expect(repair(c, { kind: 'reopen-task', actionId: accept.actionId })).rejects.toBeInstanceOf(
      WorkflowNotFoundError,
    );
  });
});
