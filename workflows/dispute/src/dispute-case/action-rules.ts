/**
 * Which human action is legal when, and for whom. Pure functions of the state, shared by the Update validator (which
 * rejects without a trace in history) and the processing step (which re-checks, since several Updates may be
 * accepted before the first is processed).
 */
import type { AgencyKind, StaffRole } from '@gongzhi/contracts';
import {
  type ActInput,
  type AgencyFacts,
  DISPUTE_REJECTIONS,
  disputeActionProblem,
  type DisputeState,
  type OpenAction,
  type ReassignInput,
  type RepairInput,
  type StaffFacts,
  CLOCK_UNITS,
  type PartyRiskFlaggedInput,
  RISK_FLAGS,
  TASK_OF_ACTION,
  WORKFLOW_REPAIR_KINDS,
} from '@gongzhi/contracts/dispute';
import { checkOfAction } from './actions';
import { isCoordinator, isId, mayDo, type Rejection, reject } from './rejections';

export { isId, type Rejection } from './rejections';

/**
 * The checks an action gets when it arrives (the Update's validator), beyond {@link checkAction}: first its fields,
 * with the schema case-service validates requests with (one definition of every action), then the case's state. Rules added after
 * workflows were running belong here: a validator never runs on replay, so a history that accepted such an action
 * before the rule existed replays as it ran, while every new action is held to the rule.
 */
export function checkArrivingAction(state: DisputeState, input: ActInput, now: number): Rejection | null {
  const problem = disputeActionProblem(input?.action);
  if (problem) return reject(DISPUTE_REJECTIONS.invalidInput, problem);
  const rejection = checkAction(state, input, now);
  if (rejection) return rejection;
  const action = input.action;
  // An agreement takes effect when the parties sign it: not later than it is recorded (a minute of clock skew aside).
  if (action.kind === 'record-agreement' && action.effectiveAt !== undefined) {
    if (Date.parse(action.effectiveAt) > now + 60_000) {
      return reject(
        DISPUTE_REJECTIONS.invalidInput,
        'An agreement takes effect when the parties sign it: give that moment, not one in the future.',
      );
    }
  }
  return null;
}

/**
 * The rejection for this input in this state, or null when it is legal: who acts, on which task, then the action's
 * own check in the table of actions. Its fields are the schema's to check (on arrival); this is run again when the
 * action is processed, against the state as it is then.
 */
export function checkAction(state: DisputeState, input: ActInput, now: number): Rejection | null {
  const { actor, action } = input;
  if (!actor?.staffId || !actor.agencyId || !Array.isArray(actor.roles)) {
    return reject(DISPUTE_REJECTIONS.invalidInput, 'Say who acts: staff id, agency and roles.');
  }
  if (state.phase === 'closed') {
    return reject(DISPUTE_REJECTIONS.closed, 'The case is closed: nothing more can be done on it.');
  }
  if (state.phase === 'planning' || !state.plan) {
    return reject(DISPUTE_REJECTIONS.illegalAction, 'The case is still being planned: try again in a moment.');
  }
  const taskKind = TASK_OF_ACTION[action.kind];
  if (taskKind === undefined) return reject(DISPUTE_REJECTIONS.invalidInput, 'Unknown action.');

  let task: OpenAction | undefined;
  if (taskKind !== null) {
    if (!input.actionId) {
      return reject(DISPUTE_REJECTIONS.invalidInput, `Name the ${taskKind} task this action completes.`);
    }
    task = state.openActions.find((open) => open.actionId === input.actionId);
    if (!task) {
      return reject(
        DISPUTE_REJECTIONS.staleTask,
        'This task is no longer open: reload the case to see what is due now.',
      );
    }
    if (task.kind !== taskKind) {
      return reject(DISPUTE_REJECTIONS.illegalAction, `A ${task.kind} task cannot be completed with ${action.kind}.`);
    }
    if (!mayDo(actor, task)) {
      return reject(
        DISPUTE_REJECTIONS.notAllowed,
        `Only ${task.roles.join(' or ')} staff of the task's agency (or its assignee) may do this.`,
      );
    }
  }

  return checkOfAction(state, { actor, action, task, plan: state.plan, step: state.plan.route[state.stepIndex], now });
}

/** The rejection for a party's risk flag told to the workflow, or null when it can be applied. */
export function checkPartyRiskFlag(state: DisputeState, input: PartyRiskFlaggedInput): Rejection | null {
  if (
    !isId(input?.partyId) ||
    !isId(input.flagId) ||
    !isId(input.agencyId) ||
    !(RISK_FLAGS as readonly string[]).includes(input.flag)
  ) {
    return reject(DISPUTE_REJECTIONS.invalidInput, 'Say which party, flag, risk and agency (ids and a risk code).');
  }
  if (state.phase === 'closed') {
    return reject(DISPUTE_REJECTIONS.closed, 'The case is closed: a new risk is for a new case.');
  }
  return null;
}

