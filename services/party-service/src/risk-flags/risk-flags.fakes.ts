import type { OutboxMessage } from '@gongzhi/outbox';
import { createPartyEvents } from '../events/party-events';
import type { RiskFlagRecord } from './risk-flags.model';
import type { RiskFlagsRepository } from './risk-flags.repository';

/**
 * In-memory flags with the Prisma repository's semantics, `outbox` holding the events it would write with each change.
 * `townOf` gives a party's town for the event (the Prisma repository reads it from the locked party row).
 */
export function createInMemoryRiskFlagsRepository(
  now: () => Date = () => new Date(),
  townOf: (partyId: string) => string | undefined = () => undefined,
): RiskFlagsRepository & { rows: RiskFlagRecord[]; outbox: OutboxMessage[] } {
  const rows: RiskFlagRecord[] = [];
  const outbox: OutboxMessage[] = [];
  const events = createPartyEvents();
  return {
    rows,
    outbox,
    async set(flag) {
      const active = rows.find((r) => r.partyId === flag.partyId && r.category === flag.category && !r.clearedAt);
      if (active) return { kind: 'already-active', record: { ...active } };
      const record: RiskFlagRecord = { ...flag, setAt: now(), clearedBy: null, clearedAt: null, clearReason: null };
      rows.push(record);
      const townCode = townOf(flag.partyId);
      if (townCode) outbox.push(events.riskFlagSet(record, townCode));
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
