import { formatDateTime } from './format';

describe('formatDateTime', () => {
  it('gives the town’s time, year first in both languages, on the 24-hour clock', () => {
    // 20:37 UTC on 6 December is 04:37 on 7 December in the town.
    expect(formatDateTime('2026-12-06T20:37:00Z', 'zh-CN')).toBe('2026/12/07 04:37');
    expect(formatDateTime('2026-12-06T20:37:00Z', 'en')).toBe('2026-12-07 04:37');
    // Midnight is 00, never 24.
    expect(formatDateTime('2026-12-06T16:00:00Z', 'en')).toBe('2026-12-07 00:00');
    expect(formatDateTime(null, 'en')).toBe('');
  });
});
