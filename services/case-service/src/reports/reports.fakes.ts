import { type CaseRecord, NO_PROGRESS } from '../cases/cases.repository';
import type { InMemoryIdempotencyKeys } from '../cases/cases.fakes';
import { matchProbes } from './report-matching';
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
      for (const probe of matchProbes({ ...report, receivedAt })) {
        const candidates = rows.filter((r) => {
          if (!worked(r.caseId)) return false;
          if (probe.rule === 'same-event') return r.townCode === report.townCode && r.eventRef === report.eventRef;
          const recent =
            probe.since !== undefined && r.receivedAt >= probe.since && r.disputeType === report.disputeType;
          if (probe.rule === 'same-reporter') return recent && r.reporterPartyId === report.reporterPartyId;
          return (
            recent &&
            r.townCode === report.townCode &&
            (report.gridCode ? r.gridCode === report.gridCode : r.villageCode === report.villageCode)
          );
        });
        const match = candidates.sort((a, b) => b.receivedAt.getTime() - a.receivedAt.getTime())[0];
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
      return { kind: 'opened', report: { ...first }, case: { ...opened } };
    },
    async findById(id) {
      return rows.find((r) => r.id === id);
    },
    async listForCase(caseId) {
      return rows.filter((r) => r.caseId === caseId);
    },
  };
}
