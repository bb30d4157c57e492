/**
 * Joint mediation that cannot hang: a joint agency may decline to sign the agreement off, with a reason, and the
 * level's rule decides what follows; an agency nobody at which can sign cannot join at all.
 */
import { WorkflowUpdateFailedError } from '@temporalio/client';
import type { CaseDriver, DisputeHarness } from './support/harness';
import { createDisputeHarness } from './support/harness';
import { AGENCY, POLICY, STAFF } from './support/town';

let harness: DisputeHarness;
beforeAll(async () => {
  harness = await createDisputeHarness();
});
afterAll(async () => {
  await harness?.teardown();
});
afterEach(() => {
  harness.recorded.town.policy = POLICY;
});

/** A village case mediated jointly with the judicial office and the land office, with an agreement recorded. */
async function agreedJointly(c: CaseDriver) {
  await c.act(
    STAFF.villageLiaison,
    { kind: 'accept-transfer', responsibleStaffId: STAFF.villageMediator.staffId },
    'accept-transfer',
  );
  await c.act(STAFF.coordinator, {
    kind: 'add-joint-agencies',
    agencyIds: [AGENCY.judicialOffice, AGENCY.landOffice],
  });
  await c.pass('3 days');
  const recorded = await c.act(STAFF.villageMediator, { kind: 'record-agreement' }, 'mediate');
  expect(recorded.phase).toBe('agreement-sign-off');
  return recorded;
}

describe('a joint agency declines to sign the agreement off', () => {
  it('by default the level goes back to mediation: the mediator and every joint agency get their tasks again', async () => {
    const c = await harness.startCase({ disputeType: 'land-forest' });
    const recorded = await agreedJointly(c);
    const mediationDue = recorded.clocks.mediation?.dueAt;
    await c.act(STAFF.judicialMediator, { kind: 'sign-off' }, 'joint-sign-off', AGENCY.judicialOffice);

    const declined = await c.act(
      STAFF.landOfficer,
      { kind: 'decline-sign-off', reason: 'outside-remit' },
      'joint-sign-off',
      AGENCY.landOffice,
    );
    expect(declined.phase).toBe('mediation');
    expect(declined.agreement).toBeNull();
    // The mediator mediates again under the level's clock as it stood; both joint agencies sign the next agreement.
    expect(c.task('mediate')).toMatchObject({
      assigneeStaffId: STAFF.villageMediator.staffId,
      dueAt: mediationDue,
      reason: 'sign-off-declined',
    });
    expect(
      harness.recorded
        .openTasksOf(c.caseId)
        .filter((t) => t.kind === 'joint-sign-off')
        .map((t) => t.agencyId)
        .sort(),
    ).toEqual([AGENCY.judicialOffice, AGENCY.landOffice].sort());
    const entry = harness.recorded.timelineOf(c.caseId).find((e) => e.type === 'agreement-sign-off-declined');
    expect(entry).toMatchObject({
      actor: STAFF.landOfficer.staffId,
      details: { declinedFor: AGENCY.landOffice, reason: 'outside-remit', consequence: 'return-to-mediation' },
    });
    expect(String(entry?.details.rule)).toContain('退回本级继续调解');

    // A second agreement, signed by both, is final.
    await c.act(STAFF.villageMediator, { kind: 'record-agreement' }, 'mediate');
    await c.act(STAFF.judicialMediator, { kind: 'sign-off' }, 'joint-sign-off', AGENCY.judicialOffice);
    const final = await c.act(STAFF.landOfficer, { kind: 'sign-off' }, 'joint-sign-off', AGENCY.landOffice);
    expect(final.phase).toBe('follow-up');
    await c.keepHistory('joint-sign-off-declined-back-to-mediation');
  });

  it('where the level’s rule says so, the agreement is final on the other agencies’ sign-offs', async () => {
    harness.recorded.town.policy = {
      ...POLICY,
      ladder: POLICY.ladder.map((level) =>
        level.level === 'L1' ? { ...level, onJointDecline: 'proceed-without' as const } : level,
      ),
    };
    const c = await harness.startCase({ disputeType: 'land-forest' });
    await agreedJointly(c);
    const declined = await c.act(
      STAFF.landOfficer,
      { kind: 'decline-sign-off', reason: 'facts-unverified' },
      'joint-sign-off',
      AGENCY.landOffice,
    );
    // Still waiting for the judicial office, which has not answered yet.
    expect(declined.phase).toBe('agreement-sign-off');
    expect(declined.agreement?.pendingSignOffs).toEqual([AGENCY.judicialOffice]);
    expect(declined.agreement?.declinedSignOffs).toEqual([
      expect.objectContaining({ agencyId: AGENCY.landOffice, reason: 'facts-unverified' }),
    ]);
    const final = await c.act(STAFF.judicialMediator, { kind: 'sign-off' }, 'joint-sign-off', AGENCY.judicialOffice);
    expect(final.phase).toBe('follow-up');
    expect(c.types().filter((t) => t.startsWith('agreement'))).toEqual([
      'agreement-recorded',
      'agreement-sign-off-declined',
      'agreement-signed-off',
      'agreement-final',
    ]);
    await c.keepHistory('joint-sign-off-declined-proceed-without');
  });

  it('a decline needs one of the listed reasons, and only while the agreement awaits sign-off', async () => {
    const c = await harness.startCase({ disputeType: 'land-forest' });
    await c.act(
      STAFF.villageLiaison,
      { kind: 'accept-transfer', responsibleStaffId: STAFF.villageMediator.staffId },
      'accept-transfer',
    );
    await c.act(STAFF.coordinator, { kind: 'add-joint-agencies', agencyIds: [AGENCY.landOffice] });
    await expect(
      c.act(STAFF.landOfficer, { kind: 'decline-sign-off', reason: 'other' }, 'joint-sign-off', AGENCY.landOffice),
    ).rejects.toThrow(WorkflowUpdateFailedError);
    await c.act(STAFF.villageMediator, { kind: 'record-agreement' }, 'mediate');
    await expect(
      c.act(
        STAFF.landOfficer,
        // A sentence would carry whatever it says into the workflow's history: only the codes are taken.
        { kind: 'decline-sign-off', reason: '张三不同意' as 'other' },
        'joint-sign-off',
        AGENCY.landOffice,
      ),
    ).rejects.toThrow(WorkflowUpdateFailedError);
    expect((await c.state()).phase).toBe('agreement-sign-off');
  });
});

