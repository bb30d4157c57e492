import { type FigureColumn, figuresCsv, formatFigure, formatRate } from './format';

interface Village {
  name: string;
  opened: number;
  resolutionRate: number | null;
  meanDays: number | null;
}

const columns: FigureColumn<Village>[] = [
  { key: 'name', title: '村', kind: 'text', value: (v) => v.name },
  { key: 'opened', title: '新增', kind: 'count', value: (v) => v.opened },
  { key: 'rate', title: '化解率', kind: 'rate', value: (v) => v.resolutionRate },
  { key: 'days', title: '平均天数', kind: 'days', value: (v) => v.meanDays },
];

describe('the figures as read', () => {
  it('shows rates as percentages with one decimal, and a rate with nothing to rate as a dash', () => {
    expect(formatRate(0.75, 'zh-CN')).toBe('75.0%');
    expect(formatRate(2 / 3, 'en')).toBe('66.7%');
    expect(formatRate(null, 'zh-CN')).toBe('—');
    expect(formatFigure('days', 3.125, 'zh-CN')).toBe('3.13');
    expect(formatFigure('count', 12345, 'en')).toBe('12,345');
    expect(formatFigure('days', null, 'en')).toBe('—');
  });

  it('exports the same numbers as the table: bare counts, percentages, and empty cells for null', () => {
    const csv = figuresCsv(columns, [
      { name: '上坝村', opened: 12345, resolutionRate: 0.75, meanDays: 2.5 },
      { name: '下坝村', opened: 0, resolutionRate: null, meanDays: null },
    ]);
    expect(csv).toBe('\uFEFF村,新增,化解率,平均天数\r\n上坝村,12345,75.0%,2.5\r\n下坝村,0,,\r\n');
  });
});
