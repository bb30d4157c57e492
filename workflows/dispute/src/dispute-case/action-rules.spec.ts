import { type ActInput, type DisputeState, newDisputeState, planRoute } from '@gongzhi/contracts/dispute';
import { AGENCIES, AGENCY, POLICY, STAFF } from '../../test/support/town';
import { checkAction, checkArrivingAction } from './action-rules';
import { checkNamed, namedInAction, namedInReassign, namedInRepair } from './named';

const NOW = Date.parse('2026-03-01T02:00:00Z');

function mediating(overrides: Partial<DisputeState> = {}): DisputeState {
  const input = {
    caseId: 'c1',
    townCode: 'qingshui',
    villageCode: 'shangba',
    disputeType: 'neighbour' as const,
    risks: [],
    intakeAgencyId: null,
  };
  const state = newDisputeState(input);
  state.plan = planRoute('qingshui', POLICY, AGENCIES, input);
  Object.assign(state, {
    level: 'L1',
    phase: 'mediation',
    agencyId: AGENCY.shangbaCommittee,
    responsibleStaffId: STAFF.villageMediator.staffId,
    openActions: [
      {
        actionId: '2-mediate',
        kind: 'mediate',
        level: 'L1',
        agencyId: AGENCY.shangbaCommittee,
        roles: ['mediator'],
        assigneeStaffId: STAFF.villageMediator.staffId,
        openedAt: '2026-02-27T02:00:00Z',
        dueAt: '2026-03-29T02:00:00Z',
        rule: 'L1 rule',
        reason: null,
      },
    ],
    levels: [
      {
        level: 'L1',
        agencyId: AGENCY.shangbaCommittee,
        enteredAt: '2026-02-27T01:00:00Z',
        acceptedAt: '2026-02-27T02:00:00Z',
        acceptedBy: STAFF.villageLiaison.staffId,
        responsibleStaffId: STAFF.villageMediator.staffId,
        jointAgencyIds: [],
        sessions: 0,
        extensionsGranted: 0,
        leftAt: null,
        outcome: null,
      },
    ],
    ...overrides,
  });
  return state;
}

const on = (input: Omit<ActInput, 'actionId'>, actionId = '2-mediate'): ActInput => ({ ...input, actionId });

