/**
 * How cases end: agreements (alone or by joint mediation) with their follow-up visit and judicial confirmation
 * window, non-performance, withdrawal and merge — each checked through the tasks and timeline people see.
 */
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { caseMergedIntoThisSignal, closeDisputeUpdate } from '@gongzhi/contracts/dispute';
import { type CaseDriver, createDisputeHarness, type DisputeHarness } from './support/harness';
import { AGENCY, STAFF } from './support/town';

let harness: DisputeHarness;
beforeAll(async () => {
  harness = await createDisputeHarness();
});
afterAll(async () => {
  await harness?.teardown();
});

const DAY = 86_400_000;

async function atVillageMediation(c: CaseDriver) {
  return c.act(
    STAFF.villageLiaison,
    { kind: 'accept-transfer', responsibleStaffId: STAFF.villageMediator.staffId },
    'accept-transfer',
  );
}

describe('agreements', () => {
  it('land boundary (seeds): four agencies mediate jointly; the agreement is final only when all have signed, 24 days after the report', async () => {
    const c = await harness.startCase({ disputeType: 'land-forest' });
    const reportedAt = Date.parse((await c.state()).levels[0]?.enteredAt ?? '');
    await atVillageMediation(c);
    // The coordinators bring in the judicial office, the land office and the police: 综治, 司法, 国土, 派出所 + the village.
    const joint = await c.act(STAFF.coordinator, {
      kind: 'add-joint-agencies',
      agencyIds: [AGENCY.judicialOffice, AGENCY.landOffice, AGENCY.police],
    });
    expect(joint.jointAgencyIds).toHaveLength(3);
    expect(
      c
        .tasks()
        .filter((t) => t.kind === 'joint-sign-off')
        .map((t) => t.agencyId),
    ).toEqual([AGENCY.judicialOffice, AGENCY.landOffice, AGENCY.police]);
    // Signing off before there is an agreement is refused.
    await expect(c.act(STAFF.landOfficer, { kind: 'sign-off' }, 'joint-sign-off', AGENCY.landOffice)).rejects.toThrow(
      WorkflowUpdateFailedError,
    );

    await c.pass('6 days');
    await c.act(
      STAFF.villageMediator,
      { kind: 'record-session', heldAt: new Date(Date.now() - 1000).toISOString() },
      'mediate',
    );
    await c.pass('17 days');
    const recorded = await c.act(STAFF.villageMediator, { kind: 'record-agreement' }, 'mediate');
    expect(recorded.phase).toBe('agreement-sign-off');
    expect(recorded.agreement?.pendingSignOffs).toHaveLength(3);

    await c.act(STAFF.judicialMediator, { kind: 'sign-off' }, 'joint-sign-off', AGENCY.judicialOffice);
    await c.act(STAFF.landOfficer, { kind: 'sign-off' }, 'joint-sign-off', AGENCY.landOffice);
    expect((await c.state()).phase).toBe('agreement-sign-off');
    await c.pass('1 day');
    const final = await c.act(STAFF.policeMediator, { kind: 'sign-off' }, 'joint-sign-off', AGENCY.police);
    expect(final.phase).toBe('follow-up');
    expect(Math.round((Date.parse(final.agreement?.finalAt ?? '') - reportedAt) / DAY)).toBe(24);
    expect(final.levels[0]).toMatchObject({
      outcome: 'agreement',
      jointAgencyIds: [AGENCY.judicialOffice, AGENCY.landOffice, AGENCY.police],
    });
    expect(c.types().filter((t) => t.startsWith('agreement'))).toEqual([
      'agreement-recorded',
      'agreement-signed-off',
      'agreement-signed-off',
      'agreement-signed-off',
      'agreement-final',
    ]);
    // Every joint agency's staff can now see the case.
    expect(harness.recorded.progressOf(c.caseId)?.phase).toBe('follow-up');
    await c.keepHistory('joint-mediation-land-boundary');
  });

  it('visits the parties at the policy’s time and closes as resolved once the agreement is performed', async () => {
    const c = await harness.startCase();
    await atVillageMediation(c);
    const agreed = await c.act(STAFF.villageMediator, { kind: 'record-agreement' }, 'mediate');
    expect(agreed.phase).toBe('follow-up');
    // 回访 "within 15 days of the agreement": the visit is asked for at once, due by the end of that period.
    await c.until((s) => s.openActions.some((a) => a.kind === 'follow-up-visit'), 'the follow-up visit');
    const dueBy = agreed.agreement?.followUpVisitDueAt;
    expect(c.task('follow-up-visit')).toMatchObject({
      agencyId: AGENCY.shangbaCommittee,
      rule: 'follow-up rule',
      dueAt: dueBy,
    });
    expect(Date.parse(dueBy ?? '') - Date.parse(agreed.agreement?.effectiveAt ?? '')).toBeGreaterThan(15 * DAY - 1);
    expect(harness.recorded.progressOf(c.caseId)?.nextDeadline).toBe(dueBy);
    await c.keepHistory('follow-up-visit-within-period');
    await c.pass('18 days');

    await c.act(
      STAFF.villageMediator,
      { kind: 'record-follow-up-visit', performance: 'performing' },
      'follow-up-visit',
    );
    await c.pass('18 days');
    await c.until((s) => s.openActions.some((a) => a.kind === 'follow-up-visit'), 'the second visit');
    const done = await c.act(
      STAFF.villageMediator,
      { kind: 'record-follow-up-visit', performance: 'performed' },
      'follow-up-visit',
    );
    expect(done.closure?.outcome).toBe('resolved');
    expect(c.types()).toEqual(
      expect.arrayContaining([
        'confirmation-window-closing',
        'confirmation-window-closed',
        'follow-up-visit-recorded',
        'case-closed',
      ]),
    );
    await c.keepHistory('follow-up-resolved');
  });

  it('counts the agreement’s clocks from the day it took effect, which its timeline entry carries', async () => {
    const c = await harness.startCase();
    await atVillageMediation(c);
    // Not yet signed: an agreement cannot take effect tomorrow.
    const tomorrow = new Date((await c.now()) + DAY).toISOString();
    await expect(
      c.act(STAFF.villageMediator, { kind: 'record-agreement', effectiveAt: tomorrow }, 'mediate'),
    ).rejects.toThrow(WorkflowUpdateFailedError);
    // Signed by the parties two days before the mediator typed it in.
    const effectiveAt = new Date(Date.now() - 2 * DAY).toISOString();
    const agreed = await c.act(STAFF.villageMediator, { kind: 'record-agreement', effectiveAt }, 'mediate');
    expect(agreed.agreement?.effectiveAt).toBe(effectiveAt);
    const recorded = harness.recorded.timelineOf(c.caseId).find((e) => e.type === 'agreement-recorded');
    expect(recorded?.details).toMatchObject({ effectiveAt });
    // The 30-day window for judicial confirmation: to 24:00 (Shanghai) of the 30th day after the signing, or of the
    // Monday after when that day is a weekend.
    const shanghai = (at: string | null | undefined) => Date.parse(at ?? '') + 8 * 3_600_000;
    const closes = shanghai(agreed.agreement?.judicialConfirmation.windowClosesAt);
    expect(closes % DAY).toBe(DAY - 1);
    expect([30, 31, 32]).toContain(Math.floor(closes / DAY) - Math.floor(shanghai(effectiveAt) / DAY));
  });

  it('tracks an application for judicial confirmation within 30 days and records the court’s decision', async () => {
    const c = await harness.startCase();
    await atVillageMediation(c);
    await c.act(STAFF.villageMediator, { kind: 'record-agreement' }, 'mediate');
    await c.pass('10 days');
    const applied = await c.act(STAFF.villageMediator, {
      kind: 'record-confirmation-application',
      appliedAt: new Date(Date.now() - 3_600_000).toISOString(),
    });
    expect(applied.agreement?.judicialConfirmation.appliedAt).not.toBeNull();
    expect(c.task('judicial-confirmation')).toMatchObject({ agencyId: AGENCY.court, roles: ['liaison', 'mediator'] });
    // Applying twice is refused.
    await expect(
      c.act(STAFF.villageMediator, {
        kind: 'record-confirmation-application',
        appliedAt: new Date(Date.now() - 1000).toISOString(),
      }),
    ).rejects.toThrow(WorkflowUpdateFailedError);

    await c.pass('8 days');
    await c.until((s) => s.openActions.some((a) => a.kind === 'follow-up-visit'));
    // Performed, but the court has not decided: the case stays open for the decision.
    const performed = await c.act(
      STAFF.villageMediator,
      { kind: 'record-follow-up-visit', performance: 'performed' },
      'follow-up-visit',
    );
    expect(performed.phase).toBe('follow-up');
    // The court takes its time, past the end of the 30-day window: no warning and no lapse, the parties applied.
    await c.pass('20 days');
    await c.until(() => true);
    expect(c.types()).not.toContain('confirmation-window-closing');
    expect(c.types()).not.toContain('confirmation-window-closed');
    const confirmed = await c.act(
      STAFF.courtLiaison,
      { kind: 'record-confirmation-decision', confirmed: true },
      'judicial-confirmation',
    );
    expect(confirmed.closure).toMatchObject({ outcome: 'resolved', detail: 'judicially-confirmed' });
    expect(c.types()).not.toContain('confirmation-window-closing');
    await c.keepHistory('judicial-confirmation-window-outlived');
  });

  it('gives the court 3 days to accept an application for judicial confirmation, then 15 days from acceptance to decide', async () => {
    const shanghaiDay = (at: string | null | undefined) => Math.floor((Date.parse(at ?? '') + 8 * 3_600_000) / DAY);
    const c = await harness.startCase();
    await atVillageMediation(c);
    await c.act(STAFF.villageMediator, { kind: 'record-agreement' }, 'mediate');
    await c.pass('5 days');
    const appliedAt = new Date((await c.now()) - 3_600_000).toISOString();
    await c.act(STAFF.villageMediator, { kind: 'record-confirmation-application', appliedAt });
    const toAccept = c.task('judicial-confirmation');
    expect(toAccept).toMatchObject({ agencyId: AGENCY.court, reason: 'awaiting-acceptance' });
    expect(toAccept.rule).toContain('三日内决定是否受理');
    // 3 days, to the end of the third (or of the Monday after, when it is a weekend day).
    expect([3, 4, 5]).toContain(shanghaiDay(toAccept.dueAt) - shanghaiDay(appliedAt));

    // Accepted before it was applied for, or twice: refused.
    const before = new Date(Date.parse(appliedAt) - DAY).toISOString();
    await expect(
      c.act(
        STAFF.courtLiaison,
        { kind: 'record-confirmation-acceptance', acceptedAt: before },
        'judicial-confirmation',
      ),
    ).rejects.toThrow(WorkflowUpdateFailedError);
    await c.pass('2 days');
    const acceptedAt = new Date((await c.now()) - 60_000).toISOString();
    const accepted = await c.act(
      STAFF.courtLiaison,
      { kind: 'record-confirmation-acceptance', acceptedAt },
      'judicial-confirmation',
    );
    expect(accepted.agreement?.judicialConfirmation.acceptedAt).toBe(acceptedAt);
    const toDecide = c.task('judicial-confirmation');
    expect(toDecide.actionId).not.toBe(toAccept.actionId);
    expect(toDecide.rule).toContain('十五日内作出是否确认的决定');
    // 15 days from acceptance, not from the application.
    expect([15, 16, 17]).toContain(shanghaiDay(toDecide.dueAt) - shanghaiDay(acceptedAt));
    expect(
      harness.recorded.timelineOf(c.caseId).find((e) => e.type === 'confirmation-accepted')?.details,
    ).toMatchObject({ appliedAt, acceptedAt });
    await expect(
      c.act(STAFF.courtLiaison, { kind: 'record-confirmation-acceptance', acceptedAt }, 'judicial-confirmation'),
    ).rejects.toThrow(WorkflowUpdateFailedError);
    const decided = await c.act(
      STAFF.courtLiaison,
      { kind: 'record-confirmation-decision', confirmed: true },
      'judicial-confirmation',
    );
    expect(decided.agreement?.judicialConfirmation.decision).toBe('confirmed');
    await c.keepHistory('confirmation-accepted-then-decided');
  });

  it('sends a police mediation agreement that is not performed back to the police, on the penalty track (治安管理处罚法 art. 9)', async () => {
    const c = await harness.startCase({ risks: ['key-person'] });
    await c.act(
      STAFF.policeLiaison,
      { kind: 'accept-transfer', responsibleStaffId: STAFF.policeMediator.staffId },
      'accept-transfer',
    );
    await c.act(STAFF.policeMediator, { kind: 'record-agreement' }, 'mediate');
    await c.pass('18 days');
    await c.until((s) => s.openActions.some((a) => a.kind === 'follow-up-visit'));
    const reopened = await c.act(
      STAFF.policeMediator,
      { kind: 'record-follow-up-visit', performance: 'not-performed' },
      'follow-up-visit',
    );
    expect(reopened).toMatchObject({ level: 'L2', phase: 'transfer', penaltyTrack: true, agreement: null });
    const event = harness.recorded.timelineOf(c.caseId).find((e) => e.type === 'agreement-not-performed');
    expect(event?.details).toMatchObject({ agreementLevel: 'L2', reopenAt: 'L2', penaltyTrack: true });
    await c.act(
      STAFF.policeLiaison,
      { kind: 'accept-transfer', responsibleStaffId: STAFF.policeMediator.staffId },
      'accept-transfer',
    );
    expect(c.task('mediate').reason).toBe('penalty-track');
    await c.keepHistory('penalty-track-reopened');
  });

  it('sends a village agreement that is not performed to the next level of the route', async () => {
    const c = await harness.startCase();
    await atVillageMediation(c);
    await c.act(STAFF.villageMediator, { kind: 'record-agreement' }, 'mediate');
    await c.pass('18 days');
    await c.until((s) => s.openActions.some((a) => a.kind === 'follow-up-visit'));
    const reopened = await c.act(
      STAFF.villageMediator,
      { kind: 'record-follow-up-visit', performance: 'not-performed' },
      'follow-up-visit',
    );
    expect(reopened).toMatchObject({ level: 'L2', phase: 'transfer', penaltyTrack: false });
  });
});

