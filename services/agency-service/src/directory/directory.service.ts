import { DIRECTORY_LIMITS, type TownDirectory } from '@gongzhi/contracts';
import { isWorkflowEngine } from '@gongzhi/auth';
import { ForbiddenError, ValidationError } from '@gongzhi/errors';
import type { AuditTrail } from '@gongzhi/http';
import type { CallContext } from '@gongzhi/auth';
import type { DirectoryLimits, DirectoryRepository } from './directory.repository';

export interface DirectoryServiceDeps {
  repository: DirectoryRepository;
  audit: AuditTrail;
  /** DIRECTORY_LIMITS unless a test needs small ones to see truncation. */
  limits?: DirectoryLimits;
}

export interface DirectoryService {
  read(caller: CallContext, request: { townCode?: string }): Promise<TownDirectory>;
}

function cut<T>(rows: T[], limit: number): { items: T[]; truncated: boolean } {
  return rows.length > limit ? { items: rows.slice(0, limit), truncated: true } : { items: rows, truncated: false };
}

/**
 * Who is who in a town, by name: its villages, agencies and staff, for every signed-in staff member of that town.
 * Unlike `GET /agencies` and `GET /staff` it reaches past the caller's own agency, so it carries only what the
 * console shows beside an id (names, kinds, roles, the active flag), never a username, phone or password data.
 */
export function createDirectoryService(deps: DirectoryServiceDeps): DirectoryService {
  const limits = deps.limits ?? DIRECTORY_LIMITS;
  return {
    async read(caller, request) {
      const { principal } = caller;
      // The worker's gate refuses this route already; its token sees every town and has no use for names.
      if (isWorkflowEngine(principal)) {
        throw new ForbiddenError('The workflow engine has no use for names: the town directory serves staff tokens.');
      }
      const isAdmin = principal.roles.includes('administrator');
      if (isAdmin && request.townCode === undefined) {
        throw new ValidationError('Administrators see every town: name the one to read with `townCode`.', [
          { path: 'townCode', message: 'required for administrators' },
        ]);
      }
      const townCode = request.townCode ?? principal.townCode;
      // As GET /agencies: another town's directory is an empty one, which says nothing about that town.
      const foreign = !isAdmin && townCode !== principal.townCode;
      const rows = foreign
        ? { townName: undefined, villages: [], agencies: [], staff: [] }
        : await deps.repository.read(townCode, limits);
      await deps.audit.record({
        actor: caller.principal.staffId,
        action: 'directory.read',
        objectType: 'town',
        objectId: townCode,
        requestId: caller.requestId,
      });
      const villages = cut(rows.villages, limits.villages);
      const agencies = cut(rows.agencies, limits.agencies);
      const staff = cut(rows.staff, limits.staff);
      return {
        townCode,
        ...(rows.townName === undefined ? {} : { townName: rows.townName }),
        villages: villages.items.map((village) => ({
          id: village.id,
          code: village.code,
          name: village.name,
          ...(village.gridCodes.length > 0 ? { grids: village.gridCodes } : {}),
        })),
        agencies: agencies.items.map((agency) => ({
          id: agency.id,
          kind: agency.kind,
          name: agency.name,
          areaCodes: agency.areaCodes,
        })),
        staff: staff.items.map((member) => ({
          id: member.id,
          displayName: member.displayName,
          agencyId: member.agencyId,
          roles: member.roles,
          active: member.active,
        })),
        truncated: { villages: villages.truncated, agencies: agencies.truncated, staff: staff.truncated },
      };
    },
  };
}
