import { randomUUID } from 'node:crypto';
import { type CallContext, canSee, hasAnyRole, requireAnyRole } from '@gongzhi/auth';
import {
  type CaseListFilters,
  type CaseParty,
  type CaseProgressView,
  type CaseSummary,
  type CaseView,
  type DecideDuplicateRequest,
  type DuplicateSuggestion,
  type DuplicateSuggestionFilters,
  Instant,
  makeDisputeWorkflowId,
  type MergeCaseRequest,
  type OpenCaseRequest,
  type Principal,
  type SplitCaseRequest,
  type StaffRole,
  type TimelineEvent,
  type UpdateCaseRequest,
  type AuditAction,
} from '@gongzhi/contracts';
import {
  AppError,
  ConflictError,
  ForbiddenError,
  IdempotencyKeyReusedError,
  NotFoundError,
  PreconditionFailedError,
} from '@gongzhi/errors';
import {
  AUDIT_LIST_OBJECT_ID,
  type AuditTrail,
  decodeCursor,
  hashRequest,
  type Page,
  type PageQuery,
  toPage,
} from '@gongzhi/http';
import type { Logger } from 'pino';
import { z } from 'zod';
import { type NamedParty, type PartyDirectory, requireVisibleParties } from '../parties/party-directory';
import type { StaffDirectory, StaffLookup } from '../staff/staff-directory';
import { requireKnownVillage } from '../staff/village-registry';
import { caseListFilterOf, filterFingerprint } from './case-list';
import type { CaseWorkflows } from '@gongzhi/dispute-client';
import {
  type CaseListScope,
  type CaseProgress,
  type CaseRecord,
  type CasesRepository,
  type NewCase,
  type RestructureRefusal,
  riskFlagsOf,
  type SplitOffCase,
} from './cases.repository';
import type { IdempotentCreate, StoredAnswer } from '../kernel/idempotent-create';
import {
  duplicateRefusal,
  type DuplicateSuggestionRecord,
  type SuggestionScope,
  toSuggestionView,
} from './duplicate-suggestions';
import { recordedWorkflowView } from './recorded-view';

/** The answer to remember for the request that opens a case, given the case as it is once open. */
export type AnswerOf = (opened: CaseRecord) => StoredAnswer | undefined;

export interface CasesServiceDeps {
  repository: CasesRepository;
  workflows: CaseWorkflows;
  /** party-service: every party id a case is given must be a party the caller can see there. */
  parties: PartyDirectory;
  /** agency-service's village registry: a case's village must be one of its town's (asked as the caller). */
  villages: Pick<StaffDirectory, 'findVillage'>;
  audit: AuditTrail;
  logger: Logger;
  newId?: () => string;
  now?: () => Date;
}

/** Who is asking and in which request: every read and change is audited with it (one type for every service). */

export interface OpenCaseResult {
  status: number;
  body: CaseView;
  replayed: boolean;
}

/** Staff who work cases may correct them; grid workers report and follow, they do not edit. */
const EDITORS: readonly StaffRole[] = ['mediator', 'liaison', 'coordinator', 'administrator'];
/** Merging and splitting cases is the coordinator's call (综治中心), or an administrator's repair. */
const RESTRUCTURERS: readonly StaffRole[] = ['coordinator', 'administrator'];

