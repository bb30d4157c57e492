import {
  judgePlaceCandidate,
  MAX_POSSIBLE_DUPLICATES,
  matchProbes,
  type MatchFacts,
  partiesOfReport,
  placeOf,
  possibleDuplicateCandidates,
  possibleDuplicateEvidence,
  SAME_PLACE_WINDOW_DAYS,
} from './report-matching';

const [reporter, neighbour, stranger] = [
  '2b4d6f80-1a3c-4e5f-8a9b-0c1d2e3f4a5b',
  '3c5e7a91-2b4d-4f6a-9b0c-1d2e3f4a5b6c',
  '6a5b4c3d-2e1f-4a0b-9c8d-7e6f5a4b3c2d',
];

const facts = (overrides: Partial<MatchFacts> = {}): MatchFacts => ({
  townCode: 'qingshui',
  disputeType: 'neighbour',
  villageCode: 'shangba',
  gridCode: null,
  reporterPartyId: null,
  eventRef: null,
  receivedAt: new Date('2026-06-01T08:00:00Z'),
  ...overrides,
});

describe('the same-place rule: the place alone never links', () => {
  it('links at a grid cell only when the new report names a party of the candidate case', () => {
    const cell = { level: 'grid', code: 'shangba-02' } as const;
    expect(judgePlaceCandidate(cell, [reporter, neighbour], [neighbour, stranger])).toEqual({
      kind: 'link',
      sharedPartyIds: [neighbour],
    });
    // Two families of one grid cell, the same afternoon, the same kind of quarrel: a possible duplicate, no more.
    expect(judgePlaceCandidate(cell, [reporter], [stranger])).toEqual({
      kind: 'possible-duplicate',
      sharedPartyIds: [],
    });
    // A report naming nobody cannot share a party.
    expect(judgePlaceCandidate(cell, [], [stranger]).kind).toBe('possible-duplicate');
  });

  it('never links on a village alone, even with a shared party, but keeps the shared party as evidence', () => {
    const village = { level: 'village', code: 'shangba' } as const;
    expect(judgePlaceCandidate(village, [reporter], [reporter])).toEqual({
      kind: 'possible-duplicate',
      sharedPartyIds: [reporter],
    });
  });

  it('takes the parties a report names: its reporter and the others, each once', () => {
    expect(
      partiesOfReport({
        reporterPartyId: reporter,
        otherParties: [
          { partyId: neighbour, role: 'respondent' },
          { partyId: reporter, role: 'other' },
        ],
      }),
    ).toEqual([reporter, neighbour]);
    expect(partiesOfReport({ reporterPartyId: null })).toEqual([]);
  });

  it('looks at the grid cell when the report names one, else at the village, within 7 days of the same type', () => {
    expect(placeOf(facts({ gridCode: 'shangba-02' }))).toEqual({ level: 'grid', code: 'shangba-02' });
    expect(placeOf(facts())).toEqual({ level: 'village', code: 'shangba' });
    expect(placeOf(facts({ villageCode: null }))).toBeUndefined();

    const [probe] = matchProbes(facts({ gridCode: 'shangba-02' }));
    expect(probe).toEqual({
      rule: 'same-place',
      lockKey: 'place:qingshui:grid:shangba-02:neighbour',
      since: new Date('2026-05-25T08:00:00Z'),
      place: { level: 'grid', code: 'shangba-02' },
    });
    expect(matchProbes(facts({ villageCode: null }))).toEqual([]);
  });

  it('keeps the rules in their order: event, reporter, place', () => {
    const probes = matchProbes(facts({ eventRef: 'JQ-1', reporterPartyId: reporter, gridCode: 'shangba-02' }));
    expect(probes.map((p) => p.rule)).toEqual(['same-event', 'same-reporter', 'same-place']);
  });

  it('gives a possible duplicate evidence of codes, ids and numbers only', () => {
    const evidence = possibleDuplicateEvidence(
      { level: 'village', code: 'shangba' },
      'neighbour',
      { id: '9f1d4c2b-8a7e-4d4c-9b6a-7f805b0e6a0c', receivedAt: new Date('2026-06-01T07:47:30Z') },
      new Date('2026-06-01T08:00:00Z'),
      [reporter],
    );
    expect(evidence).toEqual({
      place: 'village',
      placeCode: 'shangba',
      disputeType: 'neighbour',
      candidateReportId: '9f1d4c2b-8a7e-4d4c-9b6a-7f805b0e6a0c',
      minutesApart: 12,
      windowDays: SAME_PLACE_WINDOW_DAYS,
      sharedPartyIds: [reporter],
    });
  });

  it('suggests each earlier case once, the most recently reported first, and a few at most', () => {
    const reports = ['a', 'a', 'b', 'c', 'b', 'd', 'e'].map((caseId, index) => ({ caseId, index }));
    const chosen = possibleDuplicateCandidates(reports);
    expect(chosen.map((r) => [r.caseId, r.index])).toEqual([
      ['a', 0],
      ['b', 2],
      ['c', 3],
    ]);
    expect(chosen).toHaveLength(MAX_POSSIBLE_DUPLICATES);
  });
});
