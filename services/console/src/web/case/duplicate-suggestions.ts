/**
 * Possible duplicates as the case page shows them: a report at the same place, of the same type, within the window,
 * that shares no party with the earlier case (or names only the village) opens its own case, carrying a suggestion
 * that names the earlier one. Confirming merges the suggestion's case into the earlier (candidate) case; dismissing
 * leaves both apart.
 */
import type { CaseSchemas } from '../common/api/client';
import { ProblemError } from '../common/api/problem';

export type DuplicateSuggestion = CaseSchemas['DuplicateSuggestion'];
export type DuplicateDecision = 'confirm' | 'dismiss';

/** The reason a decision needs (case-service's DecideDuplicateRequest), in characters after trimming. */
export const REASON_MIN = 5;
export const REASON_MAX = 1000;

/** The other case of a suggestion, seen from `caseId` (the page's case). */
export function otherCaseOf(suggestion: Pick<DuplicateSuggestion, 'caseId' | 'candidateCaseId'>, caseId: string) {
  return suggestion.caseId === caseId ? suggestion.candidateCaseId : suggestion.caseId;
}

/** Whether a confirmation merges the page's case away (it is the newer one), rather than the other into it. */
export function confirmationMergesThisCase(suggestion: Pick<DuplicateSuggestion, 'caseId'>, caseId: string): boolean {
  return suggestion.caseId === caseId;
}

/** A case as people name it on screen: the first eight characters of its id (an id, never a person's data). */
export function shortCaseId(id: string): string {
  return id.slice(0, 8);
}

/** Open suggestions (oldest first, as the case lists them) and decided ones (the latest decision first). */
export function partitionSuggestions(suggestions: readonly DuplicateSuggestion[]): {
  open: DuplicateSuggestion[];
  decided: DuplicateSuggestion[];
} {
  return {
    open: suggestions.filter((suggestion) => suggestion.status === 'open'),
    decided: suggestions
      .filter((suggestion) => suggestion.status !== 'open')
      .sort((a, b) => (b.decidedAt ?? '').localeCompare(a.decidedAt ?? '')),
  };
}

/**
 * A refused decision as the console words it. case-service answers both of its conflicts with the generic 409
 * `conflict`: one already decided (it says `suggestionStatus`), or a merge it refused (a case no longer worked). Each
 * gets a problem type of the console's own, which the common glossary words in the person's language.
 */
export function decisionProblem(error: unknown): unknown {
  if (!(error instanceof ProblemError) || error.status !== 409 || error.slug !== 'conflict') return error;
  const slug = error.problem['suggestionStatus'] ? 'duplicate-decided' : 'duplicate-merge-refused';
  return new ProblemError(409, { ...error.problem, type: `urn:gongzhi:problem:${slug}` });
}
