import { randomUUID } from 'node:crypto';
import {
  type FileReportRequest,
  type FileReportResponse,
  makeDisputeWorkflowId,
  type ReportView,
  type AuditAction,
} from '@gongzhi/contracts';
import { ForbiddenError, IdempotencyKeyReusedError, NotFoundError } from '@gongzhi/errors';
import { hashRequest } from '@gongzhi/http';
import type { Logger } from 'pino';
import type { CallContext } from '../kernel/call-context';
import type { CasesService } from '../cases/cases.service';
import type { CasesRepository } from '../cases/cases.repository';
import type { StaffDirectory } from '../staff/staff-directory';
import { requireKnownVillage } from '../staff/village-registry';
import type { FileNotes, ReportRecord, ReportsRepository } from './reports.repository';

export interface ReportsServiceDeps {
  reports: ReportsRepository;
  cases: CasesRepository;
  casesService: CasesService;
  /** agency-service's village registry, asked (as the caller) whether a report's village is one of its town's. */
  villages: Pick<StaffDirectory, 'findVillage'>;
  logger: Logger;
  newId?: () => string;
  now?: () => Date;
}

export interface FileReportResult {
  status: number;
  body: FileReportResponse;
  replayed: boolean;
}

export interface ReportsService {
  fileReport(ctx: CallContext, request: FileReportRequest, idempotencyKey?: string): Promise<FileReportResult>;
  listForCase(ctx: CallContext, caseId: string): Promise<ReportView[]>;
}

export function toReportView(record: ReportRecord): ReportView {
  return { ...record, receivedAt: record.receivedAt.toISOString() };
}

