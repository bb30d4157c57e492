/** Staff's changes to a case: correcting its facts, merging it into another, splitting reports off into a new one. */
import { type CallContext, hasAnyRole, requireAnyRole } from '@gongzhi/auth';
import {
  type CaseView,
  makeDisputeWorkflowId,
  type MergeCaseRequest,
  type SplitCaseRequest,
  type UpdateCaseRequest,
} from '@gongzhi/contracts';
import { type AppError, ConflictError, NotFoundError, PreconditionFailedError } from '@gongzhi/errors';
import { requireKnownVillage } from '../staff/village-registry';
import type { CaseRecord, RestructureRefusal, SplitOffCase } from './case.model';
import {
  actorOf,
  audit,
  EDITORS,
  lookupOf,
  partyFields,
  requireParties,
  RESTRUCTURERS,
  visibleCase,
} from './case-access';
import { startWorkflowIfPending } from './case-opening';
import { toView } from './case-views';
import type { CasesUseCaseDeps } from './cases.deps';

/** A merge or split the repository refused, as the problem the coordinator can act on. */
export function restructureRefusal(reason: RestructureRefusal, id: string): AppError {
  switch (reason) {
    case 'not-found':
      return new NotFoundError('case', id);
    case 'not-active':
      return new ConflictError('Only cases still being worked (opening or open) can be merged or split.');
    case 'same-case':
      return new ConflictError('A case cannot be merged into itself: name the other case.');
    case 'reports-not-in-case':
      return new ConflictError(
        'Some of those reports do not belong to this case: list its reports and pick from them.',
      );
    case 'would-empty-case':
      return new ConflictError('Moving every report would leave this case empty: merge or close it instead.');
  }
}

/**
 * Tells the merged case's workflow it was merged. The records are merged already; if Temporal does not answer, the
 * workflow learns of it later (an administrator's scan finds running workflows of merged cases).
 */
export async function closeMergedWorkflow(
  deps: Pick<CasesUseCaseDeps, 'workflows' | 'logger'>,
  ctx: CallContext,
  merged: CaseRecord,
  intoCaseId: string,
): Promise<void> {
  try {
    await deps.workflows.closeAsMerged(merged.workflowId, {
      actorId: ctx.principal.staffId,
      mergedIntoCaseId: intoCaseId,
    });
  } catch (error) {
    deps.logger.warn({ caseId: merged.id, err: error }, 'merged, but the workflow could not be told yet');
  }
}

/** Corrects the case's facts, if it is still at the version the caller read (`expectedVersion`). */
export async function updateCase(
  deps: CasesUseCaseDeps,
  ctx: CallContext,
  id: string,
  expectedVersion: (current: number) => number,
  changes: UpdateCaseRequest,
): Promise<CaseView & { version: number }> {
  const record = await visibleCase(deps, ctx, id);
  requireAnyRole(ctx.principal, EDITORS, 'correct a case');
  if (record.status === 'merged' || record.status === 'closed') {
    throw new ConflictError(`The case is ${record.status}: it can no longer be changed.`);
  }
  // If-Match first (428/412 are cheaper to learn than a round trip to party-service).
  const version = expectedVersion(record.version);
  if (changes.villageCode && changes.villageCode !== record.villageCode) {
    await requireKnownVillage(
      deps.villages,
      deps.logger,
      { townCode: record.townCode, villageCode: changes.villageCode },
      lookupOf(ctx),
    );
  }
  // Only the parties being added are asked about: those already on the case were checked when they were added.
  if (changes.parties) {
    await requireParties(deps, ctx, partyFields(changes.parties, new Set(record.parties.map((p) => p.partyId))));
  }
  const updated = await deps.repository.update(id, version, changes, actorOf(ctx));
  if (updated === 'stale') throw new PreconditionFailedError();
  await audit(deps, ctx, 'case.update', id);
  return toView(deps, updated);
}

/** Merges the case into `request.intoCaseId` and tells its workflow; answers with the case that carries on. */
export async function mergeCase(
  deps: CasesUseCaseDeps,
  ctx: CallContext,
  id: string,
  request: MergeCaseRequest,
): Promise<CaseView & { version: number }> {
  requireAnyRole(ctx.principal, RESTRUCTURERS, 'merge cases');
  await visibleCase(deps, ctx, id);
  await visibleCase(deps, ctx, request.intoCaseId);
  const merged = await deps.repository.merge(id, request.intoCaseId, request.reason, actorOf(ctx));
  if (typeof merged === 'string') throw restructureRefusal(merged, id);
  await audit(deps, ctx, 'case.merge', id);
  await audit(deps, ctx, 'case.absorb', request.intoCaseId);
  await closeMergedWorkflow(deps, ctx, merged.source, request.intoCaseId);
  return toView(deps, merged.target);
}

/** Moves the reports into a new case with a workflow of its own; answers with the new case. */
export async function splitCase(
  deps: CasesUseCaseDeps,
  ctx: CallContext,
  id: string,
  request: SplitCaseRequest,
): Promise<CaseView & { version: number }> {
  requireAnyRole(ctx.principal, RESTRUCTURERS, 'split cases');
  const source = await visibleCase(deps, ctx, id);
  const newCaseId = deps.newId();
  // Its dispute type, source, village and summary are those of its own reports, which the repository reads as it
  // moves them: a quarrel split off a case because it is another dispute is not described by that case's facts.
  const newCase: SplitOffCase = {
    id: newCaseId,
    townCode: source.townCode,
    reportedBy: ctx.principal.staffId,
    intakeAgencyId: ctx.principal.agencyId,
    agencyIds: hasAnyRole(ctx.principal, ['administrator']) ? [] : [ctx.principal.agencyId],
    amountInDispute: null,
    riskAssessment: source.riskAssessment,
    parties: [],
    workflowId: makeDisputeWorkflowId(newCaseId),
  };
  const split = await deps.repository.split(id, request.reportIds, newCase, request.reason, actorOf(ctx));
  if (typeof split === 'string') throw restructureRefusal(split, id);
  await audit(deps, ctx, 'case.split', id);
  await audit(deps, ctx, 'case.open', newCaseId);
  await startWorkflowIfPending(deps, split.created);
  return toView(deps, split.created);
}
