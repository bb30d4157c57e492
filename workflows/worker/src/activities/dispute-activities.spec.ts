import { ApplicationFailure } from '@temporalio/common';
import { MockActivityEnvironment } from '@temporalio/testing';
import { DefaultLogger } from '@temporalio/worker';
import type { PlanCaseInput, PlannablePolicy, RoutableAgency } from '@gongzhi/contracts/dispute';
import type { AgencyApi } from '../clients/agency-api';
import type { CaseApi } from '../clients/case-api';
import { createDisputeActivities } from './dispute-activities';

const days30 = { amount: 30, unit: 'calendar-days' } as const;
const level = (l: 'L1' | 'L2', agencyKind: 'mediation-committee' | 'police-station') => ({
  level: l,
  agencyKind,
  mediationClock: days30,
  extension: null,
  firstSessionWithin: null,
  rule: `${l} rule`,
});
const policy: PlannablePolicy = {
  version: 2,
  ladder: [level('L1', 'mediation-committee'), level('L2', 'police-station')],
  acceptance: { clock: { amount: 2, unit: 'working-days' }, remindAtFraction: 0.5, rule: 'accept' },
  routing: [],
};
const agencies: RoutableAgency[] = [
  { id: 'committee', kind: 'mediation-committee', areaCodes: ['xiaba'] },
  { id: 'police', kind: 'police-station', areaCodes: [] },
  { id: 'centre', kind: 'governance-centre', areaCodes: [] },
];
const input: PlanCaseInput = {
  caseId: 'case-1',
  townCode: 'qingshui',
  villageCode: 'xiaba',
  intakeAgencyId: null,
  disputeType: 'neighbour',
  risks: [],
};

function fakeAgencyApi(overrides: Partial<AgencyApi> = {}): AgencyApi {
  return {
    currentPolicy: async () => policy,
    townAgencies: async () => agencies,
    staffMember: async () => null,
    agency: async (id) =>
      id === 'police' || id === 'elsewhere'
        ? { agencyId: id, kind: 'police-station', townCode: id === 'police' ? 'qingshui' : 'hetian' }
        : null,
    addWorkingDays: async () => ({ result: '2026-10-10T01:00:00.000Z', basis: 'official' }),
    addCalendarDays: async () => ({ result: '2026-10-30T01:00:00.000Z' }),
    periodEnd: async () => ({ result: '2026-10-30T15:59:59.999Z', lastDay: '2026-10-30', basis: 'official' }),
    ...overrides,
  };
}

const unusedCaseApi: CaseApi = {
  openTask: jest.fn(),
  closeTask: jest.fn(),
  remindTask: jest.fn(),
  recordTimeline: jest.fn(),
  updateProgress: jest.fn(),
  commitTransition: jest.fn(),
};

