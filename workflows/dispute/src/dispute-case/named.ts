/**
 * People and agencies an input names: agency-service vouches for them before the workflow applies it.
 */
import type { AgencyKind, StaffRole } from '@gongzhi/contracts';
import {
  type ActInput,
  type AgencyFacts,
  DISPUTE_REJECTIONS,
  type DisputeState,
  type ReassignInput,
  type RepairInput,
  type StaffFacts,
} from '@gongzhi/contracts/dispute';
import { type Rejection, reject } from './rejections';

export { type Rejection } from './rejections';

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