export interface CasesService {
  openCase(ctx: CallContext, request: OpenCaseRequest, idempotencyKey?: string): Promise<OpenCaseResult>;
  /**
   * The case with its workflow view from the records (no Temporal call); `live` reads the workflow's state from
   * Temporal instead (administrators only).
   */
  getCase(ctx: CallContext, id: string, options?: { live?: boolean }): Promise<CaseView & { version: number }>;
  /** A page of the cases the caller may list, narrowed by the filters (which never widen it), newest first. */
  listCases(ctx: CallContext, query: PageQuery & CaseListFilters): Promise<Page<CaseSummary>>;
  updateCase(
    ctx: CallContext,
    id: string,
    expectedVersion: (current: number) => number,
    changes: UpdateCaseRequest,
  ): Promise<CaseView & { version: number }>;
  timeline(ctx: CallContext, id: string): Promise<TimelineEvent[]>;
  mergeCase(ctx: CallContext, id: string, request: MergeCaseRequest): Promise<CaseView & { version: number }>;
  splitCase(ctx: CallContext, id: string, request: SplitCaseRequest): Promise<CaseView & { version: number }>;
  /**
   * Confirms a possible duplicate: its case is merged into the candidate (the merge route's merge, and its workflow
   * closed as merged). Whoever may correct both cases: their mediators and liaisons, coordinators, administrators.
   */
  confirmDuplicate(ctx: CallContext, id: string, request: DecideDuplicateRequest): Promise<DuplicateSuggestion>;
  /** Dismisses a possible duplicate: the cases stay apart. The same people as a confirmation. */
  dismissDuplicate(ctx: CallContext, id: string, request: DecideDuplicateRequest): Promise<DuplicateSuggestion>;
  /** A page of possible duplicates (coordinators: the town's; administrators: all), newest first. */
  listDuplicateSuggestions(
    ctx: CallContext,
    query: PageQuery & DuplicateSuggestionFilters,
  ): Promise<Page<DuplicateSuggestion>>;
  /** Starts the workflows of cases stored but never confirmed started (a crash in between); returns how many. */
  resumeOpeningCases(olderThanMs?: number): Promise<number>;
  /** Starts the case's workflow if it is still `opening`; a failure is logged and left to the resume sweep. */
  startWorkflowIfPending(record: CaseRecord, answerOf?: AnswerOf): Promise<void>;
  /** The case as lists show it. */
  summarise(record: CaseRecord): CaseSummary;
  /** The case, if the caller may see it; 404 otherwise (also for cases that exist but are not theirs). */
  requireVisible(ctx: CallContext, id: string): Promise<CaseRecord>;
  /**
   * Each named party id exists in party-service and is visible to the caller there (asked with their own token);
   * 422 naming the fields otherwise, 503 when party-service does not answer.
   */
  requireParties(ctx: CallContext, named: readonly NamedParty[]): Promise<void>;
  /**
   * The case, if the caller may see it or watches it (they mediated it at a level: they keep reading it, its timeline
   * and its tasks after their part ended); 404 otherwise. For reads only: watching grants no action.
   */
  requireReadable(ctx: CallContext, id: string): Promise<CaseRecord>;
  audit(ctx: CallContext, action: AuditAction, objectType: string, objectId: string): Promise<void>;
  /** A list read: one audit row naming every id it returned (none for an empty page, still on record). */
  auditList(ctx: CallContext, action: AuditAction, objectType: string, objectIds: readonly string[]): Promise<void>;
}

// Instant: a forged cursor's out-of-range date is a 400, never a database error. `f`: the fingerprint of the filters
// the cursor pages (none without filters).
const CaseCursor = z.object({ openedAt: Instant, id: z.string().uuid(), f: z.string().max(64).optional() });
// `s`: the status the cursor pages, so a cursor sent with another status starts no page in the middle of nowhere.
const SuggestionCursor = z.object({
  suggestedAt: Instant,
  id: z.string().uuid(),
  s: z.enum(['open', 'confirmed', 'dismissed']),
});

/** A cursor used with other filters than those it was given with would skip or repeat cases: start again. */
function cursorMismatch(): AppError {
  return new AppError(400, 'cursor-mismatch', 'The cursor belongs to other filters', {
    detail:
      'This cursor pages the list with other filters: send the filters it came with, or start again without `cursor`.',
    errors: [{ path: 'cursor', message: 'this cursor pages other filters' }],
  });
}

/** The cases a caller may list: the same rule as `canSee`, expressed as a query scope. */
function listScopeOf(principal: Principal): CaseListScope {
  if (principal.roles.includes('administrator')) return { kind: 'all' };
  if (principal.roles.includes('coordinator')) return { kind: 'town', townCode: principal.townCode };
  return { kind: 'agency', agencyId: principal.agencyId };
}

function refusal(reason: RestructureRefusal, id: string): AppError {
  switch (reason) {
    case 'not-found':
      return new NotFoundError('case', id);
    case 'not-active':
      return new ConflictError('Only cases still being worked (opening or open) can be merged or split.');
    case 'same-case':
      return new ConflictError('A case cannot be merged into itself: name the other case.');
    case 'reports-not-in-case':
      return new ConflictError(
        'Some of those reports do not belong to this case: list its reports and pick from them.',
      );
    case 'would-empty-case':
      return new ConflictError('Moving every report would leave this case empty: merge or close it instead.');
  }
}

