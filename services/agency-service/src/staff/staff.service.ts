import { randomUUID } from 'node:crypto';
import {
  type CreateStaffRequest,
  isUuid,
  type Principal,
  type StaffRole,
  type StaffView,
  type StaffWorkflowEngineView,
  type UpdateStaffRequest,
  type AuditAction,
} from '@gongzhi/contracts';
import { canSee, isWorkflowEngine, requireAnyRole } from '@gongzhi/auth';
import { AppError, ForbiddenError, NotFoundError, PreconditionFailedError } from '@gongzhi/errors';
import { type AuditTrail, type Page, toPage } from '@gongzhi/http';
import type { AgenciesService } from '../agencies/agencies.service';
import type { CallContext } from '@gongzhi/auth';
import type { VersionCheck } from '../caller';
import type { StaffPatch, StaffRecord } from './staff.model';
import type { StaffRepository } from './staff.repository';

export interface StaffServiceDeps {
  repository: StaffRepository;
  agencies: AgenciesService;
  audit: AuditTrail;
  newId?: () => string;
  now?: () => Date;
}

export interface StaffListRequest {
  agencyId?: string;
  townCode?: string;
  role?: StaffRole;
  active?: boolean;
  /** Part of a display name or username. */
  text?: string;
  afterId?: string;
  limit: number;
}

export interface StaffService {
  list(caller: CallContext, request: StaffListRequest): Promise<Page<StaffView>>;
  /** The full view for staff; the workflow engine gets ids, roles and the flag only (no name, no username). */
  get(caller: CallContext, id: string): Promise<StaffView | StaffWorkflowEngineView>;
  create(caller: CallContext, request: CreateStaffRequest): Promise<StaffView>;
  /** Changes roles, the active flag or the name under the rules of {@link refuseChange}; 412 when `checkVersion` says so. */
  update(caller: CallContext, id: string, request: UpdateStaffRequest, checkVersion: VersionCheck): Promise<StaffView>;
}

const MANAGERS = ['coordinator', 'administrator'] as const;
const isManagerRole = (role: StaffRole) => (MANAGERS as readonly string[]).includes(role);

/** A change to one's own account that would lock oneself out (403, its own type, so a client can say why). */
export class OwnAccountChangeError extends AppError {
  constructor(detail: string) {
    super(403, 'own-account-change', 'You cannot make this change to your own account', { detail });
  }
}

/** The change would leave no active administrator: nobody could then manage the other towns or administrators. */
export class LastAdministratorError extends AppError {
  constructor() {
    super(409, 'last-administrator', 'The last active administrator must stay one', {
      detail:
        'This is the only active administrator account: make another account an administrator first, then change this one.',
    });
  }
}

/** The fields of the request that differ from the account as it is: only those are written and published. */
export function changesOf(current: StaffRecord, request: UpdateStaffRequest): StaffPatch {
  const sameRoles =
    request.roles === undefined ||
    (request.roles.length === current.roles.length && request.roles.every((role) => current.roles.includes(role)));
  return {
    ...(request.displayName !== undefined && request.displayName !== current.displayName
      ? { displayName: request.displayName }
      : {}),
    ...(request.roles !== undefined && !sameRoles ? { roles: request.roles } : {}),
    ...(request.active !== undefined && request.active !== current.active ? { active: request.active } : {}),
  };
}

/**
 * Who may make which change, beyond seeing the account and managing staff at all. Coordinators run a town: operating
 * the system is a trust level they neither hand out, take away, nor override on an administrator's account. Nobody
 * locks themselves out: their own account stays active, and keeps its administrator role and a managing role. (The
 * last active administrator is guarded where it can be counted safely, in the repository's transaction.)
 */
export function refuseChange(principal: Principal, current: StaffRecord, patch: StaffPatch): void {
  const after = patch.roles ?? current.roles;
  if (!principal.roles.includes('administrator')) {
    if (current.roles.includes('administrator')) {
      throw new ForbiddenError("Only administrators may change an administrator's account.");
    }
    if (after.includes('administrator'))
      throw new ForbiddenError('Only administrators may grant the administrator role.');
  }
  if (current.id !== principal.staffId) return;
  if (patch.active !== undefined) {
    throw new OwnAccountChangeError(
      'You cannot deactivate or reactivate your own account: ask another coordinator or an administrator.',
    );
  }
  if (current.roles.includes('administrator') && !after.includes('administrator')) {
    throw new OwnAccountChangeError('You cannot remove your own administrator role: ask another administrator.');
  }
  if (patch.roles !== undefined && !after.some(isManagerRole)) {
    throw new OwnAccountChangeError(
      'You cannot remove your own coordinator role: you could no longer manage staff. Ask another coordinator or an administrator.',
    );
  }
}

/** The audit actions of a change: one per kind, so the trail says what changed, not just that something did. */
function auditActionsOf(patch: StaffPatch): AuditAction[] {
  return [
    ...(patch.displayName !== undefined ? (['staff.rename'] as const) : []),
    ...(patch.roles !== undefined ? (['staff.change-roles'] as const) : []),
    ...(patch.active === false ? (['staff.deactivate'] as const) : []),
    ...(patch.active === true ? (['staff.reactivate'] as const) : []),
  ];
}

export function toStaffView(record: StaffRecord): StaffView {
  return {
    id: record.id,
    username: record.username,
    displayName: record.displayName,
    agencyId: record.agencyId,
    townCode: record.townCode,
    roles: record.roles,
    active: record.active,
    version: record.version,
    createdAt: record.createdAt.toISOString(),
  };
}

