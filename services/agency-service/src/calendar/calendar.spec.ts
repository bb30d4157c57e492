import request from 'supertest';
import { DEMO_STAFF } from '../seed/demo-town';
import { createFakeAgencyService, demoPrincipal } from '../agency-service.fakes';
import officialCalendar from 'chinese-days/dist/chinese-days.json';
import { statutoryHolidays } from './calendar.provisional';
import { createCalendarService, formatShanghai } from './calendar.service';

// Real dates from chinese-days' data (the State Council's 2026 arrangement):
// National Day + Mid-Autumn: 2026-10-01 … 10-07 off, Saturday 2026-10-10 a make-up working day; 09-26/27 (Sat/Sun) off.
// Spring Festival: 2026-02-15 … 02-23 off, Saturdays 2026-02-14 and 02-28 make-up working days.
describe('working-day arithmetic (Asia/Shanghai, official calendar)', () => {
  const calendar = createCalendarService();

  it('skips the National Day holiday and counts the make-up Saturday', () => {
    // Wed 30 Sep 09:00 local + 3 working days → Thu 8 Oct, Fri 9 Oct, Sat 10 Oct (调休 workday) at 09:00 local.
    const result = calendar.addWorkingDays(new Date('2026-09-30T09:00:00+08:00'), 3);
    expect(result.deadline.toISOString()).toBe('2026-10-10T01:00:00.000Z');
  });

  it('does not count the starting day, even when it is a working day', () => {
    // Mon 28 Sep 2026 + 1 → Tue 29 Sep, same local time.
    expect(calendar.addWorkingDays(new Date('2026-09-28T15:30:00+08:00'), 1).deadline.toISOString()).toBe(
      '2026-09-29T07:30:00.000Z',
    );
  });

  it('uses the local date, not the UTC date, of the starting instant', () => {
    // 2026-09-30T20:00Z is already 1 Oct 04:00 in Shanghai (a holiday): the next working days are 8 and 9 Oct.
    expect(calendar.addWorkingDays(new Date('2026-09-30T20:00:00Z'), 2).deadline.toISOString()).toBe(
      '2026-10-08T20:00:00.000Z',
    );
  });

  it('counts the Spring Festival make-up Saturdays and skips the festival', () => {
    // Fri 13 Feb 2026 10:00 + 1 → Sat 14 Feb (make-up workday); + 2 → Tue 24 Feb (15–23 are off).
    expect(calendar.addWorkingDays(new Date('2026-02-13T10:00:00+08:00'), 1).deadline.toISOString()).toBe(
      '2026-02-14T02:00:00.000Z',
    );
    expect(calendar.addWorkingDays(new Date('2026-02-13T10:00:00+08:00'), 2).deadline.toISOString()).toBe(
      '2026-02-24T02:00:00.000Z',
    );
  });

  it('returns the instant itself for zero days', () => {
    expect(calendar.addWorkingDays(new Date('2026-10-03T09:00:00+08:00'), 0).deadline.toISOString()).toBe(
      '2026-10-03T01:00:00.000Z',
    );
  });

  it('refuses dates before the official data and more than five years after it', () => {
    expect(calendar.coverage).toEqual({ firstYear: 2004, lastYear: 2026 });
    expect(calendar.provisionalThrough).toBe(2031);
    expect(() => calendar.addWorkingDays(new Date('2003-06-01T09:00:00+08:00'), 1)).toThrow(/before the years/);
    expect(() => calendar.describeDay('2003-12-31')).toThrow(/2004–2026/);
    expect(calendar.describeDay('2031-12-31')).toMatchObject({ workingDay: true, basis: 'provisional' });
    expect(() => calendar.describeDay('2032-01-05')).toThrow(/more than 5 years beyond .* through 2031/);
    // Counting out of the last provisional year is refused too, not silently answered.
    expect(() => calendar.addWorkingDays(new Date('2031-12-30T09:00:00+08:00'), 5)).toThrow(/through 2031/);
  });

  it('names holidays, make-up working days and weekends', () => {
    expect(calendar.describeDay('2026-10-10')).toEqual({
      date: '2026-10-10',
      workingDay: true,
      kind: 'make-up-workday',
      holiday: '国庆节',
      basis: 'official',
    });
    expect(calendar.describeDay('2026-10-05')).toMatchObject({ workingDay: false, kind: 'holiday', holiday: '国庆节' });
    expect(calendar.describeDay('2026-10-11')).toMatchObject({ workingDay: false, kind: 'weekend', holiday: null });
    expect(calendar.describeDay('2026-10-12')).toMatchObject({ workingDay: true, kind: 'workday' });
  });
});

