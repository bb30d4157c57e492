import { isUniqueViolation } from '@gongzhi/http';
import type { DuplicateResolution, PartyKind, RiskCategory } from '@gongzhi/contracts';
import { writeOutbox } from '@gongzhi/outbox';
import type { Sealed } from '../crypto/party-crypto';
import { changedPartyFields, createPartyEvents, type PartyEvents } from '../events/party-events';
import type { Prisma, PrismaClient } from '../generated/prisma/client';
import type {
  DuplicatePage,
  DuplicateReview,
  InsertOutcome,
  ListFilter,
  ListScope,
  NewPartyRecord,
  PartyChanges,
  PartyIdentity,
  PartyRecord,
} from './parties.model';

export interface PartiesRepository {
  /**
   * Inserts a party; a second primary record of an identity in a town, or a second possible duplicate of it by the
   * same agency (unique constraints), is a clash.
   */
  insert(data: NewPartyRecord): Promise<InsertOutcome>;
  findById(id: string): Promise<PartyRecord | undefined>;
  /** Every record of the identity in the town: the primary one first, then possible duplicates, oldest first. */
  findByIdentity(townCode: string, identity: PartyIdentity): Promise<PartyRecord[]>;
  /** Every record of the ID number in every town: primary records first, then oldest first. */
  findByBlindIndex(blindIndex: string): Promise<PartyRecord[]>;
  /** Applies the changes if the row is still at `expectedVersion`; undefined when it moved on (→ 412). */
  update(id: string, expectedVersion: number, changes: PartyChanges): Promise<PartyRecord | undefined>;
  /** Adds an agency to the party's involved agencies (no-op if present). */
  addInvolvedAgency(id: string, agencyId: string): Promise<PartyRecord | undefined>;
  /** Newest first; `limit + 1` rows so the caller can tell whether there is a next page. */
  list(scope: ListScope, filter: ListFilter): Promise<PartyRecord[]>;
  /** The town's possible duplicates not reviewed yet, oldest first; `limit + 1` rows. */
  listPossibleDuplicates(townCode: string, page: DuplicatePage): Promise<PartyRecord[]>;
  /**
   * Records the review of a possible duplicate and, with `grant`, involves the agency with the primary record, in one
   * transaction. Undefined when the record is no possible duplicate awaiting review (reviewed meanwhile, say).
   */
  reviewDuplicate(
    id: string,
    review: Omit<DuplicateReview, 'resolvedAt'>,
    grant?: { partyId: string; agencyId: string },
  ): Promise<PartyRecord | undefined>;
}

const partySelect = {
  id: true,
  kind: true,
  name: true,
  gender: true,
  idNumberCiphertext: true,
  idNumberKeyId: true,
  idNumberBlindIndex: true,
  creditCode: true,
  phoneCiphertext: true,
  phoneKeyId: true,
  contactName: true,
  addressTownCode: true,
  addressVillageCode: true,
  addressGridCode: true,
  addressDetail: true,
  townCode: true,
  registeringAgencyId: true,
  involvedAgencyIds: true,
  createdBy: true,
  version: true,
  createdAt: true,
  updatedAt: true,
  possibleDuplicateOf: true,
  duplicateResolution: true,
  duplicateResolvedBy: true,
  duplicateResolvedAt: true,
  duplicateResolutionReason: true,
  riskFlags: { where: { clearedAt: null }, select: { category: true } },
} as const;

interface PartyRow {
  id: string;
  kind: string;
  name: string;
  gender: string | null;
  idNumberCiphertext: Uint8Array | null;
  idNumberKeyId: string | null;
  idNumberBlindIndex: string | null;
  creditCode: string | null;
  phoneCiphertext: Uint8Array | null;
  phoneKeyId: string | null;
  contactName: string | null;
  addressTownCode: string;
  addressVillageCode: string | null;
  addressGridCode: string | null;
  addressDetail: string | null;
  townCode: string;
  registeringAgencyId: string;
  involvedAgencyIds: string[];
  createdBy: string;
  version: number;
  createdAt: Date;
  updatedAt: Date;
  possibleDuplicateOf: string | null;
  duplicateResolution: string | null;
  duplicateResolvedBy: string | null;
  duplicateResolvedAt: Date | null;
  duplicateResolutionReason: string | null;
  riskFlags: { category: string }[];
}

function sealedOf(ciphertext: Uint8Array | null, keyId: string | null): Sealed | null {
  return ciphertext && keyId ? { ciphertext, keyId } : null;
}

