import type { RiskFlagRecord, RiskFlagsRepository } from './risk-flags.repository';

export function createInMemoryRiskFlagsRepository(
  now: () => Date = () => new Date(),
): RiskFlagsRepository & { rows: RiskFlagRecord[] } {
  const rows: RiskFlagRecord[] = [];
  return {
    rows,
    async set(flag) {
      const active = rows.find((r) => r.partyId === flag.partyId && r.category === flag.category && !r.clearedAt);
      if (active) return { kind: 'already-active', record: { ...active } };
      const record: RiskFlagRecord = { ...flag, setAt: now(), clearedBy: null, clearedAt: null, clearReason: null };
      rows.push(record);
      return { kind: 'created', record: { ...record } };
    },
    async listForParty(partyId) {
      return rows.filter((r) => r.partyId === partyId).map((r) => ({ ...r }));
    },
    async find(partyId, flagId) {
      const row = rows.find((r) => r.partyId === partyId && r.id === flagId);
      return row ? { ...row } : undefined;
    },
    async clear(partyId, flagId, clearing) {
      const row = rows.find((r) => r.partyId === partyId && r.id === flagId && !r.clearedAt);
      if (!row) return undefined;
      Object.assign(row, { clearedBy: clearing.by, clearedAt: clearing.at, clearReason: clearing.reason });
      return { ...row };
    },
  };
}
