import { randomUUID } from 'node:crypto';
import type { AgencyKind, AgencyView, CreateAgencyRequest, Principal, UpdateAgencyRequest } from '@gongzhi/contracts';
import { canSee, requireAnyRole, seesEveryTown } from '@gongzhi/auth';
import { ForbiddenError, NotFoundError, PreconditionFailedError } from '@gongzhi/errors';
import { type Page, type AuditTrail, toPage } from '@gongzhi/http';
import type { CallContext } from '@gongzhi/auth';
import type { VersionCheck } from '../caller';
import type { AgencyRecord } from './agencies.model';
import type { AgenciesRepository } from './agencies.repository';

/** How many active staff can sign for each agency (the staff repository answers). */
export interface SignerCounts {
  countSigners(agencyIds: readonly string[]): Promise<Map<string, number>>;
}

export interface AgenciesServiceDeps {
  repository: AgenciesRepository;
  signers: SignerCounts;
  audit: AuditTrail;
  newId?: () => string;
}

export interface AgencyListRequest {
  townCode?: string;
  kind?: AgencyKind;
  afterId?: string;
  limit: number;
}

export interface AgenciesService {
  list(caller: CallContext, request: AgencyListRequest): Promise<Page<AgencyView>>;
  get(caller: CallContext, id: string): Promise<AgencyView>;
  create(caller: CallContext, request: CreateAgencyRequest): Promise<AgencyView>;
  update(caller: CallContext, id: string, patch: UpdateAgencyRequest, checkVersion: VersionCheck): Promise<AgencyView>;
  /** The agency if the caller may see it; for other features (staff creation) that refer to agencies. */
  findVisible(principal: Principal, id: string): Promise<AgencyRecord | undefined>;
}

const MANAGERS = ['coordinator', 'administrator'] as const;

export function toAgencyView(record: AgencyRecord, signers: number): AgencyView {
  return {
    id: record.id,
    kind: record.kind,
    name: record.name,
    townCode: record.townCode,
    areaCodes: record.areaCodes,
    contactPhone: record.contactPhone,
    receptionHours: record.receptionHours,
    signers,
    version: record.version,
    createdAt: record.createdAt.toISOString(),
    updatedAt: record.updatedAt.toISOString(),
  };
}

function visible(principal: Principal, agency: AgencyRecord): boolean {
  return canSee(principal, { townCode: agency.townCode, agencyIds: [agency.id] });
}

export function createAgenciesService(deps: AgenciesServiceDeps): AgenciesService {
  const newId = deps.newId ?? randomUUID;
  const signersOf = async (id: string): Promise<number> => (await deps.signers.countSigners([id])).get(id) ?? 0;

  const service: AgenciesService = {
    async findVisible(principal, id) {
      const agency = await deps.repository.findById(id);
      return agency && visible(principal, agency) ? agency : undefined;
    },

    async list(caller, request) {
      const { principal } = caller;
      // Administrators and the workflow engine (which plans every town's cases) list any town.
      const isAdmin = seesEveryTown(principal);
      const isCoordinator = principal.roles.includes('coordinator');
      // Same rule as canSee, pushed into the query: a coordinator lists the town, others their own agency.
      const townCode = isAdmin ? request.townCode : isCoordinator ? principal.townCode : request.townCode;
      const emptyForeignTown = !isAdmin && request.townCode !== undefined && request.townCode !== principal.townCode;
      const rows = emptyForeignTown
        ? []
        : await deps.repository.list({
            ...(townCode ? { townCode } : {}),
            ...(request.kind ? { kind: request.kind } : {}),
            ...(isAdmin || isCoordinator ? {} : { onlyIds: [principal.agencyId] }),
            ...(request.afterId ? { afterId: request.afterId } : {}),
            limit: request.limit,
          });
      await deps.audit.record({
        actor: caller.principal.staffId,
        action: 'agency.list',
        objectType: 'agency',
        objectId: `town:${townCode ?? '*'}`,
        requestId: caller.requestId,
      });
      const signers = await deps.signers.countSigners(rows.map((row) => row.id));
      return toPage(
        rows,
        request.limit,
        (row) => toAgencyView(row, signers.get(row.id) ?? 0),
        (row) => ({ id: row.id }),
      );
    },

    async get(caller, id) {
      const agency = await service.findVisible(caller.principal, id);
      if (!agency) throw new NotFoundError('agency', id);
      await deps.audit.record({ ...auditOf(caller), action: 'agency.read', objectType: 'agency', objectId: id });
      return toAgencyView(agency, await signersOf(agency.id));
    },

    async create(caller, request) {
      const { principal } = caller;
      requireAnyRole(principal, MANAGERS, 'create agencies');
      if (!principal.roles.includes('administrator') && principal.townCode !== request.townCode) {
        throw new ForbiddenError(`Coordinators create agencies in their own town (${principal.townCode}) only.`);
      }
      const created = await deps.repository.create({
        id: newId(),
        kind: request.kind,
        name: request.name,
        townCode: request.townCode,
        areaCodes: request.areaCodes,
        contactPhone: request.contactPhone,
        receptionHours: request.receptionHours,
      });
      await deps.audit.record({
        ...auditOf(caller),
        action: 'agency.create',
        objectType: 'agency',
        objectId: created.id,
      });
      return toAgencyView(created, 0);
    },

    async update(caller, id, patch, checkVersion) {
      // Visibility first, so a foreign agency answers 404 whatever the caller's roles.
      const current = await service.findVisible(caller.principal, id);
      if (!current) throw new NotFoundError('agency', id);
      requireAnyRole(caller.principal, MANAGERS, 'change agencies');
      const expected = checkVersion(current.version);
      const updated = await deps.repository.update(id, expected, patch);
      if (updated === undefined) throw new NotFoundError('agency', id);
      if (updated === 'stale') throw new PreconditionFailedError();
      await deps.audit.record({ ...auditOf(caller), action: 'agency.update', objectType: 'agency', objectId: id });
      return toAgencyView(updated, await signersOf(id));
    },
  };
  return service;
}

function auditOf(caller: CallContext): { actor: string; requestId: string } {
  return { actor: caller.principal.staffId, requestId: caller.requestId };
}
