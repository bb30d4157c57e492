/**
 * The repairs an administrator can ask for, from the forms' values: the request case-service takes (one case, or a
 * batch over the stuck scan), and the sentence the confirmation asks about, saying what will happen.
 */
import type { CaseSchemas } from '../common/api/client';

export type RepairKind = CaseSchemas['RepairKind'];
export type RepairRequest = CaseSchemas['RepairRequest'];
export type BatchRepair = CaseSchemas['BatchRepair'];
export type RepairRecord = CaseSchemas['RepairRecord'];
export type ClockUnit = Extract<RepairRequest, { kind: 'extend-deadline' }>['unit'];

export const REPAIR_KINDS: readonly RepairKind[] = [
  'retry-activity',
  'reassign-task',
  'reopen-task',
  'resend-urging',
  'extend-deadline',
  'terminate',
  'reset',
];

export const CLOCK_UNITS: readonly ClockUnit[] = ['working-days', 'calendar-days'];

/** The repairs that cannot be undone by another repair: asked about in danger style. */
export const DANGEROUS_REPAIRS: ReadonlySet<RepairKind> = new Set<RepairKind>(['terminate', 'reset']);

/** The repairs that act on one task of the case. */
export const TASK_REPAIRS: ReadonlySet<RepairKind> = new Set<RepairKind>([
  'reassign-task',
  'reopen-task',
  'extend-deadline',
]);

/** The reason's bounds, as case-service counts them (after trimming). */
export const REASON_MIN = 5;
export const REASON_MAX = 500;
export const AMOUNT_MIN = 1;
export const AMOUNT_MAX = 365;

export function reasonProblem(reason: string | undefined): 'required' | 'too-short' | 'too-long' | undefined {
  const trimmed = (reason ?? '').trim();
  if (trimmed.length === 0) return 'required';
  if (trimmed.length < REASON_MIN) return 'too-short';
  if (trimmed.length > REASON_MAX) return 'too-long';
  return undefined;
}

/** A repair form's values, whatever its kind; the fields a kind does not use are ignored. */
export interface RepairFormValues {
  kind: RepairKind;
  reason?: string;
  /** retry-activity: one pending activity; empty for all failing ones. */
  activityId?: string;
  taskId?: string;
  toStaffId?: string;
  amount?: number | null;
  unit?: ClockUnit;
  /** reset: a WorkflowTaskCompleted event; empty for the last good point. */
  toEventId?: number | null;
}

/** The single-case request of the form's values (the form's rules have checked them), or undefined if incomplete. */
export function repairRequestOf(values: RepairFormValues): RepairRequest | undefined {
  const reason = (values.reason ?? '').trim();
  switch (values.kind) {
    case 'retry-activity':
      return { kind: 'retry-activity', reason, ...(values.activityId ? { activityId: values.activityId } : {}) };
    case 'reassign-task':
      return values.taskId && values.toStaffId
        ? { kind: 'reassign-task', reason, taskId: values.taskId, toStaffId: values.toStaffId }
        : undefined;
    case 'reopen-task':
      return values.taskId ? { kind: 'reopen-task', reason, taskId: values.taskId } : undefined;
    case 'resend-urging':
      return { kind: 'resend-urging', reason };
    case 'extend-deadline':
      return values.taskId && values.amount && values.unit
        ? { kind: 'extend-deadline', reason, taskId: values.taskId, amount: values.amount, unit: values.unit }
        : undefined;
    case 'terminate':
      return { kind: 'terminate', reason };
    case 'reset':
      return { kind: 'reset', reason, ...(values.toEventId ? { toEventId: values.toEventId } : {}) };
  }
}

/** The repair a batch applies to every item it finds (tasks come from the items), or undefined if incomplete. */
export function batchRepairOf(values: RepairFormValues): BatchRepair | undefined {
  switch (values.kind) {
    case 'reassign-task':
      return values.toStaffId ? { kind: 'reassign-task', toStaffId: values.toStaffId } : undefined;
    case 'extend-deadline':
      return values.amount && values.unit
        ? { kind: 'extend-deadline', amount: values.amount, unit: values.unit }
        : undefined;
    default:
      return { kind: values.kind };
  }
}

/** Names the confirmation uses for the ids a repair carries (the page knows them; this module does not). */
export interface RepairNames {
  /** The task, as people read it: its kind and agency. */
  task?: string;
  /** The person a task goes to. */
  staff?: string;
  /** The activity to retry: its type. */
  activity?: string;
  /** The clock unit, in words. */
  unit?: string;
}

/** A string key (in the `admin` namespace) and its values. */
export interface Sentence {
  key: string;
  values: Record<string, string | number>;
}

/** What a repair of one case will do, as the confirmation says it before anything is sent. */
export function repairConfirmation(request: RepairRequest, names: RepairNames): Sentence {
  switch (request.kind) {
    case 'retry-activity':
      return request.activityId
        ? { key: 'confirm.retry-activity-one', values: { activity: names.activity ?? request.activityId } }
        : { key: 'confirm.retry-activity-all', values: {} };
    case 'reassign-task':
      return {
        key: 'confirm.reassign-task',
        values: { task: names.task ?? request.taskId, staff: names.staff ?? request.toStaffId },
      };
    case 'reopen-task':
      return { key: 'confirm.reopen-task', values: { task: names.task ?? request.taskId } };
    case 'resend-urging':
      return { key: 'confirm.resend-urging', values: {} };
    case 'extend-deadline':
      return {
        key: `confirm.extend-deadline.${request.unit}`,
        values: { task: names.task ?? request.taskId, amount: request.amount },
      };
    case 'terminate':
      return { key: 'confirm.terminate', values: {} };
    case 'reset':
      return request.toEventId
        ? { key: 'confirm.reset-to-event', values: { eventId: request.toEventId } }
        : { key: 'confirm.reset-last-good', values: {} };
  }
}

/** What a batch will do to the `total` items its dry run found. */
export function batchConfirmation(repair: BatchRepair, total: number, names: RepairNames): Sentence {
  switch (repair.kind) {
    case 'reassign-task':
      return { key: 'batchConfirm.reassign-task', values: { count: total, staff: names.staff ?? repair.toStaffId } };
    case 'extend-deadline':
      return { key: `batchConfirm.extend-deadline.${repair.unit}`, values: { count: total, amount: repair.amount } };
    default:
      return { key: `batchConfirm.${repair.kind}`, values: { count: total } };
  }
}