describe('withdrawal and merge', () => {
  it('closes on withdrawal at any time, cancelling every open task', async () => {
    const c = await harness.startCase();
    await atVillageMediation(c);
    await c.act(STAFF.villageMediator, { kind: 'request-escalation' }, 'mediate');
    const withdrawn = await c.act(STAFF.villageMediator, { kind: 'withdraw' });
    expect(withdrawn.closure?.outcome).toBe('withdrawn');
    expect(c.tasks().filter((t) => t.status === 'open')).toEqual([]);
    expect(
      c
        .tasks()
        .filter((t) => t.status === 'cancelled')
        .map((t) => t.kind),
    ).toEqual(['mediate', 'decide-escalation']);
    expect(await c.handle.result()).toMatchObject({ phase: 'closed' });
    await c.keepHistory('withdrawn');
  });

  it('closes a merged case and tells the surviving case, which notes it on its timeline', async () => {
    const survivor = await harness.startCase();
    const merged = await harness.startCase();
    const closed = await merged.handle.executeUpdate(closeDisputeUpdate, {
      args: [{ reason: 'merged', actorId: STAFF.coordinator.staffId, mergedIntoCaseId: survivor.caseId }],
    });
    expect(closed.closure).toMatchObject({ outcome: 'merged', detail: survivor.caseId });
    const after = await survivor.until((s) => s.mergedCaseIds.length === 1, 'the merge notice');
    expect(after.mergedCaseIds).toEqual([merged.caseId]);
    expect(survivor.types()).toContain('case-merged-in');
    // The same notice twice is one entry: a third case's notice, sent after the repeat, proves the repeat was handled.
    const third = '00000000-0000-4000-8000-000000000003';
    await survivor.handle.signal(caseMergedIntoThisSignal, { mergedCaseId: merged.caseId });
    await survivor.handle.signal(caseMergedIntoThisSignal, { mergedCaseId: third });
    const both = await survivor.until((s) => s.mergedCaseIds.length === 2, 'the third notice');
    expect(both.mergedCaseIds).toEqual([merged.caseId, third]);
    expect(survivor.types().filter((t) => t === 'case-merged-in')).toHaveLength(2);
    // The merged case's workflow has finished: nothing can close it again.
    await expect(
      merged.handle.executeUpdate(closeDisputeUpdate, {
        args: [{ reason: 'merged', actorId: STAFF.coordinator.staffId }],
      }),
    ).rejects.toThrow();
    expect(merged.types().filter((t) => t === 'case-closed')).toHaveLength(1);
    await merged.keepHistory('merged-into-other');
    await survivor.keepHistory('merge-survivor');
  });
});
