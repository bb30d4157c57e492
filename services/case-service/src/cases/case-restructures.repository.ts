/**
 * The transactions that restructure cases: a coordinator's merge and split, and the decisions on possible duplicates
 * (a confirmation merges, through the same merge). Each locks the case rows it touches first, in id order.
 */
import type { CaseStatus } from '@gongzhi/contracts';
import { writeOutbox } from '@gongzhi/outbox';
import type { CaseEvents } from '../events/case-events';
import type { PrismaClient } from '../generated/prisma/client';
import { type Actor, appendEvent } from '../kernel/timeline';
import type { CaseRecord, RestructureRefusal, SplitOffCase, SplitReportFacts } from './case.model';
import { caseSelect, newCaseData, suggestionSelect, toRecord, toSuggestionRecord } from './case-rows';
import { ACTIVE_STATUSES, splitOffFacts } from './case-rules';
import { lockCases, shareAddedParties, type Tx } from './case-write-steps';
import { type DuplicateRefusal, type DuplicateSuggestionRecord, suggestionEventDetails } from './duplicate-suggestions';

/** Merges, splits and duplicate decisions, each in one transaction. */
export interface CaseRestructures {
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
}

const isActive = (status: string) => ACTIVE_STATUSES.includes(status as CaseStatus);

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
  if (!isActive(source.status) || !isActive(target.status)) return 'not-active';
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

/** The split, in its own transaction: the reports move to the new case, which takes its facts from them. */
async function splitIn(
  tx: Tx,
  events: CaseEvents,
  sourceId: string,
  reportIds: string[],
  newCase: SplitOffCase,
  reason: string,
  actor: Actor,
): Promise<{ source: CaseRecord; created: CaseRecord } | RestructureRefusal> {
  await lockCases(tx, [sourceId]);
  const source = await tx.case.findUnique({ where: { id: sourceId }, select: caseSelect });
  if (!source) return 'not-found';
  if (!isActive(source.status)) return 'not-active';
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
  if (moving.length !== wanted.size) return 'reports-not-in-case';
  if (moving.length === reports.length) return 'would-empty-case';
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

/**
 * Locks both cases of the suggestion, then the suggestion, in the order the merge and a dismissal take them (no
 * deadlock); `not-found` or the decision already taken when there is nothing left to decide.
 */
async function lockSuggestionToDecide(
  tx: Tx,
  id: string,
): Promise<{ kind: 'open'; caseId: string; candidateCaseId: string } | { kind: 'refused'; refusal: DuplicateRefusal }> {
  const pair = await tx.duplicateSuggestion.findUnique({
    where: { id },
    select: { caseId: true, candidateCaseId: true },
  });
  if (!pair) return { kind: 'refused', refusal: { kind: 'not-found' } };
  await lockCases(tx, [pair.caseId, pair.candidateCaseId]);
  const open = await lockOpenSuggestion(tx, id);
  return open.kind === 'open' ? { kind: 'open', ...pair } : open;
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

/** `events` builds what the restructures publish (`merged`, the split-off case's `opened`). */
export function createCaseRestructures(prisma: PrismaClient, events: CaseEvents): CaseRestructures {
  return {
    async merge(sourceId, targetId, reason, actor) {
      if (sourceId === targetId) return 'same-case';
      return prisma.$transaction((tx) => mergeIn(tx, events, sourceId, targetId, reason, actor));
    },

    async split(sourceId, reportIds, newCase, reason, actor) {
      return prisma.$transaction((tx) => splitIn(tx, events, sourceId, reportIds, newCase, reason, actor));
    },

    async confirmDuplicate(id, reason, actor) {
      return prisma.$transaction(async (tx) => {
        const open = await lockSuggestionToDecide(tx, id);
        if (open.kind !== 'open') return open.refusal;
        const merged = await mergeIn(tx, events, open.caseId, open.candidateCaseId, reason, actor);
        if (typeof merged === 'string') return { kind: 'merge-refused', reason: merged } as const;
        const suggestion = await decide(tx, id, 'confirmed', reason, actor);
        return { suggestion, ...merged };
      });
    },

    async dismissDuplicate(id, reason, actor) {
      return prisma.$transaction(async (tx) => {
        const open = await lockSuggestionToDecide(tx, id);
        if (open.kind !== 'open') return open.refusal;
        return decide(tx, id, 'dismissed', reason, actor);
      });
    },
  };
}