describe('counting working days between two instants (Asia/Shanghai dates)', () => {
  const calendar = createCalendarService();
  const count = (from: string, to: string) => calendar.countWorkingDays(new Date(from), new Date(to));

  it('counts nothing on the same date, whatever the times of day', () => {
    expect(count('2026-09-28T08:00:00+08:00', '2026-09-28T23:59:00+08:00')).toEqual({
      fromDate: '2026-09-28',
      toDate: '2026-09-28',
      workingDays: 0,
      basis: 'official',
    });
    // `to` earlier on the same date is still 0, not -0 or -1.
    expect(Object.is(count('2026-09-28T18:00:00+08:00', '2026-09-28T09:00:00+08:00').workingDays, 0)).toBe(true);
  });

  it('counts the days after the first date up to and including the last, skipping a weekend', () => {
    // Fri 16 Oct → Sun 18 Oct: nothing; → Mon 19 Oct: the Monday.
    expect(count('2026-10-16T09:00:00+08:00', '2026-10-18T09:00:00+08:00').workingDays).toBe(0);
    expect(count('2026-10-16T17:00:00+08:00', '2026-10-19T08:00:00+08:00').workingDays).toBe(1);
    // Mon → Fri of one week: Tue, Wed, Thu, Fri.
    expect(count('2026-10-12T09:00:00+08:00', '2026-10-16T09:00:00+08:00').workingDays).toBe(4);
  });

  it('skips National Day (1–7 Oct 2026) and counts its make-up Sunday and Saturday', () => {
    // Wed 30 Sep → Mon 12 Oct: Thu 8, Fri 9, Sat 10 (调休), Mon 12 = 4; 1–7 Oct and Sun 11 rest.
    expect(count('2026-09-30T09:00:00+08:00', '2026-10-12T09:00:00+08:00')).toEqual({
      fromDate: '2026-09-30',
      toDate: '2026-10-12',
      workingDays: 4,
      basis: 'official',
    });
    // Inside the holiday nothing counts.
    expect(count('2026-10-01T09:00:00+08:00', '2026-10-07T09:00:00+08:00').workingDays).toBe(0);
    // Sat 19 Sep → Sun 20 Sep: the Sunday is a make-up working day of National Day.
    expect(count('2026-09-19T09:00:00+08:00', '2026-09-20T09:00:00+08:00').workingDays).toBe(1);
  });

  it('is negative, the same count backwards, when `to` is on an earlier date', () => {
    expect(count('2026-10-12T09:00:00+08:00', '2026-09-30T09:00:00+08:00')).toEqual({
      fromDate: '2026-10-12',
      toDate: '2026-09-30',
      workingDays: -4,
      basis: 'official',
    });
    // An overdue deadline one working day ago: Fri 9 Oct from Sat 10 Oct (a working day) → -1.
    expect(count('2026-10-10T09:00:00+08:00', '2026-10-09T09:00:00+08:00').workingDays).toBe(-1);
  });

  it('uses the Shanghai date of each instant, not the UTC date', () => {
    // 2026-09-30T20:00Z is 1 Oct local; 2026-10-08T01:00Z is 8 Oct local: only 8 Oct counts.
    expect(count('2026-09-30T20:00:00Z', '2026-10-08T01:00:00Z')).toMatchObject({
      fromDate: '2026-10-01',
      toDate: '2026-10-08',
      workingDays: 1,
    });
  });

  it('gives back N for a deadline N working days later (the inverse of add-working-days)', () => {
    for (const from of ['2026-09-25T10:00:00+08:00', '2026-02-13T10:00:00+08:00', '2026-12-24T10:00:00+08:00']) {
      for (let days = 0; days <= 15; days += 1) {
        const { deadline } = calendar.addWorkingDays(new Date(from), days);
        expect([days, calendar.countWorkingDays(new Date(from), deadline).workingDays]).toEqual([days, days]);
      }
    }
  });

  it('says provisional when a year not yet published is touched, and names it', () => {
    // Fri 25 Dec 2026 → Mon 4 Jan 2027: 28, 29, 30, 31 Dec and 4 Jan (1 Jan 元旦, 2–3 Jan weekend).
    const result = count('2026-12-25T09:00:00+08:00', '2027-01-04T09:00:00+08:00');
    expect(result).toMatchObject({ workingDays: 5, basis: 'provisional' });
    expect(result.basisNote).toMatch(/schedule for 2027 is not yet/);
    // Both ends count, even with nothing between them.
    expect(count('2027-03-10T09:00:00+08:00', '2027-03-10T10:00:00+08:00').basis).toBe('provisional');
  });

  it('refuses either end outside the calendar years (before 2004, after 2031)', () => {
    expect(() => count('2003-12-31T09:00:00+08:00', '2004-01-05T09:00:00+08:00')).toThrow(/before the years/);
    expect(() => count('2031-12-30T09:00:00+08:00', '2032-01-05T09:00:00+08:00')).toThrow(/through 2031/);
    expect(() => count('2032-01-05T09:00:00+08:00', '2026-10-12T09:00:00+08:00')).toThrow(/through 2031/);
    expect(() => count('2032-01-05T09:00:00+08:00', '2032-01-05T10:00:00+08:00')).toThrow(/through 2031/);
    // The widest span the calendar allows still answers.
    expect(count('2004-01-01T09:00:00+08:00', '2031-12-31T09:00:00+08:00').basis).toBe('provisional');
  });
});

