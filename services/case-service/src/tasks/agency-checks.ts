/**
 * What agency-service must vouch for before a task changes hands or an action reaches the workflow: the staff member
 * handed a task (or named by an acceptance), the agencies a case is sent to.
 */
import { type DisputeAction, type StaffRole, TASK_OF_ACTION } from '@gongzhi/contracts';
import { AppError, ForbiddenError } from '@gongzhi/errors';
import type { CallContext } from '../kernel/call-context';
import type { StaffDirectory, StaffLookup } from '../staff/staff-directory';
import type { TaskRecord } from './tasks.model';

/** agency-service is asked as the caller, so its visibility rule applies to them. */
function lookupOf(ctx: CallContext): StaffLookup {
  return { principal: ctx.principal, authorization: ctx.authorization, requestId: ctx.requestId };
}

/** The staff member, if they may hold the task (active, of its agency, with one of `roles`); 422 otherwise. */
export async function requireEligible(
  staff: Pick<StaffDirectory, 'find'>,
  ctx: CallContext,
  task: TaskRecord,
  staffId: string,
  roles: readonly StaffRole[],
): Promise<void> {
  const member = await staff.find(staffId, lookupOf(ctx));
  if (member && member.active && member.agencyId === task.agencyId && member.roles.some((r) => roles.includes(r))) {
    return;
  }
  throw new AppError(422, 'assignee-not-eligible', 'That person cannot hold this task', {
    detail: `Choose an active staff member of agency ${task.agencyId} with the ${roles.join(' or ')} role (as agency-service knows them).`,
    extensions: { staffId },
  });
}

/**
 * Agencies a case is to be sent to (joint mediation, a re-route naming its agency) must be agencies of the case's town
 * that agency-service knows and shows the caller; 422 otherwise, before anything reaches the workflow (which checks
 * them again). agency-service has no inactive agencies: one it knows is one that works.
 */
export async function requireAgenciesOfTown(
  staff: Pick<StaffDirectory, 'findAgency'>,
  ctx: CallContext,
  townCode: string,
  agencyIds: readonly string[],
): Promise<void> {
  const ids = [...new Set(agencyIds)];
  const found = await Promise.all(ids.map((agencyId) => staff.findAgency(agencyId, lookupOf(ctx))));
  const outside = ids.filter((_, i) => found[i]?.townCode !== townCode);
  if (outside.length === 0) return;
  throw new AppError(422, 'agency-not-in-town', 'That agency cannot take this case', {
    detail: `${outside.join(', ')} ${outside.length === 1 ? 'is not an agency' : 'are not agencies'} of town ${townCode} that agency-service shows you: name the town's agencies (coordinators see them all).`,
    extensions: { agencyIds: outside },
  });
}

/**
 * The staff member an action names and the roles agency-service must find them in: the responsible mediator an
 * acceptance names, a mediator of the receiving agency. Undefined when the action names nobody.
 */
function namedStaffOf(action: DisputeAction): { staffId: string; roles: readonly StaffRole[] } | undefined {
  switch (action.kind) {
    case 'accept-transfer':
      return { staffId: action.responsibleStaffId, roles: ['mediator'] };
    default:
      return undefined;
  }
}

/**
 * The staff directory for one action, with the person it names already being looked up: the lookup needs nothing but
 * the action, so it runs while the task and case are read instead of after them. `find` of that person answers from
 * the same request; a lookup never used (the task turned out not to be the caller's) is dropped, its failure too.
 */
export function withNamedLookupStarted<D extends Pick<StaffDirectory, 'find'>>(
  staff: D,
  ctx: CallContext,
  action: DisputeAction,
): D {
  const named = namedStaffOf(action);
  if (named === undefined) return staff;
  const started = staff.find(named.staffId, lookupOf(ctx));
  started.catch(() => undefined);
  return {
    ...staff,
    find: (staffId: string, lookup: StaffLookup) => (staffId === named.staffId ? started : staff.find(staffId, lookup)),
  };
}

/**
 * Whoever and whatever an action names must be what agency-service knows: the responsible mediator an acceptance
 * names, a mediator of the receiving agency; the agencies joint mediation or a re-route sends the case to, the
 * town's. Adding agencies is the coordinators' call, refused to anyone else before agency-service is asked.
 */
export async function requireNamedAllowed(
  staff: Pick<StaffDirectory, 'find' | 'findAgency'>,
  ctx: CallContext,
  townCode: string,
  task: TaskRecord | undefined,
  action: DisputeAction,
): Promise<void> {
  const named = namedStaffOf(action);
  // Checked against the task the action completes: on another kind of task the workflow refuses the action anyway
  // (IllegalAction).
  if (named !== undefined && task?.kind === TASK_OF_ACTION[action.kind]) {
    await requireEligible(staff, ctx, task, named.staffId, named.roles);
  }
  switch (action.kind) {
    case 'reroute':
      if (action.agencyId !== undefined) await requireAgenciesOfTown(staff, ctx, townCode, [action.agencyId]);
      return;
    case 'add-joint-agencies':
      if (!ctx.principal.roles.includes('coordinator')) {
        throw new ForbiddenError("Only the town's coordinators may add agencies to a mediation.");
      }
      await requireAgenciesOfTown(staff, ctx, townCode, action.agencyIds);
      return;
    default:
      return;
  }
}
