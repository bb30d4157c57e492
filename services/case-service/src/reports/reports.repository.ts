import { randomUUID } from 'node:crypto';
import type { DisputeType, ReportedParty, RiskAssessment, SourceChannel } from '@gongzhi/contracts';
import { writeOutbox } from '@gongzhi/outbox';
import { type CaseEvents, createCaseEvents } from '../events/case-events';
import { Prisma, type PrismaClient } from '../generated/prisma/client';
import type { CaseRecord, NewCase } from '../cases/case.model';
import { caseSelect, newCaseData, suggestionSelect, toRecord, toSuggestionRecord } from '../cases/case-rows';
import { type DuplicateSuggestionRecord, suggestionEventDetails } from '../cases/duplicate-suggestions';
import {
  claimIdempotencyKey,
  earlierRequestOrRethrow,
  type IdempotentCreate,
  type StoredResponse,
} from '../kernel/idempotent-create';
import { appendEvent } from '../kernel/timeline';
import {
  judgePlaceCandidate,
  type MatchFacts,
  type MatchProbe,
  type MatchRule,
  matchProbes,
  partiesOfReport,
  possibleDuplicateCandidates,
  possibleDuplicateEvidence,
} from './report-matching';

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
  /** `suggestions`: the possible duplicates the new case carries (the same place without a shared party). */
  | { kind: 'opened'; report: ReportRecord; case: CaseRecord; suggestions: DuplicateSuggestionRecord[] }
  | { kind: 'replayed'; reportId: string; requestHash: string; response?: StoredResponse };

/** What intake could not check about a report, recorded on its case's timeline with it. */
export interface FileNotes {
  /** agency-service did not answer: the village was taken as given, not checked against the town's registry. */
  villageUnchecked?: boolean;
}

