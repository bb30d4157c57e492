import type { PolicyDocument, PolicyView, Principal, AuditAction } from '@gongzhi/contracts';
import { requireAnyRole, seesEveryTown } from '@gongzhi/auth';
import { NotFoundError, PreconditionFailedError, ValidationError } from '@gongzhi/errors';
import type { AuditTrail } from '@gongzhi/http';
import type { CallContext } from '@gongzhi/auth';
import type { VersionCheck } from '../caller';
import { DEFAULT_POLICY } from './policy.defaults';
import type { PolicyRecord } from './policy.model';
import type { PolicyRepository } from './policy.repository';

export interface PolicyServiceDeps {
  repository: PolicyRepository;
  /** Which town an agency belongs to (undefined: no such agency): a policy names only its own town's agencies. */
  townOfAgency(agencyId: string): Promise<string | undefined>;
  audit: AuditTrail;
}

export interface PolicyService {
  current(caller: CallContext, townCode: string): Promise<PolicyView>;
  version(caller: CallContext, townCode: string, version: number): Promise<PolicyView>;
  replace(
    caller: CallContext,
    townCode: string,
    document: PolicyDocument,
    checkVersion: VersionCheck,
  ): Promise<PolicyView>;
}

/** The ETag id of a town's policy: the version number makes it change with every PUT. */
export function policyEtagId(townCode: string): string {
  return `policy-${townCode}`;
}

function toView(townCode: string, record: PolicyRecord | undefined): PolicyView {
  if (!record) return { townCode, version: 0, ...DEFAULT_POLICY, createdAt: null, createdBy: null };
  return {
    townCode,
    version: record.version,
    ...record.document,
    createdAt: record.createdAt.toISOString(),
    createdBy: record.createdBy,
  };
}

/**
 * Staff of the town (and administrators, and the workflow engine that plans its cases) read its rules; other towns'
 * rules are not theirs to see.
 */
function seesTown(principal: Principal, townCode: string): boolean {
  return seesEveryTown(principal) || principal.townCode === townCode;
}

export function createPolicyService(deps: PolicyServiceDeps): PolicyService {
  async function audited(caller: CallContext, action: AuditAction, townCode: string, version: number): Promise<void> {
    await deps.audit.record({
      actor: caller.principal.staffId,
      action,
      objectType: 'policy',
      objectId: `${townCode}@${version}`,
      requestId: caller.requestId,
    });
  }

  /** Closing times may be set for the town's own agencies only: another town's would never apply, silently. */
  async function requireOwnAgencies(townCode: string, document: PolicyDocument): Promise<void> {
    const listed = document.officeClosing?.agencies ?? [];
    const errors: { path: string; message: string }[] = [];
    for (const [index, { agencyId }] of listed.entries()) {
      if ((await deps.townOfAgency(agencyId)) !== townCode) {
        errors.push({ path: `officeClosing.agencies.${index}.agencyId`, message: `not an agency of town ${townCode}` });
      }
    }
    if (errors.length > 0) {
      throw new ValidationError(
        `Office closing times name agencies that are not the town's: ${errors.map((e) => e.path).join(', ')}.`,
        errors,
      );
    }
  }

  return {
    async current(caller, townCode) {
      if (!seesTown(caller.principal, townCode)) throw new NotFoundError('policy of town', townCode);
      const view = toView(townCode, await deps.repository.latest(townCode));
      await audited(caller, 'policy.read', townCode, view.version);
      return view;
    },

    async version(caller, townCode, version) {
      if (!seesTown(caller.principal, townCode)) throw new NotFoundError('policy of town', townCode);
      const record = version === 0 ? undefined : await deps.repository.find(townCode, version);
      if (version !== 0 && !record) throw new NotFoundError(`policy version of town ${townCode}`, String(version));
      await audited(caller, 'policy.read', townCode, version);
      return toView(townCode, record);
    },

    async replace(caller, townCode, document, checkVersion) {
      if (!seesTown(caller.principal, townCode)) throw new NotFoundError('policy of town', townCode);
      requireAnyRole(caller.principal, ['coordinator'], "change a town's escalation policy");
      await requireOwnAgencies(townCode, document);
      const currentVersion = (await deps.repository.latest(townCode))?.version ?? 0;
      const base = checkVersion(currentVersion);
      const stored = await deps.repository.insert({
        townCode,
        version: base + 1,
        document,
        createdBy: caller.principal.staffId,
      });
      // Another coordinator stored version base + 1 between our read and our write.
      if (stored === false) throw new PreconditionFailedError();
      await audited(caller, 'policy.update', townCode, stored.version);
      return toView(townCode, stored);
    },
  };
}
