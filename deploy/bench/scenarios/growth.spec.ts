import { growthRows, shanghaiDay } from './growth';

/** Figures of a run with a base and two sizes. */
function figures(overrides: Record<string, number> = {}): Record<string, number> {
  const step = (i: number, open: number, scale: number) => ({
    [`s${i}.open`]: open,
    [`s${i}.seeded`]: open - 100,
    [`s${i}.running`]: open,
    [`s${i}.queue.p50`]: 10 * scale,
    [`s${i}.counts.p50`]: 5,
    [`s${i}.stuck.p50`]: 100 * scale * scale,
    [`s${i}.statistics.p50`]: 20,
    [`s${i}.stuck.items`]: 0,
    [`s${i}.stuck.complete`]: 1,
    [`s${i}.stuck.truncated`]: 0,
    [`s${i}.statistics.opened`]: open,
    [`s${i}.worker`]: 300,
    [`s${i}.temporal`]: 200 + i * 50,
    [`s${i}.caseService`]: 250,
  });
  return {
    steps: 3,
    'seed.sqlMs': 2_000,
    'seed.workflowsMs': 40_000,
    ...step(0, 100, 1),
    ...step(1, 1_100, 1.2),
    ...step(2, 10_100, 1.5),
    ...overrides,
  };
}

describe('the growth rows', () => {
  it('judges each path by its p50 at the largest size over the base: flat is at most twice', () => {
    const rows = growthRows(figures());
    const byPath = Object.fromEntries(rows.map((r) => [r.path, r]));
    const queue = byPath['growth: `GET /tasks?view=all&limit=20` p50'];
    expect(queue?.value).toBeCloseTo(1.5);
    expect(queue?.verdict).toBe('pass');
    expect(queue?.gongzhi).toBe('100 open 10.0 ms → 1,100 open 12.0 ms → 10,100 open 15.0 ms');
    const stuck = byPath['growth: `GET /admin/stuck` (stuck scan) p50'];
    expect(stuck?.value).toBeCloseTo(2.25);
    expect(stuck?.verdict).toBe('fail');
  });

  it('fails the stuck scan when it was not complete at the largest size, and says what it saw', () => {
    const complete = growthRows(figures()).find((r) => r.path.startsWith('growth: stuck scan at'));
    expect(complete?.verdict).toBe('pass');
    const cut = growthRows(figures({ 's2.stuck.complete': 0, 's2.stuck.truncated': 1 })).find((r) =>
      r.path.startsWith('growth: stuck scan at'),
    );
    expect(cut?.verdict).toBe('fail');
    expect(cut?.valueLabel).toBe('not complete');
    expect(cut?.gongzhi).toContain('saw 10,100 running workflows');
    expect(cut?.gongzhi).toContain('truncated: yes');
    expect(cut?.gongzhi).toContain('0 items');
  });

  it('shows a path that failed as not measured, and nothing for a run without growth', () => {
    const rows = growthRows(figures({ 's2.counts.p50': Number.NaN }));
    expect(rows.find((r) => r.path.includes('counts'))?.verdict).toBe('unmeasured');
    expect(growthRows({})).toEqual([]);
  });

  it('reports memory and the seeding rate without a target', () => {
    const rows = growthRows(figures());
    const memory = rows.find((r) => r.path === 'growth: resident memory');
    expect(memory?.baseline).toBe('Temporal 200 → 300 MiB');
    expect(memory?.verdict).toBe('no-target');
    const seeding = rows.find((r) => r.path.startsWith('growth: bulk seeding'));
    expect(seeding?.gongzhi).toContain('10,000 cases: SQL 2.00 s (5,000 cases/s)');
  });

  it('names days as the statistics API takes them, in Asia/Shanghai', () => {
    expect(shanghaiDay(new Date('2026-12-04T16:30:00Z'))).toBe('2026-12-05');
    expect(shanghaiDay(new Date('2026-12-04T15:30:00Z'))).toBe('2026-12-04');
  });
});
