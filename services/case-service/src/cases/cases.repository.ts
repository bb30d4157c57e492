/**
 * The write side of the cases repository: opening a case, marking it open, correcting it, and the workflow's progress
 * reports and timeline events, each in one transaction. `createCasesRepository` serves them beside the read model
 * (cases.read-model.ts) and the restructures (case-restructures.repository.ts), as the one repository the service and
 * the other features are given.
 */
import { randomUUID } from 'node:crypto';
import type { CaseProgressRequest, CaseStatus, RecordTimelineRequest } from '@gongzhi/contracts';
import { writeOutbox } from '@gongzhi/outbox';
import { type CaseEvents, createCaseEvents, sharingFromTimeline } from '../events/case-events';
import type { Prisma, PrismaClient } from '../generated/prisma/client';
import {
  claimIdempotencyKey,
  earlierRequestOrRethrow,
  type IdempotentCreate,
  type StoredAnswer,
  type StoredResponse,
} from '../kernel/idempotent-create';
import { inTransaction } from '../kernel/in-transaction';
import { type Actor, appendEvent } from '../kernel/timeline';
import type {
  CaseChanges,
  CaseRecord,
  CreateOutcome,
  NewCase,
  ProgressOutcome,
  WorkflowEventOutcome,
} from './case.model';
import type { SqlRows } from './case-reads';
import { type CaseRestructures, createCaseRestructures } from './case-restructures.repository';
import { caseSelect, newCaseData, riskColumns, toRecord } from './case-rows';
import { riskFlagsOf, statusAfterProgress, withInvolvedAgencies } from './case-rules';
import { shareAddedParties } from './case-write-steps';
import { type CasesReadModel, createCasesReadModel } from './cases.read-model';

/** The writes of cases that are not restructures. */
export interface CaseWrites {
  /** Stores the case, its first report, its parties, the "opened" event and the idempotency key in one transaction. */
  create(data: NewCase, idempotency?: IdempotentCreate): Promise<CreateOutcome>;
  /**
   * Records that the case's workflow started and, when given, the answer to the request that opened it (for replays of
   * its key), in one commit.
   */
  markOpen(id: string, answer?: StoredAnswer): Promise<void>;
  /** Remembers the response of the request that created a resource, for replays of its key. */
  saveResponse(idempotency: IdempotentCreate, response: StoredResponse): Promise<void>;
  /** Applies the changes if the case is still at `expectedVersion`; `stale` when someone changed it first. */
  update(id: string, expectedVersion: number, changes: CaseChanges, actor: Actor): Promise<CaseRecord | 'stale'>;
  /**
   * Applies the workflow's progress report if its sequence number is newer than the case's, and in any case adds
   * the agencies it names to those who may see the case; `not-found` for an unknown case.
   */
  applyProgress(
    caseId: string,
    progress: CaseProgressRequest,
    tx?: Prisma.TransactionClient,
  ): Promise<ProgressOutcome | 'not-found'>;
  /** Appends a workflow-written timeline event once per `eventKey`. */
  recordWorkflowEvent(
    caseId: string,
    eventKey: string,
    event: RecordTimelineRequest,
    tx?: Prisma.TransactionClient,
  ): Promise<WorkflowEventOutcome>;
  /** Runs `work` in one database transaction: a workflow transition's writes (the methods above given its `tx`). */
  transaction<T>(work: (tx: Prisma.TransactionClient) => Promise<T>): Promise<T>;
}

/** The cases repository: its queries, its writes and its restructures. */
export type CasesRepository = CasesReadModel & CaseWrites & CaseRestructures;

/** `events` builds what the writes publish (the configured topic); the default suits tests. */
export function createCasesRepository(
  prisma: PrismaClient,
  events: CaseEvents = createCaseEvents(),
  /** Where the hot reads' SQL runs (case-reads.ts): the pool Prisma's adapter uses, or Prisma itself by default. */
  reads?: SqlRows,
): CasesRepository {
  return {
    ...createCasesReadModel(prisma, reads),
    ...createCaseWrites(prisma, events),
    ...createCaseRestructures(prisma, events),
  };
}

