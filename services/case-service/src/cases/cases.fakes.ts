import { randomUUID } from 'node:crypto';
import { ApplicationFailure, WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import {
  type ActInput,
  type CaseWorkflowView,
  type DISPUTE_REJECTIONS,
  type DisputeState,
  type DisputeWorkflowInput,
  type LadderLevel,
  newDisputeState,
  type ReassignInput,
} from '@gongzhi/contracts';
import type { AuditEntry, AuditTrail } from '@gongzhi/http';
import type { Prisma } from '../generated/prisma/client';
import type { ReportRecord } from '../reports/reports.repository';
import type { TaskRecord } from '../tasks/tasks.model';
import { matchesCaseListFilter } from './case-list';
import { actProblemOf, type CaseWorkflows, workflowViewOf, unknownWorkflowView } from '@gongzhi/dispute-client';
import { type DuplicateRefusal, type DuplicateSuggestionRecord, suggestionEventDetails } from './duplicate-suggestions';
import { type CaseRecord, NO_PROGRESS } from './case.model';
import {
  riskFlagsOf,
  splitOffFacts,
  statusAfterProgress,
  transferRejectionOf,
  transferRequestOf,
  withInvolvedAgencies,
} from './case-rules';
import type { CasesRepository } from './cases.repository';
import type { StoredResponse } from '../kernel/idempotent-create';
import type { Actor } from '../kernel/timeline';

/**
 * The duplicate_suggestions table in memory, one per cases table: the reports fake is handed the cases table (not the
 * cases fake), so both find the suggestions through it, as both repositories reach the one SQL table.
 */
const suggestionTables = new WeakMap<Map<string, CaseRecord>, DuplicateSuggestionRecord[]>();
export function inMemorySuggestions(cases: Map<string, CaseRecord>): DuplicateSuggestionRecord[] {
  let table = suggestionTables.get(cases);
  if (!table) {
    table = [];
    suggestionTables.set(cases, table);
  }
  return table;
}

/** Idempotency keys by `scope|key`, shared by the fakes like the one table they stand for. */
export type InMemoryIdempotencyKeys = Map<string, { caseId: string; requestHash: string; response?: StoredResponse }>;

/** Timeline events as the in-memory repositories record them (shared with the documents fake). */
export type InMemoryEvents = {
  caseId: string;
  type: string;
  actor: string;
  agencyId: string | null;
  eventKey?: string;
  at?: Date;
  details?: unknown;
}[];

/** The case_watchers table in memory, shared with the tasks fake (closing a mediate task writes it). */
export type InMemoryWatchers = {
  caseId: string;
  staffId: string;
  since: Date;
  level: LadderLevel | null;
  taskId: string;
}[];

export function createInMemoryCasesRepository(): CasesRepository & {
  rows: Map<string, CaseRecord>;
  keys: InMemoryIdempotencyKeys;
  events: InMemoryEvents;
  reports: ReportRecord[];
  watchers: InMemoryWatchers;
  tasks: TaskRecord[];
} {
  const rows = new Map<string, CaseRecord>();
  // The watchers and tasks tables, shared with the tasks fake: a correction of the case updates its tasks' copies.
  const watchers: InMemoryWatchers = [];
  const tasks: TaskRecord[] = [];
  // The reports table, shared with the reports fake: creating and splitting cases touch reports as the SQL does.
  const reports: ReportRecord[] = [];
  const keys: InMemoryIdempotencyKeys = new Map();
  const events: InMemoryEvents = [];
  const suggestions = inMemorySuggestions(rows);
  const event = (caseId: string, type: string, actor: Actor, details?: unknown) =>
    events.push({ caseId, type, actor: actor.staffId, agencyId: actor.agencyId, ...(details ? { details } : {}) });
  const active = (record: CaseRecord | undefined) =>
    record !== undefined && ['opening', 'open'].includes(record.status);
  const merge: CasesRepository['merge'] = async (sourceId, targetId, _reason, actor) => {
    if (sourceId === targetId) return 'same-case';
    const source = rows.get(sourceId);
    const target = rows.get(targetId);
    if (!source || !target) return 'not-found';
    if (!active(source) || !active(target)) return 'not-active';
    for (const report of reports.filter((r) => r.caseId === sourceId)) report.caseId = targetId;
    target.agencyIds = [...new Set([...target.agencyIds, ...source.agencyIds])];
    target.version += 1;
    Object.assign(source, { status: 'merged', mergedIntoId: targetId, version: source.version + 1 });
    event(sourceId, 'case.merged-into', actor);
    event(targetId, 'case.absorbed', actor);
    return { source: { ...source }, target: { ...target } };
  };
  /** Records a decision on an open suggestion, on it and on both timelines, as the SQL does. */
  const decide = (
    record: DuplicateSuggestionRecord,
    status: 'confirmed' | 'dismissed',
    reason: string,
    actor: Actor,
  ) => {
    Object.assign(record, {
      status,
      reason,
      decidedAt: new Date(),
      decidedBy: actor.staffId,
      decidedByAgencyId: actor.agencyId,
    });
    const details = { ...suggestionEventDetails(record), reason };
    event(record.caseId, `duplicate.${status}`, actor, details);
    event(record.candidateCaseId, `duplicate.${status}`, actor, details);
    return { ...record };
  };
  const openSuggestion = (id: string): DuplicateSuggestionRecord | DuplicateRefusal => {
    const record = suggestions.find((s) => s.id === id);
    if (!record) return { kind: 'not-found' };
    if (record.status !== 'open') return { kind: 'decided', status: record.status };
    return record;
  };
  return {
    rows,
    keys,
    events,
    reports,
    watchers,
    tasks,
    async create(data, idempotency) {
      const keyId = idempotency ? `${idempotency.scope}|${idempotency.key}` : undefined;
      const earlier = keyId ? keys.get(keyId) : undefined;
      if (earlier) return { kind: 'replayed', ...earlier };
      const record: CaseRecord = {
        ...data,
        status: 'opening',
        mergedIntoId: null,
        version: 1,
        openedAt: new Date(Date.now() + rows.size),
        progress: { ...NO_PROGRESS },
      };
      events.push({
        caseId: record.id,
        type: 'case.opened',
        actor: data.reportedBy ?? 'system',
        agencyId: data.intakeAgencyId,
      });
      rows.set(record.id, record);
      if (data.reportedBy !== null && data.intakeAgencyId !== null) {
        reports.push({
          id: randomUUID(),
          caseId: record.id,
          source: data.source,
          disputeType: data.disputeType,
          summary: data.summary,
          townCode: data.townCode,
          villageCode: data.villageCode,
          gridCode: null,
          reporterPartyId: null,
          eventRef: null,
          otherParties: [],
          amountInDispute: null,
          riskAssessment: null,
          matchedBy: null,
          reportedBy: data.reportedBy,
          agencyId: data.intakeAgencyId,
          receivedAt: record.openedAt,
        });
      }
      if (keyId && idempotency) keys.set(keyId, { caseId: record.id, requestHash: idempotency.requestHash });
      return { kind: 'created', record: { ...record } };
    },
    async findById(id) {
      const row = rows.get(id);
      return row ? { ...row } : undefined;
    },
    async markOpen(id, answer) {
      const row = rows.get(id);
      if (row?.status === 'opening') row.status = 'open';
      if (answer) {
        const entry = keys.get(`${answer.idempotency.scope}|${answer.idempotency.key}`);
        if (entry) entry.response = answer.response;
      }
    },
    async saveResponse(idempotency, response) {
      const entry = keys.get(`${idempotency.scope}|${idempotency.key}`);
      if (entry) entry.response = response;
    },
    async list(scope, limit, after, filter = {}) {
      return [...rows.values()]
        .filter(
          (r) =>
            scope.kind === 'all' ||
            (scope.kind === 'town' ? r.townCode === scope.townCode : r.agencyIds.includes(scope.agencyId)),
        )
        .filter((r) =>
          matchesCaseListFilter(
            r,
            filter,
            reports.filter((report) => report.caseId === r.id).map((report) => report.eventRef),
          ),
        )
        .sort((a, b) => b.openedAt.getTime() - a.openedAt.getTime() || (a.id < b.id ? 1 : -1))
        .filter(
          (r) =>
            !after ||
            r.openedAt.getTime() < new Date(after.openedAt).getTime() ||
            (r.openedAt.toISOString() === after.openedAt && r.id < after.id),
        )
        .slice(0, limit)
        .map((r) => ({ ...r }));
    },
    async update(id, expectedVersion, changes, actor) {
      const row = rows.get(id);
      if (!row || row.version !== expectedVersion) return 'stale';
      Object.assign(row, changes, { version: row.version + 1 });
      for (const task of tasks.filter((t) => t.caseId === id)) {
        if (changes.villageCode !== undefined) task.villageCode = changes.villageCode;
        if (changes.riskAssessment) task.riskFlags = riskFlagsOf(changes.riskAssessment);
      }
      event(id, 'case.updated', actor);
      return { ...row };
    },
    async timeline(caseId) {
      return events
        .filter((e) => e.caseId === caseId)
        .map((e) => ({
          type: e.type,
          actor: e.actor,
          agencyId: e.agencyId,
          at: new Date(0).toISOString(),
          details: {},
        }));
    },
    merge,
    async split(sourceId, reportIds, splitOff, _reason, actor) {
      const source = rows.get(sourceId);
      if (!source) return 'not-found';
      if (!active(source)) return 'not-active';
      const own = reports.filter((r) => r.caseId === sourceId);
      const moving = own.filter((r) => reportIds.includes(r.id));
      if (moving.length !== new Set(reportIds).size) return 'reports-not-in-case';
      if (moving.length === own.length) return 'would-empty-case';
      for (const report of moving) report.caseId = splitOff.id;
      const newCase = {
        ...splitOff,
        ...splitOffFacts(moving),
        agencyIds: [...new Set([...splitOff.agencyIds, ...moving.map((r) => r.agencyId)])],
      };
      const created: CaseRecord = {
        ...newCase,
        status: 'opening',
        mergedIntoId: null,
        version: 1,
        openedAt: new Date(),
        progress: { ...NO_PROGRESS },
      };
      rows.set(created.id, created);
      event(sourceId, 'case.split-off', actor);
      event(created.id, 'case.opened', actor);
      return { source: { ...source }, created: { ...created } };
    },
    async duplicateSuggestions(caseId) {
      return suggestions
        .filter((s) => s.caseId === caseId || s.candidateCaseId === caseId)
        .sort((a, b) => a.suggestedAt.getTime() - b.suggestedAt.getTime() || (a.id < b.id ? -1 : 1))
        .map((s) => ({ ...s }));
    },
    async findDuplicateSuggestion(id) {
      const record = suggestions.find((s) => s.id === id);
      return record && { ...record };
    },
    async listDuplicateSuggestions(scope, status, limit, after) {
      return suggestions
        .filter((s) => scope.kind === 'all' || s.townCode === scope.townCode)
        .filter((s) => s.status === status)
        .filter((s) => status !== 'open' || (active(rows.get(s.caseId)) && active(rows.get(s.candidateCaseId))))
        .sort((a, b) => b.suggestedAt.getTime() - a.suggestedAt.getTime() || (a.id < b.id ? 1 : -1))
        .filter(
          (s) =>
            !after ||
            s.suggestedAt.getTime() < Date.parse(after.suggestedAt) ||
            (s.suggestedAt.getTime() === Date.parse(after.suggestedAt) && s.id < after.id),
        )
        .slice(0, limit)
        .map((s) => ({ ...s }));
    },
    async confirmDuplicate(id, reason, actor) {
      const record = openSuggestion(id);
      if ('kind' in record) return record;
      const merged = await merge(record.caseId, record.candidateCaseId, reason, actor);
      if (typeof merged === 'string') return { kind: 'merge-refused', reason: merged };
      return { suggestion: decide(record, 'confirmed', reason, actor), ...merged };
    },
    async dismissDuplicate(id, reason, actor) {
      const record = openSuggestion(id);
      if ('kind' in record) return record;
      return decide(record, 'dismissed', reason, actor);
    },
    async findOpening(olderThan, limit) {
      return [...rows.values()].filter((r) => r.status === 'opening' && r.openedAt < olderThan).slice(0, limit);
    },
    async applyProgress(caseId, progress) {
      const row = rows.get(caseId);
      if (!row) return 'not-found';
      row.agencyIds = withInvolvedAgencies(row.agencyIds, progress);
      if (progress.progressSeq <= row.progress.seq) return { applied: false, progressSeq: row.progress.seq };
      row.status = statusAfterProgress(row.status, progress);
      row.progress = {
        seq: progress.progressSeq,
        level: progress.level,
        agencyId: progress.agencyId,
        phase: progress.phase,
        outcome: progress.outcome,
        awaitedAction: progress.awaitedAction,
        nextDeadline: progress.nextDeadline === null ? null : new Date(progress.nextDeadline),
      };
      return { applied: true, progressSeq: progress.progressSeq };
    },
    // In memory, nothing to roll back: the writes are applied one by one (the transaction is the database's, in tests
    // against PostgreSQL).
    transaction: (work) => work({} as Prisma.TransactionClient),
    async recordWorkflowEvent(caseId, eventKey, event) {
      if (!rows.has(caseId)) return 'case-not-found';
      const existing = events.find((e) => e.eventKey === eventKey);
      if (existing) return existing.caseId === caseId ? 'exists' : 'other-case';
      events.push({
        caseId,
        type: event.type,
        actor: event.actor,
        agencyId: event.agencyId,
        eventKey,
        at: new Date(event.at),
        details: event.details,
      });
      return 'created';
    },
    async findByIds(ids) {
      return ids.flatMap((id) => {
        const row = rows.get(id);
        return row ? [{ ...row }] : [];
      });
    },
    async viewTasks(caseId, level) {
      return tasks
        .filter(
          (t) =>
            t.caseId === caseId &&
            (t.status === 'open' || (level !== null && t.kind === 'mediate' && t.level === level)),
        )
        .map((t) => ({
          actionId: t.actionId,
          kind: t.kind,
          level: t.level,
          agencyId: t.agencyId,
          assigneeStaffId: t.assigneeStaffId,
          status: t.status,
          openedAt: t.openedAt,
          dueAt: t.dueAt,
        }));
    },
    async isWatcher(caseId, staffId) {
      return watchers.some((w) => w.caseId === caseId && w.staffId === staffId);
    },
    async listWatched(staffId, limit, after) {
      return watchers
        .filter((w) => w.staffId === staffId)
        .sort((a, b) => b.since.getTime() - a.since.getTime() || (a.caseId < b.caseId ? 1 : -1))
        .filter(
          (w) =>
            !after ||
            w.since.getTime() < Date.parse(after.since) ||
            (w.since.getTime() === Date.parse(after.since) && w.caseId < after.caseId),
        )
        .slice(0, limit)
        .flatMap((w) => {
          const row = rows.get(w.caseId);
          return row ? [{ record: { ...row }, since: w.since, level: w.level }] : [];
        });
    },
    async transferHistory(caseIds) {
      // Sorted by time like the SQL (a stable sort keeps the recording order of ties, as the id does there).
      const ofCases = events
        .filter((e) => caseIds.includes(e.caseId))
        .sort((a, b) => (a.at ?? new Date(0)).getTime() - (b.at ?? new Date(0)).getTime());
      return {
        requests: ofCases
          .filter((e) => e.type === 'transfer-requested')
          .map((e) => transferRequestOf(e.caseId, e.at ?? new Date(0), e.details)),
        rejections: ofCases
          .filter((e) => e.type === 'transfer-rejected')
          .map((e) => transferRejectionOf(e.caseId, e.at ?? new Date(0), e.agencyId, e.details)),
      };
    },
  };
}

/** A rejection the fake workflow answers the next action with, as the real validator would. */
export interface FakeRejection {
  type: (typeof DISPUTE_REJECTIONS)[keyof typeof DISPUTE_REJECTIONS];
  message: string;
}

/** A running workflow's state in the fake: a case at the village level, in mediation, with nothing open. */
export function fakeDisputeState(caseId: string, overrides: Partial<DisputeState> = {}): DisputeState {
  return {
    ...newDisputeState({ caseId, townCode: 'qingshui', disputeType: 'neighbour', risks: [] }),
    policyVersion: 1,
    level: 'L1',
    phase: 'mediation',
    agencyId: '0a9e0000-0000-4000-8000-000000000006',
    settling: false,
    ...overrides,
  };
}

/**
 * Records starts, merges and actions instead of calling Temporal. `failNextStarts` simulates an outage; `rejectNext`
 * makes the next action fail the way the workflow's validator fails it (through the same error mapping as the real
 * client); `notRunning` answers like a finished workflow; `onAct` lets a test do what the workflow's activities would
 * (close the task) before the action returns.
 */
export function createFakeCaseWorkflows() {
  /** Fails the call the way the real client maps a validator's rejection, once, when a test asked for it. */
  const throwRejectionIfSet = (): void => {
    const rejection = fake.rejectNext;
    if (!rejection) return;
    fake.rejectNext = undefined;
    const cause = ApplicationFailure.create({ type: rejection.type, message: rejection.message, nonRetryable: true });
    throw actProblemOf(new WorkflowUpdateFailedError('Workflow Update failed', cause));
  };
  const fake = {
    started: new Map<string, DisputeWorkflowInput>(),
    startCalls: 0,
    failNextStarts: 0,
    closedAsMerged: [] as { workflowId: string; actorId: string; mergedIntoCaseId: string }[],
    /** Every accepted action, in order, with the Update id it was sent with. */
    updates: [] as { workflowId: string; updateId: string; input: ActInput }[],
    /** Every accepted reassignment, in order, with its Update id. */
    reassignments: [] as { workflowId: string; updateId: string; input: ReassignInput }[],
    rejectNext: undefined as FakeRejection | undefined,
    notRunning: false,
    onAct: undefined as ((workflowId: string, input: ActInput) => Promise<void>) | undefined,
    states: new Map<string, DisputeState>(),
    /** Every live read (describe and query), by workflow id: an ordinary case read makes none. */
    viewCalls: [] as string[],

    async start(workflowId: string, input: DisputeWorkflowInput) {
      fake.startCalls += 1;
      if (fake.failNextStarts > 0) {
        fake.failNextStarts -= 1;
        throw Object.assign(new Error('14 UNAVAILABLE: connection refused'), { name: 'ServiceError' });
      }
      if (!fake.started.has(workflowId)) {
        fake.started.set(workflowId, input);
        fake.states.set(workflowId, fakeDisputeState(input.caseId, { townCode: input.townCode }));
      }
    },
    async closeAsMerged(workflowId: string, merge: { actorId: string; mergedIntoCaseId: string }) {
      fake.closedAsMerged.push({ workflowId, ...merge });
    },
    async act(workflowId: string, input: ActInput, updateId: string): Promise<DisputeState> {
      const state = fake.states.get(workflowId);
      if (fake.notRunning || !state) throw actProblemOf(new WorkflowNotFoundError('not found', workflowId, undefined));
      throwRejectionIfSet();
      // Temporal applies an Update id once: the same id again returns the result without acting twice.
      if (!fake.updates.some((u) => u.workflowId === workflowId && u.updateId === updateId)) {
        fake.updates.push({ workflowId, updateId, input });
        await fake.onAct?.(workflowId, input);
      }
      return fake.states.get(workflowId) ?? state;
    },
    async reassign(workflowId: string, input: ReassignInput, updateId: string): Promise<DisputeState> {
      const state = fake.states.get(workflowId);
      if (fake.notRunning || !state) throw actProblemOf(new WorkflowNotFoundError('not found', workflowId, undefined));
      throwRejectionIfSet();
      if (!fake.reassignments.some((u) => u.workflowId === workflowId && u.updateId === updateId)) {
        fake.reassignments.push({ workflowId, updateId, input });
        // What the workflow does: the open action (and, for the mediate task, the case) changes hands.
        const action = state.openActions.find((open) => open.actionId === input.actionId);
        if (action) {
          action.assigneeStaffId = input.toStaffId;
          if (action.kind === 'mediate') state.responsibleStaffId = input.toStaffId;
        }
      }
      return state;
    },
    async view(workflowId: string): Promise<CaseWorkflowView> {
      fake.viewCalls.push(workflowId);
      const state = fake.states.get(workflowId);
      return state ? workflowViewOf(workflowId, 'RUNNING', state) : unknownWorkflowView(workflowId, 'NOT_STARTED');
    },
  } satisfies CaseWorkflows & Record<string, unknown>;
  return fake;
}

/** Keeps audit entries in memory so tests can check who did what. */
export function createInMemoryAuditTrail(): AuditTrail & { entries: AuditEntry[] } {
  const entries: AuditEntry[] = [];
  return {
    entries,
    async record(entry) {
      entries.push(entry);
    },
  };
}