describe('dispute activities', () => {
  // The failures below are expected: only errors would be worth printing.
  const env = new MockActivityEnvironment(undefined, { logger: new DefaultLogger('ERROR') });
  /** Runs one activity in a mocked activity context, typed by the activity itself. */
  const run = <I, O>(activity: (input: I) => Promise<O>, input: I): Promise<O> =>
    env.run<[I], O, (input: I) => Promise<O>>(activity, input);

  it('plans the route from the town’s policy and agencies', async () => {
    const activities = createDisputeActivities({ caseApi: unusedCaseApi, agencyApi: fakeAgencyApi() });
    const plan = await run(activities.planCase, input);
    expect(plan.route.map((s) => [s.level, s.agencyId])).toEqual([
      ['L1', 'committee'],
      ['L2', 'police'],
    ]);
    expect(plan).toMatchObject({ policyVersion: 2, coordinatorAgencyId: 'centre' });
  });

  it('fails planning for good, as AgencyMissing, when the town lacks an agency its policy routes to', async () => {
    const activities = createDisputeActivities({
      caseApi: unusedCaseApi,
      agencyApi: fakeAgencyApi({ townAgencies: async () => agencies.filter((a) => a.kind !== 'police-station') }),
    });
    const error = await run(activities.planCase, input).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ApplicationFailure);
    expect(error).toMatchObject({ type: 'AgencyMissing', nonRetryable: true });
    expect((error as ApplicationFailure).details).toEqual([{ townCode: 'qingshui', agencyKind: 'police-station' }]);
  });

  it('passes service failures through unchanged, so retryable ones stay retryable', async () => {
    const outage = new Error('agency-service is down');
    const activities = createDisputeActivities({
      caseApi: unusedCaseApi,
      agencyApi: fakeAgencyApi({ currentPolicy: () => Promise.reject(outage) }),
    });
    await expect(run(activities.planCase, input)).rejects.toBe(outage);
  });

  it('computes deadlines on the calendar the clock names, and says which one', async () => {
    const agencyApi = fakeAgencyApi({
      addWorkingDays: jest.fn(async () => ({ result: '2026-10-10T01:00:00.000Z', basis: 'official' as const })),
      addCalendarDays: jest.fn(async () => ({ result: '2026-10-30T01:00:00.000Z' })),
    });
    const activities = createDisputeActivities({ caseApi: unusedCaseApi, agencyApi });
    const from = '2026-09-30T01:00:00.000Z';
    expect(await run(activities.computeDeadline, { from, clock: { amount: 3, unit: 'working-days' } })).toEqual({
      dueAt: '2026-10-10T01:00:00.000Z',
      basis: 'official',
    });
    expect(await run(activities.computeDeadline, { from, clock: days30 })).toEqual({
      dueAt: '2026-10-30T01:00:00.000Z',
      basis: 'calendar-days',
    });
    expect(agencyApi.addWorkingDays).toHaveBeenCalledWith(from, 3);
    expect(agencyApi.addCalendarDays).toHaveBeenCalledWith(from, 30);
  });

  it('asks for the end of the period when the workflow counts periods to the end of their last day', async () => {
    const agencyApi = fakeAgencyApi({
      periodEnd: jest.fn(async () => ({
        result: '2026-10-08T15:59:59.999Z',
        lastDay: '2026-10-08',
        basis: 'official' as const,
      })),
    });
    const activities = createDisputeActivities({ caseApi: unusedCaseApi, agencyApi });
    const from = '2026-09-03T02:00:00.000Z';
    expect(await run(activities.computeDeadline, { from, clock: days30, ends: 'end-of-day' })).toEqual({
      dueAt: '2026-10-08T15:59:59.999Z',
      basis: 'official',
      lastDay: '2026-10-08',
    });
    expect(agencyApi.periodEnd).toHaveBeenCalledWith(from, 30, 'calendar-days', undefined);
    // The office's closing time goes with it when the town set one.
    await run(activities.computeDeadline, {
      from,
      clock: { amount: 3, unit: 'working-days' },
      ends: 'end-of-day',
      closesAt: '17:30',
    });
    expect(agencyApi.periodEnd).toHaveBeenLastCalledWith(from, 3, 'working-days', '17:30');
  });

  it('reads the named staff member and the named agencies, leaving out ids agency-service does not know', async () => {
    const member = {
      staffId: 'med-1',
      agencyId: 'committee',
      townCode: 'qingshui',
      roles: ['mediator' as const],
      active: true,
    };
    const agency = jest.fn(fakeAgencyApi().agency);
    const activities = createDisputeActivities({
      caseApi: unusedCaseApi,
      agencyApi: fakeAgencyApi({ staffMember: async (id) => (id === 'med-1' ? member : null), agency }),
    });
    expect(await run(activities.readStaff, { staffId: 'med-1' })).toEqual(member);
    expect(await run(activities.readStaff, { staffId: 'nobody' })).toBeNull();
    expect(await run(activities.readAgencies, { agencyIds: ['police', 'made-up', 'elsewhere', 'police'] })).toEqual([
      { agencyId: 'police', kind: 'police-station', townCode: 'qingshui' },
      { agencyId: 'elsewhere', kind: 'police-station', townCode: 'hetian' },
    ]);
    // Each id is read once, however often it is named.
    expect(agency).toHaveBeenCalledTimes(3);
  });
});