/** The statement remembering a response under its key (not yet run: it may join a batch). */
function saveAnswer(prisma: PrismaClient, idempotency: IdempotentCreate, response: StoredResponse) {
  return prisma.idempotencyRecord.update({
    where: { scope_key: { scope: idempotency.scope, key: idempotency.key } },
    data: { responseStatus: response.status, responseBody: response.body as object },
    select: { key: true },
  });
}

/** `events` builds what the writes publish (the configured topic). */
export function createCaseWrites(prisma: PrismaClient, events: CaseEvents): CaseWrites {
  return {
    async create(data, idempotency) {
      try {
        const row = await prisma.$transaction(async (tx) => {
          if (idempotency) await claimIdempotencyKey(tx, idempotency, data.id);
          const created = await tx.case.create({ data: newCaseData(data), select: caseSelect });
          // Every intake is kept as a report, also when the caller opened the case directly.
          if (data.reportedBy !== null && data.intakeAgencyId !== null) {
            await tx.report.create({
              data: {
                id: randomUUID(),
                caseId: data.id,
                source: data.source,
                disputeType: data.disputeType,
                summary: data.summary,
                townCode: data.townCode,
                villageCode: data.villageCode,
                reportedBy: data.reportedBy,
                agencyId: data.intakeAgencyId,
                receivedAt: created.openedAt,
              },
              select: { id: true },
            });
          }
          await appendEvent(
            tx,
            data.id,
            'case.opened',
            { staffId: data.reportedBy ?? 'system', agencyId: data.intakeAgencyId },
            {
              disputeType: data.disputeType,
              source: data.source,
            },
          );
          await writeOutbox(tx, [events.opened(toRecord(created))]);
          return created;
        });
        return { kind: 'created', record: toRecord(row) };
      } catch (error) {
        const earlier = await earlierRequestOrRethrow(prisma, idempotency, error);
        return {
          kind: 'replayed',
          caseId: earlier.resourceId,
          requestHash: earlier.requestHash,
          ...(earlier.response ? { response: earlier.response } : {}),
        };
      }
    },

    async markOpen(id, answer) {
      const opened = prisma.case.updateMany({ where: { id, status: 'opening' }, data: { status: 'open' } });
      if (!answer) {
        await opened;
        return;
      }
      await prisma.$transaction([opened, saveAnswer(prisma, answer.idempotency, answer.response)]);
    },

    async saveResponse(idempotency, response) {
      await saveAnswer(prisma, idempotency, response);
    },

    async update(id, expectedVersion, changes, actor) {
      return prisma.$transaction(async (tx) => {
        const { riskAssessment, parties, ...plain } = changes;
        // The version condition makes check-and-write one statement: a concurrent change makes this one stale.
        const updated = await tx.case.updateMany({
          where: { id, version: expectedVersion },
          data: {
            ...plain,
            ...(riskAssessment ? riskColumns(riskAssessment) : {}),
            version: { increment: 1 },
          },
        });
        if (updated.count === 0) return 'stale' as const;
        // The tasks' copies of the facts their queue filters on follow the correction, in the same transaction.
        if (plain.villageCode !== undefined || riskAssessment) {
          await tx.task.updateMany({
            where: { caseId: id },
            data: {
              ...(plain.villageCode !== undefined ? { villageCode: plain.villageCode } : {}),
              ...(riskAssessment ? { riskFlags: riskFlagsOf(riskAssessment) } : {}),
            },
          });
        }
        if (parties) {
          const before = await tx.caseParty.findMany({ where: { caseId: id }, select: { partyId: true } });
          await tx.caseParty.deleteMany({ where: { caseId: id } });
          await tx.caseParty.createMany({ data: parties.map((p) => ({ caseId: id, ...p, addedBy: actor.staffId })) });
          const known = new Set(before.map((p) => p.partyId));
          const { townCode } = await tx.case.findUniqueOrThrow({ where: { id }, select: { townCode: true } });
          await shareAddedParties(
            tx,
            events,
            { id, townCode },
            parties.map((p) => p.partyId).filter((partyId) => !known.has(partyId)),
          );
        }
        await appendEvent(tx, id, 'case.updated', actor, { fields: Object.keys(changes).sort() });
        return toRecord(await tx.case.findUniqueOrThrow({ where: { id }, select: caseSelect }));
      });
    },

    async applyProgress(caseId, progress, outer) {
      return inTransaction(prisma, outer, async (tx) => {
        // Locked, so two reports arriving together are compared with each other, not both with the old sequence.
        const [row] = await tx.$queryRaw<{ status: string; progressSeq: number; agencyIds: string[] }[]>`
          SELECT status, progress_seq AS "progressSeq", agency_ids AS "agencyIds" FROM cases
          WHERE id = ${caseId}::uuid FOR UPDATE`;
        if (!row) return 'not-found' as const;
        const agencyIds = withInvolvedAgencies(row.agencyIds, progress);
        const agenciesChanged = agencyIds.length !== row.agencyIds.length;
        // An older report (a retry overtaken by a newer one) must not move the case back.
        const applied = progress.progressSeq > row.progressSeq;
        if (!applied && !agenciesChanged) return { applied, progressSeq: row.progressSeq };
        // `version` is left alone: it guards the intake facts a PATCH edits, which the workflow never touches, so
        // the workflow moving on must not make a mediator's correction fail with 412.
        await tx.case.update({
          where: { id: caseId },
          data: {
            ...(agenciesChanged ? { agencyIds } : {}),
            ...(applied
              ? {
                  progressSeq: progress.progressSeq,
                  currentLevel: progress.level,
                  currentAgencyId: progress.agencyId,
                  phase: progress.phase,
                  outcome: progress.outcome,
                  awaitedAction: progress.awaitedAction,
                  nextDeadline: progress.nextDeadline === null ? null : new Date(progress.nextDeadline),
                  status: statusAfterProgress(row.status as CaseStatus, progress),
                }
              : {}),
          },
          select: { id: true },
        });
        return { applied, progressSeq: applied ? progress.progressSeq : row.progressSeq };
      });
    },

    transaction: (work) => prisma.$transaction(work),

    async recordWorkflowEvent(caseId, eventKey, event, outer) {
      return inTransaction(prisma, outer, async (tx) => {
        // Locked, so one case's events take outbox sequence numbers in the order their transactions commit.
        const [known] = await tx.$queryRaw<{ town_code: string }[]>`
          SELECT town_code FROM cases WHERE id = ${caseId}::uuid FOR UPDATE`;
        if (!known) return 'case-not-found' as const;
        // ON CONFLICT DO NOTHING on the unique key: a retried call inserts nothing and raises nothing.
        const inserted = await tx.caseEvent.createMany({
          data: [
            {
              caseId,
              eventKey,
              type: event.type,
              actor: event.actor,
              agencyId: event.agencyId,
              at: new Date(event.at),
              details: event.details,
            },
          ],
          skipDuplicates: true,
        });
        if (inserted.count === 1) {
          // Published only with the event's first recording: a retried PUT finds it there and writes nothing more.
          // The entry says all its event needs: no earlier row is read.
          const message = events.fromTimeline(caseId, known.town_code, event);
          // An agency that comes to hold the case (accepts it, joins it) must read its parties in party-service.
          const share = sharingFromTimeline(event);
          const parties = share ? await tx.caseParty.findMany({ where: { caseId }, select: { partyId: true } }) : [];
          const shared = share
            ? events.partiesShared(
                { id: caseId, townCode: known.town_code },
                share,
                parties.map((p) => p.partyId),
                new Date(event.at),
              )
            : [];
          // One INSERT, the timeline's event first.
          await writeOutbox(tx, [...(message ? [message] : []), ...shared]);
          return 'created' as const;
        }
        const existing = await tx.caseEvent.findUnique({ where: { eventKey }, select: { caseId: true } });
        return existing?.caseId === caseId ? ('exists' as const) : ('other-case' as const);
      });
    },
  };
}
