import { canAddDocuments, canDecideDuplicates, canRaiseRisk } from './permissions';

const SHANGBA = 'a9e00000-0000-4000-8000-000000000001';
const POLICE = 'a9e00000-0000-4000-8000-000000000004';
const CENTRE = 'a9e00000-0000-4000-8000-000000000007';

const staff = (roles: string[], agencyId = SHANGBA) => ({
  staff: { id: 's', username: 'u', displayName: 'n', agencyId, townCode: 'qingshui', roles },
});
const openAt = (agencyId: string | null) => ({
  status: 'open' as const,
  progress: {
    level: 'L1' as const,
    agencyId,
    phase: 'mediation' as const,
    outcome: null,
    awaitedAction: null,
    nextDeadline: null,
  },
});

describe('who the case page offers which control to', () => {
  it('offers documents to the roles case-service lets add them, never on a merged case', () => {
    expect(canAddDocuments(staff(['mediator']), { status: 'open' })).toBe(true);
    expect(canAddDocuments(staff(['coordinator'], CENTRE), { status: 'closed' })).toBe(true);
    expect(canAddDocuments(staff(['grid-worker']), { status: 'open' })).toBe(false);
    expect(canAddDocuments(staff(['mediator']), { status: 'merged' })).toBe(false);
    expect(canAddDocuments(null, { status: 'open' })).toBe(false);
  });

  it('offers the decision on a possible duplicate to those who may correct cases', () => {
    expect(canDecideDuplicates(staff(['mediator']))).toBe(true);
    expect(canDecideDuplicates(staff(['liaison', 'mediator'], POLICE))).toBe(true);
    expect(canDecideDuplicates(staff(['grid-worker']))).toBe(false);
    expect(canDecideDuplicates(undefined)).toBe(false);
  });

  it('offers raising a risk to staff working the case and to a coordinator, while the case is open', () => {
    expect(canRaiseRisk(staff(['mediator']), openAt(SHANGBA), [])).toBe(true);
    expect(canRaiseRisk(staff(['coordinator'], CENTRE), openAt(SHANGBA), [])).toBe(true);
    // Another agency's mediator: only with a task of the case (a joint agency signing off).
    expect(canRaiseRisk(staff(['mediator'], POLICE), openAt(SHANGBA), [])).toBe(false);
    expect(canRaiseRisk(staff(['mediator'], POLICE), openAt(SHANGBA), [{ agencyId: POLICE, status: 'open' }])).toBe(
      true,
    );
    expect(
      canRaiseRisk(staff(['mediator'], POLICE), openAt(SHANGBA), [{ agencyId: POLICE, status: 'completed' }]),
    ).toBe(false);
    // The grid worker who reported it is not working it.
    expect(canRaiseRisk(staff(['grid-worker']), openAt(SHANGBA), [])).toBe(false);
    expect(canRaiseRisk(staff(['mediator']), { ...openAt(SHANGBA), status: 'closed' }, [])).toBe(false);
  });
});