/** The rejection for a reassignment in this state, or null when it is legal. */
export function checkReassign(state: DisputeState, input: ReassignInput): Rejection | null {
  const { actor } = input;
  if (!actor?.staffId || !actor.agencyId || !Array.isArray(actor.roles)) {
    return reject(DISPUTE_REJECTIONS.invalidInput, 'Say who acts: staff id, agency and roles.');
  }
  if (state.phase === 'closed') {
    return reject(DISPUTE_REJECTIONS.closed, 'The case is closed: nothing more can be done on it.');
  }
  if (!isId(input.toStaffId)) {
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
  if (!isId(input?.actorId) || typeof input.repairId !== 'string' || !REPAIR_ID.test(input.repairId)) {
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
    if (!isId(repair.toStaffId)) {
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

// ---------------------------------------------------------------------------------------------------------------
// People and agencies an input names: agency-service vouches for them before the workflow applies it

/**
 * What an input names that only agency-service can vouch for: a person who is to hold a task (the responsible
 * mediator, a colleague taking a task over), or agencies a case is to be sent to (a re-route, joint mediation).
 */
export interface Named {
  staff?: {
    staffId: string;
    /** The agency they must belong to. */
    agencyId: string;
    /** One of these roles; null when any role of the agency will do (an administrator's repair). */
    roles: readonly StaffRole[] | null;
  };
  agencies?: {
    agencyIds: string[];
    /** The kind they must be, when the input names the agency of a level (a re-route). */
    kind: AgencyKind | null;
    /** Whether someone there must be able to sign an agreement off (joint mediation). */
    mustSign?: boolean;
  };
}

/** Joint agencies an add-joint-agencies action really adds (the others already work the level). */
export function freshJointAgencies(state: DisputeState, agencyIds: readonly string[]): string[] {
  return [...new Set(agencyIds)].filter((id) => id !== state.agencyId && !state.jointAgencyIds.includes(id));
}

/** What a legal act names; null when it names nobody. */
export function namedInAction(state: DisputeState, input: ActInput): Named | null {
  const { action } = input;
  switch (action.kind) {
    case 'accept-transfer': {
      const task = state.openActions.find((open) => open.actionId === input.actionId);
      const agencyId = task?.agencyId ?? state.agencyId;
      if (!agencyId) return null;
      // The person who will mediate: a mediator of the receiving agency (the mediate task they get needs the role).
      return { staff: { staffId: action.responsibleStaffId, agencyId, roles: ['mediator'] } };
    }
    case 'reroute': {
      if (action.agencyId === undefined) return null;
      const kind = state.plan?.route.find((step) => step.level === action.toLevel)?.agencyKind ?? null;
      return { agencies: { agencyIds: [action.agencyId], kind } };
    }
    case 'add-joint-agencies': {
      const fresh = freshJointAgencies(state, action.agencyIds);
      return fresh.length > 0 ? { agencies: { agencyIds: fresh, kind: null, mustSign: true } } : null;
    }
    default:
      return null;
  }
}

/** Whom a legal reassignment hands the task to: a colleague of the task's agency with one of its roles. */
export function namedInReassign(state: DisputeState, input: ReassignInput): Named | null {
  const task = state.openActions.find((open) => open.actionId === input.actionId);
  return task ? { staff: { staffId: input.toStaffId, agencyId: task.agencyId, roles: task.roles } } : null;
}

/** Whom an administrator's reassign-task repair hands the task to: staff of the task's agency. */
export function namedInRepair(state: DisputeState, input: RepairInput): Named | null {
  const repair = input.repair;
  if (repair.kind !== 'reassign-task') return null;
  const task = state.openActions.find((open) => open.actionId === repair.actionId);
  return task ? { staff: { staffId: repair.toStaffId, agencyId: task.agencyId, roles: null } } : null;
}

/**
 * The rejection when agency-service's answers do not vouch for what the input names, or null: the person must be an
 * active member of the agency with one of the roles; each agency must exist in the case's town (and be of the
 * level's kind, for a re-route). InvalidInput, like the other inputs the workflow cannot take.
 */
export function checkNamed(
  state: DisputeState,
  named: Named,
  facts: { staff: StaffFacts | null | undefined; agencies: readonly AgencyFacts[] },
): Rejection | null {
  const person = named.staff;
  if (person) {
    const member = facts.staff;
    const roles = person.roles;
    const eligible =
      member &&
      member.staffId === person.staffId &&
      member.active &&
      member.agencyId === person.agencyId &&
      (roles === null || member.roles.some((role) => roles.includes(role)));
    if (!eligible) {
      return reject(
        DISPUTE_REJECTIONS.invalidInput,
        `Name an active ${roles ? `${roles.join(' or ')} ` : 'staff member '}of agency ${person.agencyId}: ` +
          `agency-service does not know ${person.staffId} as one.`,
      );
    }
  }
  const wanted = named.agencies;
  if (wanted) {
    for (const agencyId of wanted.agencyIds) {
      const agency = facts.agencies.find((known) => known.agencyId === agencyId);
      if (!agency || agency.townCode !== state.townCode || (wanted.kind !== null && agency.kind !== wanted.kind)) {
        return reject(
          DISPUTE_REJECTIONS.invalidInput,
          `Agency ${agencyId} is not ${wanted.kind ? `a ${wanted.kind}` : 'an agency'} of town ${state.townCode} ` +
            'that agency-service knows: name one of the town’s agencies.',
        );
      }
      // Unknown (an answer recorded before agency-service counted signers) is not zero: histories replay as they ran.
      if (wanted.mustSign && agency.signers === 0) {
        return reject(
          DISPUTE_REJECTIONS.invalidInput,
          `Agency ${agencyId} has no active mediator or liaison who could sign the agreement off: ` +
            'give it one in agency-service before it joins the mediation.',
        );
      }
    }
  }
  return null;
}
