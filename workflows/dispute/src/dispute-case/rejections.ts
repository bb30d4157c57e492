/**
 * Rejections and the questions every check asks: who may act on a task, who is a coordinator of the case's town, who
 * works the case. Pure functions of the state, for the Update validators and the processing step alike.
 */
import { type Actor, type DISPUTE_REJECTIONS, type DisputeState, type OpenAction } from '@gongzhi/contracts/dispute';

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

/** Staff, agency, case and document ids are UUIDs: anything else could carry personal data into the history. */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export function isId(value: unknown): value is string {
  return typeof value === 'string' && UUID.test(value);
}

/** Staff of the current (or a joint) agency, or of the agency that reached the agreement. */
export function isInvolved(state: DisputeState, actor: Actor): boolean {
  const agencies = [state.agencyId, state.agreement?.agencyId, ...state.jointAgencyIds];
  return (
    agencies.includes(actor.agencyId) &&
    actor.roles.some((role) => role === 'mediator' || role === 'liaison' || role === 'coordinator')
  );
}
