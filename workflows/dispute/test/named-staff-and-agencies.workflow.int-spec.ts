/**
 * Security review, findings 2 and 3, inside the workflow: whoever an action makes responsible for a task, and whatever
 * agency it sends the case to, is checked with agency-service before the workflow applies it — even when case-service
 * (which checks them too) is bypassed. A refused action changes nothing people see: no task, no timeline event, no
 * agency added to the case.
 */
import { WorkflowUpdateFailedError } from '@temporalio/client';
import {
  type Actor,
  type DisputeAction,
  type DisputeState,
  reassignUpdate,
  repairUpdate,
} from '@gongzhi/contracts/dispute';
import { type CaseDriver, createDisputeHarness, type DisputeHarness } from './support/harness';
import { AGENCY, OTHER_TOWN, STAFF, TOWN } from './support/town';

const XIABA_MEDIATOR = '5aff0000-0000-4000-8000-0000000000a1';
const FORMER_MEDIATOR = '5aff0000-0000-4000-8000-0000000000a2';
/** An id nobody has: agency-service knows no staff member or agency by it. */
const MADE_UP = '0badc0de-0000-4000-8000-000000000000';

let harness: DisputeHarness;
beforeAll(async () => {
  harness = await createDisputeHarness();
  // A mediator of the neighbouring village's committee: real staff, but not of the agency the case is at.
  harness.recorded.staff.set(XIABA_MEDIATOR, {
    staffId: XIABA_MEDIATOR,
    agencyId: AGENCY.xiabaCommittee,
    townCode: TOWN,
    roles: ['mediator'],
    active: true,
  });
  // A mediator of the right committee whose account was deactivated (they left).
  harness.recorded.staff.set(FORMER_MEDIATOR, {
    staffId: FORMER_MEDIATOR,
    agencyId: AGENCY.shangbaCommittee,
    townCode: TOWN,
    roles: ['mediator'],
    active: false,
  });
});
afterAll(async () => {
  await harness?.teardown();
});

async function refusal(promise: Promise<unknown>): Promise<{ type?: string; message?: string }> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(WorkflowUpdateFailedError);
  return (error as WorkflowUpdateFailedError).cause as { type?: string; message?: string };
}

const accept = (responsibleStaffId: string): DisputeAction => ({ kind: 'accept-transfer', responsibleStaffId });

/** What people would see of a case: its tasks and timeline, and where it stands. */
function seen(c: CaseDriver, state: DisputeState) {
  return {
    tasks: c.tasks().map((t) => `${t.kind}:${t.status}:${t.assigneeStaffId ?? '-'}`),
    timeline: c.types(),
    where: [state.level, state.phase, state.agencyId, state.responsibleStaffId],
    joint: state.jointAgencyIds,
  };
}

