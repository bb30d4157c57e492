import { randomUUID } from 'node:crypto';
import type {
  CaseOutcome,
  CaseParty,
  CaseProgressRequest,
  CaseStatus,
  DisputePhase,
  DisputeType,
  HumanActionKind,
  LadderLevel,
  RecordTimelineRequest,
  RiskAssessment,
  RiskFlag,
  SourceChannel,
  TimelineEvent,
} from '@gongzhi/contracts';
import { writeOutbox } from '@gongzhi/outbox';
import { type CaseEvents, createCaseEvents, holdersFromTimeline, sharingFromTimeline } from '../events/case-events';
import { type Prisma, type PrismaClient } from '../generated/prisma/client';
import { inTransaction } from '../kernel/in-transaction';
import { type Actor, appendEvent } from '../kernel/timeline';
import type { ReportRecord } from '../reports/reports.repository';
import type { CaseListFilter } from './case-list';
import type {
  DuplicateRefusal,
  DuplicateSuggestionRecord,
  SuggestionPosition,
  SuggestionScope,
  SuggestionStatusFilter,
} from './duplicate-suggestions';
import { suggestionEventDetails } from './duplicate-suggestions';
import { caseListSql } from './case-list-sql';
import type { CaseTaskBrief } from './recorded-view';
import { createCaseReads, type SqlRows, sqlRowsOfPrisma, toRecord } from './case-reads';
import {
  claimIdempotencyKey,
  earlierRequestOrRethrow,
  type IdempotentCreate,
  type StoredAnswer,
  type StoredResponse,
} from '../kernel/idempotent-create';

/** A case row as the service works with it. */
export interface CaseRecord {
  id: string;
  disputeType: DisputeType;
  source: SourceChannel;
  summary: string;
  townCode: string;
  villageCode: string | null;
  status: CaseStatus;
  reportedBy: string | null;
  intakeAgencyId: string | null;
  agencyIds: string[];
  /** Yuan, as a decimal string. */
  amountInDispute: string | null;
  riskAssessment: RiskAssessment;
  parties: CaseParty[];
  mergedIntoId: string | null;
  version: number;
  workflowId: string;
  openedAt: Date;
  progress: CaseProgress;
}

/** Where the workflow last reported the case to stand; all null (sequence 0) until its first report. */
export interface CaseProgress {
  seq: number;
  level: LadderLevel | null;
  agencyId: string | null;
  phase: DisputePhase | null;
  outcome: CaseOutcome | null;
  awaitedAction: HumanActionKind | null;
  nextDeadline: Date | null;
}

/** A case before the workflow's first report. */
export const NO_PROGRESS: CaseProgress = {
  seq: 0,
  level: null,
  agencyId: null,
  phase: null,
  outcome: null,
  awaitedAction: null,
  nextDeadline: null,
};

/** What a progress report did: applied, or ignored as older than what the case holds. */
export interface ProgressOutcome {
  applied: boolean;
  /** The sequence number the case holds afterwards. */
  progressSeq: number;
}

/** What recording a workflow event did; `other-case` means the key belongs to another case's event. */
export type WorkflowEventOutcome = 'created' | 'exists' | 'other-case' | 'case-not-found';

/** Which cases a list may return: everything, a town, or the cases involving one agency. */
export type CaseListScope = { kind: 'all' } | { kind: 'town'; townCode: string } | { kind: 'agency'; agencyId: string };

/** Sort position of the last case on a page: newest first, id breaks ties. */
export interface CaseListPosition {
  openedAt: string;
  id: string;
}

/** What intake supplies; status, version and timestamps are the repository's to set. */
export type NewCase = Omit<CaseRecord, 'status' | 'openedAt' | 'mergedIntoId' | 'version' | 'progress'>;

/** The facts a split-off case takes from the reports it is made of, never from the case they leave. */
export type SplitFacts = 'disputeType' | 'source' | 'summary' | 'villageCode';
/** A split-off case before its facts: the repository reads them from the reports it moves, in the same transaction. */
export type SplitOffCase = Omit<NewCase, SplitFacts>;

/** The report fields a split-off case's facts come from. */
export type SplitReportFacts = Pick<ReportRecord, 'id' | 'receivedAt' | SplitFacts>;

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