function toRecord(row: PartyRow): PartyRecord {
  return {
    id: row.id,
    kind: row.kind as PartyKind,
    name: row.name,
    gender: row.gender as PartyRecord['gender'],
    idNumber: sealedOf(row.idNumberCiphertext, row.idNumberKeyId),
    idNumberBlindIndex: row.idNumberBlindIndex,
    creditCode: row.creditCode,
    phone: sealedOf(row.phoneCiphertext, row.phoneKeyId),
    contactName: row.contactName,
    address: {
      townCode: row.addressTownCode,
      villageCode: row.addressVillageCode,
      gridCode: row.addressGridCode,
      detail: row.addressDetail,
    },
    townCode: row.townCode,
    registeringAgencyId: row.registeringAgencyId,
    involvedAgencyIds: row.involvedAgencyIds,
    createdBy: row.createdBy,
    version: row.version,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    activeRiskCategories: [...new Set(row.riskFlags.map((f) => f.category as RiskCategory))],
    possibleDuplicateOf: row.possibleDuplicateOf,
    // The database's check constraint guarantees the four columns are set together.
    duplicateReview:
      row.duplicateResolution && row.duplicateResolvedBy && row.duplicateResolvedAt
        ? {
            resolution: row.duplicateResolution as DuplicateResolution,
            resolvedBy: row.duplicateResolvedBy,
            resolvedAt: row.duplicateResolvedAt,
            reason: row.duplicateResolutionReason ?? '',
          }
        : null,
  };
}

/** Primary records before possible duplicates, then oldest first: the order lookups prefer. */
const identityOrder = [
  { possibleDuplicateOf: { sort: 'asc', nulls: 'first' } },
  { createdAt: 'asc' },
  { id: 'asc' },
] as const;

/** Prisma wants a plain ArrayBuffer-backed Uint8Array. */
function bytes(value: Uint8Array): Uint8Array<ArrayBuffer> {
  return new Uint8Array(value);
}

/**
 * Involves an agency with a party inside the caller's transaction, publishing `agency-involved`; false when it already
 * was (or there is no such party). One statement, so two concurrent grants can neither lose one another nor add the
 * same agency twice.
 */
export async function involveAgencyInTransaction(
  tx: Prisma.TransactionClient,
  events: PartyEvents,
  id: string,
  agencyId: string,
): Promise<boolean> {
  const changed = await tx.$executeRaw`
    UPDATE parties
       SET involved_agency_ids = array_append(involved_agency_ids, ${agencyId}),
           version = version + 1,
           updated_at = now()
     WHERE id = ${id}::uuid AND NOT (${agencyId} = ANY(involved_agency_ids))`;
  if (changed !== 1) return false;
  const row = await tx.party.findUnique({ where: { id }, select: partySelect });
  if (row) await writeOutbox(tx, [events.agencyInvolved(toRecord(row), agencyId)]);
  return true;
}

/**
 * Every change writes its event to the outbox in the same transaction (after the statement that locks the party row,
 * so one party's events are numbered in commit order).
 */
