import { AddDaysQuery, DateQuery } from './agency/agency-api';
import { RemindTaskRequest } from './case/workflow-api';
import { StatisticsQuery } from './statistics/statistics-api';
import { calendarDay, Instant } from './primitives';

describe('the shared instant', () => {
  it('accepts instants PostgreSQL and JavaScript both hold, from 1900 to the end of 9999, with any offset', () => {
    for (const value of [
      '2026-03-22T02:00:00.000Z',
      '2026-09-30T09:00:00+08:00',
      '1900-01-01T00:00:00Z',
      '9999-12-31T23:59:59.999Z',
    ]) {
      expect(Instant.safeParse(value).success).toBe(true);
    }
  });

  it('refuses year 0000 (valid ISO 8601, rejected by PostgreSQL) and anything outside 1900–9999', () => {
    for (const value of [
      '0000-01-01T00:00:00Z',
      '1899-12-31T23:59:59.999Z',
      '1900-01-01T00:00:00+08:00',
      '9999-12-31T23:00:00-08:00',
    ]) {
      const parsed = Instant.safeParse(value);
      expect(parsed.success).toBe(false);
      expect(parsed.error?.issues[0]?.message).toBe('use an instant between the years 1900 and 9999');
    }
  });

  it('guards every request that takes an instant, naming the field', () => {
    const remind = RemindTaskRequest.safeParse({ remindedAt: '0000-01-01T00:00:00.000Z' });
    expect(remind.error?.issues.map((issue) => issue.path)).toEqual([['remindedAt']]);
    const addDays = AddDaysQuery.safeParse({ from: '0000-06-01T00:00:00+08:00', days: '3' });
    expect(addDays.error?.issues.map((issue) => issue.path)).toEqual([['from']]);
  });
});

describe('the shared calendar day', () => {
  const day = calendarDay();

  it('accepts days that exist between 1900 and 9999, 29 February of a leap year included', () => {
    for (const value of ['2026-03-22', '1900-01-01', '9999-12-31', '2028-02-29']) {
      expect(day.safeParse(value).success).toBe(true);
    }
  });

  it('refuses year 0000 and days that do not exist (PostgreSQL refuses both), with one message each', () => {
    for (const value of ['0000-01-01', '1899-12-31', '2026-02-29', '2026-02-30', '2026-13-01']) {
      expect(day.safeParse(value).error?.issues.map((issue) => issue.message)).toEqual([
        'use a day that exists, between the years 1900 and 9999',
      ]);
    }
    expect(day.safeParse('22/03/2026').error?.issues.map((issue) => issue.message)).toEqual(['use YYYY-MM-DD']);
  });

  it('guards the statistics and working-day queries', () => {
    const statistics = StatisticsQuery.safeParse({ from: '0000-01-01', to: '0000-01-31' });
    expect(statistics.error?.issues.map((issue) => issue.path[0])).toEqual(expect.arrayContaining(['from', 'to']));
    expect(DateQuery.safeParse({ date: '0000-01-01' }).success).toBe(false);
  });
});
