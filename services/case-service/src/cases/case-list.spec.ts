import { CaseListQuery } from '../kernel/list-queries';
import { caseListFilterOf, containsPattern, filterFingerprint } from './case-list';

const filterOf = (query: Record<string, string>) => caseListFilterOf(CaseListQuery.parse(query));

describe('the case search filters', () => {
  it('gives one fingerprint to one filter set however it is spelt, and none without filters', () => {
    const a = filterFingerprint(filterOf({ status: 'open,closed', openedFrom: '2026-03-01T08:00:00+08:00' }));
    const b = filterFingerprint(filterOf({ status: 'closed,open,open', openedFrom: '2026-03-01T00:00:00.000Z' }));
    expect(a).toEqual(expect.any(String));
    expect(a).toBe(b);
    expect(filterFingerprint(filterOf({ status: 'open' }))).not.toBe(a);
    expect(filterFingerprint(filterOf({ limit: '5' }))).toBeUndefined();
  });

  it('escapes LIKE wildcards so text matches literally', () => {
    expect(containsPattern('100%')).toBe('%100\\%%');
    expect(containsPattern('A_B')).toBe('%A\\_B%');
    expect(containsPattern('a\\b')).toBe('%a\\\\b%');
    expect(containsPattern('宅基地')).toBe('%宅基地%');
  });
});
