import type { CaseWorkflowView, DisputeWorkflowInput } from '@gongzhi/contracts';
import type { AuditEntry, AuditTrail } from '@gongzhi/http';
import type { CaseWorkflows } from './case-workflows';
import type { CaseRecord, CasesRepository, StoredResponse } from './cases.repository';

/** In-memory repository with the same idempotency semantics as the Prisma one (unique scope + key). */
/** Idempotency keys by `scope|key`, shared by the fakes like the one table they stand for. */
export type InMemoryIdempotencyKeys = Map<string, { caseId: string; requestHash: string; response?: StoredResponse }>;

export function createInMemoryCasesRepository(): CasesRepository & {
  rows: Map<string, CaseRecord>;
  keys: InMemoryIdempotencyKeys;
} {
  const rows = new Map<string, CaseRecord>();
  const keys: InMemoryIdempotencyKeys = new Map();
  return {
    rows,
    keys,
    async create(data, idempotency) {
      const keyId = idempotency ? `${idempotency.scope}|${idempotency.key}` : undefined;
      const earlier = keyId ? keys.get(keyId) : undefined;
      if (earlier) return { kind: 'replayed', ...earlier };
      const record: CaseRecord = { ...data, status: 'opening', openedAt: new Date(Date.now() + rows.size) };
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
    async list(scope, limit, after) {
      return [...rows.values()]
        .filter(
          (r) =>
            scope.kind === 'all' ||
            (scope.kind === 'town' ? r.townCode === scope.townCode : r.agencyIds.includes(scope.agencyId)),
        )
        .sort((a, b) => b.openedAt.getTime() - a.openedAt.getTime() || (a.id < b.id ? 1 : -1))
        .filter(
          (r) =>
            !after ||
            r.openedAt.getTime() < new Date(after.openedAt).getTime() ||
            (r.openedAt.toISOString() === after.openedAt && r.id < after.id),
        )
        .slice(0, limit)
        .map((r) => ({ ...r }));
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

/** Keeps audit entries in memory so tests can check who did what. */
export function createInMemoryAuditTrail(): AuditTrail & { entries: AuditEntry[] } {
  const entries: AuditEntry[] = [];
  return {
    entries,
    async record(entry) {
      entries.push(entry);
    },
  };
}
