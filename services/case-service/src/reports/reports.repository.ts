import type { DisputeType, ReportedParty, RiskAssessment, SourceChannel } from '@gongzhi/contracts';
import { writeOutbox } from '@gongzhi/outbox';
import { type CaseEvents, createCaseEvents } from '../events/case-events';
import { Prisma, type PrismaClient } from '../generated/prisma/client';
import {
  type CaseRecord,
  appendEvent,
  caseSelect,
  type IdempotentCreate,
  type NewCase,
  newCaseData,
  type StoredResponse,
} from '../cases/cases.repository';
import { toRecord } from '../cases/case-reads';
import { claimIdempotencyKey, earlierRequestOrRethrow } from '../idempotency/idempotency.repository';
import { type MatchFacts, type MatchRule, matchProbes } from './report-matching';

export interface ReportRecord {
  id: string;
  caseId: string;
  source: SourceChannel;
  disputeType: DisputeType;
  summary: string;
  townCode: string;
  villageCode: string | null;
  gridCode: string | null;
  reporterPartyId: string | null;
  eventRef: string | null;
  /** What the report brought besides its reporter (see ReportView): kept on the report whatever it joined. */
  otherParties: ReportedParty[];
  amountInDispute: string | null;
  riskAssessment: RiskAssessment | null;
  matchedBy: MatchRule | null;
  reportedBy: string;
  agencyId: string;
  receivedAt: Date;
}

type BroughtFacts = 'otherParties' | 'amountInDispute' | 'riskAssessment';
/** A report to file; without the facts it brought besides its reporter, it brought none. */
export type NewReport = Omit<ReportRecord, 'caseId' | 'matchedBy' | 'receivedAt' | BroughtFacts> &
  Partial<Pick<ReportRecord, BroughtFacts>>;

export type FileOutcome =
  | { kind: 'linked'; report: ReportRecord; case: CaseRecord; rule: MatchRule }
  | { kind: 'opened'; report: ReportRecord; case: CaseRecord }
  | { kind: 'replayed'; reportId: string; requestHash: string; response?: StoredResponse };

export interface ReportsRepository {
  /**
   * Files a report in one transaction: links it to the open case the matching rules find, or opens `newCase` for
   * it. Competing reports that could match each other are serialised by advisory locks on their match keys, so
   * two simultaneous reports of one event never open two cases.
   */
  file(report: NewReport, newCase: NewCase, receivedAt: Date, idempotency?: IdempotentCreate): Promise<FileOutcome>;
  findById(id: string): Promise<ReportRecord | undefined>;
  listForCase(caseId: string): Promise<ReportRecord[]>;
}

const reportSelect = {
  id: true,
  caseId: true,
  source: true,
  disputeType: true,
  summary: true,
  townCode: true,
  villageCode: true,
  gridCode: true,
  reporterPartyId: true,
  eventRef: true,
  otherParties: true,
  amountInDispute: true,
  riskAssessment: true,
  matchedBy: true,
  reportedBy: true,
  agencyId: true,
  receivedAt: true,
} as const;

type ReportRow = Prisma.ReportGetPayload<{ select: typeof reportSelect }>;

function toReport(row: ReportRow): ReportRecord {
  // Columns only ever hold values validated by the contracts on the way in; reports filed before the brought facts
  // were kept have nulls there.
  return {
    ...(row as unknown as Omit<ReportRecord, 'otherParties' | 'amountInDispute' | 'riskAssessment'>),
    otherParties: (row.otherParties ?? []) as unknown as ReportedParty[],
    amountInDispute: row.amountInDispute === null ? null : row.amountInDispute.toFixed(2),
    riskAssessment: row.riskAssessment as unknown as RiskAssessment | null,
  };
}

/** The columns of a new report: JSON columns take `DbNull` for "nothing brought", never a JSON `null`. */
function reportColumns(report: NewReport) {
  return {
    ...report,
    otherParties: report.otherParties?.length ? report.otherParties : Prisma.DbNull,
    amountInDispute: report.amountInDispute ?? null,
    riskAssessment: report.riskAssessment ?? Prisma.DbNull,
  };
}

const WORKED_STATUSES = ['opening', 'open'];

