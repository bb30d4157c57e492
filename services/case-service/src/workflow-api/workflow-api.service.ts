import { randomUUID } from 'node:crypto';
import type {
  CaseProgressRequest,
  CaseProgressResponse,
  CloseTaskRequest,
  CloseTaskResponse,
  CommitTransitionRequest,
  CommitTransitionResponse,
  OpenTaskRequest,
  RecordTimelineRequest,
  RecordTimelineResponse,
  RemindTaskRequest,
  RemindTaskResponse,
  TaskView,
  AuditAction,
} from '@gongzhi/contracts';
import { AppError, ConflictError, ValidationError } from '@gongzhi/errors';
import type { AuditTrail } from '@gongzhi/http';
import type { Logger } from 'pino';
import type { CasesRepository } from '../cases/cases.repository';
import type { CallContext } from '../kernel/call-context';
import { toTaskView } from '../tasks/task-view';
import type { TaskRecord } from '../tasks/tasks.model';
import type { TasksRepository } from '../tasks/tasks.repository';

/**
 * The case the workflow writes for does not exist here. The worker's activities turn this problem type
 * (`urn:gongzhi:problem:case-not-found`) into the non-retryable `CaseNotFound` failure: retrying cannot help.
 */
export class CaseNotFoundError extends AppError {
  constructor(caseId: string) {
    super(404, 'case-not-found', 'Case not found', {
      detail: `case-service has no case ${caseId}: the workflow belongs to a case of another database, or a deleted one.`,
      extensions: { caseId },
    });
  }
}

export interface WorkflowApiServiceDeps {
  tasks: TasksRepository;
  cases: CasesRepository;
  audit: AuditTrail;
  logger: Logger;
  newId?: () => string;
}

/** A write and whether it created something (201) or found it already there (200). */
export interface Created<T> {
  created: boolean;
  body: T;
}

/** What the dispute workflow's activities do in case-service. Every call is idempotent on the workflow's keys. */
export interface WorkflowApiService {
  openTask(ctx: CallContext, caseId: string, actionId: string, request: OpenTaskRequest): Promise<Created<TaskView>>;
  closeTask(ctx: CallContext, caseId: string, actionId: string, request: CloseTaskRequest): Promise<CloseTaskResponse>;
  remindTask(
    ctx: CallContext,
    caseId: string,
    actionId: string,
    request: RemindTaskRequest,
  ): Promise<RemindTaskResponse>;
  recordTimeline(
    ctx: CallContext,
    caseId: string,
    eventKey: string,
    request: RecordTimelineRequest,
  ): Promise<Created<RecordTimelineResponse>>;
  updateProgress(ctx: CallContext, caseId: string, request: CaseProgressRequest): Promise<CaseProgressResponse>;
  /**
   * Every write of one workflow transition in one database transaction, in order, with their outbox events: a
   * transition lands whole or not at all. Each write is idempotent on its own key, so the retried call changes nothing.
   */
  commitTransition(
    ctx: CallContext,
    caseId: string,
    transitionKey: string,
    request: CommitTransitionRequest,
  ): Promise<CommitTransitionResponse>;
}

