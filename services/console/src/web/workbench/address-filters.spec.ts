import { applySavedFilters, filtersOf, savedFiltersOf } from './address-filters';

describe('the workbench’s filters and saved task views', () => {
  it('saves the tab shown with the filter bar’s choices', () => {
    const filters = filtersOf(new URLSearchParams('view=team&type=neighbour&village=xiaba&sort=priority&level=L9'));
    expect(savedFiltersOf('team', filters)).toEqual({
      view: 'team',
      disputeType: 'neighbour',
      villageCode: 'xiaba',
      sort: 'priority',
    });
  });

  it('applies a view: its filters replace the bar’s, its view becomes the tab, other parameters stay', () => {
    const applied = applySavedFilters(
      new URLSearchParams('view=mine&type=traffic&priority=urgent&lang=en'),
      { view: 'team', villageCode: 'xiaba', level: 'L2', sort: 'due', overdue: true },
      ['mine', 'available', 'team', 'watching'],
    );
    expect(applied.view).toBe('team');
    expect(applied.left).toEqual([]);
    expect(Object.fromEntries(applied.params)).toEqual({ view: 'team', village: 'xiaba', level: 'L2', lang: 'en' });
  });

  it('keeps the tab when the person has no tab for the view, and says so', () => {
    const applied = applySavedFilters(new URLSearchParams('view=mine'), { view: 'all', disputeType: 'traffic' }, [
      'mine',
      'available',
      'watching',
    ]);
    expect(applied.view).toBeUndefined();
    expect(applied.left).toEqual(['view']);
    expect(Object.fromEntries(applied.params)).toEqual({ view: 'mine', type: 'traffic' });
  });
});
