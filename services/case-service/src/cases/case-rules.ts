/**
 * Rules that only compute on case records: what a progress report does to a case, which reports' facts a split-off
 * case takes, what the workflow's transfer events say. The repository and its in-memory double both apply them, so
 * the two cannot drift apart.
 */
import type { CaseProgressRequest, CaseStatus, RiskAssessment, RiskFlag } from '@gongzhi/contracts';
import type { NewCase, SplitFacts, SplitReportFacts, TransferRejection, TransferRequest } from './case.model';

/** The statuses of a case still being worked: only such cases are merged, split, or offered as duplicates to decide. */
export const ACTIVE_STATUSES: readonly CaseStatus[] = ['opening', 'open'];

/**
 * The agencies that may see a case after a progress report: the ones it had, then the new ones in the order the
 * report names them (the current agency first). Never removes one: whoever was involved keeps seeing the case.
 */
export function withInvolvedAgencies(current: readonly string[], progress: CaseProgressRequest): string[] {
  const named = [...(progress.agencyId === null ? [] : [progress.agencyId]), ...progress.involvedAgencyIds];
  return [...new Set([...current, ...named])];
}

/**
 * The case status a newer progress report leads to: a running workflow proves the case open; an outcome closes it,
 * except that a merged case stays `merged` (that says more than `closed`).
 */
export function statusAfterProgress(current: CaseStatus, progress: CaseProgressRequest): CaseStatus {
  if (progress.outcome !== null) return current === 'merged' ? 'merged' : 'closed';
  return current === 'opening' ? 'open' : current;
}

/** Intake's risk assessment as the workflow's risk flags: any of them can route the case straight to the police. */
export function riskFlagsOf(risk: RiskAssessment): RiskFlag[] {
  return [
    ...(risk.violenceRisk ? (['violence-risk'] as const) : []),
    ...(risk.groupDispute ? (['group-dispute'] as const) : []),
    ...(risk.keyPerson ? (['key-person'] as const) : []),
  ];
}

/**
 * The facts of a case split off with these reports: those of the earliest (the one that would have opened it, had it
 * not been linked). Its grid cell stays on the report, which moves with it.
 */
export function splitOffFacts(reports: readonly SplitReportFacts[]): Pick<NewCase, SplitFacts> {
  const [first] = [...reports].sort(
    (a, b) => a.receivedAt.getTime() - b.receivedAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
  if (!first) throw new Error('a split takes at least one report');
  return {
    disputeType: first.disputeType,
    source: first.source,
    summary: first.summary,
    villageCode: first.villageCode,
  };
}

/** The details of a `transfer-requested` event as a TransferRequest (fields of the wrong type read as absent). */
export function transferRequestOf(caseId: string, at: Date, details: unknown): TransferRequest {
  const d = details !== null && typeof details === 'object' ? (details as Record<string, unknown>) : {};
  const text = (value: unknown) => (typeof value === 'string' ? value : null);
  return {
    caseId,
    at,
    level: text(d['level']),
    toAgencyId: text(d['toAgencyId']),
    fromAgencyId: text(d['fromAgencyId']),
    reason: text(d['reason']),
    acceptBy: text(d['acceptBy']),
    penaltyTrack: d['penaltyTrack'] === true,
  };
}

/** The details of a `transfer-rejected` event as a TransferRejection (fields of the wrong type read as absent). */
export function transferRejectionOf(
  caseId: string,
  at: Date,
  agencyId: string | null,
  details: unknown,
): TransferRejection {
  const d = details !== null && typeof details === 'object' ? (details as Record<string, unknown>) : {};
  const text = (value: unknown) => (typeof value === 'string' ? value : null);
  return { caseId, at, agencyId, level: text(d['level']), reason: text(d['reason']) };
}