// Years after the official data (2027 onward with chinese-days 1.5.7): statutory holidays and weekends only.
// 2027: 春节 = 除夕 Fri 5 Feb … 初三 Mon 8 Feb (正月初一 is Sat 6 Feb 2027); 国庆节 Fri 1 … Sun 3 Oct; 元旦 Fri 1 Jan.
const STATUTORY_2027 = {
  '2027-01-01': '元旦',
  '2027-02-05': '春节',
  '2027-02-06': '春节',
  '2027-02-07': '春节',
  '2027-02-08': '春节',
  '2027-04-05': '清明',
  '2027-05-01': '劳动节',
  '2027-05-02': '劳动节',
  '2027-06-09': '端午',
  '2027-09-15': '中秋',
  '2027-10-01': '国庆节',
  '2027-10-02': '国庆节',
  '2027-10-03': '国庆节',
};

describe('where a legal period ends (民法典 arts. 200–204: 24:00 of the last day, off holidays and rest days)', () => {
  const calendar = createCalendarService();
  const end = (from: string, amount: number, unit: 'working-days' | 'calendar-days') => {
    const { deadline, ...rest } = calendar.periodEnd(new Date(from), amount, unit);
    return { deadline: formatShanghai(deadline), ...rest };
  };

  it('ends a 30-day period at 24:00 of its 30th day, so an application at 15:00 that day is in time', () => {
    // An agreement effective Mon 2 Mar 2026 at 10:00: its 30-day window for judicial confirmation ends Wed 1 Apr.
    const window = end('2026-03-02T10:00:00+08:00', 30, 'calendar-days');
    expect(window).toEqual({
      deadline: '2026-04-01T23:59:59.999+08:00',
      lastDay: '2026-04-01',
      countedLastDay: '2026-04-01',
      basis: 'official',
    });
    expect(Date.parse('2026-04-01T15:00:00+08:00')).toBeLessThanOrEqual(Date.parse(window.deadline));
    expect(Date.parse('2026-04-02T00:00:00+08:00')).toBeGreaterThan(Date.parse(window.deadline));
  });

  it('does not count the starting day, however late in it the period starts', () => {
    expect(end('2026-03-02T23:59:00+08:00', 30, 'calendar-days').lastDay).toBe('2026-04-01');
    // 2026-03-01T17:00Z is already 2 Mar 01:00 in Shanghai.
    expect(end('2026-03-01T17:00:00Z', 30, 'calendar-days').lastDay).toBe('2026-04-01');
  });

  it('moves a 30th day on a Sunday to Monday', () => {
    expect(end('2026-07-10T09:00:00+08:00', 30, 'calendar-days')).toMatchObject({
      countedLastDay: '2026-08-09',
      lastDay: '2026-08-10',
      deadline: '2026-08-10T23:59:59.999+08:00',
    });
  });

  it('moves a last day in the Spring Festival, May Day, Mid-Autumn or National Day holiday past the holiday', () => {
    // Spring Festival 2026: 15–23 Feb off.
    expect(end('2026-01-17T10:00:00+08:00', 30, 'calendar-days')).toMatchObject({
      countedLastDay: '2026-02-16',
      lastDay: '2026-02-24',
    });
    // A court's 15 days on an application made 17 Apr 2026 end in the May Day holiday (1–5 May): on Wed 6 May.
    expect(end('2026-04-17T16:00:00+08:00', 15, 'calendar-days')).toMatchObject({
      countedLastDay: '2026-05-02',
      lastDay: '2026-05-06',
    });
    // Qingming 2026 (Sat 4 – Mon 6 Apr off): a 30th day on Sun 5 Apr ends on Tue 7 Apr.
    expect(end('2026-03-06T10:00:00+08:00', 30, 'calendar-days')).toMatchObject({
      countedLastDay: '2026-04-05',
      lastDay: '2026-04-07',
    });
    // Mid-Autumn 2026 (Fri 25 – Sun 27 Sep off): to Mon 28 Sep.
    expect(end('2026-09-10T10:00:00+08:00', 15, 'calendar-days').lastDay).toBe('2026-09-28');
    // National Day 2026 (1–7 Oct off): a 30th day on 3 Oct ends on Thu 8 Oct.
    expect(end('2026-09-03T10:00:00+08:00', 30, 'calendar-days').lastDay).toBe('2026-10-08');
  });

  it('keeps a last day on a make-up working Saturday (调休) where it is', () => {
    expect(end('2026-09-10T10:00:00+08:00', 30, 'calendar-days')).toMatchObject({
      countedLastDay: '2026-10-10',
      lastDay: '2026-10-10',
      deadline: '2026-10-10T23:59:59.999+08:00',
    });
  });

  it('ends working days at the end of the last working day, whatever the hour they started', () => {
    // Wed 30 Sep 2026 at 15:00 + 3 working days: 8, 9 and 10 Oct (the make-up Saturday), to its end.
    expect(end('2026-09-30T15:00:00+08:00', 3, 'working-days')).toEqual({
      deadline: '2026-10-10T23:59:59.999+08:00',
      lastDay: '2026-10-10',
      countedLastDay: '2026-10-10',
      basis: 'official',
    });
    // Police first session within 3 working days of a Friday transfer: Mon, Tue, Wed.
    expect(end('2026-11-13T11:00:00+08:00', 3, 'working-days').lastDay).toBe('2026-11-18');
  });

  it('ends working days when the office closes, if its town set a time; calendar days at 24:00 regardless', () => {
    const closing = (from: string, amount: number, unit: 'working-days' | 'calendar-days') =>
      formatShanghai(calendar.periodEnd(new Date(from), amount, unit, '17:30').deadline);
    // A police station closing at 17:30: the first session of a Friday transfer is due by Wed 18 Nov at 17:30.
    expect(closing('2026-11-13T11:00:00+08:00', 3, 'working-days')).toBe('2026-11-18T17:30:00.000+08:00');
    // Over National Day, onto the make-up Saturday: that Saturday's closing time.
    expect(closing('2026-09-30T15:00:00+08:00', 3, 'working-days')).toBe('2026-10-10T17:30:00.000+08:00');
    // The confirmation window is a period of the law, not office hours.
    expect(closing('2026-03-02T10:00:00+08:00', 30, 'calendar-days')).toBe('2026-04-01T23:59:59.999+08:00');
  });

  it('says provisional when the year it ends in has no published arrangement, and still moves off New Year 2027', () => {
    expect(end('2026-12-02T10:00:00+08:00', 30, 'calendar-days')).toMatchObject({
      countedLastDay: '2027-01-01',
      lastDay: '2027-01-04',
      basis: 'provisional',
      basisNote: expect.stringContaining('2027'),
    });
  });
});

