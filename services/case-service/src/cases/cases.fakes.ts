import type { CaseWorkflowView, DisputeWorkflowInput } from '@gongzhi/contracts';
import type { CaseWorkflows } from './case-workflows';
import type { CaseRecord, CasesRepository, StoredResponse } from './cases.repository';

/** In-memory repository with the same idempotency semantics as the Prisma one (unique scope + key). */
export function createInMemoryCasesRepository(): CasesRepository & { rows: Map<string, CaseRecord> } {
  const rows = new Map<string, CaseRecord>();
  const keys = new Map<string, { caseId: string; requestHash: string; response?: StoredResponse }>();
  return {
    rows,
    async create(data, idempotency) {
      const keyId = idempotency ? `${idempotency.scope}|${idempotency.key}` : undefined;
      const earlier = keyId ? keys.get(keyId) : undefined;
      if (earlier) return { kind: 'replayed', ...earlier };
      const record: CaseRecord = { ...data, status: 'opening', openedAt: new Date() };
      rows.set(record.id, record);
      if (keyId && idempotency) keys.set(keyId, { caseId: record.id, requestHash: idempotency.requestHash });
      return { kind: 'created', record: { ...record } };
    },
    async findById(id) {
      const row = rows.get(id);
      return row ? { ...row } : undefined;
    },
    async markOpen(id) {
      const row = rows.get(id);
      if (row?.status === 'opening') row.status = 'open';
    },
    async saveResponse(idempotency, response) {
      const entry = keys.get(`${idempotency.scope}|${idempotency.key}`);
      if (entry) entry.response = response;
    },
    async findOpening(olderThan, limit) {
      return [...rows.values()].filter((r) => r.status === 'opening' && r.openedAt < olderThan).slice(0, limit);
    },
  };
}

/** Records starts instead of calling Temporal; `failNextStarts` simulates an outage. */
export function createFakeCaseWorkflows(): CaseWorkflows & {
  started: Map<string, DisputeWorkflowInput>;
  startCalls: number;
  failNextStarts: number;
} {
  const fake = {
    started: new Map<string, DisputeWorkflowInput>(),
    startCalls: 0,
    failNextStarts: 0,
    async start(workflowId: string, input: DisputeWorkflowInput) {
      fake.startCalls += 1;
      if (fake.failNextStarts > 0) {
        fake.failNextStarts -= 1;
        throw Object.assign(new Error('14 UNAVAILABLE: connection refused'), { name: 'ServiceError' });
      }
      if (!fake.started.has(workflowId)) fake.started.set(workflowId, input);
    },
    async view(workflowId: string): Promise<CaseWorkflowView> {
      const running = fake.started.has(workflowId);
      return {
        workflowId,
        status: running ? 'RUNNING' : 'NOT_STARTED',
        level: running ? 'L1' : null,
        stage: running ? 'village-mediation' : null,
        deadline: null,
      };
    },
  };
  return fake;
}
