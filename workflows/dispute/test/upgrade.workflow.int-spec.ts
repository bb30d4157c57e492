/**
 * A deployment while cases run: a case started on the workflow code from before transitions were committed whole
 * (and agency-service's reads and the commit were local activities) carries on under today's code. Its history up to
 * the deployment replays as it ran, one activity per write and per read; its next steps read and commit whole as local
 * activities; nothing it did before is done twice. The history is committed for the replay gate.
 */
import type { DisputeAction } from '@gongzhi/contracts/dispute';
import { buildWorkflowBundle } from '../scripts/bundle';
import { createDisputeHarness, type DisputeHarness } from './support/harness';
import { STAFF } from './support/town';

const accept: DisputeAction = { kind: 'accept-transfer', responsibleStaffId: STAFF.villageMediator.staffId };

let harness: DisputeHarness;
beforeAll(async () => {
  harness = await createDisputeHarness({
    bundle: await buildWorkflowBundle(require.resolve('./fixtures/before-one-commit.workflow.ts')),
    sticky: false,
  });
});
afterAll(async () => {
  await harness?.teardown();
});

describe('a case running when its workflow code is upgraded', () => {
  it('carries on under the new code: earlier steps replay as they ran, later ones commit whole, nothing twice', async () => {
    const { calls } = harness.recorded;
    const c = await harness.startCase();
    await c.act(STAFF.villageLiaison, accept, 'accept-transfer');
    await c.until((s) => s.phase === 'mediation', 'the acceptance');
    expect(calls.commitTransition).toBe(0);
    const opened = calls.openTask;
    const recorded = calls.recordTimeline;

    await harness.replaceWorker(await buildWorkflowBundle());
    const heldAt = new Date(Date.now() - 1000).toISOString();
    await c.act(STAFF.villageMediator, { kind: 'record-session', heldAt }, 'mediate');
    await c.act(STAFF.villageMediator, { kind: 'record-agreement' }, 'mediate');
    const after = await c.until((s) => s.phase === 'follow-up', 'the agreement');

    // The steps after the upgrade went through commits, and replaying the earlier ones wrote nothing again.
    expect(calls.commitTransition).toBeGreaterThanOrEqual(2);
    expect(calls.openTask).toBeGreaterThan(opened);
    expect(calls.recordTimeline).toBeGreaterThan(recorded);
    expect(after.levels[0]?.sessions).toBe(1);
    expect(new Set(c.tasks().map((t) => t.actionId)).size).toBe(c.tasks().length);
    expect(c.types()).toEqual([
      'route-planned',
      'transfer-requested',
      'transfer-accepted',
      'session-recorded',
      'agreement-recorded',
      ...c.types().slice(5),
    ]);
    expect(c.types().filter((t) => t === 'transfer-accepted')).toHaveLength(1);
    // Reads and writes: activities before the upgrade, local activities (markers) after it.
    const events = (await c.handle.fetchHistory()).events ?? [];
    const activities = events.flatMap((e) => e.activityTaskScheduledEventAttributes?.activityType?.name ?? []);
    expect(activities).toEqual(expect.arrayContaining(['planCase', 'computeDeadline', 'openTask', 'recordTimeline']));
    expect(activities).not.toContain('commitTransition');
    const localReads = events.filter((e) => e.markerRecordedEventAttributes?.markerName === 'core_local_activity');
    expect(localReads.length).toBeGreaterThan(0);
    await c.keepHistory('upgraded-while-running');
  });
});