export function createWorkflowApiService(deps: WorkflowApiServiceDeps): WorkflowApiService {
  const newId = deps.newId ?? randomUUID;

  /** Only writes that changed something are audited: a retried activity adds no second record. */
  function audit(ctx: CallContext, action: AuditAction, objectType: string, objectId: string): Promise<void> {
    return deps.audit.record({ actor: ctx.principal.staffId, action, objectType, objectId, requestId: ctx.requestId });
  }

  /** The case the workflow writes for; 404 when unknown, 409 when it belongs to another workflow. */
  async function caseOfWorkflow(caseId: string, workflowId: string) {
    const record = await deps.cases.findById(caseId);
    if (!record) throw new CaseNotFoundError(caseId);
    if (record.workflowId !== workflowId) {
      // Another case's workflow writing here is a routing bug; writing its task into this case would hide it.
      throw new ConflictError(`Case ${caseId} belongs to workflow ${record.workflowId}, not ${workflowId}.`);
    }
    return record;
  }

  function otherCaseKey(eventKey: string): ConflictError {
    return new ConflictError(
      `Event key ${eventKey} already names an event of another case: keys start with the case id.`,
    );
  }

  type Tx = Parameters<TasksRepository['open']>[1];
  type Audit = [action: AuditAction, objectType: string, objectId: string];
  /**
   * One write's effect: the audit record that says what it changed, null when it changed nothing (a retry), and what
   * it leaves.
   */
  interface Applied<T> {
    audit: Audit | null;
    result: T;
  }
  const changedBy = (applied: Applied<unknown>): boolean => applied.audit !== null;

  /**
   * Each write as one transition or its own route makes it, in the caller's transaction (`tx`) or one of its own:
   * the two routes to the same effect share their checks.
   */
  const writes = {
    async timeline(caseId: string, eventKey: string, event: RecordTimelineRequest, tx?: Tx): Promise<Applied<null>> {
      const outcome = await deps.cases.recordWorkflowEvent(caseId, eventKey, event, tx);
      if (outcome === 'case-not-found') throw new CaseNotFoundError(caseId);
      if (outcome === 'other-case') throw otherCaseKey(eventKey);
      return { audit: outcome === 'created' ? ['case.timeline.record', 'case', caseId] : null, result: null };
    },

    async openTask(
      record: { id: string; townCode: string },
      workflowId: string,
      action: OpenTaskRequest['action'],
      tx?: Tx,
    ): Promise<Applied<TaskRecord>> {
      const { created, task } = await deps.tasks.open(
        { id: newId(), caseId: record.id, townCode: record.townCode, workflowId, action },
        tx,
      );
      return { audit: created ? ['task.open', 'task', task.id] : null, result: task };
    },

    async closeTask(
      caseId: string,
      actionId: string,
      request: Pick<CloseTaskRequest, 'outcome' | 'closedBy' | 'closedAt'>,
      tx?: Tx,
    ): Promise<Applied<TaskRecord | null>> {
      const closure = { outcome: request.outcome, closedBy: request.closedBy, closedAt: new Date(request.closedAt) };
      const { task, changed } = await deps.tasks.close(caseId, actionId, closure, tx);
      const action = request.outcome === 'completed' ? 'task.complete' : 'task.cancel';
      return { audit: task && changed ? [action, 'task', task.id] : null, result: task ?? null };
    },

    async remindTask(
      caseId: string,
      actionId: string,
      remindedAt: string,
      tx?: Tx,
    ): Promise<Applied<TaskRecord | null>> {
      const { task, changed } = await deps.tasks.remind(caseId, actionId, new Date(remindedAt), tx);
      return { audit: task && changed ? ['task.remind', 'task', task.id] : null, result: task ?? null };
    },

    async progress(caseId: string, progress: CaseProgressRequest, tx?: Tx): Promise<Applied<CaseProgressResponse>> {
      const outcome = await deps.cases.applyProgress(caseId, progress, tx);
      if (outcome === 'not-found') throw new CaseNotFoundError(caseId);
      return { audit: outcome.applied ? ['case.progress', 'case', caseId] : null, result: outcome };
    },
  };

  /** A transition's write, dispatched to the same code its own route runs. */
  function applyWrite(
    record: { id: string; townCode: string },
    workflowId: string,
    write: CommitTransitionRequest['writes'][number],
    tx: Tx,
  ): Promise<Applied<unknown>> {
    switch (write.kind) {
      case 'timeline': {
        const { kind: _kind, eventKey, ...event } = write;
        return writes.timeline(record.id, eventKey, event, tx);
      }
      case 'open-task':
        return writes.openTask(record, workflowId, write.action, tx);
      case 'close-task':
        return writes.closeTask(record.id, write.actionId, write, tx);
      case 'remind-task':
        return writes.remindTask(record.id, write.actionId, write.remindedAt, tx);
      case 'progress': {
        const { kind: _kind, ...progress } = write;
        return writes.progress(record.id, progress, tx);
      }
    }
  }

  async function auditAll(ctx: CallContext, audits: readonly (Audit | null)[]): Promise<void> {
    // Recorded in one turn, so the trail writes them in one INSERT.
    await Promise.all(audits.flatMap((entry) => (entry ? [audit(ctx, ...entry)] : [])));
  }

  return {
    async openTask(ctx, caseId, actionId, request) {
      if (request.action.actionId !== actionId) {
        throw new ValidationError('The action id in the path and in the body differ: send the same id in both.', [
          { path: 'action.actionId', message: `expected ${actionId}` },
        ]);
      }
      const record = await caseOfWorkflow(caseId, request.workflowId);
      const opened = await writes.openTask(record, request.workflowId, request.action);
      await auditAll(ctx, [opened.audit]);
      const created = changedBy(opened);
      if (created) deps.logger.info({ caseId, taskId: opened.result.id, kind: opened.result.kind }, 'task opened');
      return { created, body: toTaskView(opened.result) };
    },

    async closeTask(ctx, caseId, actionId, request) {
      const closed = await writes.closeTask(caseId, actionId, request);
      const task = closed.result;
      if (!task) {
        // Nothing to close is as good as closed for the workflow: it must never wait on a task that never opened.
        deps.logger.warn({ caseId, actionId }, 'workflow closed a task case-service does not know');
        return { closed: false, changed: false, task: null };
      }
      await auditAll(ctx, [closed.audit]);
      return { closed: true, changed: changedBy(closed), task: toTaskView(task) };
    },

    async remindTask(ctx, caseId, actionId, request) {
      const reminded = await writes.remindTask(caseId, actionId, request.remindedAt);
      const task = reminded.result;
      if (!task) {
        deps.logger.warn({ caseId, actionId }, 'workflow reminded a task case-service does not know');
        return { reminded: false, changed: false, task: null };
      }
      await auditAll(ctx, [reminded.audit]);
      return { reminded: task.remindedAt !== null, changed: changedBy(reminded), task: toTaskView(task) };
    },

    async recordTimeline(ctx, caseId, eventKey, request) {
      const recorded = await writes.timeline(caseId, eventKey, request);
      await auditAll(ctx, [recorded.audit]);
      const created = changedBy(recorded);
      return { created, body: { eventKey, created } };
    },

    async updateProgress(ctx, caseId, request) {
      const applied = await writes.progress(caseId, request);
      await auditAll(ctx, [applied.audit]);
      if (changedBy(applied)) {
        deps.logger.info(
          { caseId, progressSeq: request.progressSeq, phase: request.phase, level: request.level },
          'case progress applied',
        );
      }
      return applied.result;
    },

    async commitTransition(ctx, caseId, transitionKey, request) {
      const record = await caseOfWorkflow(caseId, request.workflowId);
      const applied = await deps.cases.transaction(async (tx) => {
        const done: Applied<unknown>[] = [];
        for (const write of request.writes) done.push(await applyWrite(record, request.workflowId, write, tx));
        return done;
      });
      // After the commit, like each write alone.
      await auditAll(
        ctx,
        applied.map((write) => write.audit),
      );
      const changed = applied.map(changedBy);
      if (changed.some(Boolean)) {
        deps.logger.info(
          { caseId, transitionKey, writes: request.writes.length, changed: changed.filter(Boolean).length },
          'transition committed',
        );
      }
      return { transitionKey, changed };
    },
  };
}
