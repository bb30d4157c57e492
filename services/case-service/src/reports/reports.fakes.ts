import { randomUUID } from 'node:crypto';
import { type CaseRecord, NO_PROGRESS } from '../cases/case.model';
import { inMemorySuggestions, type InMemoryIdempotencyKeys } from '../cases/cases.fakes';
import type { DuplicateSuggestionRecord } from '../cases/duplicate-suggestions';
import {
  judgePlaceCandidate,
  matchProbes,
  partiesOfReport,
  possibleDuplicateCandidates,
  possibleDuplicateEvidence,
} from './report-matching';
import type { ReportRecord, ReportsRepository } from './reports.repository';

/**
 * In-memory reports over the in-memory cases, applying the same rules in the same order as the SQL version
 * (which the integration tests check against PostgreSQL).
 */
export function createInMemoryReportsRepository(
  cases: Map<string, CaseRecord>,
  keys: InMemoryIdempotencyKeys,
  rows: ReportRecord[] = [],
): ReportsRepository & { rows: ReportRecord[] } {
  const worked = (caseId: string) => ['opening', 'open'].includes(cases.get(caseId)?.status ?? '');
  const suggestions = inMemorySuggestions(cases);
  const partiesOfCase = (caseId: string) => (cases.get(caseId)?.parties ?? []).map((p) => p.partyId);
  const newestFirst = (a: ReportRecord, b: ReportRecord) =>
    b.receivedAt.getTime() - a.receivedAt.getTime() || (a.id < b.id ? 1 : -1);
  return {
    rows,
    async file(report, newCase, receivedAt, idempotency) {
      const keyId = idempotency ? `${idempotency.scope}|${idempotency.key}` : undefined;
      const earlier = keyId ? keys.get(keyId) : undefined;
      if (earlier) {
        return {
          kind: 'replayed',
          reportId: earlier.caseId,
          requestHash: earlier.requestHash,
          ...(earlier.response ? { response: earlier.response } : {}),
        };
      }
      if (keyId && idempotency) keys.set(keyId, { caseId: report.id, requestHash: idempotency.requestHash });
      const brought = {
        otherParties: report.otherParties ?? [],
        amountInDispute: report.amountInDispute ?? null,
        riskAssessment: report.riskAssessment ?? null,
      };
      const reportParties = partiesOfReport(report);
      let atPlace: ReportRecord[] = [];
      const probes = matchProbes({ ...report, receivedAt });
      for (const probe of probes) {
        const candidates = rows.filter((r) => {
          if (!worked(r.caseId)) return false;
          if (probe.rule === 'same-event') return r.townCode === report.townCode && r.eventRef === report.eventRef;
          const recent =
            probe.since !== undefined && r.receivedAt >= probe.since && r.disputeType === report.disputeType;
          if (probe.rule === 'same-reporter') return recent && r.reporterPartyId === report.reporterPartyId;
          const place = probe.place;
          return (
            recent &&
            place !== undefined &&
            r.townCode === report.townCode &&
            (place.level === 'grid' ? r.gridCode === place.code : r.villageCode === place.code)
          );
        });
        const sorted = candidates.sort(newestFirst);
        const place = probe.place;
        // The place links only where the rules say so (a grid cell and a shared party); the rest may be duplicates.
        const match =
          probe.rule === 'same-place' && place
            ? sorted.find((r) => judgePlaceCandidate(place, reportParties, partiesOfCase(r.caseId)).kind === 'link')
            : sorted[0];
        if (probe.rule === 'same-place') atPlace = sorted;
        if (!match) continue;
        const linkedCase = cases.get(match.caseId);
        if (!linkedCase) continue;
        if (!linkedCase.agencyIds.includes(report.agencyId)) linkedCase.agencyIds.push(report.agencyId);
        const linked: ReportRecord = { ...report, ...brought, caseId: match.caseId, matchedBy: probe.rule, receivedAt };
        rows.push(linked);
        return { kind: 'linked', report: { ...linked }, case: { ...linkedCase }, rule: probe.rule };
      }
      const opened: CaseRecord = {
        ...newCase,
        status: 'opening',
        mergedIntoId: null,
        version: 1,
        openedAt: receivedAt,
        progress: { ...NO_PROGRESS },
      };
      cases.set(opened.id, opened);
      const first: ReportRecord = { ...report, ...brought, caseId: newCase.id, matchedBy: null, receivedAt };
      rows.push(first);
      const place = probes.find((p) => p.rule === 'same-place')?.place;
      const suggested: DuplicateSuggestionRecord[] = [];
      for (const candidate of place ? possibleDuplicateCandidates(atPlace) : []) {
        if (!place) break;
        const verdict = judgePlaceCandidate(place, reportParties, partiesOfCase(candidate.caseId));
        const suggestion: DuplicateSuggestionRecord = {
          id: randomUUID(),
          caseId: newCase.id,
          candidateCaseId: candidate.caseId,
          townCode: report.townCode,
          reportId: report.id,
          rule: 'same-place',
          evidence: possibleDuplicateEvidence(place, report.disputeType, candidate, receivedAt, verdict.sharedPartyIds),
          status: 'open',
          suggestedAt: receivedAt,
          decidedAt: null,
          decidedBy: null,
          decidedByAgencyId: null,
          reason: null,
        };
        suggestions.push(suggestion);
        suggested.push({ ...suggestion });
      }
      return { kind: 'opened', report: { ...first }, case: { ...opened }, suggestions: suggested };
    },
    async findById(id) {
      return rows.find((r) => r.id === id);
    },
    async listForCase(caseId) {
      return rows.filter((r) => r.caseId === caseId);
    },
  };
}
