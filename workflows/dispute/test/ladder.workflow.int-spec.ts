/**
 * The ladder: transfers with their acceptance clocks, mediation with its clock, coordinators' decisions, escalation
 * to the end of the route — each test checks what people would see (tasks, timeline, case record), not just the end.
 */
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { reassignUpdate } from '@gongzhi/contracts/dispute';
import { type CaseDriver, createDisputeHarness, type DisputeHarness } from './support/harness';
import { AGENCY, POLICY, STAFF } from './support/town';

const DAY = 86_400_000;
const SHANGHAI = 8 * 3_600_000;
const shanghaiDayNumber = (at: number) => Math.floor((at + SHANGHAI) / DAY);
const isWeekendDay = (dayNumber: number) => [0, 6].includes(new Date(dayNumber * DAY).getUTCDay());

/**
 * How a deadline ends a period of `days` calendar days started at `startedAt`, in Asia/Shanghai: whether at the last
 * instant of its day, how many days after the start's date counting alone ends (`daysAfterStart`, the days a
 * weekend moved it on taken off again), and whether it ends on a weekend (the test calendar rests on weekends only).
 */
function periodEndOf(startedAt: string | undefined, dueAt: string | null | undefined, days: number) {
  const due = Date.parse(dueAt ?? '');
  const dueDay = shanghaiDayNumber(due);
  const countedDay = shanghaiDayNumber(Date.parse(startedAt ?? '')) + days;
  const movedOver = Array.from({ length: Math.max(dueDay - countedDay, 0) }, (_, i) => countedDay + i);
  return {
    endOfDay: (due + SHANGHAI) % DAY === DAY - 1,
    daysAfterStart: movedOver.every(isWeekendDay) ? days + (dueDay - countedDay - movedOver.length) : NaN,
    weekend: isWeekendDay(dueDay),
  };
}

let harness: DisputeHarness;
beforeAll(async () => {
  harness = await createDisputeHarness();
});
afterAll(async () => {
  await harness?.teardown();
});

async function accept(c: CaseDriver, liaison: (typeof STAFF)[keyof typeof STAFF], mediator: string) {
  return c.act(liaison, { kind: 'accept-transfer', responsibleStaffId: mediator }, 'accept-transfer');
}