export function progressView(progress: CaseProgress): CaseProgressView {
  return {
    level: progress.level,
    agencyId: progress.agencyId,
    phase: progress.phase,
    outcome: progress.outcome,
    awaitedAction: progress.awaitedAction,
    nextDeadline: progress.nextDeadline?.toISOString() ?? null,
  };
}

/** A call's caller, as the directories of the other services are asked on their behalf. */
function lookupOf(ctx: CallContext): StaffLookup {
  return { principal: ctx.principal, authorization: ctx.authorization, requestId: ctx.requestId };
}

export function createCasesService(deps: CasesServiceDeps): CasesService {
  const newId = deps.newId ?? randomUUID;
  const now = deps.now ?? (() => new Date());

  /**
   * Starts the workflow of a case still `opening` and marks it open; `answerOf` gives the response to remember for the
   * request's Idempotency-Key, saved in the same commit (an answer is final only once the case is open).
   */
  async function ensureWorkflow(record: CaseRecord, answerOf?: AnswerOf): Promise<void> {
    if (record.status !== 'opening') return;
    // Ids, codes and flags only: the summary, the risk notes and the parties never enter a workflow history.
    await deps.workflows.start(record.workflowId, {
      caseId: record.id,
      townCode: record.townCode,
      villageCode: record.villageCode,
      disputeType: record.disputeType,
      risks: riskFlagsOf(record.riskAssessment),
      intakeAgencyId: record.intakeAgencyId,
    });
    await deps.repository.markOpen(record.id, answerOf?.({ ...record, status: 'open' }));
    record.status = 'open';
  }

  async function startWorkflowIfPending(record: CaseRecord, answerOf?: AnswerOf): Promise<void> {
    try {
      await ensureWorkflow(record, answerOf);
    } catch (error) {
      // The case is safely stored as `opening`; the resume sweep starts its workflow once Temporal answers.
      deps.logger.warn({ caseId: record.id, err: error }, 'case stored, workflow start deferred');
    }
  }

  function summaryView(record: CaseRecord): CaseSummary {
    return {
      id: record.id,
      disputeType: record.disputeType,
      source: record.source,
      summary: record.summary,
      townCode: record.townCode,
      villageCode: record.villageCode,
      status: record.status,
      openedAt: record.openedAt.toISOString(),
      amountInDispute: record.amountInDispute,
      riskAssessment: record.riskAssessment,
      parties: record.parties,
      mergedIntoId: record.mergedIntoId,
      progress: progressView(record.progress),
    };
  }

  /**
   * The case and where its workflow stands: from the case row and its tasks, which the workflow keeps up to date
   * through its activities, so a read costs Temporal and the worker nothing; from Temporal only when asked to be live.
   */
  async function toView(record: CaseRecord, live = false): Promise<CaseView & { version: number }> {
    // The possible duplicates are read beside the workflow view, not after it: a case read stays one round trip deep.
    const [workflow, suggestions] = await Promise.all([
      live
        ? deps.workflows.view(record.workflowId)
        : deps.repository
            .viewTasks(record.id, record.progress.level)
            .then((tasks) => recordedWorkflowView(record, tasks)),
      deps.repository.duplicateSuggestions(record.id),
    ]);
    return {
      ...summaryView(record),
      workflow,
      duplicateSuggestions: suggestions.map(toSuggestionView),
      version: record.version,
    };
  }

  function audit(ctx: CallContext, action: AuditAction, objectId: string, objectType = 'case'): Promise<void> {
    return deps.audit.record({ actor: ctx.principal.staffId, action, objectType, objectId, requestId: ctx.requestId });
  }

  function auditList(ctx: CallContext, action: AuditAction, objectType: string, objectIds: readonly string[]) {
    return deps.audit.record({
      actor: ctx.principal.staffId,
      action,
      objectType,
      objectId: AUDIT_LIST_OBJECT_ID,
      objectIds,
      requestId: ctx.requestId,
    });
  }

  async function visibleCase(ctx: CallContext, id: string): Promise<CaseRecord> {
    const record = await deps.repository.findById(id);
    // An invisible case answers exactly like a missing one, so its existence does not leak.
    if (!record || !canSee(ctx.principal, { townCode: record.townCode, agencyIds: record.agencyIds })) {
      throw new NotFoundError('case', id);
    }
    return record;
  }

  async function readableCase(ctx: CallContext, id: string): Promise<CaseRecord> {
    const record = await deps.repository.findById(id);
    if (
      record &&
      (canSee(ctx.principal, { townCode: record.townCode, agencyIds: record.agencyIds }) ||
        (await deps.repository.isWatcher(id, ctx.principal.staffId)))
    ) {
      return record;
    }
    throw new NotFoundError('case', id);
  }

  /**
   * The suggestion, if the caller may see both of its cases (a decision concerns both: the merge route asks the same
   * of its two cases); 404 otherwise, as for a suggestion that does not exist.
   */
  async function visibleSuggestion(ctx: CallContext, id: string): Promise<DuplicateSuggestionRecord> {
    const suggestion = await deps.repository.findDuplicateSuggestion(id);
    if (suggestion) {
      const pair = await deps.repository.findByIds([suggestion.caseId, suggestion.candidateCaseId]);
      const seen = pair.filter((record) =>
        canSee(ctx.principal, { townCode: record.townCode, agencyIds: record.agencyIds }),
      );
      if (seen.length === 2) return suggestion;
    }
    throw new NotFoundError('duplicate suggestion', id);
  }

  /**
   * Tells the merged case's workflow it was merged. The records are merged already; if Temporal does not answer, the
   * workflow learns of it later (an administrator's scan finds running workflows of merged cases).
   */
  async function closeMergedWorkflow(ctx: CallContext, merged: CaseRecord, intoCaseId: string): Promise<void> {
    try {
      await deps.workflows.closeAsMerged(merged.workflowId, {
        actorId: ctx.principal.staffId,
        mergedIntoCaseId: intoCaseId,
      });
    } catch (error) {
      deps.logger.warn({ caseId: merged.id, err: error }, 'merged, but the workflow could not be told yet');
    }
  }

  function newCaseFor(principal: Principal, request: OpenCaseRequest, id: string): NewCase {
    return {
      id,
      disputeType: request.disputeType,
      source: request.source,
      summary: request.summary,
      townCode: request.townCode,
      villageCode: request.villageCode ?? null,
      reportedBy: principal.staffId,
      intakeAgencyId: principal.agencyId,
      agencyIds: [principal.agencyId],
      amountInDispute: request.amountInDispute ?? null,
      riskAssessment: request.riskAssessment ?? { violenceRisk: false, groupDispute: false, keyPerson: false },
      parties: request.parties ?? [],
      workflowId: makeDisputeWorkflowId(id),
    };
  }

  const actorOf = (ctx: CallContext) => ({ staffId: ctx.principal.staffId, agencyId: ctx.principal.agencyId });

  function requireParties(ctx: CallContext, named: readonly NamedParty[]): Promise<void> {
    if (named.length === 0) return Promise.resolve();
    return requireVisibleParties(
      deps.parties,
      { principal: ctx.principal, authorization: ctx.authorization, requestId: ctx.requestId },
      named,
    );
  }

  /** The parties of a request as fields, so a refusal names the one to correct (`parties.1.partyId`). */
  const partyFields = (parties: readonly CaseParty[], skip: ReadonlySet<string> = new Set()): NamedParty[] =>
    parties.flatMap((party, index) =>
      skip.has(party.partyId) ? [] : [{ path: `parties.${index}.partyId`, partyId: party.partyId }],
    );

  return {
    async openCase(ctx, request, idempotencyKey) {
      const { principal } = ctx;
      if (request.townCode !== principal.townCode && !principal.roles.includes('administrator')) {
        throw new ForbiddenError(`You report disputes for town ${principal.townCode}, not ${request.townCode}.`);
      }
      // Before anything is stored: a case must never name a party the caller cannot see, or one that does not exist,
      // nor a village its town does not have (the same check as a report's).
      if (request.villageCode !== undefined) {
        await requireKnownVillage(
          deps.villages,
          deps.logger,
          { townCode: request.townCode, villageCode: request.villageCode },
          lookupOf(ctx),
        );
      }
      await requireParties(ctx, partyFields(request.parties ?? []));
      const idempotency: IdempotentCreate | undefined = idempotencyKey
        ? { scope: `${principal.staffId} POST /api/v1/cases`, key: idempotencyKey, requestHash: hashRequest(request) }
        : undefined;
      const outcome = await deps.repository.create(newCaseFor(principal, request, newId()), idempotency);

      if (outcome.kind === 'replayed') {
        if (outcome.requestHash !== idempotency?.requestHash) throw new IdempotencyKeyReusedError();
        if (outcome.response)
          return { status: outcome.response.status, body: outcome.response.body as CaseView, replayed: true };
        // The first request stored the case but never answered (it crashed or timed out): finish its work.
        const record = await deps.repository.findById(outcome.caseId);
        if (!record) throw new NotFoundError('case', outcome.caseId);
        await ensureWorkflow(record);
        const body = await toView(record);
        if (idempotency) await deps.repository.saveResponse(idempotency, { status: 201, body });
        return { status: 201, body, replayed: true };
      }

      const record = outcome.record;
      // The audit row and the workflow start do not wait for each other.
      await Promise.all([audit(ctx, 'case.open', record.id), startWorkflowIfPending(record)]);
      deps.logger.info({ caseId: record.id, workflowId: record.workflowId, status: record.status }, 'case opened');
      const body = await toView(record);
      // An answer for a case still `opening` is not final: a retry with the same key should try the start again.
      if (idempotency && record.status !== 'opening')
        await deps.repository.saveResponse(idempotency, { status: 201, body });
      return { status: 201, body, replayed: false };
    },

    async getCase(ctx, id, options = {}) {
      // Administrators only: a live read costs Temporal a describe and the worker a query it answers between the
      // workflows' own tasks, so a screen that polled it would load the engine it reads. Administrators need it to
      // diagnose a workflow (as the describe route does); everyone else reads the recorded view, which trails the
      // workflow by one activity at most, and an action's answer already carries the state it led to.
      if (options.live) requireAnyRole(ctx.principal, ['administrator'], 'read a workflow’s live state');
      const record = await readableCase(ctx, id);
      // The read is on record before the answer leaves; the view's own reads need not wait for that commit.
      const [, view] = await Promise.all([audit(ctx, 'case.read', id), toView(record, options.live)]);
      return view;
    },

    async listCases(ctx, query) {
      const filter = caseListFilterOf(query);
      const fingerprint = filterFingerprint(filter);
      const cursor = query.cursor === undefined ? undefined : decodeCursor(query.cursor, CaseCursor);
      if (cursor && cursor.f !== fingerprint) throw cursorMismatch();
      const after = cursor && { openedAt: cursor.openedAt, id: cursor.id };
      // The caller's scope is always applied: the filters only narrow what they could list anyway.
      const rows = await deps.repository.list(listScopeOf(ctx.principal), query.limit + 1, after, filter);
      const result = toPage(rows, query.limit, summaryView, (row) => ({
        openedAt: row.openedAt.toISOString(),
        id: row.id,
        ...(fingerprint === undefined ? {} : { f: fingerprint }),
      }));
      await auditList(
        ctx,
        'case.list',
        'case',
        result.items.map((item) => item.id),
      );
      return result;
    },

    async updateCase(ctx, id, expectedVersion, changes) {
      const record = await visibleCase(ctx, id);
      requireAnyRole(ctx.principal, EDITORS, 'correct a case');
      if (record.status === 'merged' || record.status === 'closed') {
        throw new ConflictError(`The case is ${record.status}: it can no longer be changed.`);
      }
      // If-Match first (428/412 are cheaper to learn than a round trip to party-service).
      const version = expectedVersion(record.version);
      if (changes.villageCode && changes.villageCode !== record.villageCode) {
        await requireKnownVillage(
          deps.villages,
          deps.logger,
          { townCode: record.townCode, villageCode: changes.villageCode },
          lookupOf(ctx),
        );
      }
      // Only the parties being added are asked about: those already on the case were checked when they were added.
      if (changes.parties) {
        await requireParties(ctx, partyFields(changes.parties, new Set(record.parties.map((p) => p.partyId))));
      }
      const updated = await deps.repository.update(id, version, changes, actorOf(ctx));
      if (updated === 'stale') throw new PreconditionFailedError();
      await audit(ctx, 'case.update', id);
      return toView(updated);
    },

    async timeline(ctx, id) {
      await readableCase(ctx, id);
      await audit(ctx, 'case.timeline.read', id);
      return deps.repository.timeline(id);
    },

    async mergeCase(ctx, id, request) {
      requireAnyRole(ctx.principal, RESTRUCTURERS, 'merge cases');
      await visibleCase(ctx, id);
      await visibleCase(ctx, request.intoCaseId);
      const merged = await deps.repository.merge(id, request.intoCaseId, request.reason, actorOf(ctx));
      if (typeof merged === 'string') throw refusal(merged, id);
      await audit(ctx, 'case.merge', id);
      await audit(ctx, 'case.absorb', request.intoCaseId);
      await closeMergedWorkflow(ctx, merged.source, request.intoCaseId);
      return toView(merged.target);
    },

    async splitCase(ctx, id, request) {
      requireAnyRole(ctx.principal, RESTRUCTURERS, 'split cases');
      const source = await visibleCase(ctx, id);
      const newCaseId = newId();
      // Its dispute type, source, village and summary are those of its own reports, which the repository reads as it
      // moves them: a quarrel split off a case because it is another dispute is not described by that case's facts.
      const newCase: SplitOffCase = {
        id: newCaseId,
        townCode: source.townCode,
        reportedBy: ctx.principal.staffId,
        intakeAgencyId: ctx.principal.agencyId,
        agencyIds: hasAnyRole(ctx.principal, ['administrator']) ? [] : [ctx.principal.agencyId],
        amountInDispute: null,
        riskAssessment: source.riskAssessment,
        parties: [],
        workflowId: makeDisputeWorkflowId(newCaseId),
      };
      const split = await deps.repository.split(id, request.reportIds, newCase, request.reason, actorOf(ctx));
      if (typeof split === 'string') throw refusal(split, id);
      await audit(ctx, 'case.split', id);
      await audit(ctx, 'case.open', newCaseId);
      await startWorkflowIfPending(split.created);
      return toView(split.created);
    },

    async confirmDuplicate(ctx, id, request) {
      const suggestion = await visibleSuggestion(ctx, id);
      requireAnyRole(ctx.principal, EDITORS, 'confirm possible duplicates');
      const result = await deps.repository.confirmDuplicate(id, request.reason, actorOf(ctx));
      if ('kind' in result) throw duplicateRefusal(result, id, (reason) => refusal(reason, suggestion.caseId));
      await audit(ctx, 'duplicate.confirm', id, 'duplicate-suggestion');
      await audit(ctx, 'case.merge', result.source.id);
      await audit(ctx, 'case.absorb', result.target.id);
      await closeMergedWorkflow(ctx, result.source, result.target.id);
      return toSuggestionView(result.suggestion);
    },

    async dismissDuplicate(ctx, id, request) {
      const suggestion = await visibleSuggestion(ctx, id);
      requireAnyRole(ctx.principal, EDITORS, 'dismiss possible duplicates');
      const result = await deps.repository.dismissDuplicate(id, request.reason, actorOf(ctx));
      if ('kind' in result) throw duplicateRefusal(result, id, (reason) => refusal(reason, suggestion.caseId));
      await audit(ctx, 'duplicate.dismiss', id, 'duplicate-suggestion');
      return toSuggestionView(result);
    },

    async listDuplicateSuggestions(ctx, query) {
      requireAnyRole(ctx.principal, RESTRUCTURERS, 'list possible duplicates');
      const status = query.status ?? 'open';
      const cursor = query.cursor === undefined ? undefined : decodeCursor(query.cursor, SuggestionCursor);
      if (cursor && cursor.s !== status) throw cursorMismatch();
      const scope: SuggestionScope = ctx.principal.roles.includes('administrator')
        ? { kind: 'all' }
        : { kind: 'town', townCode: ctx.principal.townCode };
      const rows = await deps.repository.listDuplicateSuggestions(
        scope,
        status,
        query.limit + 1,
        cursor && { suggestedAt: cursor.suggestedAt, id: cursor.id },
      );
      const page = toPage(rows, query.limit, toSuggestionView, (row) => ({
        suggestedAt: row.suggestedAt.toISOString(),
        id: row.id,
        s: status,
      }));
      await auditList(
        ctx,
        'duplicate-suggestion.list',
        'duplicate-suggestion',
        page.items.map((item) => item.id),
      );
      return page;
    },

    startWorkflowIfPending,
    summarise: summaryView,
    requireVisible: visibleCase,
    requireParties,
    requireReadable: readableCase,
    audit: (ctx, action, objectType, objectId) => audit(ctx, action, objectId, objectType),
    auditList,

    async resumeOpeningCases(olderThanMs = 30_000) {
      const stalled = await deps.repository.findOpening(new Date(now().getTime() - olderThanMs), 100);
      for (const record of stalled) {
        await ensureWorkflow(record);
        deps.logger.warn({ caseId: record.id }, 'resumed a case whose workflow start was never confirmed');
      }
      return stalled.length;
    },
  };
}
