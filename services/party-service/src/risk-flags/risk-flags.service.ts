import type { ClearRiskFlagRequest, RiskFlagView, SetRiskFlagRequest, AuditAction } from '@gongzhi/contracts';
import { requireAnyRole } from '@gongzhi/auth';
import { ConflictError, NotFoundError } from '@gongzhi/errors';
import type { AuditTrail } from '@gongzhi/http';
import type { CallContext } from '@gongzhi/auth';
import { AUDIT_OBJECT, type PartiesService } from '../parties/parties.service';
import { RISK_FLAG_ROLES } from '../parties/party-policy';
import type { RiskFlagRecord } from './risk-flags.model';
import type { RiskFlagsRepository } from './risk-flags.repository';

export interface RiskFlagsServiceDeps {
  repository: RiskFlagsRepository;
  parties: PartiesService;
  audit: AuditTrail;
  newId: () => string;
  now: () => Date;
}

export interface RiskFlagsService {
  set(caller: CallContext, partyId: string, request: SetRiskFlagRequest): Promise<RiskFlagView>;
  clear(caller: CallContext, partyId: string, flagId: string, request: ClearRiskFlagRequest): Promise<RiskFlagView>;
  /** Active and cleared flags: the history is part of the record. */
  list(caller: CallContext, partyId: string): Promise<RiskFlagView[]>;
}

function toView(flag: RiskFlagRecord): RiskFlagView {
  return {
    id: flag.id,
    partyId: flag.partyId,
    category: flag.category,
    reason: flag.reason,
    setBy: flag.setBy,
    setByAgencyId: flag.setByAgencyId,
    setAt: flag.setAt.toISOString(),
    active: flag.clearedAt === null,
    clearedBy: flag.clearedBy,
    clearedAt: flag.clearedAt?.toISOString() ?? null,
    clearReason: flag.clearReason,
  };
}

export function createRiskFlagsService(deps: RiskFlagsServiceDeps): RiskFlagsService {
  const record = (caller: CallContext, action: AuditAction, partyId: string) =>
    deps.audit.record({
      actor: caller.principal.staffId,
      action,
      objectType: AUDIT_OBJECT,
      objectId: partyId,
      requestId: caller.requestId,
    });

  return {
    async set(caller, partyId, request) {
      requireAnyRole(caller.principal, RISK_FLAG_ROLES, 'set risk flags');
      const party = await deps.parties.visibleParty(caller, partyId);
      if (party.kind !== 'person') {
        throw new ConflictError('Risk flags are for persons: flag the people behind the organisation instead.');
      }
      const outcome = await deps.repository.set({
        id: deps.newId(),
        partyId,
        category: request.category,
        reason: request.reason,
        setBy: caller.principal.staffId,
        setByAgencyId: caller.principal.agencyId,
      });
      if (outcome.kind === 'already-active') {
        throw new ConflictError(
          `This person already has an active ${request.category} flag: clear it first if the reason changed.`,
          { activeFlagId: outcome.record.id },
        );
      }
      await record(caller, `party.risk-flag-set.${request.category}`, partyId);
      return toView(outcome.record);
    },

    async clear(caller, partyId, flagId, request) {
      requireAnyRole(caller.principal, RISK_FLAG_ROLES, 'clear risk flags');
      await deps.parties.visibleParty(caller, partyId);
      const flag = await deps.repository.find(partyId, flagId);
      if (!flag) throw new NotFoundError('risk flag', flagId);
      const cleared =
        flag.clearedAt === null
          ? await deps.repository.clear(partyId, flagId, {
              by: caller.principal.staffId,
              reason: request.reason,
              at: deps.now(),
            })
          : undefined;
      if (!cleared) throw new ConflictError('This risk flag is already cleared: nothing to do.');
      await record(caller, `party.risk-flag-cleared.${flag.category}`, partyId);
      return toView(cleared);
    },

    async list(caller, partyId) {
      await deps.parties.visibleParty(caller, partyId);
      const flags = await deps.repository.listForParty(partyId);
      await record(caller, 'party.risk-flags-read', partyId);
      return flags.map(toView);
    },
  };
}
