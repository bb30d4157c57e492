/**
 * A person who can no longer work a task gives it back: agency-service publishes `gongzhi.agency.staff-changed` when
 * an account's roles, active flag or name change, and this consumer releases the open tasks of the account's town it
 * holds when the account was deactivated (all of them) or lost every role one of them needs (those), so no case waits
 * on someone who cannot sign in or act. Each release is what an unclaim writes (the holder cleared, a mediator kept as
 * a watcher, an audit record), attributed to whoever changed the account, with a note and a timeline entry giving the
 * typed reason. A reactivation, a name change or roles that still fit change nothing.
 *
 * As an unclaim, it leaves a task whose holder the workflow named (the responsible mediator) to a supervisor, who
 * hands it on through the workflow (POST /tasks/{id}/reassign): it is logged, by ids.
 *
 * Each event is applied once (its processed-event record commits with the releases); a release applies only while
 * the person still holds the task and has held it since before the change, so a late copy of an older change never
 * takes back a task given to them after a newer one.
 */
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { DomainEventType, EventData, AuditAction } from '@gongzhi/contracts';
import type { AuditEntry } from '@gongzhi/http';
import { type IdempotentConsumer, isTransientError, type MessageProcessorOptions } from '@gongzhi/outbox';
import { type CaseConsumerOptions, createCaseConsumer } from '../consumers/case-consumer';
import type { Prisma } from '../generated/prisma/client';
import {
  auditIn,
  type HeldTask,
  heldTasksIn,
  releaseTaskIn,
  type TaskRelease,
  type TaskReleaseReason,
} from './held-tasks';

/** The name processed events are recorded under. */
export const STAFF_CHANGES_CONSUMER = 'case-staff-changes';

/** The audit action of a release: an unclaim, with why (`task.unclaim.assignee-deactivated`). */
export function releaseAuditAction(reason: TaskReleaseReason): AuditAction {
  return `task.unclaim.${reason}` as const;
}

/**
 * The consumer group of staff changes, beside the party events' group (`CASE_CONSUMER_GROUP`): a stack that names its
 * own group (tests side by side) gets its own of this one too.
 */
export function staffChangesGroupOf(caseConsumerGroup: string): string {
  return `${caseConsumerGroup}.staff-changes`;
}

const STAFF_CHANGED: DomainEventType = 'gongzhi.agency.staff-changed';

/** A person holding many tasks is released in one transaction, with its audit rows; database work only. */
const TRANSACTION_TIMEOUT_MS = 60_000;

type StaffChanged = EventData<'gongzhi.agency.staff-changed'>;

/** Why a task the person holds stays theirs although the change would release it. */
export type KeptBecause = 'workflow-named' | 'held-after-the-change';

/** What to do with the tasks a person holds after a change of their account. */
export interface ReleasePlan {
  reason: TaskReleaseReason | undefined;
  release: HeldTask[];
  kept: { taskId: string; why: KeptBecause }[];
}

/**
 * Why the change takes tasks from the person, if it does: deactivated, or (still active) a change of their roles.
 * A reactivation or a new name takes nothing.
 */
export function releaseReasonOf(data: Pick<StaffChanged, 'active' | 'changedFields'>): TaskReleaseReason | undefined {
  if (!data.active) return 'assignee-deactivated';
  if (data.changedFields.includes('roles')) return 'assignee-role-removed';
  return undefined;
}

/** Whether the roles still let the person work the task (any one of the roles it needs). */
function mayWork(roles: readonly string[], task: HeldTask): boolean {
  return task.roles.some((role) => roles.includes(role));
}

/**
 * The tasks the change releases: for a deactivation, every open task of the event's town the person holds; for a
 * change of roles, those none of their roles may work. Of those, a task the workflow named them for, or one they came
 * to hold after the change (a later change gave them back what this one took), is kept.
 */
export function planRelease(
  data: Pick<StaffChanged, 'staffId' | 'townCode' | 'roles' | 'active' | 'changedFields'>,
  changedAt: Date,
  held: readonly HeldTask[],
): ReleasePlan {
  const reason = releaseReasonOf(data);
  const plan: ReleasePlan = { reason, release: [], kept: [] };
  if (reason === undefined) return plan;
  const affected = held.filter(
    (task) =>
      task.assigneeStaffId === data.staffId &&
      task.townCode === data.townCode &&
      (reason === 'assignee-deactivated' || !mayWork(data.roles, task)),
  );
  for (const task of affected) {
    if (task.workflowAssigned) plan.kept.push({ taskId: task.id, why: 'workflow-named' });
    else if (task.assignedAt === null || task.assignedAt.getTime() > changedAt.getTime()) {
      plan.kept.push({ taskId: task.id, why: 'held-after-the-change' });
    } else plan.release.push(task);
  }
  return plan;
}

