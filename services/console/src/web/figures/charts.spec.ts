import { INDEX_BAND_FLOORS } from './bands';
import { dailyIndexOption, levelBarsOption } from './charts';

const names = { blue: '蓝', yellow: '黄', orange: '橙', red: '红' } as const;

/** The chart's y axis and its bands, as [band name, from, to]. */
function drawn(scores: number[]) {
  const option = dailyIndexOption(
    scores.map((score, i) => ({ date: `2026-03-${String(i + 1).padStart(2, '0')}`, score, band: 'blue' as const })),
    names,
    '指数',
  );
  const yAxis = option.yAxis as { min: number; max: number };
  const [series] = option.series as { markArea: { data: [{ yAxis: number; name: string }, { yAxis: number }][] } }[];
  return {
    axis: [yAxis.min, yAxis.max],
    bands: series?.markArea.data.map(([from, to]) => [from.name, from.yAxis, to.yAxis]),
  };
}

describe('the daily index chart', () => {
  it('shades each band from its floor up to the next one, red from the bottom of the axis', () => {
    expect(drawn([95, 88, 72]).bands).toEqual([
      ['蓝', INDEX_BAND_FLOORS.blue, 100],
      ['黄', INDEX_BAND_FLOORS.yellow, INDEX_BAND_FLOORS.blue],
      ['橙', INDEX_BAND_FLOORS.orange, INDEX_BAND_FLOORS.yellow],
      ['红', 60, INDEX_BAND_FLOORS.orange],
    ]);
  });

  it('starts the axis a round ten below the lowest score, at 60 at most, so the red band always shows', () => {
    expect(drawn([95, 88, 72]).axis).toEqual([60, 100]);
    expect(drawn([95, 41.5]).axis).toEqual([30, 100]);
    expect(drawn([2]).axis).toEqual([0, 100]);
    expect(drawn([]).axis).toEqual([60, 100]);
  });
});

describe('the days per level chart', () => {
  it('writes each bar’s days on it, so a stay shorter than a day still shows a number', () => {
    const option = levelBarsOption(['一级', '二级'], [{ name: '平均天数', colour: '#0a4fb3', data: [0.0004, null] }]);
    const [bar] = option.series as { label: { show: boolean; formatter: (p: { value: unknown }) => string } }[];
    expect(bar?.label.show).toBe(true);
    expect([0.0004, 2.5, null].map((value) => bar?.label.formatter({ value }))).toEqual(['0.00', '2.50', '']);
  });
});