export function createPartiesRepository(
  prisma: PrismaClient,
  events: PartyEvents = createPartyEvents(),
): PartiesRepository {
  const repository: PartiesRepository = {
    async insert(data) {
      try {
        const record = await prisma.$transaction(async (tx) => {
          const row = await tx.party.create({
            data: {
              id: data.id,
              kind: data.kind,
              name: data.name,
              gender: data.gender,
              idNumberCiphertext: data.idNumber ? bytes(data.idNumber.ciphertext) : null,
              idNumberKeyId: data.idNumber?.keyId ?? null,
              idNumberBlindIndex: data.idNumberBlindIndex,
              creditCode: data.creditCode,
              phoneCiphertext: data.phone ? bytes(data.phone.ciphertext) : null,
              phoneKeyId: data.phone?.keyId ?? null,
              contactName: data.contactName,
              addressTownCode: data.address.townCode,
              addressVillageCode: data.address.villageCode,
              addressGridCode: data.address.gridCode,
              addressDetail: data.address.detail,
              townCode: data.townCode,
              registeringAgencyId: data.registeringAgencyId,
              involvedAgencyIds: data.involvedAgencyIds,
              createdBy: data.createdBy,
              possibleDuplicateOf: data.possibleDuplicateOf,
            },
            select: partySelect,
          });
          const created = toRecord(row);
          await writeOutbox(tx, [events.registered(created)]);
          return created;
        });
        return { kind: 'created', record };
      } catch (error) {
        // Another request registered the town's primary record of this identity first (or the id exists): the
        // caller looks again and decides what this request is.
        if (isUniqueViolation(error)) return { kind: 'clash' };
        throw error;
      }
    },

    async findById(id) {
      const row = await prisma.party.findUnique({ where: { id }, select: partySelect });
      return row ? toRecord(row) : undefined;
    },

    async findByIdentity(townCode, identity) {
      const rows = await prisma.party.findMany({
        where: {
          townCode,
          ...('blindIndex' in identity
            ? { idNumberBlindIndex: identity.blindIndex }
            : { creditCode: identity.creditCode }),
        },
        orderBy: [...identityOrder],
        select: partySelect,
      });
      return rows.map(toRecord);
    },

    async findByBlindIndex(blindIndex) {
      const rows = await prisma.party.findMany({
        where: { idNumberBlindIndex: blindIndex },
        orderBy: [...identityOrder],
        select: partySelect,
      });
      return rows.map(toRecord);
    },

    async update(id, expectedVersion, changes) {
      return prisma.$transaction(async (tx) => {
        const { count } = await tx.party.updateMany({
          where: { id, version: expectedVersion },
          data: {
            version: { increment: 1 },
            ...(changes.name !== undefined ? { name: changes.name } : {}),
            ...(changes.gender !== undefined ? { gender: changes.gender } : {}),
            ...(changes.contactName !== undefined ? { contactName: changes.contactName } : {}),
            ...(changes.phone !== undefined
              ? {
                  phoneCiphertext: changes.phone ? bytes(changes.phone.ciphertext) : null,
                  phoneKeyId: changes.phone?.keyId ?? null,
                }
              : {}),
            ...(changes.address
              ? {
                  addressTownCode: changes.address.townCode,
                  addressVillageCode: changes.address.villageCode,
                  addressGridCode: changes.address.gridCode,
                  addressDetail: changes.address.detail,
                }
              : {}),
          },
        });
        if (count !== 1) return undefined;
        const row = await tx.party.findUnique({ where: { id }, select: partySelect });
        if (!row) return undefined;
        const updated = toRecord(row);
        const fields = changedPartyFields(changes);
        if (fields.length > 0) await writeOutbox(tx, [events.updated(updated, fields)]);
        return updated;
      });
    },

    async addInvolvedAgency(id, agencyId) {
      await prisma.$transaction((tx) => involveAgencyInTransaction(tx, events, id, agencyId));
      return repository.findById(id);
    },

    async list(scope, filter) {
      const visible = scope.all
        ? {}
        : {
            OR: [
              { involvedAgencyIds: { has: scope.agencyId } },
              ...(scope.townCode ? [{ townCode: scope.townCode }] : []),
            ],
          };
      const rows = await prisma.party.findMany({
        where: {
          AND: [
            visible,
            filter.kind ? { kind: filter.kind } : {},
            filter.nameContains ? { name: { contains: filter.nameContains, mode: 'insensitive' as const } } : {},
            filter.villageCode ? { addressVillageCode: filter.villageCode } : {},
            filter.after
              ? {
                  OR: [
                    { createdAt: { lt: filter.after.createdAt } },
                    { createdAt: filter.after.createdAt, id: { lt: filter.after.id } },
                  ],
                }
              : {},
          ],
        },
        orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
        take: filter.limit + 1,
        select: partySelect,
      });
      return rows.map(toRecord);
    },

    async listPossibleDuplicates(townCode, page) {
      const rows = await prisma.party.findMany({
        where: {
          townCode,
          possibleDuplicateOf: { not: null },
          duplicateResolution: null,
          ...(page.after
            ? {
                OR: [
                  { createdAt: { gt: page.after.createdAt } },
                  { createdAt: page.after.createdAt, id: { gt: page.after.id } },
                ],
              }
            : {}),
        },
        orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
        take: page.limit + 1,
        select: partySelect,
      });
      return rows.map(toRecord);
    },

    async reviewDuplicate(id, review, grant) {
      return prisma.$transaction(async (tx) => {
        // Only a possible duplicate not reviewed yet: two coordinators deciding at once cannot both win.
        const reviewed = await tx.$executeRaw`
        UPDATE parties
           SET duplicate_resolution = ${review.resolution},
               duplicate_resolved_by = ${review.resolvedBy},
               duplicate_resolved_at = now(),
               duplicate_resolution_reason = ${review.reason},
               version = version + 1,
               updated_at = now()
         WHERE id = ${id}::uuid AND possible_duplicate_of IS NOT NULL AND duplicate_resolution IS NULL`;
        if (reviewed !== 1) return undefined;
        if (grant) {
          const granted = await tx.$executeRaw`
          UPDATE parties
             SET involved_agency_ids = array_append(involved_agency_ids, ${grant.agencyId}),
                 version = version + 1,
                 updated_at = now()
           WHERE id = ${grant.partyId}::uuid AND NOT (${grant.agencyId} = ANY(involved_agency_ids))`;
          if (granted === 1) {
            const row = await tx.party.findUnique({ where: { id: grant.partyId }, select: partySelect });
            if (row) await writeOutbox(tx, [events.agencyInvolved(toRecord(row), grant.agencyId)]);
          }
        }
        const row = await tx.party.findUnique({ where: { id }, select: partySelect });
        return row ? toRecord(row) : undefined;
      });
    },
  };
  return repository;
}
