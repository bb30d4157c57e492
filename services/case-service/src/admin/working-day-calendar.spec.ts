/** The scan's view of agency-service's calendar: its HTTP client and the per-date cache. */
import {
  cachedWorkingDayCalendar,
  createHttpWorkingDayCalendar,
  type WorkingDayCalendar,
} from './working-day-calendar';

const lookup = { authorization: 'Bearer admin-token', requestId: 'req-7' };

describe('the working-day calendar over HTTP', () => {
  function answering(status: number, body: unknown) {
    const calls: { url: string; headers: Record<string, string> }[] = [];
    const fetch = (async (url: string, init: RequestInit) => {
      calls.push({ url, headers: init.headers as Record<string, string> });
      return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
    }) as unknown as typeof globalThis.fetch;
    return { calls, calendar: createHttpWorkingDayCalendar({ baseUrl: 'http://agency/', timeoutMs: 1000, fetch }) };
  }

  it('asks agency-service with the caller’s own token and request id', async () => {
    const { calls, calendar } = answering(200, { result: '2026-10-09T01:00:00.000Z', basis: 'official' });
    const deadline = await calendar.addWorkingDays(new Date('2026-09-30T01:00:00.000Z'), 3, lookup);
    expect(deadline.toISOString()).toBe('2026-10-09T01:00:00.000Z');
    expect(calls).toEqual([
      {
        url: 'http://agency/api/v1/calendar/add-working-days?from=2026-09-30T01%3A00%3A00.000Z&days=3',
        headers: expect.objectContaining({ authorization: 'Bearer admin-token', 'x-request-id': 'req-7' }),
      },
    ]);
  });

  it('turns a refusal, an answer out of contract or no answer into a 503 problem', async () => {
    for (const { calendar } of [answering(401, {}), answering(200, { result: 'soon' })]) {
      await expect(calendar.addWorkingDays(new Date(), 1, lookup)).rejects.toMatchObject({ status: 503 });
    }
    const unreachable = createHttpWorkingDayCalendar({
      baseUrl: 'http://agency',
      timeoutMs: 1000,
      fetch: (async () => {
        throw new TypeError('fetch failed');
      }) as unknown as typeof fetch,
    });
    await expect(unreachable.addWorkingDays(new Date(), 1, lookup)).rejects.toMatchObject({
      status: 503,
      type: 'dependency-unavailable',
    });
  });
});

describe('the per-date cache', () => {
  /** Two working days later at the same time of day, whatever the day (the cache does not care what the rule is). */
  function counting() {
    const asked: string[] = [];
    let fail = false;
    const calendar: WorkingDayCalendar = {
      async addWorkingDays(from, days) {
        asked.push(from.toISOString());
        if (fail) throw new Error('down');
        return new Date(from.getTime() + days * 86_400_000);
      },
    };
    return { asked, calendar, failNext: (value: boolean) => (fail = value) };
  }

  it('asks once per Asia/Shanghai date and keeps each instant’s time of day', async () => {
    const { asked, calendar } = counting();
    const cached = cachedWorkingDayCalendar(calendar);
    // 09:00 and 23:30 on 30 September in Shanghai are one date; 00:30 on 1 October is the next one.
    const morning = await cached.addWorkingDays(new Date('2026-09-30T01:00:00.000Z'), 2, lookup);
    const night = await cached.addWorkingDays(new Date('2026-09-30T15:30:00.000Z'), 2, lookup);
    await cached.addWorkingDays(new Date('2026-09-30T16:30:00.000Z'), 2, lookup);
    expect([morning.toISOString(), night.toISOString()]).toEqual([
      '2026-10-02T01:00:00.000Z',
      '2026-10-02T15:30:00.000Z',
    ]);
    // Asked for local midnights: 30 September and 1 October, 00:00 in Shanghai.
    expect(asked).toEqual(['2026-09-29T16:00:00.000Z', '2026-09-30T16:00:00.000Z']);
    // Zero working days need nobody.
    expect((await cached.addWorkingDays(new Date('2026-01-05T01:00:00.000Z'), 0, lookup)).toISOString()).toBe(
      '2026-01-05T01:00:00.000Z',
    );
    expect(asked).toHaveLength(2);
  });

  it('forgets a failed answer at once, and an old one after its time', async () => {
    const { asked, calendar, failNext } = counting();
    let clock = 0;
    const cached = cachedWorkingDayCalendar(calendar, { ttlMs: 1000, now: () => clock });
    const from = new Date('2026-09-30T01:00:00.000Z');
    failNext(true);
    await expect(cached.addWorkingDays(from, 2, lookup)).rejects.toThrow('down');
    failNext(false);
    await cached.addWorkingDays(from, 2, lookup);
    await cached.addWorkingDays(from, 2, lookup);
    expect(asked).toHaveLength(2);
    clock = 1001;
    await cached.addWorkingDays(from, 2, lookup);
    expect(asked).toHaveLength(3);
  });
});
