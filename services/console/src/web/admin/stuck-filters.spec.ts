import {
  batchPagePath,
  filtersOfView,
  kindCounts,
  selectedViewOf,
  stuckFiltersOf,
  stuckParamsOf,
  stuckQueryOf,
  STUCK_PAGE_SIZE,
  viewNameProblem,
  withoutKind,
} from './stuck-filters';

const AGENCY = '5aff0000-0000-4000-8000-0000000000a1';
const VIEW = '0c7d1e52-3f1a-4b8e-9d2c-6a5b4c3d2e1f';

describe("the stuck scan's filters in the page's address", () => {
  it('reads back what it wrote, so a filtered list survives a reload', () => {
    const filters = {
      kind: 'overdue-acceptance' as const,
      town: 'qingshui',
      agencyId: AGENCY,
      level: 'L2' as const,
      minAgeHours: 36,
      limit: 100,
    };
    const params = stuckParamsOf(filters, VIEW);
    expect(stuckFiltersOf(params)).toEqual(filters);
    expect(selectedViewOf(params)).toBe(VIEW);
  });

  it('leaves out what the scan would refuse rather than sending it', () => {
    const params = new URLSearchParams({
      kind: 'late',
      town: 'Qing Shui',
      agencyId: 'not-an-id',
      level: 'L9',
      minAgeHours: '-3',
      limit: '501',
      view: 'police',
    });
    expect(stuckFiltersOf(params)).toEqual({});
    expect(selectedViewOf(params)).toBeUndefined();
  });

  it('drops a minimum age of 0 hours, which filters nothing, and keeps fractions of an hour', () => {
    expect(stuckFiltersOf(new URLSearchParams('minAgeHours=0'))).toEqual({});
    expect(stuckFiltersOf(new URLSearchParams('minAgeHours=1.5'))).toEqual({ minAgeHours: 1.5 });
    expect(stuckFiltersOf(new URLSearchParams('limit=2.5'))).toEqual({});
  });

  it('asks for a modest page unless told a size, and the next page by its cursor', () => {
    expect(stuckQueryOf({ level: 'L1' })).toEqual({ level: 'L1', limit: STUCK_PAGE_SIZE });
    expect(stuckQueryOf({ limit: 200 }, 'abc')).toEqual({ limit: 200, cursor: 'abc' });
  });

  it('counts every kind of the scan with all kinds, the chips in their order', () => {
    const counts = {
      'overdue-acceptance': 3,
      'undecided-level': 1,
      'overdue-task': 0,
      'workflow-task-failing': 2,
      blocked: 0,
      'failing-activity': 4,
      reconciliation: 1,
    };
    const { total, kinds } = kindCounts(counts);
    expect(total).toBe(11);
    expect(kinds.map(({ kind }) => kind)).toEqual([
      'overdue-acceptance',
      'undecided-level',
      'overdue-task',
      'workflow-task-failing',
      'blocked',
      'failing-activity',
      'reconciliation',
    ]);
    expect(withoutKind({ kind: 'blocked', town: 'qingshui' })).toEqual({ town: 'qingshui' });
  });

  it("takes a saved view's filters as the page's own, without an empty minimum age", () => {
    expect(filtersOfView({ kind: 'blocked', minAgeHours: null, limit: 20 })).toEqual({ kind: 'blocked', limit: 20 });
  });

  it("links the batch page with the scan's filters but not its page size", () => {
    expect(batchPagePath({ kind: 'overdue-task', level: 'L3', limit: 20 })).toBe(
      '/admin/repairs/batch?kind=overdue-task&level=L3',
    );
    expect(batchPagePath({})).toBe('/admin/repairs/batch');
  });
});

describe("a saved view's name", () => {
  it('takes letters of any script, digits, dots, hyphens and underscores', () => {
    expect(viewNameProblem('超期受理-qingshui')).toBeUndefined();
    expect(viewNameProblem('police.L2_week')).toBeUndefined();
  });

  it('refuses spaces, a leading dot, more than 64 characters and the shape of an id', () => {
    expect(viewNameProblem('超期 受理')).toBe('format');
    expect(viewNameProblem('.hidden')).toBe('format');
    expect(viewNameProblem('a'.repeat(65))).toBe('format');
    expect(viewNameProblem(VIEW)).toBe('uuid');
  });
});
