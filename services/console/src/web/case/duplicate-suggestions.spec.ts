import { ProblemError } from '../common/api/problem';
import {
  confirmationMergesThisCase,
  decisionProblem,
  type DuplicateSuggestion,
  otherCaseOf,
  partitionSuggestions,
  shortCaseId,
} from './duplicate-suggestions';

const NEW_CASE = '0c1d2e3f-0000-4000-8000-000000000002';
const EARLIER_CASE = '7a8b9c0d-0000-4000-8000-000000000001';

function suggestion(overrides: Partial<DuplicateSuggestion> = {}): DuplicateSuggestion {
  return {
    id: 'd0000000-0000-4000-8000-000000000001',
    caseId: NEW_CASE,
    candidateCaseId: EARLIER_CASE,
    reportId: 'r0000000-0000-4000-8000-000000000001',
    rule: 'same-place',
    evidence: {
      place: 'grid',
      placeCode: 'shangba-03',
      disputeType: 'land-forest',
      candidateReportId: 'r0000000-0000-4000-8000-000000000000',
      minutesApart: 42,
      windowDays: 7,
      sharedPartyIds: [],
    },
    status: 'open',
    suggestedAt: '2026-03-02T02:00:00.000Z',
    decidedAt: null,
    decidedBy: null,
    decidedByAgencyId: null,
    reason: null,
    ...overrides,
  };
}

describe('possible duplicates on the case page', () => {
  it('names the other case from either side, and says which one a confirmation merges', () => {
    const s = suggestion();
    expect(otherCaseOf(s, NEW_CASE)).toBe(EARLIER_CASE);
    expect(otherCaseOf(s, EARLIER_CASE)).toBe(NEW_CASE);
    // The suggestion's own case is the newer one: confirming merges it into the earlier case.
    expect(confirmationMergesThisCase(s, NEW_CASE)).toBe(true);
    expect(confirmationMergesThisCase(s, EARLIER_CASE)).toBe(false);
    expect(shortCaseId(EARLIER_CASE)).toBe('7a8b9c0d');
  });

  it('keeps open suggestions in order and puts the latest decision first', () => {
    const open = suggestion({ id: 'open' });
    const older = suggestion({ id: 'older', status: 'dismissed', decidedAt: '2026-03-02T03:00:00.000Z' });
    const newer = suggestion({ id: 'newer', status: 'confirmed', decidedAt: '2026-03-03T03:00:00.000Z' });
    const { open: waiting, decided } = partitionSuggestions([older, open, newer]);
    expect(waiting.map((s) => s.id)).toEqual(['open']);
    expect(decided.map((s) => s.id)).toEqual(['newer', 'older']);
  });

  it("words case-service's two conflicts as the console's own problems, and leaves every other refusal alone", () => {
    const decided = new ProblemError(409, {
      type: 'urn:gongzhi:problem:conflict',
      detail: 'This possible duplicate was already dismissed',
      suggestionStatus: 'dismissed',
    });
    const refused = new ProblemError(409, { type: 'urn:gongzhi:problem:conflict', detail: 'Only cases still being…' });
    expect((decisionProblem(decided) as ProblemError).slug).toBe('duplicate-decided');
    expect((decisionProblem(refused) as ProblemError).slug).toBe('duplicate-merge-refused');
    expect((decisionProblem(refused) as ProblemError).status).toBe(409);

    const forbidden = new ProblemError(403, { type: 'urn:gongzhi:problem:forbidden' });
    const notFound = new ProblemError(404, { type: 'urn:gongzhi:problem:not-found' });
    const network = new TypeError('Failed to fetch');
    for (const error of [forbidden, notFound, network]) expect(decisionProblem(error)).toBe(error);
  });
});