export interface StaffChangesDeps<Tx> {
  /** The open tasks of the town the person holds. */
  heldTasks(tx: Tx, staffId: string, townCode: string): Promise<HeldTask[]>;
  /** Gives one back to its queue, with its note and timeline entry; false when it changed meanwhile. */
  release(tx: Tx, task: HeldTask, release: TaskRelease): Promise<boolean>;
  /** Appends audit records in `tx`. */
  audit(tx: Tx, entries: readonly AuditEntry[]): Promise<void>;
  logger: Pick<Logger, 'info' | 'warn'>;
  now?: () => Date;
  newId?: () => string;
}

/** What one event did (ids only). */
export interface StaffChangeReport {
  reason: TaskReleaseReason | undefined;
  released: string[];
  kept: ReleasePlan['kept'];
}

/** Applies one `staff-changed` event in `tx`: releases what the change takes from the person, and audits each. */
export async function applyStaffChanged<Tx>(
  tx: Tx,
  event: { id: string; time: string; data: StaffChanged },
  deps: StaffChangesDeps<Tx>,
): Promise<StaffChangeReport> {
  const { data } = event;
  const reason = releaseReasonOf(data);
  if (reason === undefined) return { reason, released: [], kept: [] };
  const now = deps.now ?? (() => new Date());
  const newId = deps.newId ?? randomUUID;
  const changedAt = new Date(event.time);
  const plan = planRelease(data, changedAt, await deps.heldTasks(tx, data.staffId, data.townCode));
  const at = now();
  const released: HeldTask[] = [];
  for (const task of plan.release) {
    const done = await deps.release(tx, task, {
      fromStaffId: data.staffId,
      by: data.changedBy,
      authorAgencyId: data.agencyId,
      reason,
      changedAt,
      at,
      noteId: newId(),
    });
    if (done) released.push(task);
  }
  await deps.audit(
    tx,
    released.map((task) => ({
      actor: data.changedBy,
      action: releaseAuditAction(reason),
      objectType: 'task',
      objectId: task.id,
      // Which event caused it (its id), and which account at which version.
      requestId: event.id,
      callerRequestId: `staff/${data.staffId}/version/${data.version}`,
    })),
  );
  const report: StaffChangeReport = { reason, released: released.map((task) => task.id), kept: plan.kept };
  const workflowNamed = plan.kept.filter((kept) => kept.why === 'workflow-named').map((kept) => kept.taskId);
  if (workflowNamed.length > 0) {
    // Ids only. The workflow names this holder; a supervisor hands the task on through it.
    deps.logger.warn(
      { eventId: event.id, staffId: data.staffId, reason, taskIds: workflowNamed },
      'tasks the workflow names the person for are not released: a supervisor must reassign them',
    );
  }
  if (report.released.length > 0 || plan.kept.length > 0) {
    deps.logger.info(
      { eventId: event.id, staffId: data.staffId, version: data.version, ...report },
      'tasks of a changed staff account released',
    );
  }
  return report;
}

/** Retried on the same message: the database down or slow, or a transaction that outlived its timeout (P2028). */
export function isStaffChangesTransient(error: unknown): boolean {
  if (isTransientError(error)) return true;
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'P2028';
}

/** How this consumer applies an event, apart from Kafka and the database: the unit tests run it on fakes. */
export function staffChangesHandling<Tx>(
  deps: StaffChangesDeps<Tx>,
): Pick<MessageProcessorOptions<Tx>, 'consumer' | 'handle' | 'handles' | 'isTransient'> {
  return {
    consumer: STAFF_CHANGES_CONSUMER,
    handles: (type) => type === STAFF_CHANGED,
    handle: async (event, tx) => {
      if (event.type !== 'gongzhi.agency.staff-changed') return;
      await applyStaffChanged(tx, event, deps);
    },
    isTransient: isStaffChangesTransient,
  };
}

export interface StaffChangesConsumerOptions extends CaseConsumerOptions {
  /** The service's audit chain key (AUDIT_CHAIN_KEY_FILE). */
  auditChainKey: Buffer;
}

/**
 * Consumes agency.events: each `staff-changed` once, its releases, notes, timeline entries and audit records in the
 * transaction that records the event. Poison goes to the dead-letter topic.
 */
export function createStaffChangesConsumer(options: StaffChangesConsumerOptions): IdempotentConsumer {
  const logger = options.logger.child({ component: 'staff-changes-consumer' });
  const handling = staffChangesHandling<Prisma.TransactionClient>({
    heldTasks: heldTasksIn,
    release: releaseTaskIn,
    audit: (tx, entries) => auditIn(tx, options.auditChainKey, entries),
    logger,
  });
  return createCaseConsumer(options, handling, { logger, transactionTimeoutMs: TRANSACTION_TIMEOUT_MS });
}
