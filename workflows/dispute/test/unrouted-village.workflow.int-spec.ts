/**
 * A case from a village without a mediation committee of its own (or a report that names no village) waits for the
 * coordinators to name the receiving agency; it is never sent silently to another village's committee.
 */
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { createDisputeHarness, type DisputeHarness } from './support/harness';
import { AGENCY, STAFF } from './support/town';

let harness: DisputeHarness;
beforeAll(async () => {
  harness = await createDisputeHarness();
});
afterAll(async () => {
  await harness?.teardown();
});

describe('a village without a mediation committee', () => {
  it('goes to the coordinators, who name the committee that takes it; no other committee sees it before', async () => {
    // 东口村 is in the town, but no committee's area covers it.
    const c = await harness.startCase({ villageCode: 'dongkou' }, { waitForPlan: false });
    const waiting = await c.until((s) => s.openActions.some((a) => a.kind === 'handle-rejection'), 'routing task');
    expect(waiting).toMatchObject({ level: 'L1', phase: 'transfer-rejected', agencyId: null });
    expect(c.task('handle-rejection')).toMatchObject({
      agencyId: AGENCY.centre,
      roles: ['coordinator'],
      reason: 'village-without-committee',
    });
    expect(c.task('handle-rejection').dueAt).not.toBeNull();
    // Nobody was asked to accept it: no committee holds a task on it.
    expect(c.tasks().map((t) => t.kind)).toEqual(['handle-rejection']);
    const entry = harness.recorded.timelineOf(c.caseId).find((e) => e.type === 'routing-needed');
    expect(entry?.details).toMatchObject({ level: 'L1', reason: 'village-without-committee', villageCode: 'dongkou' });
    expect(String(entry?.details.rule)).toContain('综治中心指定受理单位');

    // Re-routing without naming the committee would send it back to the coordinators: refused.
    await expect(c.act(STAFF.coordinator, { kind: 'reroute', toLevel: 'L1' }, 'handle-rejection')).rejects.toThrow(
      WorkflowUpdateFailedError,
    );
    const sent = await c.act(
      STAFF.coordinator,
      { kind: 'reroute', toLevel: 'L1', agencyId: AGENCY.shangbaCommittee },
      'handle-rejection',
    );
    expect(sent).toMatchObject({ phase: 'transfer', level: 'L1', agencyId: AGENCY.shangbaCommittee });
    expect(c.task('accept-transfer')).toMatchObject({ agencyId: AGENCY.shangbaCommittee });
    const accepted = await c.act(
      STAFF.villageLiaison,
      { kind: 'accept-transfer', responsibleStaffId: STAFF.villageMediator.staffId },
      'accept-transfer',
    );
    expect(accepted.phase).toBe('mediation');
    await c.keepHistory('village-without-committee-routed');
  });

  it('a report naming no village, taken by no committee, waits for the coordinators too', async () => {
    const c = await harness.startCase({ villageCode: null }, { waitForPlan: false });
    await c.until((s) => s.openActions.some((a) => a.kind === 'handle-rejection'), 'routing task');
    expect(c.task('handle-rejection')).toMatchObject({ agencyId: AGENCY.centre, reason: 'no-village-given' });
    // A committee that took the report in keeps it, village or not.
    const taken = await harness.startCase({ villageCode: null, intakeAgencyId: AGENCY.xiabaCommittee });
    expect(taken.task('accept-transfer')).toMatchObject({ agencyId: AGENCY.xiabaCommittee });
  });
});