/** `events` builds what filing publishes (the configured topic); the default suits tests. */
export function createReportsRepository(
  prisma: PrismaClient,
  events: CaseEvents = createCaseEvents(),
): ReportsRepository {
  return {
    async file(report, newCase, receivedAt, idempotency) {
      const facts: MatchFacts = { ...report, receivedAt };
      const probes = matchProbes(facts);
      try {
        return await prisma.$transaction(async (tx) => {
          if (idempotency) await claimIdempotencyKey(tx, idempotency, report.id);
          // Sorted, so two transactions always take shared locks in the same order and cannot deadlock.
          for (const key of probes.map((p) => p.lockKey).sort()) {
            await tx.$queryRaw`SELECT 1 AS locked FROM (SELECT pg_advisory_xact_lock(hashtextextended(${key}, 0))) AS l`;
          }
          for (const probe of probes) {
            const worked = { case: { status: { in: WORKED_STATUSES } } };
            const where =
              probe.rule === 'same-event'
                ? { townCode: report.townCode, eventRef: report.eventRef, ...worked }
                : probe.rule === 'same-reporter'
                  ? {
                      reporterPartyId: report.reporterPartyId,
                      disputeType: report.disputeType,
                      receivedAt: { gte: probe.since },
                      ...worked,
                    }
                  : {
                      townCode: report.townCode,
                      disputeType: report.disputeType,
                      receivedAt: { gte: probe.since },
                      ...(report.gridCode ? { gridCode: report.gridCode } : { villageCode: report.villageCode }),
                      ...worked,
                    };
            const match = await tx.report.findFirst({
              where,
              orderBy: { receivedAt: 'desc' },
              select: { caseId: true },
            });
            if (!match) continue;
            const existing = await tx.case.findUniqueOrThrow({
              where: { id: match.caseId },
              select: { agencyIds: true },
            });
            const caseRow = await tx.case.update({
              where: { id: match.caseId },
              // The reporting agency joins the case, so its staff can follow what became of their report.
              data: existing.agencyIds.includes(report.agencyId)
                ? {}
                : { agencyIds: { push: report.agencyId }, version: { increment: 1 } },
              select: caseSelect,
            });
            const linked = await tx.report.create({
              data: { ...reportColumns(report), caseId: match.caseId, matchedBy: probe.rule, receivedAt },
              select: reportSelect,
            });
            await appendEvent(
              tx,
              match.caseId,
              'report.linked',
              { staffId: report.reportedBy, agencyId: report.agencyId },
              {
                reportId: report.id,
                rule: probe.rule,
              },
            );
            // An update with nothing to change may not lock the row; the outbox's per-case order needs it locked.
            await tx.$queryRaw`SELECT id FROM cases WHERE id = ${match.caseId}::uuid FOR UPDATE`;
            await writeOutbox(tx, [events.reportLinked(caseRow, report, probe.rule, receivedAt)]);
            return { kind: 'linked', report: toReport(linked), case: toRecord(caseRow), rule: probe.rule } as const;
          }
          const caseRow = await tx.case.create({
            data: { ...newCaseData(newCase), openedAt: receivedAt },
            select: caseSelect,
          });
          await appendEvent(
            tx,
            newCase.id,
            'case.opened',
            { staffId: report.reportedBy, agencyId: report.agencyId },
            {
              disputeType: report.disputeType,
              source: report.source,
              reportId: report.id,
            },
          );
          const opened = await tx.report.create({
            data: { ...reportColumns(report), caseId: newCase.id, matchedBy: null, receivedAt },
            select: reportSelect,
          });
          await writeOutbox(tx, [events.opened(toRecord(caseRow))]);
          return { kind: 'opened', report: toReport(opened), case: toRecord(caseRow) } as const;
        });
      } catch (error) {
        const earlier = await earlierRequestOrRethrow(prisma, idempotency, error);
        return {
          kind: 'replayed',
          reportId: earlier.resourceId,
          requestHash: earlier.requestHash,
          ...(earlier.response ? { response: earlier.response } : {}),
        };
      }
    },

    async findById(id) {
      const row = await prisma.report.findUnique({ where: { id }, select: reportSelect });
      return row ? toReport(row) : undefined;
    },

    async listForCase(caseId) {
      const rows = await prisma.report.findMany({
        where: { caseId },
        orderBy: [{ receivedAt: 'asc' }, { id: 'asc' }],
        select: reportSelect,
      });
      return rows.map(toReport);
    },
  };
}