describe('checkAction', () => {
  it('accepts a legal action from the task’s assignee', () => {
    const heldAt = new Date(NOW - 3_600_000).toISOString();
    expect(
      checkAction(mediating(), on({ actor: STAFF.villageMediator, action: { kind: 'record-session', heldAt } }), NOW),
    ).toBeNull();
  });

  it('lets another mediator of the same agency work the task, but not staff of another agency', () => {
    const action = { kind: 'record-failure' } as const;
    expect(checkAction(mediating(), on({ actor: STAFF.otherVillageMediator, action }), NOW)).toBeNull();
    expect(checkAction(mediating(), on({ actor: STAFF.policeMediator, action }), NOW)).toMatchObject({
      type: 'NotAllowed',
    });
  });

  it('names a stale task, a missing task, and an action the task does not take', () => {
    const state = mediating();
    expect(
      checkAction(
        state,
        on({ actor: STAFF.villageMediator, action: { kind: 'record-failure' } }, '1-accept-transfer'),
        NOW,
      ),
    ).toMatchObject({
      type: 'StaleTask',
    });
    expect(checkAction(state, { actor: STAFF.villageMediator, action: { kind: 'record-failure' } }, NOW)).toMatchObject(
      {
        type: 'InvalidInput',
      },
    );
    expect(checkAction(state, on({ actor: STAFF.villageMediator, action: { kind: 'sign-off' } }), NOW)).toMatchObject({
      type: 'IllegalAction',
    });
  });

  it('refuses a session in the future and an extension the level’s rule does not allow', () => {
    const future = new Date(NOW + 86_400_000).toISOString();
    expect(
      checkAction(
        mediating(),
        on({ actor: STAFF.villageMediator, action: { kind: 'record-session', heldAt: future } }),
        NOW,
      ),
    ).toMatchObject({
      type: 'InvalidInput',
    });
    expect(
      checkAction(mediating(), on({ actor: STAFF.villageMediator, action: { kind: 'request-extension' } }), NOW),
    ).toMatchObject({
      type: 'IllegalAction',
    });
  });

  it('refuses an agreement that takes effect in the future when it arrives; histories that accepted one replay', () => {
    const agreement = (effectiveAt: string) =>
      on({ actor: STAFF.villageMediator, action: { kind: 'record-agreement', effectiveAt } });
    const tomorrow = new Date(NOW + 86_400_000).toISOString();
    expect(checkArrivingAction(mediating(), agreement(tomorrow), NOW)).toMatchObject({
      type: 'InvalidInput',
      message: expect.stringContaining('not one in the future'),
    });
    // The check the workflow repeats when it processes the action, also on replay, lets it through.
    expect(checkAction(mediating(), agreement(tomorrow), NOW)).toBeNull();
    // Signed yesterday, or a few seconds ahead of the workflow's clock: in time.
    expect(checkArrivingAction(mediating(), agreement(new Date(NOW - 86_400_000).toISOString()), NOW)).toBeNull();
    expect(checkArrivingAction(mediating(), agreement(new Date(NOW + 30_000).toISOString()), NOW)).toBeNull();
  });

  it('lets only the town’s coordinators add agencies, and not the lead agency itself', () => {
    const add = (agencyIds: string[]) => ({ kind: 'add-joint-agencies', agencyIds }) as const;
    expect(checkAction(mediating(), { actor: STAFF.coordinator, action: add([AGENCY.police]) }, NOW)).toBeNull();
    expect(checkAction(mediating(), { actor: STAFF.villageMediator, action: add([AGENCY.police]) }, NOW)).toMatchObject(
      {
        type: 'NotAllowed',
      },
    );
    expect(
      checkAction(mediating(), { actor: STAFF.coordinator, action: add([AGENCY.shangbaCommittee]) }, NOW),
    ).toMatchObject({
      type: 'IllegalAction',
    });
  });

  it('rejects everything on a closed case, and everything while the case is still being planned', () => {
    const action = { kind: 'withdraw' } as const;
    expect(checkAction(mediating({ phase: 'closed' }), { actor: STAFF.coordinator, action }, NOW)).toMatchObject({
      type: 'CaseClosed',
    });
    expect(
      checkAction(mediating({ phase: 'planning', plan: null }), { actor: STAFF.coordinator, action }, NOW),
    ).toMatchObject({
      type: 'IllegalAction',
    });
  });

  it('refuses a judicial confirmation application after the 30-day window closed', () => {
    const state = mediating({
      phase: 'follow-up',
      openActions: [],
      agreement: {
        level: 'L1',
        agencyId: AGENCY.shangbaCommittee,
        recordedAt: '2026-01-01T02:00:00Z',
        recordedBy: STAFF.villageMediator.staffId,
        effectiveAt: '2026-01-01T02:00:00Z',
        documentId: null,
        pendingSignOffs: [],
        finalAt: '2026-01-01T02:00:00Z',
        followUpVisitDueAt: null,
        visitTaskOpenedAt: null,
        performance: 'pending',
        judicialConfirmation: {
          windowClosesAt: '2026-01-31T02:00:00Z',
          warnedAt: null,
          appliedAt: null,
          decision: null,
          decidedAt: null,
          lapsedAt: null,
        },
      },
    });
    const apply = (appliedAt: string) => ({ kind: 'record-confirmation-application', appliedAt }) as const;
    expect(checkAction(state, { actor: STAFF.villageMediator, action: apply('2026-01-20T02:00:00Z') }, NOW)).toBeNull();
    expect(
      checkAction(state, { actor: STAFF.villageMediator, action: apply('2026-02-10T02:00:00Z') }, NOW),
    ).toMatchObject({
      type: 'IllegalAction',
    });
  });
});

describe('an action’s fields, on arrival', () => {
  // The schema case-service validates requests with: what the edge refuses, the workflow refuses the same way.
  const arriving = (action: unknown, actionId = '2-mediate') =>
    checkArrivingAction(mediating(), { actor: STAFF.villageMediator, action, actionId } as ActInput, NOW);

  it.each([
    [
      'an extension longer than the policy’s longest',
      { kind: 'decide', decision: 'extend', extendDays: 90 },
      'extendDays',
    ],
    [
      'a responsible mediator named by anything but an id',
      { kind: 'accept-transfer', responsibleStaffId: 'Wang Fang' },
      'responsibleStaffId',
    ],
    [
      'free text for a court filing reference',
      { kind: 'record-failure', courtFilingRef: 'filed last week by the applicant' },
      'courtFilingRef',
    ],
    ['a session held at no instant', { kind: 'record-session', heldAt: 'yesterday afternoon' }, 'heldAt'],
    ['a field the action does not have', { kind: 'record-urging', note: 'called twice' }, 'action'],
    ['an unknown action', { kind: 'settle-quietly' }, 'action.kind'],
  ])('refuses %s, naming the field', (_what, action, field) => {
    const rejection = arriving(action);
    expect(rejection).toMatchObject({ type: 'InvalidInput' });
    expect(rejection?.message).toContain(field);
  });

  it('lets a well-formed action through to the state checks', () => {
    const heldAt = new Date(NOW - 3_600_000).toISOString();
    expect(arriving({ kind: 'record-session', heldAt })).toBeNull();
    expect(arriving({ kind: 'record-failure', courtFilingRef: '(2026)湘0101民初123号' })).toBeNull();
  });
});

