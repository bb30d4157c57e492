/**
 * The cases service: the rules of opening, reading, correcting and restructuring cases and of deciding possible
 * duplicates, one module per use case (case-opening, case-reading, case-changes, duplicate-decisions), composed here
 * into the service the routes and the other features are given.
 */
import { randomUUID } from 'node:crypto';
import type { CallContext } from '@gongzhi/auth';
import type {
  AuditAction,
  CaseListFilters,
  CaseSummary,
  CaseView,
  DecideDuplicateRequest,
  DuplicateSuggestion,
  DuplicateSuggestionFilters,
  MergeCaseRequest,
  OpenCaseRequest,
  SplitCaseRequest,
  TimelineEvent,
  UpdateCaseRequest,
} from '@gongzhi/contracts';
import type { Page, PageQuery } from '@gongzhi/http';
import type { NamedParty } from '../parties/party-directory';
import type { CaseRecord } from './case.model';
import { audit, auditList, readableCase, requireParties, visibleCase } from './case-access';
import { mergeCase, splitCase, updateCase } from './case-changes';
import {
  type AnswerOf,
  openCase,
  type OpenCaseResult,
  resumeOpeningCases,
  startWorkflowIfPending,
} from './case-opening';
import { caseTimeline, getCase, listCases } from './case-reading';
import { summaryView } from './case-views';
import type { CasesServiceDeps, CasesUseCaseDeps } from './cases.deps';
import { confirmDuplicate, dismissDuplicate, listDuplicateSuggestions } from './duplicate-decisions';

/** What the routes and the other features (reports, tasks, documents…) ask of cases. */
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

/** The service over its dependencies; ids default to random UUIDs and the clock to the system's. */
export function createCasesService(serviceDeps: CasesServiceDeps): CasesService {
  const deps: CasesUseCaseDeps = {
    ...serviceDeps,
    newId: serviceDeps.newId ?? randomUUID,
    now: serviceDeps.now ?? (() => new Date()),
  };
  return {
    openCase: (ctx, request, idempotencyKey) => openCase(deps, ctx, request, idempotencyKey),
    getCase: (ctx, id, options) => getCase(deps, ctx, id, options),
    listCases: (ctx, query) => listCases(deps, ctx, query),
    updateCase: (ctx, id, expectedVersion, changes) => updateCase(deps, ctx, id, expectedVersion, changes),
    timeline: (ctx, id) => caseTimeline(deps, ctx, id),
    mergeCase: (ctx, id, request) => mergeCase(deps, ctx, id, request),
    splitCase: (ctx, id, request) => splitCase(deps, ctx, id, request),
    confirmDuplicate: (ctx, id, request) => confirmDuplicate(deps, ctx, id, request),
    dismissDuplicate: (ctx, id, request) => dismissDuplicate(deps, ctx, id, request),
    listDuplicateSuggestions: (ctx, query) => listDuplicateSuggestions(deps, ctx, query),
    resumeOpeningCases: (olderThanMs) => resumeOpeningCases(deps, olderThanMs),
    startWorkflowIfPending: (record, answerOf) => startWorkflowIfPending(deps, record, answerOf),
    summarise: summaryView,
    requireVisible: (ctx, id) => visibleCase(deps, ctx, id),
    requireParties: (ctx, named) => requireParties(deps, ctx, named),
    requireReadable: (ctx, id) => readableCase(deps, ctx, id),
    audit: (ctx, action, objectType, objectId) => audit(deps, ctx, action, objectId, objectType),
    auditList: (ctx, action, objectType, objectIds) => auditList(deps, ctx, action, objectType, objectIds),
  };
}
