import type { CaseProgressRequest } from '@gongzhi/contracts';
import {
  riskFlagsOf,
  splitOffFacts,
  statusAfterProgress,
  transferRejectionOf,
  transferRequestOf,
  withInvolvedAgencies,
} from './case-rules';

const progress = (overrides: Partial<CaseProgressRequest> = {}): CaseProgressRequest => ({
  progressSeq: 3,
  level: 'L1',
  phase: 'mediation',
  agencyId: 'village-committee',
  involvedAgencyIds: [],
  outcome: null,
  awaitedAction: null,
  nextDeadline: null,
  ...overrides,
});

describe('what a progress report does to a case', () => {
  it('adds the agencies it names after those the case had, the current one first, and never removes one', () => {
    expect(
      withInvolvedAgencies(
        ['police', 'village-committee'],
        progress({ agencyId: 'justice-office', involvedAgencyIds: ['court', 'police'] }),
      ),
    ).toEqual(['police', 'village-committee', 'justice-office', 'court']);
    expect(withInvolvedAgencies(['police'], progress({ agencyId: null }))).toEqual(['police']);
  });

  it('opens a case still opening, closes it on an outcome, and keeps a merged case merged', () => {
    expect(statusAfterProgress('opening', progress())).toBe('open');
    expect(statusAfterProgress('open', progress())).toBe('open');
    expect(statusAfterProgress('open', progress({ outcome: 'resolved' }))).toBe('closed');
    expect(statusAfterProgress('merged', progress({ outcome: 'merged' }))).toBe('merged');
    expect(statusAfterProgress('merged', progress())).toBe('merged');
  });
});

describe('the workflow’s risk flags', () => {
  it('flags each risk intake marked, and nothing of its notes', () => {
    expect(riskFlagsOf({ violenceRisk: false, groupDispute: false, keyPerson: false, notes: 'calm' })).toEqual([]);
    expect(riskFlagsOf({ violenceRisk: true, groupDispute: true, keyPerson: true })).toEqual([
      'violence-risk',
      'group-dispute',
      'key-person',
    ]);
  });
});

describe('the facts of a split-off case', () => {
  const report = (id: string, receivedAt: string, summary: string) => ({
    id,
    receivedAt: new Date(receivedAt),
    disputeType: 'neighbour' as const,
    source: 'walk-in' as const,
    summary,
    villageCode: 'shangba',
  });

  it('takes those of its earliest report, the id breaking a tie', () => {
    expect(
      splitOffFacts([
        report('b', '2025-03-02T08:00:00Z', 'later'),
        report('c', '2025-03-01T08:00:00Z', 'tied, higher id'),
        report('a', '2025-03-01T08:00:00Z', 'earliest'),
      ]),
    ).toEqual({ disputeType: 'neighbour', source: 'walk-in', summary: 'earliest', villageCode: 'shangba' });
  });

  it('refuses a split without reports', () => {
    expect(() => splitOffFacts([])).toThrow('a split takes at least one report');
  });
});

describe('the workflow’s transfer events', () => {
  const at = new Date('2025-03-01T08:00:00Z');

  it('reads a transfer request’s details, a field of the wrong type as absent', () => {
    expect(
      transferRequestOf('case-1', at, {
        level: 'L2',
        toAgencyId: 'justice-office',
        fromAgencyId: 42,
        reason: 'no-agreement',
        acceptBy: '2025-03-04T08:00:00Z',
        penaltyTrack: 'yes',
      }),
    ).toEqual({
      caseId: 'case-1',
      at,
      level: 'L2',
      toAgencyId: 'justice-office',
      fromAgencyId: null,
      reason: 'no-agreement',
      acceptBy: '2025-03-04T08:00:00Z',
      penaltyTrack: false,
    });
  });

  it('reads details that are no object as all absent', () => {
    expect(transferRequestOf('case-1', at, null)).toMatchObject({ level: null, toAgencyId: null, penaltyTrack: false });
    expect(transferRejectionOf('case-1', at, 'justice-office', 'text')).toEqual({
      caseId: 'case-1',
      at,
      agencyId: 'justice-office',
      level: null,
      reason: null,
    });
  });
});
