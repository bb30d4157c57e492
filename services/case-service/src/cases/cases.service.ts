import { createHash, randomUUID } from 'node:crypto';
import { type CaseView, makeDisputeWorkflowId, type OpenCaseRequest } from '@gongzhi/contracts';
import { AppError, NotFoundError, PROBLEM_TYPES } from '@gongzhi/errors';
import type { Logger } from 'pino';
import type { CaseWorkflows } from './case-workflows';
import type { CaseRecord, CasesRepository, IdempotentCreate } from './cases.repository';

export interface CasesServiceDeps {
  repository: CasesRepository;
  workflows: CaseWorkflows;
  logger: Logger;
  /** Calendar days of the village level's mediation clock, until the town policy supplies it. */
  firstLevelClockDays: number;
  newId?: () => string;
  now?: () => Date;
}

export interface OpenCaseResult {
  status: number;
  body: CaseView;
  replayed: boolean;
}

const OPEN_CASE_SCOPE = 'POST /api/v1/cases';

/** Canonical JSON (sorted keys) so that the same request always hashes the same. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : 1));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export function requestHash(body: unknown): string {
  return createHash('sha256').update(canonicalJson(body)).digest('hex');
}

export class IdempotencyKeyReusedError extends AppError {
  constructor() {
    super(422, PROBLEM_TYPES.idempotencyKeyReused, 'Idempotency key reused', {
      detail: 'This Idempotency-Key was already used with a different request body: use a new key for a new request.',
    });
  }
}

export interface CasesService {
  openCase(request: OpenCaseRequest, idempotencyKey?: string): Promise<OpenCaseResult>;
  getCase(id: string): Promise<CaseView>;
  /** Starts the workflows of cases stored but never confirmed started (a crash in between); returns how many. */
  resumeOpeningCases(olderThanMs?: number): Promise<number>;
}

export function createCasesService(deps: CasesServiceDeps): CasesService {
  const newId = deps.newId ?? randomUUID;
  const now = deps.now ?? (() => new Date());

  async function ensureWorkflow(record: CaseRecord): Promise<void> {
    if (record.status !== 'opening') return;
    await deps.workflows.start(record.workflowId, {
      caseId: record.id,
      townCode: record.townCode,
      disputeType: record.disputeType,
      firstLevelClockDays: deps.firstLevelClockDays,
    });
    await deps.repository.markOpen(record.id);
    record.status = 'open';
  }

  async function toView(record: CaseRecord): Promise<CaseView> {
    return {
      id: record.id,
      disputeType: record.disputeType,
      source: record.source,
      summary: record.summary,
      townCode: record.townCode,
      villageCode: record.villageCode,
      status: record.status,
      openedAt: record.openedAt.toISOString(),
      workflow: await deps.workflows.view(record.workflowId),
    };
  }

  return {
    async openCase(request, idempotencyKey) {
      const id = newId();
      const idempotency: IdempotentCreate | undefined = idempotencyKey
        ? { scope: OPEN_CASE_SCOPE, key: idempotencyKey, requestHash: requestHash(request) }
        : undefined;
      const outcome = await deps.repository.create(
        {
          id,
          disputeType: request.disputeType,
          source: request.source,
          summary: request.summary,
          townCode: request.townCode,
          villageCode: request.villageCode ?? null,
          workflowId: makeDisputeWorkflowId(id),
        },
        idempotency,
      );

      if (outcome.kind === 'replayed') {
        if (outcome.requestHash !== idempotency?.requestHash) throw new IdempotencyKeyReusedError();
        if (outcome.response)
          return { status: outcome.response.status, body: outcome.response.body as CaseView, replayed: true };
        // The first request stored the case but never answered (it crashed or timed out): finish its work.
        const record = await deps.repository.findById(outcome.caseId);
        if (!record) throw new NotFoundError('case', outcome.caseId);
        await ensureWorkflow(record);
        const body = await toView(record);
        if (idempotency) await deps.repository.saveResponse(idempotency, { status: 201, body });
        return { status: 201, body, replayed: true };
      }

      const record = outcome.record;
      try {
        await ensureWorkflow(record);
      } catch (error) {
        // The case is safely stored as `opening`; the resume sweep starts its workflow once Temporal answers.
        deps.logger.warn({ caseId: record.id, err: error }, 'case stored, workflow start deferred');
      }
      deps.logger.info({ caseId: record.id, workflowId: record.workflowId, status: record.status }, 'case opened');
      const body = await toView(record);
      // An answer for a case still `opening` is not final: a retry with the same key should try the start again.
      if (idempotency && record.status !== 'opening')
        await deps.repository.saveResponse(idempotency, { status: 201, body });
      return { status: 201, body, replayed: false };
    },

    async getCase(id) {
      const record = await deps.repository.findById(id);
      if (!record) throw new NotFoundError('case', id);
      return toView(record);
    },

    async resumeOpeningCases(olderThanMs = 30_000) {
      const stalled = await deps.repository.findOpening(new Date(now().getTime() - olderThanMs), 100);
      for (const record of stalled) {
        await ensureWorkflow(record);
        deps.logger.warn({ caseId: record.id }, 'resumed a case whose workflow start was never confirmed');
      }
      return stalled.length;
    },
  };
}
