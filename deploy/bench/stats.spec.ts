import {
  evaluate,
  failures,
  formatNumber,
  formatTable,
  median,
  percentile,
  ratio,
  row,
  summarise,
  type Target,
} from './stats';

describe('the bench arithmetic', () => {
  it('takes the median of the rounds, odd or even in number', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNaN();
  });

  it('gives percentiles by nearest rank, so a p99 is a latency someone waited', () => {
    const latencies = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(latencies, 50)).toBe(50);
    expect(percentile(latencies, 99)).toBe(99);
    expect(percentile(latencies, 100)).toBe(100);
    expect(percentile([7], 99)).toBe(7);
    expect(percentile([], 50)).toBeNaN();
    expect(() => percentile([1], 101)).toThrow(RangeError);
    expect(summarise([5, 1, 9])).toEqual({ count: 3, p50: 5, p90: 9, p99: 9, max: 9 });
  });

  it('divides by the baseline only when there is one', () => {
    expect(ratio(25, 34_399)).toBeCloseTo(0.000727, 6);
    expect(ratio(1, 0)).toBeNaN();
    expect(ratio(Number.NaN, 2)).toBeNaN();
  });

  it('checks floors and ceilings, and tells a missing figure from a miss', () => {
    const floor: Target = { kind: 'at-least', value: 0.03 };
    const ceiling: Target = { kind: 'at-most', value: 50, unit: 'ms' };
    expect(evaluate(0.03, floor)).toBe('pass');
    expect(evaluate(0.0007, floor)).toBe('fail');
    expect(evaluate(50, ceiling)).toBe('pass');
    expect(evaluate(744, ceiling)).toBe('fail');
    expect(evaluate(Number.NaN, ceiling)).toBe('unmeasured');
    expect(evaluate(3, undefined)).toBe('no-target');
  });

  it('formats the issue table, marking each target and listing only real misses as failures', () => {
    const rows = [
      row({
        path: '`GET /cases/:id`, c=8',
        gongzhi: '25 req/s',
        baseline: 'bare node:http 34,399 req/s',
        value: 0.0007,
        valueLabel: formatNumber(0.0007),
        target: { kind: 'at-least', value: 0.03 },
      }),
      row({
        path: 'intake | c=8',
        gongzhi: '18 cases/s',
        baseline: '13.6 wf/s',
        value: 1.33,
        valueLabel: '1.33',
        target: { kind: 'at-least', value: 0.5 },
      }),
      row({
        path: 'statistics',
        gongzhi: '—',
        baseline: '—',
        value: Number.NaN,
        valueLabel: '—',
        target: { kind: 'at-most', value: 2, unit: '×' },
      }),
      row({ path: 'memory', gongzhi: 'worker 200 MiB', baseline: '—', value: Number.NaN, valueLabel: '—' }),
    ];
    expect(formatTable(rows).split('\n')).toEqual([
      '| path | Gongzhi | baseline | ratio | target |',
      '|---|---|---|---|---|',
      '| `GET /cases/:id`, c=8 | 25 req/s | bare node:http 34,399 req/s | 0.00070 | ≥ 0.03 ✗ |',
      '| intake \\| c=8 | 18 cases/s | 13.6 wf/s | 1.33 | ≥ 0.5 ✓ |',
      '| statistics | — | — | — | ≤ 2× ? not measured |',
      '| memory | worker 200 MiB | — | — | — |',
    ]);
    expect(failures(rows).map((r) => r.path)).toEqual(['`GET /cases/:id`, c=8']);
  });

  it('prints figures with the digits a reader can use', () => {
    expect(formatNumber(34_399.4)).toBe('34,399');
    expect(formatNumber(13.62)).toBe('13.6');
    expect(formatNumber(1.333)).toBe('1.33');
    expect(formatNumber(0.000727)).toBe('0.00073');
    expect(formatNumber(0)).toBe('0');
    expect(formatNumber(Number.NaN)).toBe('—');
  });
});