export function createReportsService(deps: ReportsServiceDeps): ReportsService {
  const newId = deps.newId ?? randomUUID;
  const now = deps.now ?? (() => new Date());

  /** The village in its town's registry (see requireKnownVillage); unchecked, the case's timeline says so. */
  async function checkVillage(ctx: CallContext, request: FileReportRequest): Promise<FileNotes> {
    if (request.villageCode === undefined) return {};
    const { townCode, villageCode } = request;
    const lookup = { principal: ctx.principal, authorization: ctx.authorization, requestId: ctx.requestId };
    const outcome = await requireKnownVillage(deps.villages, deps.logger, { townCode, villageCode }, lookup);
    return outcome === 'unchecked' ? { villageUnchecked: true } : {};
  }

  return {
    async fileReport(ctx, request, idempotencyKey) {
      const { principal } = ctx;
      if (request.townCode !== principal.townCode && !principal.roles.includes('administrator')) {
        throw new ForbiddenError(`You file reports for town ${principal.townCode}, not ${request.townCode}.`);
      }
      // Before anything is stored, like the parties below: an unknown village is the caller's to correct.
      const notes = await checkVillage(ctx, request);
      // The reporter becomes the applicant of a new case and links later reports, the other parties join a new case
      // or stay on the report: never an id the caller cannot see, checked before anything is stored.
      const otherParties = request.otherParties ?? [];
      await deps.casesService.requireParties(ctx, [
        ...(request.reporterPartyId ? [{ path: 'reporterPartyId', partyId: request.reporterPartyId }] : []),
        ...otherParties.map((party, index) => ({ path: `otherParties.${index}.partyId`, partyId: party.partyId })),
      ]);
      const reportId = newId();
      const caseId = newId();
      const idempotency = idempotencyKey
        ? { scope: `${principal.staffId} POST /api/v1/reports`, key: idempotencyKey, requestHash: hashRequest(request) }
        : undefined;
      const located = {
        disputeType: request.disputeType,
        source: request.source,
        summary: request.summary,
        townCode: request.townCode,
        villageCode: request.villageCode ?? null,
      };
      const outcome = await deps.reports.file(
        {
          ...located,
          id: reportId,
          gridCode: request.gridCode ?? null,
          reporterPartyId: request.reporterPartyId ?? null,
          eventRef: request.eventRef ?? null,
          // Kept on the report whatever it joins: a linked report's facts wait there for a mediator to take them.
          otherParties,
          amountInDispute: request.amountInDispute ?? null,
          riskAssessment: request.riskAssessment ?? null,
          reportedBy: principal.staffId,
          agencyId: principal.agencyId,
        },
        {
          ...located,
          id: caseId,
          reportedBy: principal.staffId,
          intakeAgencyId: principal.agencyId,
          agencyIds: [principal.agencyId],
          // A report that opens its case gives it everything intake knows; the workflow routes on the risk flags.
          amountInDispute: request.amountInDispute ?? null,
          riskAssessment: request.riskAssessment ?? { violenceRisk: false, groupDispute: false, keyPerson: false },
          // The person reporting a new dispute is, until intake says otherwise, its applicant.
          parties: [
            ...(request.reporterPartyId ? [{ partyId: request.reporterPartyId, role: 'applicant' as const }] : []),
            ...otherParties,
          ],
          workflowId: makeDisputeWorkflowId(caseId),
        },
        now(),
        idempotency,
        notes,
      );

      if (outcome.kind === 'replayed') {
        if (outcome.requestHash !== idempotency?.requestHash) throw new IdempotencyKeyReusedError();
        if (outcome.response) {
          return { status: outcome.response.status, body: outcome.response.body as FileReportResponse, replayed: true };
        }
        // The first attempt filed the report but never answered: answer now from what it stored.
        const report = await deps.reports.findById(outcome.reportId);
        const linkedCase = report ? await deps.cases.findById(report.caseId) : undefined;
        if (!report || !linkedCase) throw new NotFoundError('report', outcome.reportId);
        await deps.casesService.startWorkflowIfPending(linkedCase);
        const body: FileReportResponse = {
          outcome: report.matchedBy === null ? 'opened' : 'linked',
          report: toReportView(report),
          case: deps.casesService.summarise(linkedCase),
        };
        if (idempotency) await deps.cases.saveResponse(idempotency, { status: 201, body });
        return { status: 201, body, replayed: true };
      }

      const audit = (action: AuditAction, objectType: string, objectId: string) =>
        deps.casesService.audit(ctx, action, objectType, objectId);
      // Both audit rows are recorded in one turn, so the trail writes them in one INSERT; the workflow starts while
      // it does (neither waits for the other, and a report is answered only once both are done).
      const bodyOf = (caseRecord: typeof outcome.case): FileReportResponse => ({
        outcome: outcome.kind,
        report: toReportView(outcome.report),
        case: deps.casesService.summarise(caseRecord),
      });
      if (outcome.kind === 'opened') {
        if (outcome.suggestions.length > 0) {
          deps.logger.info(
            {
              caseId: outcome.case.id,
              reportId: outcome.report.id,
              candidateCaseIds: outcome.suggestions.map((suggestion) => suggestion.candidateCaseId),
            },
            'report opened a case that may duplicate others (same place, no shared party)',
          );
        }
        await Promise.all([
          audit('report.file', 'report', outcome.report.id),
          audit('case.open', 'case', outcome.case.id),
          // The answer is remembered in the commit that marks the case open (none while its start is deferred).
          deps.casesService.startWorkflowIfPending(
            outcome.case,
            idempotency && ((opened) => ({ idempotency, response: { status: 201, body: bodyOf(opened) } })),
          ),
        ]);
        return { status: 201, body: bodyOf(outcome.case), replayed: false };
      }
      await Promise.all([
        audit('report.file', 'report', outcome.report.id),
        audit('report.link', 'case', outcome.case.id),
      ]);
      deps.logger.info(
        { caseId: outcome.case.id, reportId: outcome.report.id, rule: outcome.rule },
        'report linked to an open case',
      );
      const body = bodyOf(outcome.case);
      if (idempotency && outcome.case.status !== 'opening')
        await deps.cases.saveResponse(idempotency, { status: 201, body });
      return { status: 201, body, replayed: false };
    },

    async listForCase(ctx, caseId) {
      await deps.casesService.requireVisible(ctx, caseId);
      const reports = await deps.reports.listForCase(caseId);
      await deps.casesService.audit(ctx, 'case.reports.read', 'case', caseId);
      return reports.map(toReportView);
    },
  };
}