/** Fields a PATCH may change. */
export interface CaseChanges {
  summary?: string;
  villageCode?: string | null;
  amountInDispute?: string | null;
  riskAssessment?: RiskAssessment;
  parties?: CaseParty[];
}

/** A case a staff member watches: since when, and the level they worked. */
export interface WatchedCaseRecord {
  record: CaseRecord;
  since: Date;
  level: LadderLevel | null;
}

/** Sort position of the last watched case on a page: most recent first, case id breaks ties. */
export interface WatchedPosition {
  since: string;
  caseId: string;
}

/**
 * A transfer the workflow asked an agency to accept, from its `transfer-requested` timeline event: where the case
 * comes from and why, and the acceptance deadline. Codes and ids only (the workflow never writes personal data).
 */
export interface TransferRequest {
  caseId: string;
  at: Date;
  level: string | null;
  toAgencyId: string | null;
  fromAgencyId: string | null;
  reason: string | null;
  acceptBy: string | null;
  penaltyTrack: boolean;
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

/**
 * A receiving agency's refusal of a transfer, from the workflow's `transfer-rejected` timeline event: the event's agency
 * (the refusing one), the level and the reason code. Codes and ids only, like the request.
 */
export interface TransferRejection {
  caseId: string;
  at: Date;
  agencyId: string | null;
  level: string | null;
  reason: string | null;
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

/** The transfers of some cases and their refusals, each oldest first (by time, then by recording order). */
export interface TransferHistory {
  requests: TransferRequest[];
  rejections: TransferRejection[];
}

/** Outcome of an idempotent insert: either this request created the case, or an earlier one with the same key did. */
export type CreateOutcome =
  | { kind: 'created'; record: CaseRecord }
  | { kind: 'replayed'; caseId: string; requestHash: string; response?: StoredResponse };

/** Why a merge or split could not be done; the service turns each into a problem the coordinator can act on. */
export type RestructureRefusal = 'not-found' | 'not-active' | 'same-case' | 'reports-not-in-case' | 'would-empty-case';

export interface CasesRepository {
  /** Stores the case, its first report, its parties, the "opened" event and the idempotency key in one transaction. */
  create(data: NewCase, idempotency?: IdempotentCreate): Promise<CreateOutcome>;
  findById(id: string): Promise<CaseRecord | undefined>;
  /**
   * Records that the case's workflow started and, when given, the answer to the request that opened it (for replays of
   * its key), in one commit.
   */
  markOpen(id: string, answer?: StoredAnswer): Promise<void>;
  /** Remembers the response of the request that created a resource, for replays of its key. */
  saveResponse(idempotency: IdempotentCreate, response: StoredResponse): Promise<void>;
  /** Cases whose workflow start was never confirmed (a crash between insert and start), oldest first. */
  findOpening(olderThan: Date, limit: number): Promise<CaseRecord[]>;
  /** Up to `limit` cases of the scope matching `filter` after `after`, newest first. */
  list(scope: CaseListScope, limit: number, after?: CaseListPosition, filter?: CaseListFilter): Promise<CaseRecord[]>;
  /** Applies the changes if the case is still at `expectedVersion`; `stale` when someone changed it first. */
  update(id: string, expectedVersion: number, changes: CaseChanges, actor: Actor): Promise<CaseRecord | 'stale'>;
  timeline(caseId: string): Promise<TimelineEvent[]>;
  /** Moves every report, party and agency of `sourceId` to `targetId` and marks the source merged. */
  merge(
    sourceId: string,
    targetId: string,
    reason: string,
    actor: Actor,
  ): Promise<{ source: CaseRecord; target: CaseRecord } | RestructureRefusal>;
  /**
   * Moves the given reports of `sourceId` to a new case, `newCase` with the facts of those reports (`splitOffFacts`).
   */
  split(
    sourceId: string,
    reportIds: string[],
    newCase: SplitOffCase,
    reason: string,
    actor: Actor,
  ): Promise<{ source: CaseRecord; created: CaseRecord } | RestructureRefusal>;
  /** The possible duplicates naming the case on either side, oldest first. */
  duplicateSuggestions(caseId: string): Promise<DuplicateSuggestionRecord[]>;
  findDuplicateSuggestion(id: string): Promise<DuplicateSuggestionRecord | undefined>;
  /** Up to `limit` suggestions of the scope with this status after `after`, newest first (see SuggestionStatusFilter). */
  listDuplicateSuggestions(
    scope: SuggestionScope,
    status: SuggestionStatusFilter,
    limit: number,
    after?: SuggestionPosition,
  ): Promise<DuplicateSuggestionRecord[]>;
  /**
   * Confirms an open suggestion in one transaction: merges its case into the candidate (the merge every merge goes
   * through), marks it confirmed, and says so on both timelines.
   */
  confirmDuplicate(
    id: string,
    reason: string,
    actor: Actor,
  ): Promise<{ suggestion: DuplicateSuggestionRecord; source: CaseRecord; target: CaseRecord } | DuplicateRefusal>;
  /** Dismisses an open suggestion: the cases stay apart; both timelines say so. */
  dismissDuplicate(id: string, reason: string, actor: Actor): Promise<DuplicateSuggestionRecord | DuplicateRefusal>;
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
  /** The cases with these ids, those that exist, in no particular order. */
  findByIds(ids: string[]): Promise<CaseRecord[]>;
  /**
   * The tasks the recorded workflow view is made of, in one read on the tasks' (case_id, action_id) index: the case's
   * open tasks, and its mediate tasks of `level` (whoever holds the latest is the responsible mediator).
   */
  viewTasks(caseId: string, level: LadderLevel | null): Promise<CaseTaskBrief[]>;
  /** Whether the staff member watches the case (they mediated it at a level). */
  isWatcher(caseId: string, staffId: string): Promise<boolean>;
  /** Up to `limit` cases the staff member watches after `after`, most recently watched first. */
  listWatched(staffId: string, limit: number, after?: WatchedPosition): Promise<WatchedCaseRecord[]>;
  /** The workflow's `transfer-requested` and `transfer-rejected` events of the cases, in one read, oldest first. */
  transferHistory(caseIds: string[]): Promise<TransferHistory>;
}

/** Columns of a case as the service reads them (shared with the reports repository, which opens cases too). */
export const caseSelect = {
  id: true,
  disputeType: true,
  source: true,
  summary: true,
  townCode: true,
  villageCode: true,
  status: true,
  reportedBy: true,
  intakeAgencyId: true,
  agencyIds: true,
  amountInDispute: true,
  riskViolence: true,
  riskGroup: true,
  riskKeyPerson: true,
  riskNotes: true,
  mergedIntoId: true,
  version: true,
  workflowId: true,
  openedAt: true,
  progressSeq: true,
  currentLevel: true,
  currentAgencyId: true,
  phase: true,
  outcome: true,
  awaitedAction: true,
  nextDeadline: true,
  parties: { select: { partyId: true, role: true }, orderBy: [{ addedAt: 'asc' }, { partyId: 'asc' }] },
} satisfies Prisma.CaseSelect;

export type CaseRow = Prisma.CaseGetPayload<{ select: typeof caseSelect }>;

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

function riskColumns(risk: RiskAssessment) {
  return {
    riskViolence: risk.violenceRisk,
    riskGroup: risk.groupDispute,
    riskKeyPerson: risk.keyPerson,
    riskNotes: risk.notes ?? null,
  };
}

type Tx = Prisma.TransactionClient;

/** The columns of a new case (shared with the reports repository, which opens cases too). */
export function newCaseData(data: NewCase) {
  const { riskAssessment, parties, ...columns } = data;
  return {
    ...columns,
    ...riskColumns(riskAssessment),
    status: 'opening',
    parties: {
      create: parties.map((p) => ({ partyId: p.partyId, role: p.role, addedBy: data.reportedBy ?? 'system' })),
    },
  };
}

const ACTIVE: CaseStatus[] = ['opening', 'open'];

/**
 * `parties-shared` for parties that joined a case agencies already hold (a correction, a merge): the holders (who
 * accepted a transfer of it, its joint agencies) must read them as they read the others. Nothing before anyone holds
 * the case: acceptance shares every party then.
 */
async function shareAddedParties(
  tx: Tx,
  events: CaseEvents,
  record: { id: string; townCode: string },
  partyIds: readonly string[],
): Promise<void> {
  if (partyIds.length === 0) return;
  const timeline = await tx.caseEvent.findMany({
    where: { caseId: record.id, type: { in: ['transfer-accepted', 'joint-agencies-added'] } },
    select: { type: true, agencyId: true, details: true },
  });
  const holders = holdersFromTimeline(timeline);
  if (holders.length === 0) return;
  const shared = events.partiesShared(record, { agencyIds: holders, reason: 'party-added' }, partyIds, new Date());
  if (shared.length > 0) await writeOutbox(tx, shared);
}

const suggestionSelect = {
  id: true,
  caseId: true,
  candidateCaseId: true,
  townCode: true,
  reportId: true,
  rule: true,
  evidence: true,
  status: true,
  suggestedAt: true,
  decidedAt: true,
  decidedBy: true,
  decidedByAgencyId: true,
  reason: true,
} satisfies Prisma.DuplicateSuggestionSelect;

type SuggestionRow = Prisma.DuplicateSuggestionGetPayload<{ select: typeof suggestionSelect }>;

/** A stored suggestion (shared with the reports repository, which stores them with the case a report opens). */
export function toSuggestionRecord(row: SuggestionRow): DuplicateSuggestionRecord {
  // The columns hold only what the repositories wrote: a rule, a status and evidence of the contracts' vocabulary.
  return row as unknown as DuplicateSuggestionRecord;
}

export { suggestionSelect };

/** Locks the case rows for the rest of the transaction (in id order, so concurrent restructures cannot deadlock). */
async function lockCases(tx: Tx, ids: string[]): Promise<void> {
  for (const id of [...new Set(ids)].sort()) {
    await tx.$queryRaw`SELECT id FROM cases WHERE id = ${id}::uuid FOR UPDATE`;
  }
}

/**
 * The merge, inside the caller's transaction: every merge goes through here (a coordinator's, and a confirmed possible
 * duplicate's), so each moves the reports, parties and agencies, marks the source merged, writes both timelines and
 * publishes `merged` alike.
 */
async function mergeIn(
  tx: Tx,
  events: CaseEvents,
  sourceId: string,
  targetId: string,
  reason: string,
  actor: Actor,
): Promise<{ source: CaseRecord; target: CaseRecord } | RestructureRefusal> {
  if (sourceId === targetId) return 'same-case';
  await lockCases(tx, [sourceId, targetId]);
  const [source, target] = await Promise.all([
    tx.case.findUnique({ where: { id: sourceId }, select: caseSelect }),
    tx.case.findUnique({ where: { id: targetId }, select: caseSelect }),
  ]);
  if (!source || !target) return 'not-found';
  if (!ACTIVE.includes(source.status as CaseStatus) || !ACTIVE.includes(target.status as CaseStatus))
    return 'not-active';
  const moved = await tx.report.updateMany({ where: { caseId: sourceId }, data: { caseId: targetId } });
  const targetParties = new Set(target.parties.map((p) => p.partyId));
  const newParties = source.parties.filter((p) => !targetParties.has(p.partyId));
  if (newParties.length > 0) {
    await tx.caseParty.createMany({
      data: newParties.map((p) => ({ caseId: targetId, ...p, addedBy: actor.staffId })),
    });
  }
  await tx.case.update({
    where: { id: targetId },
    data: { agencyIds: [...new Set([...target.agencyIds, ...source.agencyIds])], version: { increment: 1 } },
    select: { id: true },
  });
  await tx.case.update({
    where: { id: sourceId },
    data: { status: 'merged', mergedIntoId: targetId, version: { increment: 1 } },
    select: { id: true },
  });
  await appendEvent(tx, sourceId, 'case.merged-into', actor, {
    intoCaseId: targetId,
    reason,
    reportsMoved: moved.count,
  });
  await appendEvent(tx, targetId, 'case.absorbed', actor, {
    fromCaseId: sourceId,
    reason,
    reportsMoved: moved.count,
  });
  // Only the merge itself: the source's workflow closes it (outcome `merged`) and that is published then.
  await writeOutbox(tx, [events.merged(source, targetId, new Date())]);
  await shareAddedParties(
    tx,
    events,
    target,
    newParties.map((p) => p.partyId),
  );
  const [after, into] = await Promise.all([
    tx.case.findUniqueOrThrow({ where: { id: sourceId }, select: caseSelect }),
    tx.case.findUniqueOrThrow({ where: { id: targetId }, select: caseSelect }),
  ]);
  return { source: toRecord(after), target: toRecord(into) };
}

/** Locks the suggestion's row and reads its status: a second decision waits for the first, then sees it. */
async function lockOpenSuggestion(
  tx: Tx,
  id: string,
): Promise<{ kind: 'open' } | { kind: 'refused'; refusal: DuplicateRefusal }> {
  const [row] = await tx.$queryRaw<{ status: string }[]>`
    SELECT status FROM duplicate_suggestions WHERE id = ${id}::uuid FOR UPDATE`;
  if (!row) return { kind: 'refused', refusal: { kind: 'not-found' } };
  if (row.status === 'open') return { kind: 'open' };
  return { kind: 'refused', refusal: { kind: 'decided', status: row.status as 'confirmed' | 'dismissed' } };
}

/** Records the decision on the suggestion and on both cases' timelines (`duplicate.confirmed` / `.dismissed`). */
async function decide(
  tx: Tx,
  id: string,
  status: 'confirmed' | 'dismissed',
  reason: string,
  actor: Actor,
): Promise<DuplicateSuggestionRecord> {
  const row = await tx.duplicateSuggestion.update({
    where: { id },
    data: { status, reason, decidedAt: new Date(), decidedBy: actor.staffId, decidedByAgencyId: actor.agencyId },
    select: suggestionSelect,
  });
  const record = toSuggestionRecord(row);
  // The reason goes where a merge's goes: the timelines of the cases, read by those who may read the cases.
  const details = { ...suggestionEventDetails(record), reason };
  await appendEvent(tx, record.caseId, `duplicate.${status}`, actor, details);
  await appendEvent(tx, record.candidateCaseId, `duplicate.${status}`, actor, details);
  return record;
}

/** `events` builds what the writes publish (the configured topic); the default suits tests. */
export function createCasesRepository(
  prisma: PrismaClient,
  events: CaseEvents = createCaseEvents(),
  /** Where the hot reads' SQL runs (case-reads.ts): the pool Prisma's adapter uses, or Prisma itself by default. */
  reads: SqlRows = sqlRowsOfPrisma(prisma),
): CasesRepository {
  const caseReads = createCaseReads(reads);
  /** Work in the caller's transaction when there is one, else in a transaction of its own. */
  /** The statement remembering a response under its key (not yet run: it may join a batch). */
  function saveAnswer(idempotency: IdempotentCreate, response: StoredResponse) {
    return prisma.idempotencyRecord.update({
      where: { scope_key: { scope: idempotency.scope, key: idempotency.key } },
      data: { responseStatus: response.status, responseBody: response.body as object },
      select: { key: true },
    });
  }

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

    findById: caseReads.findById,

    async markOpen(id, answer) {
      const opened = prisma.case.updateMany({ where: { id, status: 'opening' }, data: { status: 'open' } });
      if (!answer) {
        await opened;
        return;
      }
      await prisma.$transaction([opened, saveAnswer(answer.idempotency, answer.response)]);
    },

    async saveResponse(idempotency, response) {
      await saveAnswer(idempotency, response);
    },

    async list(scope, limit, after, filter = {}) {
      // The search is SQL of its own (ILIKE with an escape, EXISTS over parties and reports); the rows are then read
      // as every other read does. Cases are never deleted, so each id found is there to read.
      const found = await prisma.$queryRaw<{ id: string }[]>(caseListSql(scope, filter, limit, after));
      if (found.length === 0) return [];
      const rows = await prisma.case.findMany({ where: { id: { in: found.map((f) => f.id) } }, select: caseSelect });
      const byId = new Map(rows.map((row) => [row.id, row]));
      return found.flatMap(({ id }) => {
        const row = byId.get(id);
        return row ? [toRecord(row)] : [];
      });
    },

    async findOpening(olderThan, limit) {
      const rows = await prisma.case.findMany({
        where: { status: 'opening', openedAt: { lt: olderThan } },
        orderBy: { openedAt: 'asc' },
        take: limit,
        select: caseSelect,
      });
      return rows.map(toRecord);
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

    async timeline(caseId) {
      const rows = await prisma.caseEvent.findMany({
        where: { caseId },
        orderBy: [{ at: 'asc' }, { id: 'asc' }],
        select: { type: true, actor: true, agencyId: true, at: true, details: true },
      });
      return rows.map((row) => ({
        ...row,
        at: row.at.toISOString(),
        details: row.details as TimelineEvent['details'],
      }));
    },

    async merge(sourceId, targetId, reason, actor) {
      if (sourceId === targetId) return 'same-case';
      return prisma.$transaction((tx) => mergeIn(tx, events, sourceId, targetId, reason, actor));
    },

    async split(sourceId, reportIds, newCase, reason, actor) {
      return prisma.$transaction(async (tx) => {
        await lockCases(tx, [sourceId]);
        const source = await tx.case.findUnique({ where: { id: sourceId }, select: caseSelect });
        if (!source) return 'not-found' as const;
        if (!ACTIVE.includes(source.status as CaseStatus)) return 'not-active' as const;
        const reports = await tx.report.findMany({
          where: { caseId: sourceId },
          select: {
            id: true,
            agencyId: true,
            receivedAt: true,
            disputeType: true,
            source: true,
            summary: true,
            villageCode: true,
          },
        });
        const wanted = new Set(reportIds);
        const moving = reports.filter((r) => wanted.has(r.id));
        if (moving.length !== wanted.size) return 'reports-not-in-case' as const;
        if (moving.length === reports.length) return 'would-empty-case' as const;
        await tx.case.create({
          data: newCaseData({
            ...newCase,
            // The columns hold only values the contracts validated on the way in.
            ...splitOffFacts(moving as SplitReportFacts[]),
            agencyIds: [...new Set([...newCase.agencyIds, ...moving.map((r) => r.agencyId)])],
          }),
          select: { id: true },
        });
        await tx.report.updateMany({ where: { id: { in: reportIds } }, data: { caseId: newCase.id } });
        await tx.case.update({ where: { id: sourceId }, data: { version: { increment: 1 } }, select: { id: true } });
        await appendEvent(tx, sourceId, 'case.split-off', actor, {
          newCaseId: newCase.id,
          reason,
          reportIds: [...reportIds].sort(),
        });
        await appendEvent(tx, newCase.id, 'case.opened', actor, {
          splitFromCaseId: sourceId,
          reason,
          reportIds: [...reportIds].sort(),
        });
        const [after, created] = await Promise.all([
          tx.case.findUniqueOrThrow({ where: { id: sourceId }, select: caseSelect }),
          tx.case.findUniqueOrThrow({ where: { id: newCase.id }, select: caseSelect }),
        ]);
        // The split-off case is a case of its own from now on, with a workflow of its own.
        await writeOutbox(tx, [events.opened(toRecord(created))]);
        return { source: toRecord(after), created: toRecord(created) };
      });
    },

    duplicateSuggestions: caseReads.duplicateSuggestions,

    async findDuplicateSuggestion(id) {
      const row = await prisma.duplicateSuggestion.findUnique({ where: { id }, select: suggestionSelect });
      return row ? toSuggestionRecord(row) : undefined;
    },

    async listDuplicateSuggestions(scope, status, limit, after) {
      const rows = await prisma.duplicateSuggestion.findMany({
        where: {
          ...(scope.kind === 'town' ? { townCode: scope.townCode } : {}),
          status,
          // An open suggestion whose case or candidate is merged or closed can no longer be decided: not on the list.
          ...(status === 'open' ? { case: { status: { in: ACTIVE } }, candidateCase: { status: { in: ACTIVE } } } : {}),
          ...(after
            ? {
                OR: [
                  { suggestedAt: { lt: new Date(after.suggestedAt) } },
                  { suggestedAt: new Date(after.suggestedAt), id: { lt: after.id } },
                ],
              }
            : {}),
        },
        orderBy: [{ suggestedAt: 'desc' }, { id: 'desc' }],
        take: limit,
        select: suggestionSelect,
      });
      return rows.map(toSuggestionRecord);
    },

    async confirmDuplicate(id, reason, actor) {
      return prisma.$transaction(async (tx) => {
        const pair = await tx.duplicateSuggestion.findUnique({
          where: { id },
          select: { caseId: true, candidateCaseId: true },
        });
        if (!pair) return { kind: 'not-found' } as const;
        // The cases first, then the suggestion, in the order the merge and a dismissal take them: no deadlock.
        await lockCases(tx, [pair.caseId, pair.candidateCaseId]);
        const open = await lockOpenSuggestion(tx, id);
        if (open.kind !== 'open') return open.refusal;
        const merged = await mergeIn(tx, events, pair.caseId, pair.candidateCaseId, reason, actor);
        if (typeof merged === 'string') return { kind: 'merge-refused', reason: merged } as const;
        const suggestion = await decide(tx, id, 'confirmed', reason, actor);
        return { suggestion, ...merged };
      });
    },

    async dismissDuplicate(id, reason, actor) {
      return prisma.$transaction(async (tx) => {
        const pair = await tx.duplicateSuggestion.findUnique({
          where: { id },
          select: { caseId: true, candidateCaseId: true },
        });
        if (!pair) return { kind: 'not-found' } as const;
        await lockCases(tx, [pair.caseId, pair.candidateCaseId]);
        const open = await lockOpenSuggestion(tx, id);
        if (open.kind !== 'open') return open.refusal;
        return decide(tx, id, 'dismissed', reason, actor);
      });
    },

    async applyProgress(caseId, progress, outer) {
      return inTransaction(prisma, outer, async (tx) => {
        // Locked, so two reports arriving together are compared with each other, not both with the old sequence.
        await lockCases(tx, [caseId]);
        const row = await tx.case.findUnique({
          where: { id: caseId },
          select: { status: true, progressSeq: true, agencyIds: true },
        });
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

    async findByIds(ids) {
      if (ids.length === 0) return [];
      const rows = await prisma.case.findMany({ where: { id: { in: ids } }, select: caseSelect });
      return rows.map(toRecord);
    },

    viewTasks: caseReads.viewTasks,

    async isWatcher(caseId, staffId) {
      const row = await prisma.caseWatcher.findUnique({
        where: { caseId_staffId: { caseId, staffId } },
        select: { caseId: true },
      });
      return row !== null;
    },

    async listWatched(staffId, limit, after) {
      const rows = await prisma.caseWatcher.findMany({
        where: {
          staffId,
          ...(after
            ? {
                OR: [
                  { since: { lt: new Date(after.since) } },
                  { since: new Date(after.since), caseId: { lt: after.caseId } },
                ],
              }
            : {}),
        },
        orderBy: [{ since: 'desc' }, { caseId: 'desc' }],
        take: limit,
        select: { since: true, level: true, case: { select: caseSelect } },
      });
      return rows.map((row) => ({
        record: toRecord(row.case),
        since: row.since,
        level: row.level as LadderLevel | null,
      }));
    },

    async transferHistory(caseIds) {
      if (caseIds.length === 0) return { requests: [], rejections: [] };
      // One statement for the whole inbox page (on the (case_id, at, id) index), whatever the number of cases.
      const rows = await prisma.caseEvent.findMany({
        where: { caseId: { in: caseIds }, type: { in: ['transfer-requested', 'transfer-rejected'] } },
        orderBy: [{ at: 'asc' }, { id: 'asc' }],
        select: { caseId: true, type: true, agencyId: true, at: true, details: true },
      });
      return {
        requests: rows
          .filter((row) => row.type === 'transfer-requested')
          .map((row) => transferRequestOf(row.caseId, row.at, row.details)),
        rejections: rows
          .filter((row) => row.type === 'transfer-rejected')
          .map((row) => transferRejectionOf(row.caseId, row.at, row.agencyId, row.details)),
      };
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
          if (message) await writeOutbox(tx, [message]);
          // An agency that comes to hold the case (accepts it, joins it) must read its parties in party-service.
          const share = sharingFromTimeline(event);
          if (share) {
            const parties = await tx.caseParty.findMany({ where: { caseId }, select: { partyId: true } });
            const shared = events.partiesShared(
              { id: caseId, townCode: known.town_code },
              share,
              parties.map((p) => p.partyId),
              new Date(event.at),
            );
            if (shared.length > 0) await writeOutbox(tx, shared);
          }
          return 'created' as const;
        }
        const existing = await tx.caseEvent.findUnique({ where: { eventKey }, select: { caseId: true } });
        return existing?.caseId === caseId ? ('exists' as const) : ('other-case' as const);
      });
    },
  };
}
