import { addableAgencies, canAddJointAgencies, jointAgencyIds, jointSlotsLeft, signOffsOf } from './joint';

const LEAD = 'a9e00000-0000-4000-8000-0000000000a1';
const POLICE = 'a9e00000-0000-4000-8000-0000000000a2';
const JUSTICE = 'a9e00000-0000-4000-8000-0000000000a3';
const WOMEN = 'a9e00000-0000-4000-8000-0000000000a4';
const EMPTY = 'a9e00000-0000-4000-8000-0000000000a5';

type Details = Record<string, string | number | boolean | null | string[]>;
const at = (minute: number) => new Date(Date.UTC(2026, 11, 8, 2, minute)).toISOString();
const event = (type: string, minute: number, details: Details = {}, actor = 'system') => ({
  type,
  at: at(minute),
  actor,
  details,
});
const clock = { dueAt: at(600), remainingMs: 3_600_000, overdue: false, rule: 'joint' };
const signOffTask = (
  agencyId: string,
  status: 'open' | 'completed' | 'cancelled',
  opened: number,
  closed?: number,
) => ({
  kind: 'joint-sign-off' as const,
  agencyId,
  status,
  openedAt: at(opened),
  closedAt: closed === undefined ? null : at(closed),
  closedBy: closed === undefined ? null : 'staff-of-' + agencyId,
  clock,
});

/** The case came to L2, two agencies joined, an agreement was recorded. */
const base = [
  event('transfer-requested', 0, { level: 'L1' }),
  event('joint-agencies-added', 1, { level: 'L1', agencyIds: [EMPTY] }),
  event('escalated', 2),
  event('transfer-requested', 3, { level: 'L2', toAgencyId: LEAD }),
  event('joint-agencies-added', 5, { level: 'L2', agencyIds: [POLICE, JUSTICE] }),
  event('agreement-recorded', 10, { level: 'L2', pendingSignOffs: [POLICE, JUSTICE] }),
];

describe('joint mediation on the case page', () => {
  it('lists the agencies joined at the current level only, with any a sign-off task shows', () => {
    expect(jointAgencyIds(base, [])).toEqual([POLICE, JUSTICE]);
    expect(jointAgencyIds(base, [signOffTask(WOMEN, 'open', 6), signOffTask(EMPTY, 'cancelled', 1)])).toEqual([
      POLICE,
      JUSTICE,
      WOMEN,
    ]);
  });

  it('offers only agencies not at the level yet, that have someone to sign off, within the limit of ten', () => {
    const directory = {
      agencies: [LEAD, POLICE, JUSTICE, WOMEN, EMPTY].map((id) => ({
        id,
        name: id,
        kind: 'other-department' as const,
      })),
      staff: [
        { agencyId: WOMEN, roles: ['liaison' as const], active: true },
        { agencyId: JUSTICE, roles: ['mediator' as const], active: true },
        { agencyId: EMPTY, roles: ['mediator' as const], active: false },
        { agencyId: EMPTY, roles: ['grid-worker' as const], active: true },
      ],
      truncated: { staff: false },
    };
    expect(addableAgencies(directory, LEAD, [POLICE]).map((a) => a.id)).toEqual([JUSTICE, WOMEN]);
    // A directory that could not list all staff cannot tell who has no signer: the workflow decides.
    expect(addableAgencies({ ...directory, truncated: { staff: true } }, LEAD, [POLICE]).map((a) => a.id)).toEqual([
      JUSTICE,
      WOMEN,
      EMPTY,
    ]);
    expect(jointSlotsLeft([POLICE, JUSTICE])).toBe(8);
    expect(jointSlotsLeft(Array.from({ length: 10 }, (_, i) => String(i)))).toBe(0);
  });

  it('lets coordinators ask agencies to join while the level is mediated or decided on', () => {
    const mediating = { status: 'open' as const, progress: { phase: 'mediation' as const } };
    expect(canAddJointAgencies(['coordinator'], mediating)).toBe(true);
    expect(canAddJointAgencies(['mediator', 'liaison'], mediating)).toBe(false);
    const signing = { status: 'open' as const, progress: { phase: 'agreement-sign-off' as const } };
    expect(canAddJointAgencies(['coordinator'], signing)).toBe(false);
    const closed = { status: 'closed' as const, progress: { phase: 'mediation' as const } };
    expect(canAddJointAgencies(['coordinator'], closed)).toBe(false);
  });

  it('shows no sign-offs before an agreement is recorded at the level', () => {
    expect(signOffsOf(base.slice(0, 5), [signOffTask(POLICE, 'open', 5)], [POLICE])).toBeNull();
  });

  it('tells signed, declined with its reason, and awaited apart', () => {
    const timeline = [
      ...base,
      event('agreement-signed-off', 20, { level: 'L2', signedFor: POLICE, remaining: 1 }, 'police-officer'),
    ];
    const tasks = [signOffTask(POLICE, 'completed', 5, 20), signOffTask(JUSTICE, 'open', 5)];
    expect(signOffsOf(timeline, tasks, [POLICE, JUSTICE])).toEqual({
      recordedAt: at(10),
      final: false,
      returned: false,
      items: [
        { agencyId: POLICE, status: 'signed', at: at(20), by: 'police-officer', reason: null, clock: null },
        { agencyId: JUSTICE, status: 'awaited', at: null, by: null, reason: null, clock },
      ],
    });
    const declined = [
      ...timeline,
      event(
        'agreement-sign-off-declined',
        30,
        { level: 'L2', declinedFor: JUSTICE, reason: 'facts-unverified', consequence: 'proceed-without' },
        'justice-officer',
      ),
      event('agreement-final', 30, { level: 'L2' }),
    ];
    const after = signOffsOf(
      declined,
      [signOffTask(POLICE, 'completed', 5, 20), signOffTask(JUSTICE, 'completed', 5, 30)],
      [],
    );
    expect(after?.final).toBe(true);
    expect(after?.items[1]).toMatchObject({ status: 'declined', reason: 'facts-unverified', by: 'justice-officer' });
  });

  it('counts a completed sign-off task as signed while its timeline entry is not read yet', () => {
    const tasks = [signOffTask(POLICE, 'completed', 5, 20), signOffTask(JUSTICE, 'open', 5)];
    expect(signOffsOf(base, tasks, [])?.items[0]).toMatchObject({ status: 'signed', at: at(20) });
  });

  it('after a decline sends the agreement back, nobody is awaited for it any more', () => {
    const timeline = [
      ...base,
      event('agreement-sign-off-declined', 20, {
        level: 'L2',
        declinedFor: POLICE,
        reason: 'party-objects',
        consequence: 'return-to-mediation',
      }),
    ];
    // The workflow opens fresh sign-off tasks for the next agreement.
    const tasks = [
      signOffTask(POLICE, 'completed', 5, 20),
      signOffTask(JUSTICE, 'cancelled', 5, 20),
      signOffTask(POLICE, 'open', 20),
      signOffTask(JUSTICE, 'open', 20),
    ];
    const signOffs = signOffsOf(timeline, tasks, [POLICE, JUSTICE]);
    expect(signOffs?.returned).toBe(true);
    expect(signOffs?.items.map((item) => item.status)).toEqual(['declined', 'cancelled']);
  });
});
