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
} from '@gongzhi/contracts';
import { AppError, ConflictError, ValidationError } from '@gongzhi/errors';
import type { AuditTrail } from '@gongzhi/http';
import type { Logger } from 'pino';
import type { CasesRepository } from '../cases/cases.repository';
import type { CallContext } from '../cases/cases.service';
import type { TasksRepository } from '../tasks/tasks.repository';
import { toTaskView } from '../tasks/tasks.service';

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
  function audit(ctx: CallContext, action: string, objectType: string, objectId: string): Promise<void> {
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

  return {
    async openTask(ctx, caseId, actionId, request) {
      if (request.action.actionId !== actionId) {
        throw new ValidationError('The action id in the path and in the body differ: send the same id in both.', [
          { path: 'action.actionId', message: `expected ${actionId}` },
        ]);
      }
      const record = await caseOfWorkflow(caseId, request.workflowId);
      const { created, task } = await deps.tasks.open({
        id: newId(),
        caseId,
        townCode: record.townCode,
        workflowId: request.workflowId,
        action: request.action,
      });
      if (created) {
        await audit(ctx, 'task.open', 'task', task.id);
        deps.logger.info({ caseId, taskId: task.id, kind: task.kind }, 'task opened');
      }
      return { created, body: toTaskView(task) };
    },

    async closeTask(ctx, caseId, actionId, request) {
      const { task, changed } = await deps.tasks.close(caseId, actionId, {
        outcome: request.outcome,
        closedBy: request.closedBy,
        closedAt: new Date(request.closedAt),
      });
      if (!task) {
        // Nothing to close is as good as closed for the workflow: it must never wait on a task that never opened.
        deps.logger.warn({ caseId, actionId }, 'workflow closed a task case-service does not know');
        return { closed: false, changed: false, task: null };
      }
      if (changed) await audit(ctx, `task.${request.outcome === 'completed' ? 'complete' : 'cancel'}`, 'task', task.id);
      return { closed: true, changed, task: toTaskView(task) };
    },

    async remindTask(ctx, caseId, actionId, request) {
      const { task, changed } = await deps.tasks.remind(caseId, actionId, new Date(request.remindedAt));
      if (!task) {
        deps.logger.warn({ caseId, actionId }, 'workflow reminded a task case-service does not know');
        return { reminded: false, changed: false, task: null };
      }
      if (changed) await audit(ctx, 'task.remind', 'task', task.id);
      return { reminded: task.remindedAt !== null, changed, task: toTaskView(task) };
    },

    async recordTimeline(ctx, caseId, eventKey, request) {
      const outcome = await deps.cases.recordWorkflowEvent(caseId, eventKey, request);
      switch (outcome) {
        case 'case-not-found':
          throw new CaseNotFoundError(caseId);
        case 'other-case':
          throw otherCaseKey(eventKey);
        case 'created':
          await audit(ctx, 'case.timeline.record', 'case', caseId);
          return { created: true, body: { eventKey, created: true } };
        case 'exists':
          return { created: false, body: { eventKey, created: false } };
      }
    },

    async updateProgress(ctx, caseId, request) {
      const outcome = await deps.cases.applyProgress(caseId, request);
      if (outcome === 'not-found') throw new CaseNotFoundError(caseId);
      if (outcome.applied) {
        await audit(ctx, 'case.progress', 'case', caseId);
        deps.logger.info(
          { caseId, progressSeq: request.progressSeq, phase: request.phase, level: request.level },
          'case progress applied',
        );
      }
      return outcome;
    },

    async commitTransition(ctx, caseId, transitionKey, request) {
      const record = await caseOfWorkflow(caseId, request.workflowId);
      const audits: [action: string, objectType: string, objectId: string][] = [];
      const changed = await deps.cases.transaction(async (tx) => {
        const done: boolean[] = [];
        for (const write of request.writes) {
          switch (write.kind) {
            case 'timeline': {
              const { kind: _kind, eventKey, ...event } = write;
              const outcome = await deps.cases.recordWorkflowEvent(caseId, eventKey, event, tx);
              if (outcome === 'case-not-found') throw new CaseNotFoundError(caseId);
              if (outcome === 'other-case') throw otherCaseKey(eventKey);
              if (outcome === 'created') audits.push(['case.timeline.record', 'case', caseId]);
              done.push(outcome === 'created');
              break;
            }
            case 'open-task': {
              const opened = await deps.tasks.open(
                {
                  id: newId(),
                  caseId,
                  townCode: record.townCode,
                  workflowId: request.workflowId,
                  action: write.action,
                },
                tx,
              );
              if (opened.created) audits.push(['task.open', 'task', opened.task.id]);
              done.push(opened.created);
              break;
            }
            case 'close-task': {
              const closure = { outcome: write.outcome, closedBy: write.closedBy, closedAt: new Date(write.closedAt) };
              const { task, changed: closed } = await deps.tasks.close(caseId, write.actionId, closure, tx);
              if (task && closed)
                audits.push([`task.${write.outcome === 'completed' ? 'complete' : 'cancel'}`, 'task', task.id]);
              done.push(closed);
              break;
            }
            case 'remind-task': {
              const { task, changed: reminded } = await deps.tasks.remind(
                caseId,
                write.actionId,
                new Date(write.remindedAt),
                tx,
              );
              if (task && reminded) audits.push(['task.remind', 'task', task.id]);
              done.push(reminded);
              break;
            }
            case 'progress': {
              const { kind: _kind, ...progress } = write;
              const outcome = await deps.cases.applyProgress(caseId, progress, tx);
              if (outcome === 'not-found') throw new CaseNotFoundError(caseId);
              if (outcome.applied) audits.push(['case.progress', 'case', caseId]);
              done.push(outcome.applied);
              break;
            }
          }
        }
        return done;
      });
      // After the commit, like each write alone: the records of one turn are written in one INSERT.
      await Promise.all(audits.map(([action, objectType, objectId]) => audit(ctx, action, objectType, objectId)));
      if (audits.length > 0) {
        deps.logger.info(
          { caseId, transitionKey, writes: request.writes.length, changed: audits.length },
          'transition committed',
        );
      }
      return { transitionKey, changed };
    },
  };
}
