/**
 * Rejections and the questions every check asks: who may act on a task, who is a coordinator of the case's town, who
 * works the case. Pure functions of the state, for the Update validators and the processing step alike.
 */
import { type Actor, DISPUTE_REJECTIONS, type DisputeState, type OpenAction } from '@gongzhi/contracts/dispute';

/** A rejection: the stable type case-service maps to an HTTP status, and a message that says what to do. */
export interface Rejection {
  type: (typeof DISPUTE_REJECTIONS)[keyof typeof DISPUTE_REJECTIONS];
  message: string;
}

export function reject(type: Rejection['type'], message: string): Rejection {
  return { type, message };
}

export function mayDo(actor: Actor, action: OpenAction): boolean {
  if (action.assigneeStaffId !== null && action.assigneeStaffId === actor.staffId) return true;
  return actor.agencyId === action.agencyId && actor.roles.some((role) => action.roles.includes(role));
}

export function isCoordinator(state: DisputeState, actor: Actor): boolean {
  return actor.roles.includes('coordinator') && actor.agencyId === state.plan?.coordinatorAgencyId;
}

/**
 * The opening question of every human input: someone says who they are, on a case still open. Null when both hold.
 * (It runs when an input is processed, so on replay too: a stricter test here would break running histories.)
 */
export function checkActor(state: DisputeState, actor: Actor | undefined): Rejection | null {
  if (!actor?.staffId || !actor.agencyId || !Array.isArray(actor.roles)) {
    return reject(DISPUTE_REJECTIONS.invalidInput, 'Say who acts: staff id, agency and roles.');
  }
  if (state.phase === 'closed') {
    return reject(DISPUTE_REJECTIONS.closed, 'The case is closed: nothing more can be done on it.');
  }
  return null;
}

/** Staff of the current (or a joint) agency, or of the agency that reached the agreement. */
export function isInvolved(state: DisputeState, actor: Actor): boolean {
  const agencies = [state.agencyId, state.agreement?.agencyId, ...state.jointAgencyIds];
  return (
    agencies.includes(actor.agencyId) &&
    actor.roles.some((role) => role === 'mediator' || role === 'liaison' || role === 'coordinator')
  );
}
