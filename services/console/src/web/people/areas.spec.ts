import { areaOf, areaOptions } from './areas';

const villages = [
  { id: 'v1', code: 'shangba', name: '上坝村', grids: ['shangba-01', 'shangba-02'] },
  { id: 'v2', code: 'xiaba', name: '下坝村' },
];
const labels = { grid: (village: string, grid: string) => `${village} ${grid}`, unlisted: '其他' };

describe('the areas an agency serves', () => {
  it('names a village, a grid by its village, and leaves an unknown code as it is', () => {
    expect(areaOf('xiaba', villages)).toEqual({ kind: 'village', code: 'xiaba', village: '下坝村' });
    expect(areaOf('shangba-02', villages)).toEqual({ kind: 'grid', code: 'shangba-02', village: '上坝村' });
    expect(areaOf('hetian', villages)).toEqual({ kind: 'unknown', code: 'hetian' });
  });

  it('offers each village with its grids, and keeps codes the agency holds that the directory no longer lists', () => {
    const groups = areaOptions(villages, ['shangba', 'gone-1'], labels);
    expect(groups.map((group) => group.label)).toEqual(['上坝村', '下坝村', '其他']);
    expect(groups[0]?.options.map((option) => option.value)).toEqual(['shangba', 'shangba-01', 'shangba-02']);
    expect(groups[0]?.options[1]?.label).toBe('上坝村 shangba-01');
    expect(groups[2]?.options).toEqual([{ value: 'gone-1', label: 'gone-1' }]);
  });

  it('adds no extra group when every held code is listed', () => {
    expect(areaOptions(villages, ['xiaba'], labels)).toHaveLength(2);
  });
});
