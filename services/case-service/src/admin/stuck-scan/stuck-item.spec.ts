/** What every detector shares: an item's defaults and age, and the filters an item or a case record matches. */
import { StuckFilters } from '@gongzhi/contracts';
import { caseMatches, itemMatches, stuckItem } from './stuck-item';
import { caseRecord, HOUR, NOW } from './stuck-scan.fakes';

describe('a stuck item', () => {
  it('says nothing it was not told, and has been stuck since `since`, never for less than nothing', () => {
    const base = { kind: 'blocked' as const, workflowId: 'dispute-case-c1', subject: 'planCase', diagnosis: 'blocked' };
    expect(stuckItem({ ...base, since: new Date(NOW.getTime() - 3 * HOUR).toISOString() }, NOW)).toEqual({
      ...base,
      since: '2026-03-09T21:00:00.000Z',
      stuckForMs: 3 * HOUR,
      caseId: null,
      townCode: null,
      agencyId: null,
      level: null,
      taskId: null,
      assigneeStaffId: null,
      attempt: null,
      message: null,
    });
    expect(stuckItem({ ...base, since: new Date(NOW.getTime() + HOUR).toISOString() }, NOW).stuckForMs).toBe(0);
  });

  it('matches the town, agency and level filters; a case record its agency and level', () => {
    const found = stuckItem(
      {
        kind: 'overdue-task',
        workflowId: 'dispute-case-c1',
        subject: 'mediate',
        diagnosis: 'late',
        since: NOW.toISOString(),
        townCode: 'qingshui',
        agencyId: 'a1',
        level: 'L1',
      },
      NOW,
    );
    expect(itemMatches(found, StuckFilters.parse({ town: 'qingshui', agencyId: 'a1', level: 'L1' }))).toBe(true);
    expect(itemMatches(found, StuckFilters.parse({ town: 'hekou' }))).toBe(false);
    expect(itemMatches(found, StuckFilters.parse({ level: 'L2' }))).toBe(false);
    const record = caseRecord({ currentAgencyId: 'a1', currentLevel: 'L1' });
    expect(caseMatches(record, StuckFilters.parse({ agencyId: 'a1', level: 'L1' }))).toBe(true);
    expect(caseMatches(record, StuckFilters.parse({ agencyId: 'a2' }))).toBe(false);
  });
});