describe('who can join a joint mediation', () => {
  it('an agency with no active mediator or liaison cannot be added: nobody there could sign', async () => {
    const officer = harness.recorded.staff.get(STAFF.landOfficer.staffId);
    if (!officer) throw new Error('the town has a land officer');
    harness.recorded.staff.set(officer.staffId, { ...officer, active: false });
    try {
      const c = await harness.startCase({ disputeType: 'land-forest' });
      await c.act(
        STAFF.villageLiaison,
        { kind: 'accept-transfer', responsibleStaffId: STAFF.villageMediator.staffId },
        'accept-transfer',
      );
      const error = await c.act(STAFF.coordinator, { kind: 'add-joint-agencies', agencyIds: [AGENCY.landOffice] }).then(
        () => null,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(WorkflowUpdateFailedError);
      expect((error as WorkflowUpdateFailedError).cause?.message).toMatch(/no active mediator or liaison/);
      const after = await c.state();
      expect(after.jointAgencyIds).toEqual([]);
      expect(c.tasks().filter((t) => t.kind === 'joint-sign-off')).toEqual([]);
      // One that can sign still joins.
      const joined = await c.act(STAFF.coordinator, { kind: 'add-joint-agencies', agencyIds: [AGENCY.judicialOffice] });
      expect(joined.jointAgencyIds).toEqual([AGENCY.judicialOffice]);
    } finally {
      harness.recorded.staff.set(officer.staffId, officer);
    }
  });
});
