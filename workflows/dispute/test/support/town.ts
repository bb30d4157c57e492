/**
 * The town the workflow tests run in: the default policy of docs/domain.md and the demo town's agencies (same ids as the
 * agency-service seed), with staff acting for them.
 */
import type { Actor, PlannablePolicy, RoutableAgency } from '@gongzhi/contracts/dispute';

export const TOWN = 'qingshui';

export const AGENCY = {
  shangbaCommittee: 'a9e00000-0000-4000-8000-000000000001',
  xiabaCommittee: 'a9e00000-0000-4000-8000-000000000002',
  police: 'a9e00000-0000-4000-8000-000000000004',
  judicialOffice: 'a9e00000-0000-4000-8000-000000000005',
  court: 'a9e00000-0000-4000-8000-000000000006',
  centre: 'a9e00000-0000-4000-8000-000000000007',
  landOffice: 'a9e00000-0000-4000-8000-000000000008',
} as const;

export const AGENCIES: RoutableAgency[] = [
  { id: AGENCY.shangbaCommittee, kind: 'mediation-committee', areaCodes: ['shangba'] },
  { id: AGENCY.xiabaCommittee, kind: 'mediation-committee', areaCodes: ['xiaba'] },
  { id: AGENCY.police, kind: 'police-station', areaCodes: [TOWN] },
  { id: AGENCY.judicialOffice, kind: 'judicial-office', areaCodes: [TOWN] },
  { id: AGENCY.court, kind: 'court', areaCodes: [TOWN] },
  { id: AGENCY.centre, kind: 'governance-centre', areaCodes: [TOWN] },
  { id: AGENCY.landOffice, kind: 'other-department', areaCodes: [TOWN] },
];

/** A police station of another town: agency-service knows it, but no case of this town may be sent there. */
export const OTHER_TOWN = { code: 'hetian', police: 'a9e00000-0000-4000-8000-0000000000f4' } as const;

const calendar = (amount: number) => ({ amount, unit: 'calendar-days' as const });

export const POLICY: PlannablePolicy = {
  version: 3,
  ladder: [
    {
      level: 'L1',
      agencyKind: 'mediation-committee',
      mediationClock: calendar(30),
      extension: null,
      firstSessionWithin: null,
      rule: 'L1 rule',
    },
    {
      level: 'L2',
      agencyKind: 'police-station',
      mediationClock: calendar(30),
      extension: calendar(30),
      firstSessionWithin: { amount: 3, unit: 'working-days' },
      rule: 'L2 rule',
    },
    {
      level: 'L3',
      agencyKind: 'judicial-office',
      mediationClock: calendar(30),
      extension: null,
      firstSessionWithin: null,
      rule: 'L3 rule',
    },
    {
      level: 'L4',
      agencyKind: 'court',
      mediationClock: calendar(30),
      extension: calendar(30),
      firstSessionWithin: null,
      rule: 'L4 rule',
    },
  ],
  acceptance: { clock: { amount: 2, unit: 'working-days' }, remindAtFraction: 0.5, rule: 'acceptance rule' },
  routing: [
    { id: 'risk-to-police', match: { anyRisk: ['violence-risk', 'group-dispute', 'key-person'] }, startAt: 'L2' },
    { id: 'contract-debt-skips-police', match: { disputeTypes: ['contract-debt'] }, skip: ['L2'] },
  ],
  followUp: { visitAfter: calendar(15), confirmationWarningDays: 5, rule: 'follow-up rule' },
  urgentRisk: { escalateAtOnce: true, rule: 'urgent rule' },
};

const staff = (n: number) => `5aff0000-0000-4000-8000-${String(n).padStart(12, '0')}`;

export const STAFF = {
  villageLiaison: { staffId: staff(11), agencyId: AGENCY.shangbaCommittee, roles: ['liaison'] },
  villageMediator: { staffId: staff(12), agencyId: AGENCY.shangbaCommittee, roles: ['mediator', 'grid-worker'] },
  otherVillageMediator: { staffId: staff(13), agencyId: AGENCY.shangbaCommittee, roles: ['mediator'] },
  policeLiaison: { staffId: staff(21), agencyId: AGENCY.police, roles: ['liaison'] },
  policeMediator: { staffId: staff(22), agencyId: AGENCY.police, roles: ['mediator'] },
  judicialLiaison: { staffId: staff(31), agencyId: AGENCY.judicialOffice, roles: ['liaison'] },
  judicialMediator: { staffId: staff(32), agencyId: AGENCY.judicialOffice, roles: ['mediator'] },
  courtLiaison: { staffId: staff(41), agencyId: AGENCY.court, roles: ['liaison'] },
  courtMediator: { staffId: staff(42), agencyId: AGENCY.court, roles: ['mediator'] },
  coordinator: { staffId: staff(51), agencyId: AGENCY.centre, roles: ['coordinator'] },
  landOfficer: { staffId: staff(61), agencyId: AGENCY.landOffice, roles: ['mediator'] },
} satisfies Record<string, Actor>;
