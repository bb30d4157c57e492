import { definedFilters, sameFilters, unsupportedFilters, viewNameProblem, viewRequestOf } from './filters';

describe('a saved task view’s filters', () => {
  it('leave out unset choices, so an empty select is no filter', () => {
    expect(definedFilters({ view: 'team', villageCode: '', level: undefined, overdue: false })).toEqual({
      view: 'team',
      overdue: false,
    });
  });

  it('compare equal when they select the same tasks in the same order (no order is the soonest due first)', () => {
    expect(sameFilters({ view: 'mine' }, { view: 'mine', sort: 'due' })).toBe(true);
    expect(sameFilters({ view: 'mine', villageCode: 'xiaba' }, { view: 'mine' })).toBe(false);
    expect(sameFilters({ overdue: false }, {})).toBe(false);
  });

  it('name the ones a page does not have', () => {
    const saved = { view: 'all', kind: 'accept-transfer', overdue: true, level: 'L2' } as const;
    expect(unsupportedFilters(saved, ['view', 'level'])).toEqual(['kind', 'overdue']);
  });
});

describe('a saved task view’s name', () => {
  it('is what people call a list, in any script, with single spaces', () => {
    for (const name of ['小坝 派出所超期', 'Xiaba overdue (L2)', '调解·超期_2026']) {
      expect({ name, problem: viewNameProblem(name) }).toEqual({ name, problem: undefined });
    }
  });

  it('is refused as the service refuses it: too long, odd characters or spacing, shaped like an id', () => {
    expect(viewNameProblem('x'.repeat(65))).toBe('length');
    expect(viewNameProblem('two  spaces')).toBe('format');
    expect(viewNameProblem('-leading')).toBe('format');
    expect(viewNameProblem('why?')).toBe('format');
    expect(viewNameProblem('3f2b8c1e-1d2a-4e5f-9a8b-7c6d5e4f3a2b')).toBe('uuid');
  });

  it('is sent trimmed, with the sharing sorted and without repeats', () => {
    expect(
      viewRequestOf('  超期 ', { view: 'team', villageCode: '' }, ['mediator', 'liaison', 'mediator'], ['b', 'a']),
    ).toEqual({
      name: '超期',
      filters: { view: 'team' },
      shareRoles: ['liaison', 'mediator'],
      shareAgencyIds: ['a', 'b'],
    });
  });
});