export interface ReportsRepository {
  /**
   * Files a report in one transaction: links it to the open case the matching rules find, or opens `newCase` for
   * it, with a possible-duplicate suggestion for each case the place alone matched. Competing reports that could
   * match each other are serialised by advisory locks on their match keys, so two simultaneous reports of one event
   * never open two cases.
   */
  file(
    report: NewReport,
    newCase: NewCase,
    receivedAt: Date,
    idempotency?: IdempotentCreate,
    notes?: FileNotes,
  ): Promise<FileOutcome>;
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
    async file(report, newCase, receivedAt, idempotency, notes = {}) {
      const facts: MatchFacts = { ...report, receivedAt };
      const probes = matchProbes(facts);
      const reportParties = partiesOfReport(report);
      const actor = { staffId: report.reportedBy, agencyId: report.agencyId };
      const worked = { status: { in: WORKED_STATUSES } };
      /** The most recent report of a worked case the probe links this report to, if any. */
      const linkFor = (tx: Prisma.TransactionClient, probe: MatchProbe) => {
        const where: Prisma.ReportWhereInput | undefined =
          probe.rule === 'same-event'
            ? { townCode: report.townCode, eventRef: report.eventRef, case: worked }
            : probe.rule === 'same-reporter'
              ? {
                  reporterPartyId: report.reporterPartyId,
                  disputeType: report.disputeType,
                  receivedAt: { gte: probe.since },
                  case: worked,
                }
              : // The place links only at a grid cell, and only to a case one of this report's parties is a party of.
                probe.place?.level === 'grid' && reportParties.length > 0
                ? {
                    townCode: report.townCode,
                    disputeType: report.disputeType,
                    receivedAt: { gte: probe.since },
                    gridCode: probe.place.code,
                    case: { ...worked, parties: { some: { partyId: { in: reportParties } } } },
                  }
                : undefined;
        if (!where) return null;
        return tx.report.findFirst({ where, orderBy: { receivedAt: 'desc' }, select: { caseId: true } });
      };
      /** Recorded with the report when intake could not check its village (agency-service did not answer). */
      const noteUnchecked = async (tx: Prisma.TransactionClient, caseId: string) => {
        if (!notes.villageUnchecked) return;
        await appendEvent(tx, caseId, 'report.village-unchecked', actor, {
          reportId: report.id,
          villageCode: report.villageCode,
        });
      };
      try {
        return await prisma.$transaction(async (tx) => {
          if (idempotency) await claimIdempotencyKey(tx, idempotency, report.id);
          // Sorted, so two transactions always take shared locks in the same order and cannot deadlock.
          for (const key of probes.map((p) => p.lockKey).sort()) {
            await tx.$queryRaw`SELECT 1 AS locked FROM (SELECT pg_advisory_xact_lock(hashtextextended(${key}, 0))) AS l`;
          }
          for (const probe of probes) {
            const match = await linkFor(tx, probe);
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
            await appendEvent(tx, match.caseId, 'report.linked', actor, {
              reportId: report.id,
              rule: probe.rule,
            });
            await noteUnchecked(tx, match.caseId);
            // An update with nothing to change may not lock the row; the outbox's per-case order needs it locked.
            await tx.$queryRaw`SELECT id FROM cases WHERE id = ${match.caseId}::uuid FOR UPDATE`;
            await writeOutbox(tx, [events.reportLinked(caseRow, report, probe.rule, receivedAt)]);
            return { kind: 'linked', report: toReport(linked), case: toRecord(caseRow), rule: probe.rule } as const;
          }
          // Nothing links the report. Cases the place alone matches may still be this dispute: say so on the new case.
          const placeProbe = probes.find((p) => p.rule === 'same-place');
          const place = placeProbe?.place;
          const earlier = place
            ? await tx.report.findMany({
                where: {
                  townCode: report.townCode,
                  disputeType: report.disputeType,
                  receivedAt: { gte: placeProbe.since },
                  ...(place.level === 'grid' ? { gridCode: place.code } : { villageCode: place.code }),
                  case: worked,
                },
                orderBy: [{ receivedAt: 'desc' }, { id: 'desc' }],
                // Enough to find a few distinct cases in a busy week; more would only be cut by the cap.
                take: 50,
                select: {
                  id: true,
                  caseId: true,
                  receivedAt: true,
                  case: { select: { parties: { select: { partyId: true } } } },
                },
              })
            : [];
          const caseRow = await tx.case.create({
            data: { ...newCaseData(newCase), openedAt: receivedAt },
            select: caseSelect,
          });
          await appendEvent(tx, newCase.id, 'case.opened', actor, {
            disputeType: report.disputeType,
            source: report.source,
            reportId: report.id,
          });
          const opened = await tx.report.create({
            data: { ...reportColumns(report), caseId: newCase.id, matchedBy: null, receivedAt },
            select: reportSelect,
          });
          await noteUnchecked(tx, newCase.id);
          const suggestions: DuplicateSuggestionRecord[] = [];
          for (const candidate of place ? possibleDuplicateCandidates(earlier) : []) {
            if (!place) break;
            const verdict = judgePlaceCandidate(
              place,
              reportParties,
              candidate.case.parties.map((p) => p.partyId),
            );
            const row = await tx.duplicateSuggestion.create({
              data: {
                id: randomUUID(),
                caseId: newCase.id,
                candidateCaseId: candidate.caseId,
                townCode: report.townCode,
                reportId: report.id,
                rule: 'same-place',
                evidence: possibleDuplicateEvidence(
                  place,
                  report.disputeType,
                  candidate,
                  receivedAt,
                  verdict.sharedPartyIds,
                ) as unknown as Prisma.InputJsonObject,
                suggestedAt: receivedAt,
              },
              select: suggestionSelect,
            });
            const suggestion = toSuggestionRecord(row);
            suggestions.push(suggestion);
            // On both timelines: the earlier case's mediator learns of the new case as much as the other way round.
            const details = suggestionEventDetails(suggestion);
            await appendEvent(tx, newCase.id, 'duplicate.suggested', actor, details);
            await appendEvent(tx, candidate.caseId, 'duplicate.suggested', actor, details);
          }
          await writeOutbox(tx, [events.opened(toRecord(caseRow))]);
          return {
            kind: 'opened',
            report: toReport(opened),
            case: toRecord(caseRow),
            suggestions,
          } as const;
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
