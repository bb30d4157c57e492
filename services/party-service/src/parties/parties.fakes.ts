import type { OutboxMessage } from '@gongzhi/outbox';
import { changedPartyFields, createPartyEvents } from '../events/party-events';
import type { PartiesRepository, PartyRecord } from './parties.repository';

function copy(record: PartyRecord): PartyRecord {
  return {
    ...record,
    address: { ...record.address },
    involvedAgencyIds: [...record.involvedAgencyIds],
    activeRiskCategories: [...record.activeRiskCategories],
  };
}

/**
 * In-memory repository with the Prisma one's semantics: unique blind index and credit code, conditional updates on
 * the version, newest-first listing. `activeCategoriesOf` lets the risk-flag fake supply the joined categories.
 */
export function createInMemoryPartiesRepository(
  activeCategoriesOf: (partyId: string) => PartyRecord['activeRiskCategories'] = () => [],
): PartiesRepository & { rows: Map<string, PartyRecord>; outbox: OutboxMessage[] } {
  const rows = new Map<string, PartyRecord>();
  // The events the Prisma repository would write to its outbox table with each change.
  const outbox: OutboxMessage[] = [];
  const events = createPartyEvents();
  let tick = 0;
  // Strictly increasing timestamps keep newest-first order deterministic within one millisecond.
  const stamp = () => new Date(Date.UTC(2026, 0, 1) + (tick += 1));
  const out = (record: PartyRecord | undefined) =>
    record ? { ...copy(record), activeRiskCategories: activeCategoriesOf(record.id) } : undefined;
  const find = (predicate: (r: PartyRecord) => boolean) => out([...rows.values()].find(predicate));

  return {
    rows,
    outbox,
    async insert(data) {
      const clash = [...rows.values()].find(
        (r) =>
          (data.idNumberBlindIndex !== null && r.idNumberBlindIndex === data.idNumberBlindIndex) ||
          (data.creditCode !== null && r.creditCode === data.creditCode),
      );
      if (clash) return { kind: 'exists', record: out(clash) as PartyRecord };
      const at = stamp();
      const record: PartyRecord = { ...data, version: 1, createdAt: at, updatedAt: at, activeRiskCategories: [] };
      rows.set(record.id, copy(record));
      outbox.push(events.registered(record));
      return { kind: 'created', record: out(record) as PartyRecord };
    },
    async findById(id) {
      return out(rows.get(id));
    },
    async findByBlindIndex(blindIndex) {
      return find((r) => r.idNumberBlindIndex === blindIndex);
    },
    async findByCreditCode(creditCode) {
      return find((r) => r.creditCode === creditCode);
    },
    async update(id, expectedVersion, changes) {
      const row = rows.get(id);
      if (!row || row.version !== expectedVersion) return undefined;
      Object.assign(row, changes, { version: row.version + 1, updatedAt: stamp() });
      const fields = changedPartyFields(changes);
      if (fields.length > 0) outbox.push(events.updated(row, fields));
      return out(row);
    },
    async addInvolvedAgency(id, agencyId) {
      const row = rows.get(id);
      if (row && !row.involvedAgencyIds.includes(agencyId)) {
        row.involvedAgencyIds.push(agencyId);
        row.version += 1;
        row.updatedAt = stamp();
        outbox.push(events.agencyInvolved(row, agencyId));
      }
      return out(row);
    },
    async list(scope, filter) {
      return [...rows.values()]
        .filter(
          (r) =>
            scope.all ||
            r.involvedAgencyIds.includes(scope.agencyId) ||
            (scope.townCode !== undefined && r.townCode === scope.townCode),
        )
        .filter((r) => !filter.kind || r.kind === filter.kind)
        .filter((r) => !filter.nameContains || r.name.toLowerCase().includes(filter.nameContains.toLowerCase()))
        .filter((r) => !filter.villageCode || r.address.villageCode === filter.villageCode)
        .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || (a.id < b.id ? 1 : -1))
        .filter(
          (r) =>
            !filter.after ||
            r.createdAt < filter.after.createdAt ||
            (r.createdAt.getTime() === filter.after.createdAt.getTime() && r.id < filter.after.id),
        )
        .slice(0, filter.limit + 1)
        .map((r) => out(r) as PartyRecord);
    },
  };
}
