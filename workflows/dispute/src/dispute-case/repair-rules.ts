/**
 * Whether an administrator's repair or a reassignment fits the case as it stands. Pure functions of the state, for the
 * Update validators and the processing step alike.
 */
import {
  DISPUTE_REJECTIONS,
  type DisputeState,
  type ReassignInput,
  type RepairInput,
  CLOCK_UNITS,
  isUuid,
  WORKFLOW_REPAIR_KINDS,
} from '@gongzhi/contracts/dispute';
import { checkActor, isCoordinator, type Rejection, reject } from './rejections';

/** The rejection for a reassignment in this state, or null when it is legal. */
export function checkReassign(state: DisputeState, input: ReassignInput): Rejection | null {
  const { actor } = input;
  const unknownActor = checkActor(state, actor);
  if (unknownActor) return unknownActor;
  if (!isUuid(input.toStaffId)) {
    return reject(DISPUTE_REJECTIONS.invalidInput, 'Name the colleague who takes the task over.');
  }
  const task = state.openActions.find((open) => open.actionId === input.actionId);
  if (!task) {
    return reject(DISPUTE_REJECTIONS.staleTask, 'This task is no longer open: reload the case to see what is due now.');
  }
  if (task.assigneeStaffId === null) {
    return reject(
      DISPUTE_REJECTIONS.illegalAction,
      'This task belongs to no one in particular: a colleague claims it.',
    );
  }
  if (task.assigneeStaffId === input.toStaffId) {
    return reject(DISPUTE_REJECTIONS.illegalAction, 'The task already belongs to that person.');
  }
  const supervisor =
    (actor.agencyId === task.agencyId && actor.roles.includes('liaison')) || isCoordinator(state, actor);
  if (!supervisor) {
    return reject(
      DISPUTE_REJECTIONS.notAllowed,
      "Only the task agency's liaisons or the town's coordinators may hand a task to someone else.",
    );
  }
  return null;
}

/** An administrator's repair moves a deadline by at most a year: more is a new case, not a repair. */
const MAX_REPAIR_CLOCK_AMOUNT = 365;
/** case-service's repair log ids and staff ids: short codes, never free text. */
const REPAIR_ID = /^[0-9A-Za-z:_-]{1,128}$/;

/** The rejection for an administrator's repair in this state, or null when it fits. */
export function checkRepair(state: DisputeState, input: RepairInput): Rejection | null {
  if (!isUuid(input?.actorId) || typeof input.repairId !== 'string' || !REPAIR_ID.test(input.repairId)) {
    return reject(DISPUTE_REJECTIONS.invalidInput, 'Say which administrator repairs, and the repair log entry.');
  }
  const repair = input.repair;
  if (!repair || !(WORKFLOW_REPAIR_KINDS as readonly string[]).includes(repair.kind)) {
    return reject(DISPUTE_REJECTIONS.invalidInput, `Say which repair: one of ${WORKFLOW_REPAIR_KINDS.join(', ')}.`);
  }
  if (state.phase === 'closed') {
    return reject(DISPUTE_REJECTIONS.closed, 'The case is closed: there is nothing to repair in its workflow.');
  }
  if (repair.kind === 'retry-now') {
    return state.blocked
      ? null
      : reject(
          DISPUTE_REJECTIONS.illegalAction,
          'Nothing is blocked in this workflow: an activity Temporal is still retrying is retried through Temporal.',
        );
  }
  // The main loop is waiting inside the blocked side effect: nothing else can be applied until it gets through.
  if (state.blocked) {
    return reject(
      DISPUTE_REJECTIONS.illegalAction,
      `The workflow is blocked on ${state.blocked.activity}: fix the cause and retry it first.`,
    );
  }
  if (repair.kind === 'resend-urging') {
    return state.phase === 'transfer' && state.clocks.acceptance?.expiredAt
      ? null
      : reject(DISPUTE_REJECTIONS.illegalAction, 'Only an overdue transfer can be urged again.');
  }
  const task = state.openActions.find((open) => open.actionId === repair.actionId);
  if (!task) {
    return reject(DISPUTE_REJECTIONS.staleTask, 'This task is no longer open: reload the case to see what is due now.');
  }
  if (repair.kind === 'reassign-task') {
    if (!isUuid(repair.toStaffId)) {
      return reject(DISPUTE_REJECTIONS.invalidInput, 'Name the person who takes the task over.');
    }
    if (task.assigneeStaffId === repair.toStaffId) {
      return reject(DISPUTE_REJECTIONS.illegalAction, 'The task already belongs to that person.');
    }
  }
  if (repair.kind === 'extend-deadline') {
    const clock = repair.clock;
    if (
      !clock ||
      !Number.isInteger(clock.amount) ||
      clock.amount < 1 ||
      clock.amount > MAX_REPAIR_CLOCK_AMOUNT ||
      !(CLOCK_UNITS as readonly string[]).includes(clock.unit)
    ) {
      return reject(
        DISPUTE_REJECTIONS.invalidInput,
        `Extend by 1 to ${MAX_REPAIR_CLOCK_AMOUNT} days, in ${CLOCK_UNITS.join(' or ')}.`,
      );
    }
  }
  return null;
}