/** What the dispute worker's activities check about an account, and all its token may read of one. */
export function toStaffWorkflowEngineView(record: StaffRecord): StaffWorkflowEngineView {
  return {
    id: record.id,
    agencyId: record.agencyId,
    townCode: record.townCode,
    roles: record.roles,
    active: record.active,
  };
}

export function createStaffService(deps: StaffServiceDeps): StaffService {
  const newId = deps.newId ?? randomUUID;
  const now = deps.now ?? (() => new Date());
  /**
   * The manager as their account is now, not as their access token says: a token outlives a deactivation or a role
   * taken away by up to its lifetime, and a change of staff accounts must not be made with powers already withdrawn
   * (a demoted coordinator giving themselves the role back, two deactivated managers reactivating each other).
   */
  const asTheyAreNow = async (principal: Principal, action: string): Promise<Principal> => {
    // A token may name an id that is no account at all (a service's own identity): no account, no staff changes.
    const own = isUuid(principal.staffId) ? await deps.repository.findById(principal.staffId) : undefined;
    if (!own?.active) throw new ForbiddenError(`Your account is no longer active: you may not ${action}.`);
    const now = { ...principal, roles: own.roles };
    requireAnyRole(now, MANAGERS, action);
    return now;
  };

  return {
    async list(caller, request) {
      requireAnyRole(caller.principal, MANAGERS, 'list staff accounts');
      const isAdmin = caller.principal.roles.includes('administrator');
      // A coordinator lists their town whatever is asked; naming another town answers an empty page, as for agencies.
      const townCode = isAdmin ? request.townCode : caller.principal.townCode;
      const foreignTown = !isAdmin && request.townCode !== undefined && request.townCode !== townCode;
      const rows = foreignTown
        ? []
        : await deps.repository.list({
            ...(townCode ? { townCode } : {}),
            ...(request.agencyId ? { agencyId: request.agencyId } : {}),
            ...(request.role ? { role: request.role } : {}),
            ...(request.active !== undefined ? { active: request.active } : {}),
            ...(request.text ? { text: request.text } : {}),
            ...(request.afterId ? { afterId: request.afterId } : {}),
            limit: request.limit,
          });
      await deps.audit.record({
        actor: caller.principal.staffId,
        action: 'staff.list',
        objectType: 'staff',
        objectId: `town:${townCode ?? '*'}`,
        requestId: caller.requestId,
      });
      return toPage(rows, request.limit, toStaffView, (row) => ({ id: row.id }));
    },

    async get(caller, id) {
      const staff = await deps.repository.findById(id);
      if (!staff || !canSee(caller.principal, { townCode: staff.townCode, agencyIds: [staff.agencyId] })) {
        throw new NotFoundError('staff account', id);
      }
      await deps.audit.record({
        actor: caller.principal.staffId,
        action: 'staff.read',
        objectType: 'staff',
        objectId: id,
        requestId: caller.requestId,
      });
      // The worker's token sees every town: it gets what its activities need, never the people's names.
      return isWorkflowEngine(caller.principal) ? toStaffWorkflowEngineView(staff) : toStaffView(staff);
    },

    async create(caller, request) {
      requireAnyRole(caller.principal, MANAGERS, 'create staff accounts');
      const manager = await asTheyAreNow(caller.principal, 'create staff accounts');
      // Coordinators run a town; operating the system is a separate trust level they cannot hand out.
      if (request.roles.includes('administrator') && !manager.roles.includes('administrator')) {
        throw new ForbiddenError('Only administrators may create administrator accounts.');
      }
      const agency = await deps.agencies.findVisible(caller.principal, request.agencyId);
      if (!agency) throw new NotFoundError('agency', request.agencyId);
      const created = await deps.repository.create({
        id: newId(),
        username: request.username,
        displayName: request.displayName,
        agencyId: agency.id,
        roles: request.roles,
        password: request.password,
      });
      await deps.audit.record({
        actor: caller.principal.staffId,
        action: 'staff.create',
        objectType: 'staff',
        objectId: created.id,
        requestId: caller.requestId,
      });
      return toStaffView(created);
    },

    async update(caller, id, request, checkVersion) {
      const { principal } = caller;
      // Visibility first, so an account out of sight answers 404 whatever the caller's roles.
      const current = await deps.repository.findById(id);
      if (!current || !canSee(principal, { townCode: current.townCode, agencyIds: [current.agencyId] })) {
        throw new NotFoundError('staff account', id);
      }
      requireAnyRole(principal, MANAGERS, 'change staff accounts');
      const manager = await asTheyAreNow(principal, 'change staff accounts');
      const patch = changesOf(current, request);
      refuseChange(manager, current, patch);
      const expected = checkVersion(current.version);
      if (Object.keys(patch).length === 0) {
        // Nothing differs: nothing is written or published, and the answer is a read of the account.
        await deps.audit.record({ ...auditOf(caller), action: 'staff.read', objectType: 'staff', objectId: id });
        return toStaffView(current);
      }
      const updated = await deps.repository.update(id, expected, {
        patch,
        changedBy: caller.principal.staffId,
        at: now(),
      });
      if (updated === undefined) throw new NotFoundError('staff account', id);
      if (updated === 'stale') throw new PreconditionFailedError();
      if (updated === 'last-administrator') throw new LastAdministratorError();
      for (const action of auditActionsOf(patch)) {
        await deps.audit.record({ ...auditOf(caller), action, objectType: 'staff', objectId: id });
      }
      return toStaffView(updated);
    },
  };
}

function auditOf(caller: CallContext): { actor: string; requestId: string } {
  return { actor: caller.principal.staffId, requestId: caller.requestId };
}