describe('a neighbours’ dispute on the default route', () => {
  it('plans L1 → L2 → L3 → L4 and asks the village committee to accept within 2 working days', async () => {
    const c = await harness.startCase();
    const state = await c.state();
    expect(state.plan?.route.map((s) => s.level)).toEqual(['L1', 'L2', 'L3', 'L4']);
    expect(state.policyVersion).toBe(3);
    expect(state).toMatchObject({ level: 'L1', phase: 'transfer', agencyId: AGENCY.shangbaCommittee });
    expect(c.types()).toEqual(['route-planned', 'transfer-requested']);
    const task = c.task('accept-transfer');
    expect(task).toMatchObject({
      agencyId: AGENCY.shangbaCommittee,
      roles: ['liaison', 'mediator'],
      rule: 'acceptance rule',
    });
    expect(task.dueAt).toBe(state.clocks.acceptance?.dueAt);
    expect(harness.recorded.progressOf(c.caseId)).toMatchObject({
      level: 'L1',
      phase: 'transfer',
      awaitedAction: 'accept-transfer',
    });
  });

  it('runs the mediation clock from acceptance, asks the coordinator when it runs out, and escalates on approval', async () => {
    const c = await harness.startCase();
    const accepted = await accept(c, STAFF.villageLiaison, STAFF.villageMediator.staffId);
    expect(accepted).toMatchObject({ phase: 'mediation', responsibleStaffId: STAFF.villageMediator.staffId });
    const mediate = c.task('mediate');
    expect(mediate).toMatchObject({
      assigneeStaffId: STAFF.villageMediator.staffId,
      dueAt: accepted.clocks.mediation?.dueAt,
    });
    // 30 days from the acceptance: to 24:00 of the 30th day after it, or of the Monday after when that is a weekend.
    expect(periodEndOf(accepted.clocks.mediation?.startedAt, mediate.dueAt, 30)).toEqual({
      endOfDay: true,
      daysAfterStart: 30,
      weekend: false,
    });

    await c.act(
      STAFF.villageMediator,
      { kind: 'record-session', heldAt: new Date(Date.now() - 1000).toISOString() },
      'mediate',
    );
    await c.pass('33 days');
    const waiting = await c.until((s) => s.phase === 'awaiting-decision', 'the coordinator’s decision');
    expect(c.task('decide-escalation')).toMatchObject({
      agencyId: AGENCY.centre,
      roles: ['coordinator'],
      reason: 'clock-expired',
    });
    expect(waiting.levels[0]?.sessions).toBe(1);

    const escalated = await c.act(STAFF.coordinator, { kind: 'decide', decision: 'escalate' }, 'decide-escalation');
    expect(escalated).toMatchObject({ level: 'L2', phase: 'transfer', agencyId: AGENCY.police });
    expect(c.types()).toEqual([
      'route-planned',
      'transfer-requested',
      'transfer-accepted',
      'session-recorded',
      'mediation-clock-expired',
      'decision-made',
      'escalated',
      'transfer-requested',
    ]);
    // The village's mediate task is cancelled, not left dangling; the police's acceptance task is open.
    expect(c.tasks().map((t) => [t.kind, t.status])).toEqual([
      ['accept-transfer', 'completed'],
      ['mediate', 'cancelled'],
      ['decide-escalation', 'completed'],
      ['accept-transfer', 'open'],
    ]);
    expect(escalated.levels.map((l) => [l.level, l.outcome])).toEqual([
      ['L1', 'escalated'],
      ['L2', null],
    ]);
    await c.keepHistory('clock-expired-escalated');
  });

  it('ends every clock at 24:00 of its last day, moved off a rest day, whatever the hour it started (periods patch)', async () => {
    const c = await harness.startCase();
    const transfer = await c.state();
    const acceptance = transfer.clocks.acceptance;
    // 2 working days: to the end of the second working day after the transfer's date.
    expect(periodEndOf(acceptance?.startedAt, acceptance?.dueAt, 0)).toMatchObject({ endOfDay: true, weekend: false });
    expect(c.task('accept-transfer').dueAt).toBe(acceptance?.dueAt);
    await c.pass('7 hours');
    const accepted = await accept(c, STAFF.villageLiaison, STAFF.villageMediator.staffId);
    const mediation = accepted.clocks.mediation;
    expect(periodEndOf(mediation?.startedAt, mediation?.dueAt, 30)).toEqual({
      endOfDay: true,
      daysAfterStart: 30,
      weekend: false,
    });
    expect(c.task('mediate').dueAt).toBe(mediation?.dueAt);
    expect(harness.recorded.progressOf(c.caseId)?.nextDeadline).toBe(mediation?.dueAt);
    // Not run out on the evening of its last day: only after 24:00.
    await c.passUntil(Date.parse(mediation?.dueAt ?? '') - 3_600_000);
    expect((await c.state()).phase).toBe('mediation');
    await c.pass('2 hours');
    await c.until((s) => s.phase === 'awaiting-decision', 'the clock to run out after 24:00');
    await c.keepHistory('periods-end-at-day-end');
  });

  it('ends working-day deadlines when the office closes, where the town set closing times; periods still at 24:00', async () => {
    const localTime = (at: string | undefined) => new Date(Date.parse(at ?? '') + SHANGHAI).toISOString().slice(11, 16);
    harness.recorded.town.policy = {
      ...POLICY,
      officeClosing: { closesAt: '17:30', agencies: [{ agencyId: AGENCY.police, closesAt: '17:00' }] },
    };
    try {
      const c = await harness.startCase({ risks: ['group-dispute'] }); // starts at the police (L2)
      const transfer = await c.state();
      // The police's 2 working days to accept, and its 3 to hold the first session, end at its 17:00.
      expect(localTime(transfer.clocks.acceptance?.dueAt)).toBe('17:00');
      expect(c.task('accept-transfer').dueAt).toBe(transfer.clocks.acceptance?.dueAt);
      const accepted = await accept(c, STAFF.policeLiaison, STAFF.policeMediator.staffId);
      expect(localTime(accepted.clocks.firstSession?.dueAt)).toBe('17:00');
      // The 30-day mediation clock is a period of the law: 24:00 of its last day.
      expect(localTime(accepted.clocks.mediation?.dueAt)).toBe('23:59');
      // The coordinators' 2 working days to decide end at the town's 17:30.
      await c.act(STAFF.policeMediator, { kind: 'request-escalation' }, 'mediate');
      expect(localTime(c.task('decide-escalation').dueAt ?? undefined)).toBe('17:30');
      await c.keepHistory('office-closing-times');
    } finally {
      harness.recorded.town.policy = POLICY;
    }
  });

  it('shows the police’s first session as the next deadline until one is held, then the mediation clock', async () => {
    const c = await harness.startCase({ risks: ['group-dispute'] }); // starts at the police (L2)
    const accepted = await accept(c, STAFF.policeLiaison, STAFF.policeMediator.staffId);
    const { firstSession, mediation } = accepted.clocks;
    expect(firstSession).not.toBeNull();
    expect(Date.parse(firstSession?.dueAt ?? '')).toBeLessThan(Date.parse(mediation?.dueAt ?? ''));
    // The acceptance deadline, met, is behind the case: the first session is what is ahead.
    await c.until(() => harness.recorded.progressOf(c.caseId)?.nextDeadline === firstSession?.dueAt, 'the record');
    await c.act(
      STAFF.policeMediator,
      { kind: 'record-session', heldAt: new Date(Date.now() - 1000).toISOString() },
      'mediate',
    );
    await c.until(() => harness.recorded.progressOf(c.caseId)?.nextDeadline === mediation?.dueAt, 'the record');
    await c.keepHistory('first-session-next-deadline');
  });

  it('reminds at half time, then has the coordinator urge while the acceptance clock keeps counting', async () => {
    const c = await harness.startCase();
    // Half of 2 working days to the end of the second: at most 2.5 days (from early on a Friday to Tuesday's end).
    await c.pass('3 days');
    await c.until((s) => Boolean(s.clocks.acceptance?.remindedAt), 'the reminder');
    expect(c.task('accept-transfer').remindedAt).not.toBeNull();
    await c.pass('5 days');
    await c.until((s) => s.openActions.some((a) => a.kind === 'urge-acceptance'), 'the urging task');
    expect(c.task('urge-acceptance')).toMatchObject({ agencyId: AGENCY.centre, reason: 'acceptance-overdue' });
    await c.act(STAFF.coordinator, { kind: 'record-urging' }, 'urge-acceptance');

    const late = await accept(c, STAFF.villageLiaison, STAFF.villageMediator.staffId);
    expect(late.phase).toBe('mediation');
    expect(c.types()).toEqual([
      'route-planned',
      'transfer-requested',
      'transfer-reminder',
      'transfer-overdue',
      'transfer-urged',
      'transfer-accepted',
    ]);
    const accepted = harness.recorded.timelineOf(c.caseId).find((e) => e.type === 'transfer-accepted');
    expect(accepted?.details.onTime).toBe(false);
    await c.keepHistory('acceptance-reminded-urged-late');
  });

  it('urges again one working day after the coordinators urged, while the agency still has not answered', async () => {
    const c = await harness.startCase();
    await c.pass('6 days'); // 2 working days to the end of the second: under 5 days, whatever the weekday
    await c.until((s) => s.openActions.some((a) => a.kind === 'urge-acceptance'), 'the urging task');
    await c.act(STAFF.coordinator, { kind: 'record-urging' }, 'urge-acceptance');
    await c.pass('5 days'); // one working day to its end, whatever the weekday
    await c.until((s) => s.openActions.some((a) => a.kind === 'urge-acceptance'), 'the second urging task');
    expect(c.task('urge-acceptance').reason).toBe('still-not-accepted');
    expect(
      c
        .tasks()
        .filter((t) => t.kind === 'urge-acceptance')
        .map((t) => t.status),
    ).toEqual(['completed', 'open']);
    await c.act(
      STAFF.villageLiaison,
      { kind: 'accept-transfer', responsibleStaffId: STAFF.villageMediator.staffId },
      'accept-transfer',
    );
    expect(
      c
        .tasks()
        .filter((t) => t.kind === 'urge-acceptance')
        .map((t) => t.status),
    ).toEqual(['completed', 'cancelled']);
    await c.keepHistory('acceptance-urged-again');
  });

  it('hands a sick mediator’s case to a colleague when a supervisor reassigns the mediate task', async () => {
    const c = await harness.startCase();
    await accept(c, STAFF.villageLiaison, STAFF.villageMediator.staffId);
    const mediate = c.task('mediate');
    const reassign = (actor: (typeof STAFF)[keyof typeof STAFF], toStaffId: string) =>
      c.handle.executeUpdate(reassignUpdate, { args: [{ actor, actionId: mediate.actionId, toStaffId }] });
    // A fellow mediator may not take a colleague's case by themselves.
    await expect(reassign(STAFF.otherVillageMediator, STAFF.otherVillageMediator.staffId)).rejects.toThrow(
      WorkflowUpdateFailedError,
    );
    const after = await reassign(STAFF.villageLiaison, STAFF.otherVillageMediator.staffId);
    expect(after.responsibleStaffId).toBe(STAFF.otherVillageMediator.staffId);
    expect(after.openActions[0]?.assigneeStaffId).toBe(STAFF.otherVillageMediator.staffId);
    expect(after.levels[0]?.responsibleStaffId).toBe(STAFF.otherVillageMediator.staffId);
    const event = harness.recorded.timelineOf(c.caseId).at(-1);
    expect(event).toMatchObject({
      type: 'task-reassigned',
      actor: STAFF.villageLiaison.staffId,
      details: { fromStaffId: STAFF.villageMediator.staffId, toStaffId: STAFF.otherVillageMediator.staffId },
    });
    await c.keepHistory('mediate-task-reassigned');
  });

  it('bounces a rejected transfer back to the sender, who re-routes it', async () => {
    const c = await harness.startCase();
    await accept(c, STAFF.villageLiaison, STAFF.villageMediator.staffId);
    await c.act(STAFF.villageMediator, { kind: 'request-escalation' }, 'mediate');
    expect(c.task('decide-escalation').reason).toBe('early-request');
    await c.act(STAFF.coordinator, { kind: 'decide', decision: 'escalate' }, 'decide-escalation');

    // At the police only a liaison answers a transfer.
    await expect(
      c.act(STAFF.policeMediator, { kind: 'reject-transfer', reason: 'wrong-agency-kind' }, 'accept-transfer'),
    ).rejects.toThrow(WorkflowUpdateFailedError);
    const bounced = await c.act(
      STAFF.policeLiaison,
      { kind: 'reject-transfer', reason: 'wrong-agency-kind' },
      'accept-transfer',
    );
    expect(bounced.phase).toBe('transfer-rejected');
    // Back to the sender: the village committee that escalated it.
    expect(c.task('handle-rejection')).toMatchObject({
      agencyId: AGENCY.shangbaCommittee,
      reason: 'wrong-agency-kind',
    });
    const rerouted = await c.act(STAFF.villageMediator, { kind: 'reroute', toLevel: 'L3' }, 'handle-rejection');
    expect(rerouted).toMatchObject({ level: 'L3', phase: 'transfer', agencyId: AGENCY.judicialOffice });
    expect(rerouted.levels.map((l) => [l.level, l.outcome])).toEqual([
      ['L1', 'escalated'],
      ['L2', 'rejected'],
      ['L3', null],
    ]);
    expect(c.types().slice(-4)).toEqual(['transfer-requested', 'transfer-rejected', 'rerouted', 'transfer-requested']);
    await c.keepHistory('transfer-rejected-rerouted');
  });

  it('enters each level with its side effects side by side, the timeline still in order (level-entry patch)', async () => {
    const c = await harness.startCase();
    // The first task is open with the route and the transfer on the timeline, in that order.
    expect(c.task('accept-transfer').agencyId).toBe(AGENCY.shangbaCommittee);
    expect(c.types().slice(0, 2)).toEqual(['route-planned', 'transfer-requested']);
    await accept(c, STAFF.villageLiaison, STAFF.villageMediator.staffId);
    await c.act(STAFF.villageMediator, { kind: 'request-escalation' }, 'mediate');
    const escalated = await c.act(STAFF.coordinator, { kind: 'decide', decision: 'escalate' }, 'decide-escalation');
    // The next level's transfer, with its task, as before the patch.
    expect(escalated).toMatchObject({ level: 'L2', phase: 'transfer' });
    expect(c.task('accept-transfer').agencyId).toBe(escalated.agencyId);
    expect(c.types().at(-1)).toBe('transfer-requested');
    await c.keepHistory('level-entry-in-parallel');
  });

  it('accepts a transfer with its side effects side by side: task, clocks and timeline agree (acceptance patch)', async () => {
    const c = await harness.startCase();
    const atL1 = await accept(c, STAFF.villageLiaison, STAFF.villageMediator.staffId);
    expect(atL1).toMatchObject({ phase: 'mediation', responsibleStaffId: STAFF.villageMediator.staffId });
    expect(c.task('mediate')).toMatchObject({
      assigneeStaffId: STAFF.villageMediator.staffId,
      dueAt: atL1.clocks.mediation?.dueAt,
    });
    expect(atL1.openActions.map((a) => a.kind)).toEqual(['mediate']);
    expect(harness.recorded.timelineOf(c.caseId).at(-1)).toMatchObject({
      type: 'transfer-accepted',
      details: { level: 'L1', mediateBy: atL1.clocks.mediation?.dueAt, firstSessionBy: null, onTime: true },
    });
    await c.act(STAFF.villageMediator, { kind: 'request-escalation' }, 'mediate');
    await c.act(STAFF.coordinator, { kind: 'decide', decision: 'escalate' }, 'decide-escalation');
    // The police level also has a first-session clock: both are computed from the same acceptance.
    const atL2 = await accept(c, STAFF.policeLiaison, STAFF.policeMediator.staffId);
    expect(atL2.clocks.firstSession?.startedAt).toBe(atL2.clocks.mediation?.startedAt);
    expect(atL2.clocks.firstSession?.dueAt).toEqual(expect.any(String));
    expect(harness.recorded.timelineOf(c.caseId).at(-1)).toMatchObject({
      type: 'transfer-accepted',
      details: { level: 'L2', firstSessionBy: atL2.clocks.firstSession?.dueAt },
    });
    expect(harness.recorded.progressOf(c.caseId)).toMatchObject({ level: 'L2', awaitedAction: 'mediate' });
    await c.keepHistory('acceptance-in-parallel');
  });

  it('re-routes a bounced transfer to another agency of the level (the neighbouring village’s committee)', async () => {
    const c = await harness.startCase();
    await c.act(STAFF.villageLiaison, { kind: 'reject-transfer', reason: 'not-our-jurisdiction' }, 'accept-transfer');
    const rerouted = await c.act(
      STAFF.coordinator,
      { kind: 'reroute', toLevel: 'L1', agencyId: AGENCY.xiabaCommittee },
      'handle-rejection',
    );
    expect(rerouted).toMatchObject({ level: 'L1', phase: 'transfer', agencyId: AGENCY.xiabaCommittee });
    expect(c.task('accept-transfer').agencyId).toBe(AGENCY.xiabaCommittee);
  });

  it('closes a bounced first transfer when the coordinators decide so', async () => {
    const c = await harness.startCase();
    await c.act(STAFF.villageLiaison, { kind: 'reject-transfer', reason: 'not-our-jurisdiction' }, 'accept-transfer');
    // Nobody sent the first transfer but intake: the coordinators handle it.
    expect(c.task('handle-rejection').agencyId).toBe(AGENCY.centre);
    const closed = await c.act(STAFF.coordinator, { kind: 'close-case', reason: 'out-of-scope' }, 'handle-rejection');
    expect(closed.closure).toMatchObject({ outcome: 'closed-unresolved', detail: 'out-of-scope' });
    expect(await c.handle.result()).toMatchObject({ phase: 'closed' });
    expect(harness.recorded.progressOf(c.caseId)).toMatchObject({ phase: 'closed', outcome: 'closed-unresolved' });
  });
});

