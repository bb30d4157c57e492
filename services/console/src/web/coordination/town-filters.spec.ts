import { isFiltered, townFiltersOf, townParamsOf, townTaskQueryOf } from './town-filters';

const AGENCY = 'a9e00000-0000-4000-8000-000000000001';

describe("the town's task filters", () => {
  it('reads every filter from the address and writes the same address back', () => {
    const address = `kind=mediate&agency=${AGENCY}&level=L2&village=xiaba&type=neighbour&priority=urgent&overdue=true&dueSoon=false&status=assigned&sort=priority`;
    const filters = townFiltersOf(new URLSearchParams(address));
    expect(filters).toEqual({
      kind: 'mediate',
      agencyId: AGENCY,
      level: 'L2',
      villageCode: 'xiaba',
      disputeType: 'neighbour',
      priority: 'urgent',
      overdue: true,
      dueSoon: false,
      status: 'assigned',
      sort: 'priority',
    });
    expect(townParamsOf(filters).toString()).toBe(address);
  });

  it('drops anything unknown or malformed, and leaves the default order out of the address', () => {
    const filters = townFiltersOf(
      new URLSearchParams(
        'kind=nap&agency=1%20OR%201&level=L9&village=X!&type=feud&priority=now&overdue=yes&status=lost&sort=name',
      ),
    );
    expect(filters).toEqual({ sort: 'due' });
    expect(isFiltered(filters)).toBe(false);
    expect(townParamsOf(filters).toString()).toBe('');
  });

  it("asks the task API for the whole town's tasks, yes and no as the API spells them", () => {
    expect(townTaskQueryOf({ sort: 'due', overdue: false, dueSoon: true, kind: 'decide-escalation' })).toEqual({
      view: 'all',
      sort: 'due',
      kind: 'decide-escalation',
      overdue: 'false',
      dueSoon: 'true',
    });
    expect(isFiltered({ sort: 'created', overdue: false })).toBe(true);
  });
});