describe('what an action names, and whether agency-service vouches for it', () => {
  const member = (agencyId: string, roles: ('mediator' | 'liaison')[] = ['mediator'], active = true) => ({
    staffId: 'a1000000-0000-4000-8000-000000000001',
    agencyId,
    townCode: 'qingshui',
    roles,
    active,
  });
  /** The value, where a test expects one (something named). */
  const some = <T>(value: T | null): T => {
    if (value === null) throw new Error('expected the input to name someone or something');
    return value;
  };
  const agency = (agencyId: string, kind: 'police-station' | 'mediation-committee', townCode = 'qingshui') => ({
    agencyId,
    kind,
    townCode,
  });

  it('names the responsible mediator of an acceptance: a mediator of the task’s agency', () => {
    const state = mediating({
      phase: 'transfer',
      openActions: mediating().openActions.map((a) => ({
        ...a,
        actionId: '1-accept-transfer',
        kind: 'accept-transfer',
      })),
    });
    const input = on(
      { actor: STAFF.villageLiaison, action: { kind: 'accept-transfer', responsibleStaffId: member('x').staffId } },
      '1-accept-transfer',
    );
    const named = some(namedInAction(state, input));
    expect(named).toEqual({
      staff: { staffId: member('x').staffId, agencyId: AGENCY.shangbaCommittee, roles: ['mediator'] },
    });
    const check = (staff: ReturnType<typeof member> | null) => checkNamed(state, named, { staff, agencies: [] });
    expect(check(member(AGENCY.shangbaCommittee))).toBeNull();
    for (const refused of [
      null,
      member(AGENCY.xiabaCommittee),
      member(AGENCY.shangbaCommittee, ['liaison']),
      member(AGENCY.shangbaCommittee, ['mediator'], false),
    ]) {
      expect(check(refused)).toMatchObject({ type: 'InvalidInput' });
    }
  });

  it('names the joint agencies really added, and wants each to be of the case’s town', () => {
    const state = mediating();
    const add = (agencyIds: string[]) =>
      namedInAction(state, { actor: STAFF.coordinator, action: { kind: 'add-joint-agencies', agencyIds } });
    // The lead agency already works the level: only the new ones are named.
    const named = some(add([AGENCY.police, AGENCY.shangbaCommittee, AGENCY.police]));
    expect(named).toEqual({ agencies: { agencyIds: [AGENCY.police], kind: null, mustSign: true } });
    expect(add([AGENCY.shangbaCommittee])).toBeNull();
    expect(
      checkNamed(state, named, { staff: undefined, agencies: [agency(AGENCY.police, 'police-station')] }),
    ).toBeNull();
    expect(
      checkNamed(state, named, { staff: undefined, agencies: [agency(AGENCY.police, 'police-station', 'hetian')] }),
    ).toMatchObject({ type: 'InvalidInput' });
    expect(checkNamed(state, named, { staff: undefined, agencies: [] })).toMatchObject({ type: 'InvalidInput' });
    // Nobody there could sign the agreement off: refused. An answer from before signers were counted is not zero.
    const police = agency(AGENCY.police, 'police-station');
    expect(checkNamed(state, named, { staff: undefined, agencies: [{ ...police, signers: 0 }] })).toMatchObject({
      type: 'InvalidInput',
      message: expect.stringContaining('no active mediator or liaison'),
    });
    expect(checkNamed(state, named, { staff: undefined, agencies: [{ ...police, signers: 1 }] })).toBeNull();
  });

  it('wants a re-route’s agency to be the town’s agency of the level’s kind, and names nothing without one', () => {
    const state = mediating({ phase: 'transfer-rejected' });
    const reroute = (agencyId?: string) =>
      namedInAction(state, {
        actor: STAFF.coordinator,
        action: { kind: 'reroute', toLevel: 'L1', ...(agencyId ? { agencyId } : {}) },
      });
    expect(reroute()).toBeNull();
    const named = some(reroute(AGENCY.police));
    expect(named).toEqual({ agencies: { agencyIds: [AGENCY.police], kind: 'mediation-committee' } });
    expect(
      checkNamed(state, named, { staff: undefined, agencies: [agency(AGENCY.police, 'police-station')] }),
    ).toMatchObject({ type: 'InvalidInput', message: expect.stringMatching(/not a mediation-committee of town/) });
  });

  it('names whom a reassignment or an administrator’s repair hands the task to', () => {
    const state = mediating();
    expect(
      namedInReassign(state, { actor: STAFF.coordinator, actionId: '2-mediate', toStaffId: member('x').staffId }),
    ).toEqual({ staff: { staffId: member('x').staffId, agencyId: AGENCY.shangbaCommittee, roles: ['mediator'] } });
    const repair = some(
      namedInRepair(state, {
        actorId: STAFF.coordinator.staffId,
        repairId: 'r-1',
        repair: { kind: 'reassign-task', actionId: '2-mediate', toStaffId: member('x').staffId },
      }),
    );
    expect(repair).toEqual({ staff: { staffId: member('x').staffId, agencyId: AGENCY.shangbaCommittee, roles: null } });
    // Any role of the task's agency will do for a repair.
    expect(checkNamed(state, repair, { staff: member(AGENCY.shangbaCommittee, ['liaison']), agencies: [] })).toBeNull();
    expect(
      namedInRepair(state, { actorId: STAFF.coordinator.staffId, repairId: 'r-2', repair: { kind: 'resend-urging' } }),
    ).toBeNull();
  });
});