describe('extensions, refusals and failures', () => {
  it('moves the deadline when a coordinator approves the extension the rule allows, once', async () => {
    const c = await harness.startCase({ risks: ['group-dispute'] }); // starts at the police: L2 allows +30 days
    const accepted = await accept(c, STAFF.policeLiaison, STAFF.policeMediator.staffId);
    expect(accepted.level).toBe('L2');
    expect(accepted.clocks.firstSession).not.toBeNull();
    const before = Date.parse(accepted.clocks.mediation?.dueAt ?? '');

    await c.act(STAFF.policeMediator, { kind: 'request-extension' }, 'mediate');
    const approved = await c.act(STAFF.coordinator, { kind: 'decide-extension', approve: true }, 'approve-extension');
    // 30 more days from the old deadline, to the end of a working day.
    expect(periodEndOf(new Date(before).toISOString(), approved.clocks.mediation?.dueAt, 30)).toEqual({
      endOfDay: true,
      daysAfterStart: 30,
      weekend: false,
    });
    expect(c.task('mediate').dueAt).toBe(approved.clocks.mediation?.dueAt);

    await expect(c.act(STAFF.policeMediator, { kind: 'request-extension' }, 'mediate')).rejects.toThrow(
      WorkflowUpdateFailedError,
    );
    expect(c.types()).toContain('extension-decided');
    await c.keepHistory('extension-approved');
  });

  it('refuses an extension the level’s rule does not allow', async () => {
    const c = await harness.startCase();
    await accept(c, STAFF.villageLiaison, STAFF.villageMediator.staffId);
    const error = await c.act(STAFF.villageMediator, { kind: 'request-extension' }, 'mediate').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WorkflowUpdateFailedError);
    expect((error as WorkflowUpdateFailedError).cause).toMatchObject({ type: 'IllegalAction' });
  });

  it('stops mediation when a party refuses it (人民调解法 art. 17): escalate or close, never extend', async () => {
    const c = await harness.startCase();
    await accept(c, STAFF.villageLiaison, STAFF.villageMediator.staffId);
    const refused = await c.act(STAFF.villageMediator, { kind: 'record-refusal', party: 'respondent' }, 'mediate');
    expect(refused.phase).toBe('awaiting-decision');
    expect(refused.openActions.map((a) => a.kind)).toEqual(['decide-escalation']);
    const refusal = harness.recorded.timelineOf(c.caseId).find((e) => e.type === 'mediation-refused');
    expect(String(refusal?.details.rule)).toContain('第十七条');

    const error = await c
      .act(STAFF.coordinator, { kind: 'decide', decision: 'extend' }, 'decide-escalation')
      .catch((e: unknown) => e);
    expect((error as WorkflowUpdateFailedError).cause).toMatchObject({ type: 'IllegalAction' });
    const closed = await c.act(
      STAFF.coordinator,
      { kind: 'decide', decision: 'close', closeReason: 'party-refused-mediation' },
      'decide-escalation',
    );
    expect(closed.closure).toMatchObject({ outcome: 'closed-unresolved', detail: 'party-refused-mediation' });
    await c.keepHistory('refusal-closed');
  });

  it('never extends after a refusal, even when the coordinators were already asked for something else', async () => {
    const c = await harness.startCase();
    await accept(c, STAFF.villageLiaison, STAFF.villageMediator.staffId);
    await c.act(STAFF.villageMediator, { kind: 'request-escalation' }, 'mediate');
    await c.act(STAFF.villageMediator, { kind: 'record-refusal', party: 'applicant' }, 'mediate');
    expect(c.tasks().filter((t) => t.kind === 'decide-escalation')).toHaveLength(1);
    const error = await c
      .act(STAFF.coordinator, { kind: 'decide', decision: 'extend' }, 'decide-escalation')
      .catch((e: unknown) => e);
    expect((error as WorkflowUpdateFailedError).cause).toMatchObject({ type: 'IllegalAction' });
    const escalated = await c.act(STAFF.coordinator, { kind: 'decide', decision: 'escalate' }, 'decide-escalation');
    expect(escalated.level).toBe('L2');
  });

  it('resumes mediation when an extension asked for in time is approved after the clock ran out', async () => {
    // To the police (one extension of 30 days allowed) by an early escalation from the village.
    const c = await harness.startCase();
    await accept(c, STAFF.villageLiaison, STAFF.villageMediator.staffId);
    await c.act(STAFF.villageMediator, { kind: 'request-escalation' }, 'mediate');
    await c.act(STAFF.coordinator, { kind: 'decide', decision: 'escalate' }, 'decide-escalation');
    await accept(c, STAFF.policeLiaison, STAFF.policeMediator.staffId);
    await c.pass('29 days');
    await c.act(STAFF.policeMediator, { kind: 'request-extension' }, 'mediate');
    await c.pass('4 days');
    const expired = await c.until((s) => s.phase === 'awaiting-decision', 'the expired clock');
    expect(expired.openActions.map((a) => a.kind).sort()).toEqual([
      'approve-extension',
      'decide-escalation',
      'mediate',
    ]);
    // Too late to ask once the clock has run out: by then the coordinators are deciding.
    await expect(c.act(STAFF.policeMediator, { kind: 'request-extension' }, 'mediate')).rejects.toThrow(
      WorkflowUpdateFailedError,
    );
    const approved = await c.act(STAFF.coordinator, { kind: 'decide-extension', approve: true }, 'approve-extension');
    expect(approved.phase).toBe('mediation');
    expect(approved.openActions.map((a) => a.kind)).toEqual(['mediate']);
    expect(
      c
        .tasks()
        .filter((t) => t.kind === 'decide-escalation')
        .map((t) => t.status),
    ).toEqual(['completed', 'cancelled']);
    // The moved clock runs, and runs out again.
    await c.pass('33 days');
    await c.until((s) => s.phase === 'awaiting-decision', 'the extended clock to run out');
    expect(c.types().filter((t) => t === 'mediation-clock-expired')).toHaveLength(2);
  });

  it('gives more time when a coordinator extends an expired clock', async () => {
    const c = await harness.startCase();
    await accept(c, STAFF.villageLiaison, STAFF.villageMediator.staffId);
    await c.pass('33 days');
    await c.until((s) => s.phase === 'awaiting-decision');
    const extended = await c.act(
      STAFF.coordinator,
      { kind: 'decide', decision: 'extend', extendDays: 10 },
      'decide-escalation',
    );
    expect(extended.phase).toBe('mediation');
    expect(Date.parse(c.task('mediate').dueAt ?? '')).toBe(Date.parse(extended.clocks.mediation?.dueAt ?? ''));
    await c.pass('14 days');
    await c.until((s) => s.phase === 'awaiting-decision', 'the extended clock to run out');
  });

  it('refers the case to litigation when mediation fails at the last level, recording the filing', async () => {
    const c = await harness.startCase({ disputeType: 'contract-debt' });
    expect((await c.state()).plan?.route.map((s) => s.level)).toEqual(['L1', 'L3', 'L4']);
    await accept(c, STAFF.villageLiaison, STAFF.villageMediator.staffId);
    await c.act(STAFF.villageMediator, { kind: 'record-failure' }, 'mediate');
    expect(c.task('decide-escalation').reason).toBe('failure');
    await c.act(STAFF.coordinator, { kind: 'decide', decision: 'escalate' }, 'decide-escalation');
    await accept(c, STAFF.judicialLiaison, STAFF.judicialMediator.staffId);
    await c.act(STAFF.judicialMediator, { kind: 'record-failure' }, 'mediate');
    await c.act(STAFF.coordinator, { kind: 'decide', decision: 'escalate' }, 'decide-escalation');
    const atCourt = await accept(c, STAFF.courtLiaison, STAFF.courtMediator.staffId);
    expect(atCourt.level).toBe('L4');
    const done = await c.act(
      STAFF.courtMediator,
      { kind: 'record-failure', courtFilingRef: '(2026)湘0101民初123号' },
      'mediate',
    );
    expect(done.closure).toMatchObject({ outcome: 'referred-to-litigation', detail: '(2026)湘0101民初123号' });
    expect(done.levels.map((l) => l.outcome)).toEqual(['escalated', 'escalated', 'referred-to-litigation']);
    expect(c.tasks().filter((t) => t.status === 'open')).toEqual([]);
    await c.keepHistory('referred-to-litigation');
  });

  it('escalates at once, without approval, when a risky case’s clock runs out (policy: urgent risk)', async () => {
    const c = await harness.startCase({ risks: ['violence-risk'] });
    const state = await c.state();
    expect(state.plan?.routingRulesApplied).toEqual(['risk-to-police']);
    expect(state.plan?.route.map((s) => s.level)).toEqual(['L2', 'L3', 'L4']);
    await accept(c, STAFF.policeLiaison, STAFF.policeMediator.staffId);
    await c.pass('33 days');
    const next = await c.until((s) => s.level === 'L3', 'the escalation to the judicial office');
    expect(next.phase).toBe('transfer');
    expect(c.tasks().some((t) => t.kind === 'decide-escalation')).toBe(false);
    expect(c.types()).toContain('first-session-overdue');
    const expired = harness.recorded.timelineOf(c.caseId).find((e) => e.type === 'mediation-clock-expired');
    expect(expired?.details).toMatchObject({ escalatesAtOnce: true, rule: 'urgent rule' });
    await c.keepHistory('urgent-risk-escalated');
  });
});
