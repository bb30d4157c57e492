/**
 * The custom search attributes the dispute workflow keeps current, so `temporal workflow list --query` and the
 * Temporal Web UI show where a case stands without our code. The local dev server registers exactly this list;
 * production clusters register it once with `temporal operator search-attribute create`.
 */
export const CASE_SEARCH_ATTRIBUTES = {
  /** The case-service id of the dispute. */
  GongzhiCaseId: 'Keyword',
  /** The town whose policy the case follows. */
  GongzhiTown: 'Keyword',
  /** Ladder level the case is at: L1 … L4. */
  GongzhiLevel: 'Keyword',
  /** Phase within the level: transfer, mediation, follow-up, closed. */
  GongzhiPhase: 'Keyword',
  /** The agency currently responsible. */
  GongzhiAgency: 'Keyword',
  /** The human action the workflow waits for, if any. */
  GongzhiAwaitedAction: 'Keyword',
  /** The next legal deadline the workflow watches. */
  GongzhiNextDeadline: 'Datetime',
} as const;

export type CaseSearchAttributeName = keyof typeof CASE_SEARCH_ATTRIBUTES;
