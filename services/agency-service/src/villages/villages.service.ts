import { randomUUID } from 'node:crypto';
import type { CreateVillageRequest, Principal, UpdateVillageRequest, VillageView } from '@gongzhi/contracts';
import { isWorkflowEngine, requireAnyRole } from '@gongzhi/auth';
import { AppError, ForbiddenError, NotFoundError, PreconditionFailedError, PROBLEM_TYPES } from '@gongzhi/errors';
import type { AuditTrail } from '@gongzhi/http';
import type { CallContext } from '@gongzhi/auth';
import type { VersionCheck } from '../caller';
import type { VillageRecord, VillagesRepository } from './villages.repository';

export interface VillagesServiceDeps {
  repository: VillagesRepository;
  audit: AuditTrail;
  newId?: () => string;
}

export interface VillagesService {
  get(caller: CallContext, id: string): Promise<VillageView>;
  /** The town's village with this code, as `get` shows it (case-service asks this at intake). */
  getByCode(caller: CallContext, townCode: string, code: string): Promise<VillageView>;
  create(caller: CallContext, request: CreateVillageRequest): Promise<VillageView>;
  update(
    caller: CallContext,
    id: string,
    patch: UpdateVillageRequest,
    checkVersion: VersionCheck,
  ): Promise<VillageView>;
}

const MANAGERS = ['coordinator', 'administrator'] as const;

export function toVillageView(record: VillageRecord): VillageView {
  return {
    id: record.id,
    townCode: record.townCode,
    code: record.code,
    name: record.name,
    gridCodes: record.gridCodes,
    version: record.version,
    createdAt: record.createdAt.toISOString(),
    updatedAt: record.updatedAt.toISOString(),
  };
}

/**
 * Villages are the town's public geography, read by all of its staff through the directory: every staff member of
 * the town sees them, administrators every town's, nobody else (404). The worker never reaches these routes.
 */
function visible(principal: Principal, village: VillageRecord): boolean {
  if (isWorkflowEngine(principal)) return false;
  return principal.roles.includes('administrator') || principal.townCode === village.townCode;
}

export function createVillagesService(deps: VillagesServiceDeps): VillagesService {
  const newId = deps.newId ?? randomUUID;

  async function findVisible(principal: Principal, id: string): Promise<VillageRecord> {
    const village = await deps.repository.findById(id);
    if (!village || !visible(principal, village)) throw new NotFoundError('village', id);
    return village;
  }

  return {
    async get(caller, id) {
      const village = await findVisible(caller.principal, id);
      await deps.audit.record({ ...auditOf(caller), action: 'village.read', objectType: 'village', objectId: id });
      return toVillageView(village);
    },

    async getByCode(caller, townCode, code) {
      const village = await deps.repository.findByCode(townCode, code);
      // Another town's village answers like a missing one: whether a town has a village is its staff's to know. The
      // detail does not repeat the code, as the other 404s name nothing of what was asked about.
      if (!village || !visible(caller.principal, village)) {
        throw new AppError(404, PROBLEM_TYPES.notFound, 'Not found', {
          detail: 'No village with that code is visible to you in that town: GET /api/v1/directory lists your town’s.',
        });
      }
      await deps.audit.record({
        ...auditOf(caller),
        action: 'village.read',
        objectType: 'village',
        objectId: village.id,
      });
      return toVillageView(village);
    },

    async create(caller, request) {
      const { principal } = caller;
      requireAnyRole(principal, MANAGERS, 'add villages');
      if (!principal.roles.includes('administrator') && principal.townCode !== request.townCode) {
        throw new ForbiddenError(`Coordinators add villages to their own town (${principal.townCode}) only.`);
      }
      const created = await deps.repository.create({
        id: newId(),
        townCode: request.townCode,
        code: request.code,
        name: request.name,
        gridCodes: request.gridCodes ?? [],
      });
      await deps.audit.record({
        ...auditOf(caller),
        action: 'village.create',
        objectType: 'village',
        objectId: created.id,
      });
      return toVillageView(created);
    },

    async update(caller, id, patch, checkVersion) {
      // Visibility first, so another town's village answers 404 whatever the caller's roles.
      const current = await findVisible(caller.principal, id);
      requireAnyRole(caller.principal, MANAGERS, 'rename villages');
      const expected = checkVersion(current.version);
      const updated = await deps.repository.update(id, expected, patch);
      if (updated === undefined) throw new NotFoundError('village', id);
      if (updated === 'stale') throw new PreconditionFailedError();
      await deps.audit.record({ ...auditOf(caller), action: 'village.update', objectType: 'village', objectId: id });
      return toVillageView(updated);
    },
  };
}

function auditOf(caller: CallContext): { actor: string; requestId: string } {
  return { actor: caller.principal.staffId, requestId: caller.requestId };
}