describe('provisional calendar after the official data', () => {
  const calendar = createCalendarService();

  it('rests on the 2027 Spring Festival and National Day, and works other weekdays', () => {
    for (const date of ['2027-02-05', '2027-02-08']) {
      expect(calendar.describeDay(date)).toMatchObject({
        date,
        workingDay: false,
        kind: 'holiday',
        holiday: '春节',
        basis: 'provisional',
      });
    }
    expect(calendar.describeDay('2027-10-01')).toMatchObject({ workingDay: false, kind: 'holiday', holiday: '国庆节' });
    expect(calendar.describeDay('2027-02-09')).toMatchObject({ workingDay: true, kind: 'workday', holiday: null });
    expect(calendar.describeDay('2027-03-10')).toEqual({
      date: '2027-03-10',
      workingDay: true,
      kind: 'workday',
      holiday: null,
      basis: 'provisional',
      basisNote: expect.stringMatching(/schedule for 2027 is not yet in the calendar data.*全国年节及纪念日放假办法/),
    });
    expect(calendar.describeDay('2027-03-13')).toMatchObject({ workingDay: false, kind: 'weekend' });
  });

  it('counts across New Year 2027 and says the answer is provisional', () => {
    // Fri 25 Dec 2026 09:00 + 5: 28, 29, 30, 31 Dec, (1 Jan 元旦, 2–3 Jan weekend), Mon 4 Jan 2027.
    const result = calendar.addWorkingDays(new Date('2026-12-25T09:00:00+08:00'), 5);
    expect(result.deadline.toISOString()).toBe('2027-01-04T01:00:00.000Z');
    expect(result.basis).toBe('provisional');
    expect(result.basisNote).toMatch(/^Provisional: the State Council's holiday schedule for 2027 is not yet/);
    // Today's case from the brief: 22 Nov 2026 + 30 working days.
    expect(calendar.addWorkingDays(new Date('2026-11-22T10:00:00+08:00'), 30)).toMatchObject({
      deadline: new Date('2027-01-04T02:00:00.000Z'),
      basis: 'provisional',
    });
  });

  it('stays official while the count stays inside the official data', () => {
    const result = calendar.addWorkingDays(new Date('2026-12-25T09:00:00+08:00'), 4);
    expect(result).toEqual({ deadline: new Date('2026-12-31T01:00:00.000Z'), basis: 'official' });
    expect(calendar.addWorkingDays(new Date('2026-09-30T09:00:00+08:00'), 3).basis).toBe('official');
  });

  it('names every provisional year a count touches', () => {
    const result = calendar.addWorkingDays(new Date('2027-12-01T09:00:00+08:00'), 40);
    expect(result.basisNote).toMatch(/schedule for 2027–2028 is not yet/);
  });

  it('gives a subset of the official holidays when applied to 2025 and 2026', () => {
    const official: Record<string, string> = officialCalendar.holidays;
    for (const year of [2025, 2026]) {
      const provisional = [...statutoryHolidays(year).keys()];
      expect(provisional).toHaveLength(13);
      expect(provisional.filter((date) => official[date] === undefined)).toEqual([]);
    }
    // What the official arrangement adds on weekdays (bridge days and 补假), for the record:
    const weekdayExtras = (year: number) =>
      Object.keys(official)
        .filter((date) => date.startsWith(`${year}-`) && !statutoryHolidays(year).has(date))
        .filter((date) => ![0, 6].includes(new Date(`${date}T00:00:00Z`).getUTCDay()));
    expect(weekdayExtras(2025)).toEqual([
      '2025-02-03',
      '2025-02-04',
      '2025-05-05',
      '2025-06-02',
      '2025-10-07',
      '2025-10-08',
    ]);
    expect(weekdayExtras(2026)).toEqual([
      '2026-01-02',
      '2026-02-20',
      '2026-02-23',
      '2026-04-06',
      '2026-05-04',
      '2026-05-05',
      '2026-10-05',
      '2026-10-06',
      '2026-10-07',
    ]);
  });

  // chinese-days' lunar and solar-term functions work in the process's time zone and, fed naively, answer a day early
  // west of UTC. Jest's sandbox cannot switch TZ in-process (its process.env is a copy), so these literal expectations
  // are the check: this file passes with TZ=UTC, TZ=Asia/Shanghai and TZ=America/Los_Angeles, e.g.
  //   TZ=America/Los_Angeles npx jest -c test/jest/unit.config.cjs services/agency-service/src/calendar
  it('computes the same dates whatever the process time zone', () => {
    expect(Object.fromEntries(statutoryHolidays(2027))).toEqual(STATUTORY_2027);
    // Qingming 2025 is 4 April (chinese-days' getSolarTermDate says 3 April in Los Angeles).
    expect(statutoryHolidays(2025).get('2025-04-04')).toBe('清明');
    // 正月初一 2026 is 17 Feb (a date string given to getSolarDateFromLunar says 18 Feb in Los Angeles).
    expect(statutoryHolidays(2026).get('2026-02-16')).toBe('春节');
    expect(statutoryHolidays(2026).get('2026-02-20')).toBeUndefined();
    // 2028: 中秋 falls on 3 October, inside 国庆节; the day is one holiday with both names.
    expect(statutoryHolidays(2028).get('2028-10-03')).toBe('中秋、国庆节');
    expect(statutoryHolidays(2028).size).toBe(12);
    const fresh = createCalendarService();
    expect(fresh.describeDay('2027-02-04').workingDay).toBe(true);
    expect(fresh.describeDay('2027-04-05').holiday).toBe('清明');
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
      basis: 'official',
    });
  });

  it('adds calendar days through holidays', async () => {
    const { get } = await setup();
    const res = await get('/api/v1/calendar/add-calendar-days?from=2026-09-30T09:00:00Z&days=30');
    expect(res.body.result).toBe('2026-10-30T09:00:00.000Z');
  });

  it('answers a year not yet published with the provisional calendar, and says so', async () => {
    const { get } = await setup();
    const res = await get('/api/v1/calendar/add-working-days?from=2026-12-25T09:00:00%2B08:00&days=5');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ result: '2027-01-04T01:00:00.000Z', basis: 'provisional' });
    expect(res.body.basisNote).toMatch(/2027/);
    const day = await get('/api/v1/calendar/is-working-day?date=2027-10-01');
    expect(day.body).toMatchObject({ workingDay: false, kind: 'holiday', holiday: '国庆节', basis: 'provisional' });
    const calendarDays = await get('/api/v1/calendar/add-calendar-days?from=2026-12-25T09:00:00Z&days=30');
    expect(calendarDays.body.basis).toBeUndefined();
  });

  it('answers a date before the data, or too far beyond it, with a 422 problem, not a guess', async () => {
    const { get } = await setup();
    const res = await get('/api/v1/calendar/add-working-days?from=2003-01-04T09:00:00Z&days=1');
    expect(res.status).toBe(422);
    expect(res.body.type).toBe('urn:gongzhi:problem:calendar-out-of-range');
    expect(res.body.coveredYears).toEqual({ firstYear: 2004, lastYear: 2026 });
    expect(res.body.provisionalThrough).toBe(2031);
    const far = await get('/api/v1/calendar/is-working-day?date=2032-10-01');
    expect(far.status).toBe(422);
    expect(far.body.detail).toMatch(/more than 5 years beyond/);
  });

  it('rejects malformed input with a problem naming the field', async () => {
    const { get } = await setup();
    const res = await get('/api/v1/calendar/add-working-days?from=yesterday&days=-1');
    expect(res.status).toBe(400);
    expect((res.body.errors as { path: string }[]).map((e) => e.path).sort()).toEqual(['days', 'from']);
    expect((await get('/api/v1/calendar/is-working-day?date=2026-02-30')).status).toBe(400);
  });

  it('says where a legal period ends, moved past National Day, and refuses an unknown unit', async () => {
    const { get } = await setup();
    const res = await get('/api/v1/calendar/period-end?from=2026-09-03T10:00:00%2B08:00&amount=30&unit=calendar-days');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      from: '2026-09-03T02:00:00.000Z',
      amount: 30,
      unit: 'calendar-days',
      result: '2026-10-08T15:59:59.999Z',
      resultLocal: '2026-10-08T23:59:59.999+08:00',
      lastDay: '2026-10-08',
      countedLastDay: '2026-10-03',
      timeZone: 'Asia/Shanghai',
      basis: 'official',
    });
    const bad = await get('/api/v1/calendar/period-end?from=2026-09-03T10:00:00%2B08:00&amount=30&unit=weeks');
    expect(bad.status).toBe(400);
    expect(bad.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(bad.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ path: 'unit' })]));
  });

  it('counts the working days between two instants, and says how', async () => {
    const { get } = await setup();
    const res = await get(
      '/api/v1/calendar/working-days-between?from=2026-09-30T09:00:00%2B08:00&to=2026-10-12T17:00:00%2B08:00',
    );
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      from: '2026-09-30T01:00:00.000Z',
      to: '2026-10-12T09:00:00.000Z',
      fromDate: '2026-09-30',
      toDate: '2026-10-12',
      workingDays: 4,
      timeZone: 'Asia/Shanghai',
      basis: 'official',
    });
    const backwards = await get(
      '/api/v1/calendar/working-days-between?from=2026-10-12T09:00:00Z&to=2026-09-30T09:00:00Z',
    );
    expect(backwards.body.workingDays).toBe(-4);
  });

  it('answers a count outside the calendar years with 422, and unknown or missing parameters with 400', async () => {
    const { get } = await setup();
    const old = await get('/api/v1/calendar/working-days-between?from=2003-06-01T09:00:00Z&to=2026-10-12T09:00:00Z');
    expect(old.status).toBe(422);
    expect(old.body.type).toBe('urn:gongzhi:problem:calendar-out-of-range');
    const unknown = await get(
      '/api/v1/calendar/working-days-between?from=2026-09-30T09:00:00Z&to=2026-10-12T09:00:00Z&days=3',
    );
    expect(unknown.status).toBe(400);
    const missing = await get('/api/v1/calendar/working-days-between?from=2026-09-30T09:00:00Z');
    expect(missing.status).toBe(400);
    expect((missing.body.errors as { path: string }[]).map((e) => e.path)).toEqual(['to']);
  });

  it('tells whether a date is a working day', async () => {
    const { get } = await setup();
    const res = await get('/api/v1/calendar/is-working-day?date=2026-02-14');
    expect(res.body).toEqual({
      date: '2026-02-14',
      workingDay: true,
      kind: 'make-up-workday',
      holiday: '春节',
      basis: 'official',
    });
  });
});
