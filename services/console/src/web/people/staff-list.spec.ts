import { addressFiltersOf, addressParamsOf, narrowStaff, narrowsLoaded } from './staff-list';
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

  it('narrows the loaded rows by role, by active or not, and by part of a name or username', () => {
    expect(narrowStaff(rows, { role: 'mediator' }).map((r) => r.username)).toEqual(['an.ping', 'zhang.wei']);
    expect(narrowStaff(rows, { active: 'inactive' }).map((r) => r.username)).toEqual(['li.na']);
    expect(narrowStaff(rows, { text: '伟' }).map((r) => r.username)).toEqual(['zhang.wei']);
    expect(narrowStaff(rows, { text: ' LI.N ' }).map((r) => r.username)).toEqual(['li.na']);
    expect(narrowStaff(rows, { role: 'liaison', active: 'inactive' })).toEqual([]);
  });

  it('orders people by name in pinyin order', () => {
    expect(narrowStaff(rows, {}).map((r) => r.displayName)).toEqual(['安平', '李娜', '张伟']);
  });

  it('says whether anything narrows the loaded rows (blank text does not)', () => {
    expect(narrowsLoaded({ text: '  ' })).toBe(false);
    expect(narrowsLoaded({ active: 'active' })).toBe(true);
  });
});
