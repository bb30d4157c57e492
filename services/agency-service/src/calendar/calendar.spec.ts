import request from 'supertest';
import { DEMO_STAFF } from '../seed/demo-town';
import { createFakeAgencyService, demoPrincipal } from '../agency-service.fakes';
import { createCalendarService } from './calendar.service';

// Real dates from chinese-days' data (the State Council's 2026 arrangement):
// National Day + Mid-Autumn: 2026-10-01 … 10-07 off, Saturday 2026-10-10 a make-up working day; 09-26/27 (Sat/Sun) off.
// Spring Festival: 2026-02-15 … 02-23 off, Saturdays 2026-02-14 and 02-28 make-up working days.
describe('working-day arithmetic (Asia/Shanghai, official calendar)', () => {
  const calendar = createCalendarService();

  it('skips the National Day holiday and counts the make-up Saturday', () => {
    // Wed 30 Sep 09:00 local + 3 working days → Thu 8 Oct, Fri 9 Oct, Sat 10 Oct (调休 workday) at 09:00 local.
    const result = calendar.addWorkingDays(new Date('2026-09-30T09:00:00+08:00'), 3);
    expect(result.toISOString()).toBe('2026-10-10T01:00:00.000Z');
  });

  it('does not count the starting day, even when it is a working day', () => {
    // Mon 28 Sep 2026 + 1 → Tue 29 Sep, same local time.
    expect(calendar.addWorkingDays(new Date('2026-09-28T15:30:00+08:00'), 1).toISOString()).toBe(
      '2026-09-29T07:30:00.000Z',
    );
  });

  it('uses the local date, not the UTC date, of the starting instant', () => {
    // 2026-09-30T20:00Z is already 1 Oct 04:00 in Shanghai (a holiday): the next working days are 8 and 9 Oct.
    expect(calendar.addWorkingDays(new Date('2026-09-30T20:00:00Z'), 2).toISOString()).toBe('2026-10-08T20:00:00.000Z');
  });

  it('counts the Spring Festival make-up Saturdays and skips the festival', () => {
    // Fri 13 Feb 2026 10:00 + 1 → Sat 14 Feb (make-up workday); + 2 → Tue 24 Feb (15–23 are off).
    expect(calendar.addWorkingDays(new Date('2026-02-13T10:00:00+08:00'), 1).toISOString()).toBe(
      '2026-02-14T02:00:00.000Z',
    );
    expect(calendar.addWorkingDays(new Date('2026-02-13T10:00:00+08:00'), 2).toISOString()).toBe(
      '2026-02-24T02:00:00.000Z',
    );
  });

  it('returns the instant itself for zero days', () => {
    expect(calendar.addWorkingDays(new Date('2026-10-03T09:00:00+08:00'), 0).toISOString()).toBe(
      '2026-10-03T01:00:00.000Z',
    );
  });

  it('refuses to count into a year whose official arrangement is not known', () => {
    expect(calendar.coverage).toEqual({ firstYear: 2004, lastYear: 2026 });
    expect(() => calendar.addWorkingDays(new Date('2026-12-30T09:00:00+08:00'), 5)).toThrow(/2004–2026/);
    expect(() => calendar.addWorkingDays(new Date('2003-06-01T09:00:00+08:00'), 1)).toThrow(/outside/);
  });

  it('names holidays, make-up working days and weekends', () => {
    expect(calendar.describeDay('2026-10-10')).toEqual({
      date: '2026-10-10',
      workingDay: true,
      kind: 'make-up-workday',
      holiday: '国庆节',
    });
    expect(calendar.describeDay('2026-10-05')).toMatchObject({ workingDay: false, kind: 'holiday', holiday: '国庆节' });
    expect(calendar.describeDay('2026-10-11')).toMatchObject({ workingDay: false, kind: 'weekend', holiday: null });
    expect(calendar.describeDay('2026-10-12')).toMatchObject({ workingDay: true, kind: 'workday' });
  });
});

describe('calendar routes', () => {
  async function setup() {
    const fake = await createFakeAgencyService();
    const token = await fake.tokenFor(demoPrincipal(DEMO_STAFF.mediatorShangba));
    const get = (path: string) => request(fake.app).get(path).set('Authorization', `Bearer ${token}`);
    return { get };
  }

  it('adds working days and says the result in both UTC and Shanghai time', async () => {
    const { get } = await setup();
    const res = await get('/api/v1/calendar/add-working-days?from=2026-09-30T09:00:00%2B08:00&days=3');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      from: '2026-09-30T01:00:00.000Z',
      days: 3,
      unit: 'working-days',
      result: '2026-10-10T01:00:00.000Z',
      resultLocal: '2026-10-10T09:00:00.000+08:00',
      timeZone: 'Asia/Shanghai',
    });
  });

  it('adds calendar days through holidays', async () => {
    const { get } = await setup();
    const res = await get('/api/v1/calendar/add-calendar-days?from=2026-09-30T09:00:00Z&days=30');
    expect(res.body.result).toBe('2026-10-30T09:00:00.000Z');
  });

  it('answers a date beyond the calendar data with a 422 problem, not a guess', async () => {
    const { get } = await setup();
    const res = await get('/api/v1/calendar/add-working-days?from=2027-01-04T09:00:00Z&days=1');
    expect(res.status).toBe(422);
    expect(res.body.type).toBe('urn:gongzhi:problem:calendar-out-of-range');
    expect(res.body.coveredYears).toEqual({ firstYear: 2004, lastYear: 2026 });
    expect((await get('/api/v1/calendar/is-working-day?date=2027-10-01')).status).toBe(422);
  });

  it('rejects malformed input with a problem naming the field', async () => {
    const { get } = await setup();
    const res = await get('/api/v1/calendar/add-working-days?from=yesterday&days=-1');
    expect(res.status).toBe(400);
    expect((res.body.errors as { path: string }[]).map((e) => e.path).sort()).toEqual(['days', 'from']);
    expect((await get('/api/v1/calendar/is-working-day?date=2026-02-30')).status).toBe(400);
  });

  it('tells whether a date is a working day', async () => {
    const { get } = await setup();
    const res = await get('/api/v1/calendar/is-working-day?date=2026-02-14');
    expect(res.body).toEqual({ date: '2026-02-14', workingDay: true, kind: 'make-up-workday', holiday: '春节' });
  });
});
