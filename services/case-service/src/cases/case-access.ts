/**
 * The caller and the cases: who may see, read and change which case, as whom the other services are asked, and the
 * audit row every read and change leaves.
 */
import { type CallContext, canSee } from '@gongzhi/auth';
import type { AuditAction, CaseParty, StaffRole } from '@gongzhi/contracts';
import { NotFoundError } from '@gongzhi/errors';
import { AUDIT_LIST_OBJECT_ID } from '@gongzhi/http';
import { type NamedParty, requireVisibleParties } from '../parties/party-directory';
import type { StaffLookup } from '../staff/staff-directory';
import type { Actor } from '../kernel/timeline';
import type { CaseRecord } from './case.model';
import type { CasesUseCaseDeps } from './cases.deps';
import type { DuplicateSuggestionRecord } from './duplicate-suggestions';

/** Staff who work cases may correct them; grid workers report and follow, they do not edit. */
export const EDITORS: readonly StaffRole[] = ['mediator', 'liaison', 'coordinator', 'administrator'];
/** Merging and splitting cases is the coordinator's call (综治中心), or an administrator's repair. */
export const RESTRUCTURERS: readonly StaffRole[] = ['coordinator', 'administrator'];

/** A call's caller, as the directories of the other services are asked on their behalf. */
export function lookupOf(ctx: CallContext): StaffLookup {
  return { principal: ctx.principal, authorization: ctx.authorization, requestId: ctx.requestId };
}

/** The caller as the timeline names who did something. */
export const actorOf = (ctx: CallContext): Actor => ({
  staffId: ctx.principal.staffId,
  agencyId: ctx.principal.agencyId,
});

/** The case, if the caller may see it; 404 otherwise (also for cases that exist but are not theirs). */
export async function visibleCase(
  deps: Pick<CasesUseCaseDeps, 'repository'>,
  ctx: CallContext,
  id: string,
): Promise<CaseRecord> {
  const record = await deps.repository.findById(id);
  // An invisible case answers exactly like a missing one, so its existence does not leak.
  if (!record || !canSee(ctx.principal, { townCode: record.townCode, agencyIds: record.agencyIds })) {
    throw new NotFoundError('case', id);
  }
  return record;
}

/**
 * The case, if the caller may see it or watches it (they mediated it at a level: they keep reading it, its timeline
 * and its tasks after their part ended); 404 otherwise. For reads only: watching grants no action.
 */
export async function readableCase(
  deps: Pick<CasesUseCaseDeps, 'repository'>,
  ctx: CallContext,
  id: string,
): Promise<CaseRecord> {
  const record = await deps.repository.findById(id);
  if (
    record &&
    (canSee(ctx.principal, { townCode: record.townCode, agencyIds: record.agencyIds }) ||
      (await deps.repository.isWatcher(id, ctx.principal.staffId)))
  ) {
    return record;
  }
  throw new NotFoundError('case', id);
}

/**
 * The suggestion, if the caller may see both of its cases (a decision concerns both: the merge route asks the same
 * of its two cases); 404 otherwise, as for a suggestion that does not exist.
 */
export async function visibleSuggestion(
  deps: Pick<CasesUseCaseDeps, 'repository'>,
  ctx: CallContext,
  id: string,
): Promise<DuplicateSuggestionRecord> {
  const suggestion = await deps.repository.findDuplicateSuggestion(id);
  if (suggestion) {
    const pair = await deps.repository.findByIds([suggestion.caseId, suggestion.candidateCaseId]);
    const seen = pair.filter((record) =>
      canSee(ctx.principal, { townCode: record.townCode, agencyIds: record.agencyIds }),
    );
    if (seen.length === 2) return suggestion;
  }
  throw new NotFoundError('duplicate suggestion', id);
}

/**
 * Each named party id exists in party-service and is visible to the caller there (asked with their own token);
 * 422 naming the fields otherwise, 503 when party-service does not answer.
 */
export function requireParties(
  deps: Pick<CasesUseCaseDeps, 'parties'>,
  ctx: CallContext,
  named: readonly NamedParty[],
): Promise<void> {
  if (named.length === 0) return Promise.resolve();
  return requireVisibleParties(
    deps.parties,
    { principal: ctx.principal, authorization: ctx.authorization, requestId: ctx.requestId },
    named,
  );
}

/** The parties of a request as fields, so a refusal names the one to correct (`parties.1.partyId`). */
export const partyFields = (parties: readonly CaseParty[], skip: ReadonlySet<string> = new Set()): NamedParty[] =>
  parties.flatMap((party, index) =>
    skip.has(party.partyId) ? [] : [{ path: `parties.${index}.partyId`, partyId: party.partyId }],
  );

/** Records that the caller did `action` to the object (a case unless said otherwise). */
export function audit(
  deps: Pick<CasesUseCaseDeps, 'audit'>,
  ctx: CallContext,
  action: AuditAction,
  objectId: string,
  objectType = 'case',
): Promise<void> {
  return deps.audit.record({ actor: ctx.principal.staffId, action, objectType, objectId, requestId: ctx.requestId });
}

/** A list read: one audit row naming every id it returned (none for an empty page, still on record). */
export function auditList(
  deps: Pick<CasesUseCaseDeps, 'audit'>,
  ctx: CallContext,
  action: AuditAction,
  objectType: string,
  objectIds: readonly string[],
): Promise<void> {
  return deps.audit.record({
    actor: ctx.principal.staffId,
    action,
    objectType,
    objectId: AUDIT_LIST_OBJECT_ID,
    objectIds,
    requestId: ctx.requestId,
  });
}