describe('a responsible person the workflow names', () => {
  it('is refused unless agency-service knows them as an active mediator of the receiving agency', async () => {
    const c = await harness.startCase();
    const before = seen(c, await c.state());
    for (const [who, why] of [
      [XIABA_MEDIATOR, 'a mediator of another committee'],
      [MADE_UP, 'nobody'],
      [FORMER_MEDIATOR, 'a deactivated account'],
      [STAFF.villageLiaison.staffId, 'staff of the agency without the mediator role'],
    ] as const) {
      expect({ why, refusal: await refusal(c.act(STAFF.villageLiaison, accept(who), 'accept-transfer')) }).toEqual({
        why,
        refusal: expect.objectContaining({
          type: 'InvalidInput',
          message: expect.stringMatching(new RegExp(`Name an active mediator of agency ${AGENCY.shangbaCommittee}`)),
        }),
      });
    }
    expect(seen(c, await c.until(() => true))).toEqual(before);

    const accepted = await c.act(STAFF.villageLiaison, accept(STAFF.villageMediator.staffId), 'accept-transfer');
    expect(accepted).toMatchObject({ phase: 'mediation', responsibleStaffId: STAFF.villageMediator.staffId });
    expect(c.task('mediate').assigneeStaffId).toBe(STAFF.villageMediator.staffId);
    await c.keepHistory('named-staff-and-agencies-checked');
  });

  it('is refused when a supervisor hands the mediate task to someone outside its agency', async () => {
    const c = await harness.startCase();
    await c.act(STAFF.villageLiaison, accept(STAFF.villageMediator.staffId), 'accept-transfer');
    const mediate = c.task('mediate');
    const reassign = (actor: Actor, toStaffId: string) =>
      c.handle.executeUpdate(reassignUpdate, { args: [{ actor, actionId: mediate.actionId, toStaffId }] });
    for (const to of [XIABA_MEDIATOR, MADE_UP, FORMER_MEDIATOR]) {
      expect(await refusal(reassign(STAFF.coordinator, to))).toMatchObject({ type: 'InvalidInput' });
    }
    const state = await c.until(() => true);
    expect(state.responsibleStaffId).toBe(STAFF.villageMediator.staffId);
    expect(c.types()).not.toContain('task-reassigned');

    // An administrator's repair may hand a task to anyone of its agency, but not to someone agency-service does not know.
    const repair = (toStaffId: string) =>
      c.handle.executeUpdate(repairUpdate, {
        args: [
          {
            actorId: '5aff0000-0000-4000-8000-000000000091',
            repairId: `repair-${toStaffId}`,
            repair: { kind: 'reassign-task', actionId: mediate.actionId, toStaffId },
          },
        ],
      });
    expect(await refusal(repair(MADE_UP))).toMatchObject({ type: 'InvalidInput' });
    expect(await refusal(repair(XIABA_MEDIATOR))).toMatchObject({ type: 'InvalidInput' });

    const handedOver = await reassign(STAFF.coordinator, STAFF.otherVillageMediator.staffId);
    expect(handedOver.responsibleStaffId).toBe(STAFF.otherVillageMediator.staffId);
  });
});

describe('agencies the workflow sends a case to', () => {
  it('refuses joint agencies that are not agencies of the case’s town', async () => {
    const c = await harness.startCase();
    await c.act(STAFF.villageLiaison, accept(STAFF.villageMediator.staffId), 'accept-transfer');
    const before = seen(c, await c.state());
    for (const agencyIds of [[OTHER_TOWN.police], [MADE_UP], [AGENCY.landOffice, OTHER_TOWN.police]]) {
      expect(await refusal(c.act(STAFF.coordinator, { kind: 'add-joint-agencies', agencyIds }))).toMatchObject({
        type: 'InvalidInput',
        message: expect.stringMatching(/is not an agency of town qingshui/),
      });
    }
    // Nothing changed: no sign-off anybody would wait for, and no other town's staff reading the case.
    const after = await c.until(() => true);
    expect(seen(c, after)).toEqual(before);
    expect(harness.recorded.progressOf(c.caseId)?.involvedAgencyIds ?? []).not.toContain(OTHER_TOWN.police);

    const joint = await c.act(STAFF.coordinator, { kind: 'add-joint-agencies', agencyIds: [AGENCY.landOffice] });
    expect(joint.jointAgencyIds).toEqual([AGENCY.landOffice]);
    await c.keepHistory('joint-agency-of-another-town-refused');
  });

  it('refuses a re-route to an agency that is not the town’s agency of that level', async () => {
    const c = await harness.startCase();
    await c.act(STAFF.villageLiaison, { kind: 'reject-transfer', reason: 'not-our-jurisdiction' }, 'accept-transfer');
    const before = seen(c, await c.state());
    for (const agencyId of [OTHER_TOWN.police, MADE_UP, AGENCY.police]) {
      expect(
        await refusal(c.act(STAFF.coordinator, { kind: 'reroute', toLevel: 'L1', agencyId }, 'handle-rejection')),
      ).toMatchObject({ type: 'InvalidInput', message: expect.stringMatching(/is not a mediation-committee of town/) });
    }
    expect(seen(c, await c.until(() => true))).toEqual(before);

    const rerouted = await c.act(
      STAFF.coordinator,
      { kind: 'reroute', toLevel: 'L1', agencyId: AGENCY.xiabaCommittee },
      'handle-rejection',
    );
    expect(rerouted).toMatchObject({ level: 'L1', phase: 'transfer', agencyId: AGENCY.xiabaCommittee });
  });
});
