import type { OutboxMessage } from '@gongzhi/outbox';
import { changedPartyFields, createPartyEvents } from '../events/party-events';
import type { PartyRecord } from './parties.model';
import type { PartiesRepository } from './parties.repository';

function copy(record: PartyRecord): PartyRecord {
  return {
    ...record,
    address: { ...record.address },
    involvedAgencyIds: [...record.involvedAgencyIds],
    activeRiskCategories: [...record.activeRiskCategories],
    duplicateReview: record.duplicateReview ? { ...record.duplicateReview } : null,
  };
}

/** Primary records before possible duplicates, then oldest first, as the Prisma repository orders them. */
function identityOrder(a: PartyRecord, b: PartyRecord): number {
  const primary = Number(a.possibleDuplicateOf !== null) - Number(b.possibleDuplicateOf !== null);
  return primary || a.createdAt.getTime() - b.createdAt.getTime() || (a.id < b.id ? -1 : 1);
}

/**
 * In-memory repository with the Prisma one's semantics: one primary record per blind index or credit code and town
 * (and one possible duplicate per agency), conditional updates on the version, newest-first listing. `activeCategoriesOf` lets the risk-flag fake supply the joined categories.
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
  const findAll = (predicate: (r: PartyRecord) => boolean) =>
    [...rows.values()]
      .filter(predicate)
      .sort(identityOrder)
      .map((r) => out(r) as PartyRecord);

  return {
    rows,
    outbox,
    async insert(data) {
      const sameIdentity = (r: PartyRecord) =>
        r.townCode === data.townCode &&
        ((data.idNumberBlindIndex !== null && r.idNumberBlindIndex === data.idNumberBlindIndex) ||
          (data.creditCode !== null && r.creditCode === data.creditCode));
      // One primary record per identity and town; one possible duplicate per identity, town and agency.
      const clash =
        rows.has(data.id) ||
        [...rows.values()].some((r) =>
          data.possibleDuplicateOf === null
            ? sameIdentity(r) && r.possibleDuplicateOf === null
            : sameIdentity(r) && r.possibleDuplicateOf !== null && r.registeringAgencyId === data.registeringAgencyId,
        );
      if (clash) return { kind: 'clash' };
      const at = stamp();
      const record: PartyRecord = {
        ...data,
        version: 1,
        createdAt: at,
        updatedAt: at,
        activeRiskCategories: [],
        duplicateReview: null,
      };
      rows.set(record.id, copy(record));
      outbox.push(events.registered(record));
      return { kind: 'created', record: out(record) as PartyRecord };
    },
    async findById(id) {
      return out(rows.get(id));
    },
    async findByIdentity(townCode, identity) {
      return findAll(
        (r) =>
          r.townCode === townCode &&
          ('blindIndex' in identity
            ? r.idNumberBlindIndex === identity.blindIndex
            : r.creditCode === identity.creditCode),
      );
    },
    async findByBlindIndex(blindIndex) {
      return findAll((r) => r.idNumberBlindIndex === blindIndex);
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
    async listPossibleDuplicates(townCode, page) {
      return [...rows.values()]
        .filter((r) => r.townCode === townCode && r.possibleDuplicateOf !== null && r.duplicateReview === null)
        .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || (a.id < b.id ? -1 : 1))
        .filter(
          (r) =>
            !page.after ||
            r.createdAt > page.after.createdAt ||
            (r.createdAt.getTime() === page.after.createdAt.getTime() && r.id > page.after.id),
        )
        .slice(0, page.limit + 1)
        .map((r) => out(r) as PartyRecord);
    },
    async reviewDuplicate(id, review, grant) {
      const row = rows.get(id);
      if (!row || row.possibleDuplicateOf === null || row.duplicateReview !== null) return undefined;
      row.duplicateReview = { ...review, resolvedAt: stamp() };
      row.version += 1;
      row.updatedAt = row.duplicateReview.resolvedAt;
      const primary = grant ? rows.get(grant.partyId) : undefined;
      if (grant && primary && !primary.involvedAgencyIds.includes(grant.agencyId)) {
        primary.involvedAgencyIds.push(grant.agencyId);
        primary.version += 1;
        primary.updatedAt = stamp();
        outbox.push(events.agencyInvolved(primary, grant.agencyId));
      }
      return out(row);
    },
  };
}
