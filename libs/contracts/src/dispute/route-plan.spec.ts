import type { AgencyKind } from '../identity';
import {
  DEFAULT_FOLLOW_UP,
  MissingAgencyError,
  type PlannablePolicy,
  planRoute,
  type RoutableAgency,
} from './route-plan';

const calendar = (amount: number) => ({ amount, unit: 'calendar-days' as const });
const level = (l: 'L1' | 'L2' | 'L3' | 'L4', agencyKind: AgencyKind) => ({
  level: l,
  agencyKind,
  mediationClock: calendar(30),
  extension: null,
  firstSessionWithin: null,
  rule: `${l} rule`,
});

const policy: PlannablePolicy = {
  version: 7,
  ladder: [
    level('L1', 'mediation-committee'),
    level('L2', 'police-station'),
    level('L3', 'judicial-office'),
    level('L4', 'court'),
  ],
  acceptance: { clock: { amount: 2, unit: 'working-days' }, remindAtFraction: 0.5, rule: 'acceptance' },
  routing: [
    { id: 'risk-to-police', match: { anyRisk: ['violence-risk', 'group-dispute', 'key-person'] }, startAt: 'L2' },
    { id: 'contract-debt-skips-police', match: { disputeTypes: ['contract-debt'] }, skip: ['L2'] },
  ],
};

const agencies: RoutableAgency[] = [
  { id: 'b-committee-xiaba', kind: 'mediation-committee', areaCodes: ['xiaba'] },
  { id: 'a-committee-shangba', kind: 'mediation-committee', areaCodes: ['shangba'] },
  { id: 'police', kind: 'police-station', areaCodes: [] },
  { id: 'judicial', kind: 'judicial-office', areaCodes: [] },
  { id: 'court', kind: 'court', areaCodes: [] },
  { id: 'centre', kind: 'governance-centre', areaCodes: [] },
];

const dispute = { disputeType: 'neighbour' as const, risks: [], villageCode: 'xiaba', intakeAgencyId: null };

describe('planRoute', () => {
  it('takes the whole ladder by default, starting at the village’s own committee', () => {
    const plan = planRoute('qingshui', policy, agencies, dispute);
    expect(plan.route.map((s) => [s.level, s.agencyId])).toEqual([
      ['L1', 'b-committee-xiaba'],
      ['L2', 'police'],
      ['L3', 'judicial'],
      ['L4', 'court'],
    ]);
    expect(plan).toMatchObject({ policyVersion: 7, coordinatorAgencyId: 'centre', routingRulesApplied: [] });
    // A policy stored before follow-up rules existed gets the statutory defaults.
    expect(plan.followUp).toEqual(DEFAULT_FOLLOW_UP);
    expect(plan.urgentRiskEscalatesAtOnce).toBe(true);
  });

  it('prefers the committee that took the report', () => {
    const plan = planRoute('qingshui', policy, agencies, { ...dispute, intakeAgencyId: 'a-committee-shangba' });
    expect(plan.route[0]?.agencyId).toBe('a-committee-shangba');
  });

  it('leaves a village without a committee, or a report naming no village, to the coordinators: never another village’s committee', () => {
    for (const [villageCode, unrouted] of [
      ['dongkou', 'village-without-committee'],
      [null, 'no-village-given'],
    ] as const) {
      const plan = planRoute('qingshui', policy, agencies, { ...dispute, villageCode });
      expect(plan.route[0]).toMatchObject({ level: 'L1', agencyId: 'centre', unrouted });
      // The levels above are the town's, wherever the village is.
      expect(plan.route.slice(1).map((s) => [s.agencyId, s.unrouted])).toEqual([
        ['police', undefined],
        ['judicial', undefined],
        ['court', undefined],
      ]);
    }
    // The committee that took the report takes it, whether or not the report names a village.
    const taken = planRoute('qingshui', policy, agencies, {
      ...dispute,
      villageCode: null,
      intakeAgencyId: 'a-committee-shangba',
    });
    expect(taken.route[0]).toMatchObject({ agencyId: 'a-committee-shangba' });
    expect(taken.route[0]?.unrouted).toBeUndefined();
  });

  it('starts at the police for a risky dispute, and skips the police for a contract debt', () => {
    expect(
      planRoute('qingshui', policy, agencies, { ...dispute, risks: ['key-person'] }).route.map((s) => s.level),
    ).toEqual(['L2', 'L3', 'L4']);
    const debt = planRoute('qingshui', policy, agencies, { ...dispute, disputeType: 'contract-debt' });
    expect(debt.route.map((s) => s.level)).toEqual(['L1', 'L3', 'L4']);
    expect(debt.routingRulesApplied).toEqual(['contract-debt-skips-police']);
  });

  it('does not send a risky dispute straight back to the police when the police transferred it in', () => {
    const fromPolice = planRoute('qingshui', policy, agencies, {
      ...dispute,
      risks: ['violence-risk'],
      intakeAgencyId: 'police',
    });
    expect(fromPolice.route.map((s) => [s.level, s.agencyId])).toEqual([
      ['L1', 'b-committee-xiaba'],
      ['L2', 'police'],
      ['L3', 'judicial'],
      ['L4', 'court'],
    ]);
    expect(fromPolice.routingRulesApplied).toEqual([]);
    expect(fromPolice.notBackToSender).toEqual(['risk-to-police']);
  });

  it('never skips the level a rule starts at', () => {
    const both = planRoute('qingshui', policy, agencies, {
      ...dispute,
      disputeType: 'contract-debt',
      risks: ['violence-risk'],
    });
    expect(both.route.map((s) => s.level)).toEqual(['L2', 'L3', 'L4']);
    expect(both.routingRulesApplied).toEqual(['risk-to-police', 'contract-debt-skips-police']);
  });

  it('names the missing agency when the town lacks one its route needs', () => {
    expect(() =>
      planRoute(
        'qingshui',
        policy,
        agencies.filter((a) => a.kind !== 'court'),
        dispute,
      ),
    ).toThrow(MissingAgencyError);
    expect(() =>
      planRoute(
        'qingshui',
        policy,
        agencies.filter((a) => a.kind !== 'court'),
        dispute,
      ),
    ).toThrow(/has no court agency/);
  });
});
