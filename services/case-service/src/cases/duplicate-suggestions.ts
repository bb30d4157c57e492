/**
 * Possible duplicates: a report made at the same place, of the same type, within the same-place window as another
 * case's report, without the shared party that would have linked it (reports/report-matching.ts), opens a case of its
 * own that carries a suggestion naming the earlier case. Whoever may act on both cases confirms it — the case is merged
 * into the earlier one, by the merge every coordinator's merge goes through — or dismisses it. Either way both cases'
 * timelines say so.
 */
import type {
  DuplicateEvidence,
  DuplicateSuggestion,
  DuplicateSuggestionStatus,
  DuplicateSuggestionFilters,
} from '@gongzhi/contracts';
import { type AppError, ConflictError, NotFoundError } from '@gongzhi/errors';
import type { RestructureRefusal } from './case.model';

/** A suggestion as the repositories store it. */
export interface DuplicateSuggestionRecord {
  id: string;
  /** The case the report opened, which a confirmation merges. */
  caseId: string;
  /** The earlier case, which a confirmation merges into. */
  candidateCaseId: string;
  townCode: string;
  reportId: string;
  rule: 'same-place';
  evidence: DuplicateEvidence;
  status: DuplicateSuggestionStatus;
  suggestedAt: Date;
  decidedAt: Date | null;
  decidedBy: string | null;
  decidedByAgencyId: string | null;
  reason: string | null;
}

/** A suggestion to store with a new case: undecided. */
export type NewDuplicateSuggestion = Pick<
  DuplicateSuggestionRecord,
  'id' | 'caseId' | 'candidateCaseId' | 'townCode' | 'reportId' | 'rule' | 'evidence' | 'suggestedAt'
>;

/** A decision refused: the suggestion is gone, already decided, or the merge itself was refused. */
export type DuplicateRefusal =
  | { kind: 'not-found' }
  | { kind: 'decided'; status: Exclude<DuplicateSuggestionStatus, 'open'> }
  | { kind: 'merge-refused'; reason: RestructureRefusal };

/** Where a page of suggestions ends: newest first, id breaks ties. */
export interface SuggestionPosition {
  suggestedAt: string;
  id: string;
}

/** Which suggestions a list may return: a town's (coordinators) or every town's (administrators). */
export type SuggestionScope = { kind: 'all' } | { kind: 'town'; townCode: string };

/** The list's status filter; `open` also requires both cases to be still being worked (a decision is still possible). */
export type SuggestionStatusFilter = NonNullable<DuplicateSuggestionFilters['status']>;

export function toSuggestionView(record: DuplicateSuggestionRecord): DuplicateSuggestion {
  return {
    id: record.id,
    caseId: record.caseId,
    candidateCaseId: record.candidateCaseId,
    reportId: record.reportId,
    rule: record.rule,
    evidence: record.evidence,
    status: record.status,
    suggestedAt: record.suggestedAt.toISOString(),
    decidedAt: record.decidedAt?.toISOString() ?? null,
    decidedBy: record.decidedBy,
    decidedByAgencyId: record.decidedByAgencyId,
    reason: record.reason,
  };
}

/** The timeline details of a suggestion's entries (the same on both cases): ids and codes only. */
export function suggestionEventDetails(
  record: Pick<DuplicateSuggestionRecord, 'id' | 'caseId' | 'candidateCaseId'> & {
    rule: string;
    evidence: Pick<DuplicateEvidence, 'place' | 'placeCode'>;
  },
): Record<string, string> {
  return {
    suggestionId: record.id,
    caseId: record.caseId,
    candidateCaseId: record.candidateCaseId,
    rule: record.rule,
    place: record.evidence.place,
    placeCode: record.evidence.placeCode,
  };
}

/** A refused decision as the problem the caller can act on. */
export function duplicateRefusal(
  refusal: DuplicateRefusal,
  id: string,
  mergeRefusal: (r: RestructureRefusal) => AppError,
) {
  switch (refusal.kind) {
    case 'not-found':
      return new NotFoundError('duplicate suggestion', id);
    case 'decided':
      return new ConflictError(
        `This possible duplicate was already ${refusal.status}: read the cases' timelines for who decided it and why.`,
        { suggestionStatus: refusal.status },
      );
    case 'merge-refused':
      return mergeRefusal(refusal.reason);
  }
}
