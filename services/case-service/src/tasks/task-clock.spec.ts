import { clockOf, DUE_SOON_MS, isDueSoon, isOverdue, priorityOf } from './task-clock';

const asOf = new Date('2026-03-10T02:00:00.000Z');
const inHours = (hours: number) => new Date(asOf.getTime() + hours * 3_600_000);

describe('task priority: risk and clock', () => {
  it.each([
    ['overdue', inHours(-1), false, 'urgent'],
    ['overdue and at risk', inHours(-1), true, 'urgent'],
    ['at risk and due within 48 hours', inHours(47), true, 'urgent'],
    ['due within 48 hours', inHours(47), false, 'high'],
    ['at risk, due later', inHours(24 * 10), true, 'high'],
    ['at risk, no due date', null, true, 'high'],
    ['due later', inHours(48), false, 'normal'],
    ['no due date', null, false, 'low'],
  ] as const)('%s → %s', (_what, dueAt, atRisk, priority) => {
    expect(priorityOf({ dueAt, riskFlags: atRisk ? ['violence-risk'] : [] }, asOf)).toBe(priority);
  });

  it('tells overdue from due soon at the boundaries', () => {
    expect(isOverdue(asOf, asOf)).toBe(false);
    expect(isOverdue(inHours(-0.001), asOf)).toBe(true);
    expect(isDueSoon(asOf, asOf)).toBe(true);
    expect(isDueSoon(new Date(asOf.getTime() + DUE_SOON_MS - 1), asOf)).toBe(true);
    expect(isDueSoon(new Date(asOf.getTime() + DUE_SOON_MS), asOf)).toBe(false);
    expect(isDueSoon(null, asOf)).toBe(false);
  });
});

describe('the legal clock of a task', () => {
  it('counts down to the due date on the server clock, negative once overdue, with the rule behind it', () => {
    const rule = '受理期限：2个工作日';
    expect(clockOf({ dueAt: inHours(5), rule, closedAt: null }, asOf)).toEqual({
      dueAt: '2026-03-10T07:00:00.000Z',
      remainingMs: 5 * 3_600_000,
      overdue: false,
      rule,
    });
    expect(clockOf({ dueAt: inHours(-2), rule, closedAt: null }, asOf)).toMatchObject({
      remainingMs: -2 * 3_600_000,
      overdue: true,
    });
  });

  it('stops at the close: a closed task says whether it was done in time', () => {
    const clock = clockOf({ dueAt: inHours(5), rule: null, closedAt: inHours(1) }, inHours(100));
    expect(clock).toMatchObject({ remainingMs: 4 * 3_600_000, overdue: false });
  });

  it('has no remaining time without a due date', () => {
    expect(clockOf({ dueAt: null, rule: null, closedAt: null }, asOf)).toEqual({
      dueAt: null,
      remainingMs: null,
      overdue: false,
      rule: null,
    });
  });
});
