import { randomUUID } from 'node:crypto';
import type { CreateStaffRequest, StaffView, StaffWorkflowEngineView } from '@gongzhi/contracts';
import { canSee, isWorkflowEngine, requireAnyRole } from '@gongzhi/auth';
import { ForbiddenError, NotFoundError } from '@gongzhi/errors';
import { type AuditTrail, type Page, toPage } from '@gongzhi/http';
import type { AgenciesService } from '../agencies/agencies.service';
import type { Caller } from '../caller';
import type { StaffRecord, StaffRepository } from './staff.repository';

export interface StaffServiceDeps {
  repository: StaffRepository;
  agencies: AgenciesService;
  audit: AuditTrail;
  newId?: () => string;
}

export interface StaffService {
  list(caller: Caller, request: { agencyId?: string; afterId?: string; limit: number }): Promise<Page<StaffView>>;
  /** The full view for staff; the workflow engine gets ids, roles and the flag only (no name, no username). */
  get(caller: Caller, id: string): Promise<StaffView | StaffWorkflowEngineView>;
  create(caller: Caller, request: CreateStaffRequest): Promise<StaffView>;
}

const MANAGERS = ['coordinator', 'administrator'] as const;

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
  return {
    async list(caller, request) {
      requireAnyRole(caller.principal, MANAGERS, 'list staff accounts');
      const isAdmin = caller.principal.roles.includes('administrator');
      const townCode = isAdmin ? undefined : caller.principal.townCode;
      const rows = await deps.repository.list({
        ...(townCode ? { townCode } : {}),
        ...(request.agencyId ? { agencyId: request.agencyId } : {}),
        ...(request.afterId ? { afterId: request.afterId } : {}),
        limit: request.limit,
      });
      await deps.audit.record({
        actor: caller.actor,
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
        actor: caller.actor,
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
      // Coordinators run a town; operating the system is a separate trust level they cannot hand out.
      if (request.roles.includes('administrator') && !caller.principal.roles.includes('administrator')) {
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
        actor: caller.actor,
        action: 'staff.create',
        objectType: 'staff',
        objectId: created.id,
        requestId: caller.requestId,
      });
      return toStaffView(created);
    },
  };
}
