import { daysIn, granularityOf, isValidRange, periodOf, presetRange, townDay } from './periods';

describe('the periods of the figures page', () => {
  it("takes today from the town's clock: 23:30 UTC is already the next day in Asia/Shanghai", () => {
    expect(townDay(new Date('2026-03-31T23:30:00Z'))).toBe('2026-04-01');
    expect(townDay(new Date('2026-03-31T15:59:59Z'))).toBe('2026-03-31');
  });

  it('gives this month, quarter and year up to today, and last month whole', () => {
    expect(presetRange('this-month', '2026-03-15')).toEqual({ from: '2026-03-01', to: '2026-03-15' });
    expect(presetRange('last-month', '2026-03-15')).toEqual({ from: '2026-02-01', to: '2026-02-28' });
    expect(presetRange('last-month', '2028-03-31')).toEqual({ from: '2028-02-01', to: '2028-02-29' });
    expect(presetRange('last-month', '2026-01-10')).toEqual({ from: '2025-12-01', to: '2025-12-31' });
    expect(presetRange('this-quarter', '2026-03-15')).toEqual({ from: '2026-01-01', to: '2026-03-15' });
    expect(presetRange('this-quarter', '2026-12-06')).toEqual({ from: '2026-10-01', to: '2026-12-06' });
    expect(presetRange('this-year', '2026-12-31')).toEqual({ from: '2026-01-01', to: '2026-12-31' });
  });

  it('accepts a custom range of at most 367 days ending by today, as the API does', () => {
    const today = '2026-12-06';
    expect(isValidRange({ from: '2025-12-05', to: '2026-12-06' }, today)).toBe(true);
    expect(daysIn({ from: '2025-12-05', to: '2026-12-06' })).toBe(367);
    expect(isValidRange({ from: '2025-12-04', to: '2026-12-06' }, today)).toBe(false);
    expect(isValidRange({ from: '2026-12-01', to: '2026-12-07' }, today)).toBe(false);
    expect(isValidRange({ from: '2026-03-02', to: '2026-03-01' }, today)).toBe(false);
    expect(isValidRange({ from: '2026-02-30', to: '2026-03-01' }, today)).toBe(false);
    expect(isValidRange({ from: 'yesterday', to: '2026-03-01' }, today)).toBe(false);
  });

  it('reads the period from the address, falling back to this month for anything the API would refuse', () => {
    const today = '2026-03-15';
    const read = (query: string) => periodOf(new URLSearchParams(query), today);
    expect(read('')).toEqual({ choice: 'this-month', range: { from: '2026-03-01', to: '2026-03-15' } });
    expect(read('period=last-month')).toEqual({
      choice: 'last-month',
      range: { from: '2026-02-01', to: '2026-02-28' },
    });
    expect(read('period=custom&from=2026-01-10&to=2026-02-20')).toEqual({
      choice: 'custom',
      range: { from: '2026-01-10', to: '2026-02-20' },
    });
    expect(read('period=custom&from=2024-01-01&to=2026-02-20').choice).toBe('this-month');
    expect(read('period=decade').choice).toBe('this-month');
  });

  it('shows the series by day up to two months, by month beyond', () => {
    expect(granularityOf({ from: '2026-01-01', to: '2026-03-03' })).toBe('day');
    expect(granularityOf({ from: '2026-01-01', to: '2026-03-04' })).toBe('month');
  });
});
