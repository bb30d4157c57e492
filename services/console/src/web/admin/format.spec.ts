import { shortId, stuckForText } from './format';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

describe('how long an item has been stuck', () => {
  it('says days and hours, rounded down so it never overstates', () => {
    expect(stuckForText(3 * DAY + 4 * HOUR + 59 * 60_000)).toEqual({
      key: 'stuckFor.daysHours',
      values: { days: 3, hours: 4 },
    });
    expect(stuckForText(2 * DAY + 30 * 60_000)).toEqual({ key: 'stuckFor.days', values: { days: 2, hours: 0 } });
    expect(stuckForText(5 * HOUR)).toEqual({ key: 'stuckFor.hours', values: { days: 0, hours: 5 } });
  });

  it('says under an hour for less, and for a negative age (a clock a little ahead)', () => {
    expect(stuckForText(59 * 60_000).key).toBe('stuckFor.underHour');
    expect(stuckForText(-5_000).key).toBe('stuckFor.underHour');
  });
});

describe('short ids', () => {
  it('keeps the first 8 characters of a long id and a short one whole', () => {
    expect(shortId('0c7d1e52-3f1a-4b8e-9d2c-6a5b4c3d2e1f')).toBe('0c7d1e52');
    expect(shortId('wf-1')).toBe('wf-1');
  });
});
