import { addressFiltersOf, addressParamsOf, narrowsList, sortStaff, staffQueryOf } from './staff-list';
import type { Staff } from './vocabulary';

const person = (displayName: string, username: string, roles: Staff['roles'], active = true): Staff => ({
  id: `${username}-id`,
  username,
  displayName,
  agencyId: 'a9e00000-0000-4000-8000-000000000001',
  townCode: 'qingshui',
  roles,
  active,
  version: 1,
  createdAt: '2026-01-01T00:00:00.000Z',
});

const rows = [
  person('张伟', 'zhang.wei', ['mediator']),
  person('李娜', 'li.na', ['grid-worker'], false),
  person('安平', 'an.ping', ['mediator', 'liaison']),
];

describe('the staff list filters', () => {
  it('keeps only ids and codes from the address, dropping anything malformed', () => {
    const filters = addressFiltersOf(
      new URLSearchParams('agency=A9E00000-0000-4000-8000-000000000001&role=janitor&active=inactive&town=Qing Shui'),
    );
    expect(filters).toEqual({ agencyId: 'a9e00000-0000-4000-8000-000000000001', active: 'inactive' });
    expect(addressParamsOf({ ...filters, role: 'mediator', town: 'hetian' }).toString()).toBe(
      'town=hetian&agency=a9e00000-0000-4000-8000-000000000001&role=mediator&active=inactive',
    );
  });

  it('asks the service for the filters chosen, the typed text trimmed, and nothing for a blank', () => {
    expect(
      staffQueryOf({ agencyId: 'a9e00000-0000-4000-8000-000000000001', role: 'mediator', active: 'inactive' }, ' 张 '),
    ).toEqual({ agencyId: 'a9e00000-0000-4000-8000-000000000001', role: 'mediator', active: 'false', q: '张' });
    expect(staffQueryOf({ active: 'active' }, '   ')).toEqual({ active: 'true' });
    // The administrator's town only names the agencies to choose from; the list is every town's.
    expect(staffQueryOf({ town: 'hetian' }, '')).toEqual({});
    expect(staffQueryOf({}, 'x'.repeat(80)).q).toHaveLength(60);
  });

  it('says whether anything narrows the list (an empty answer then means no match, not no accounts)', () => {
    expect(narrowsList(staffQueryOf({}, '  '))).toBe(false);
    expect(narrowsList(staffQueryOf({ role: 'liaison' }, ''))).toBe(true);
  });

  it('orders the accounts loaded by name in pinyin order, then by username', () => {
    const twin = person('张伟', 'zhang.wei2', ['liaison']);
    expect(sortStaff([...rows, twin]).map((r) => r.username)).toEqual(['an.ping', 'li.na', 'zhang.wei', 'zhang.wei2']);
  });
});
