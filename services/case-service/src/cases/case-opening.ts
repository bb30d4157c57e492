/**
 * Opening a case: intake's checks, the idempotent insert, and the start of its workflow — at once, on a replay of the
 * request that stored it, or later by the resume sweep when Temporal did not answer.
 */
import type { CallContext } from '@gongzhi/auth';
import { type CaseView, makeDisputeWorkflowId, type OpenCaseRequest, type Principal } from '@gongzhi/contracts';
import { ForbiddenError, IdempotencyKeyReusedError, NotFoundError } from '@gongzhi/errors';
import { hashRequest } from '@gongzhi/http';
import type { IdempotentCreate, StoredAnswer } from '../kernel/idempotent-create';
import { requireKnownVillage } from '../staff/village-registry';
import type { CaseRecord, NewCase } from './case.model';
import { audit, lookupOf, partyFields, requireParties } from './case-access';
import { riskFlagsOf } from './case-rules';
import { toView } from './case-views';
import type { CasesUseCaseDeps } from './cases.deps';

/** The answer to remember for the request that opens a case, given the case as it is once open. */
export type AnswerOf = (opened: CaseRecord) => StoredAnswer | undefined;

export interface OpenCaseResult {
  status: number;
  body: CaseView;
  replayed: boolean;
}

/**
 * Starts the workflow of a case still `opening` and marks it open; `answerOf` gives the response to remember for the
 * request's Idempotency-Key, saved in the same commit (an answer is final only once the case is open).
 */
export async function ensureWorkflow(
  deps: Pick<CasesUseCaseDeps, 'repository' | 'workflows'>,
  record: CaseRecord,
  answerOf?: AnswerOf,
): Promise<void> {
  if (record.status !== 'opening') return;
  // Ids, codes and flags only: the summary, the risk notes and the parties never enter a workflow history.
  await deps.workflows.start(record.workflowId, {
    caseId: record.id,
    townCode: record.townCode,
    villageCode: record.villageCode,
    disputeType: record.disputeType,
    risks: riskFlagsOf(record.riskAssessment),
    intakeAgencyId: record.intakeAgencyId,
  });
  await deps.repository.markOpen(record.id, answerOf?.({ ...record, status: 'open' }));
  record.status = 'open';
}

/** Starts the case's workflow if it is still `opening`; a failure is logged and left to the resume sweep. */
export async function startWorkflowIfPending(
  deps: Pick<CasesUseCaseDeps, 'repository' | 'workflows' | 'logger'>,
  record: CaseRecord,
  answerOf?: AnswerOf,
): Promise<void> {
  try {
    await ensureWorkflow(deps, record, answerOf);
  } catch (error) {
    // The case is safely stored as `opening`; the resume sweep starts its workflow once Temporal answers.
    deps.logger.warn({ caseId: record.id, err: error }, 'case stored, workflow start deferred');
  }
}

/** Starts the workflows of cases stored but never confirmed started (a crash in between); returns how many. */
export async function resumeOpeningCases(
  deps: Pick<CasesUseCaseDeps, 'repository' | 'workflows' | 'logger' | 'now'>,
  olderThanMs = 30_000,
): Promise<number> {
  const stalled = await deps.repository.findOpening(new Date(deps.now().getTime() - olderThanMs), 100);
  for (const record of stalled) {
    await ensureWorkflow(deps, record);
    deps.logger.warn({ caseId: record.id }, 'resumed a case whose workflow start was never confirmed');
  }
  return stalled.length;
}

/** The case intake stores for the request: reported by the caller, for their agency. */
export function newCaseFor(principal: Principal, request: OpenCaseRequest, id: string): NewCase {
  return {
    id,
    disputeType: request.disputeType,
    source: request.source,
    summary: request.summary,
    townCode: request.townCode,
    villageCode: request.villageCode ?? null,
    reportedBy: principal.staffId,
    intakeAgencyId: principal.agencyId,
    agencyIds: [principal.agencyId],
    amountInDispute: request.amountInDispute ?? null,
    riskAssessment: request.riskAssessment ?? { violenceRisk: false, groupDispute: false, keyPerson: false },
    parties: request.parties ?? [],
    workflowId: makeDisputeWorkflowId(id),
  };
}

export async function openCase(
  deps: CasesUseCaseDeps,
  ctx: CallContext,
  request: OpenCaseRequest,
  idempotencyKey?: string,
): Promise<OpenCaseResult> {
  const { principal } = ctx;
  if (request.townCode !== principal.townCode && !principal.roles.includes('administrator')) {
    throw new ForbiddenError(`You report disputes for town ${principal.townCode}, not ${request.townCode}.`);
  }
  // Before anything is stored: a case must never name a party the caller cannot see, or one that does not exist,
  // nor a village its town does not have (the same check as a report's).
  if (request.villageCode !== undefined) {
    await requireKnownVillage(
      deps.villages,
      deps.logger,
      { townCode: request.townCode, villageCode: request.villageCode },
      lookupOf(ctx),
    );
  }
  await requireParties(deps, ctx, partyFields(request.parties ?? []));
  const idempotency: IdempotentCreate | undefined = idempotencyKey
    ? { scope: `${principal.staffId} POST /api/v1/cases`, key: idempotencyKey, requestHash: hashRequest(request) }
    : undefined;
  const outcome = await deps.repository.create(newCaseFor(principal, request, deps.newId()), idempotency);

  if (outcome.kind === 'replayed') {
    if (outcome.requestHash !== idempotency?.requestHash) throw new IdempotencyKeyReusedError();
    if (outcome.response)
      return { status: outcome.response.status, body: outcome.response.body as CaseView, replayed: true };
    // The first request stored the case but never answered (it crashed or timed out): finish its work.
    const record = await deps.repository.findById(outcome.caseId);
    if (!record) throw new NotFoundError('case', outcome.caseId);
    await ensureWorkflow(deps, record);
    const body = await toView(deps, record);
    if (idempotency) await deps.repository.saveResponse(idempotency, { status: 201, body });
    return { status: 201, body, replayed: true };
  }

  const record = outcome.record;
  // The audit row and the workflow start do not wait for each other.
  await Promise.all([audit(deps, ctx, 'case.open', record.id), startWorkflowIfPending(deps, record)]);
  deps.logger.info({ caseId: record.id, workflowId: record.workflowId, status: record.status }, 'case opened');
  const body = await toView(deps, record);
  // An answer for a case still `opening` is not final: a retry with the same key should try the start again.
  if (idempotency && record.status !== 'opening')
    await deps.repository.saveResponse(idempotency, { status: 201, body });
  return { status: 201, body, replayed: false };
}
