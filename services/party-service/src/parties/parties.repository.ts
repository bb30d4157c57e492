import { isUniqueViolation } from '@gongzhi/http';
import type { PartyKind, RiskCategory } from '@gongzhi/contracts';
import { writeOutbox } from '@gongzhi/outbox';
import type { Sealed } from '../crypto/party-crypto';
import { changedPartyFields, createPartyEvents, type PartyEvents } from '../events/party-events';
import type { PrismaClient } from '../generated/prisma/client';

/** A party row as the service works with it: personal data still sealed. */
export interface PartyRecord {
  id: string;
  kind: PartyKind;
  name: string;
  gender: 'male' | 'female' | null;
  idNumber: Sealed | null;
  idNumberBlindIndex: string | null;
  creditCode: string | null;
  /** A person's phone, or an organisation's contact phone. */
  phone: Sealed | null;
  contactName: string | null;
  address: { townCode: string; villageCode: string | null; gridCode: string | null; detail: string | null };
  townCode: string;
  registeringAgencyId: string;
  involvedAgencyIds: string[];
  createdBy: string;
  version: number;
  createdAt: Date;
  updatedAt: Date;
  activeRiskCategories: RiskCategory[];
}

export type NewPartyRecord = Omit<PartyRecord, 'version' | 'createdAt' | 'updatedAt' | 'activeRiskCategories'>;

/** Either this call created the party, or one with the same ID number / credit code already existed (maybe by a race). */
export type InsertOutcome = { kind: 'created'; record: PartyRecord } | { kind: 'exists'; record: PartyRecord };

export interface PartyChanges {
  name?: string;
  gender?: 'male' | 'female' | null;
  phone?: Sealed | null;
  contactName?: string | null;
  address?: PartyRecord['address'];
}

/** Who may be listed: everything (administrators), or a town and/or the parties an agency is involved with. */
export interface ListScope {
  all: boolean;
  townCode?: string;
  agencyId: string;
}

export interface ListFilter {
  limit: number;
  after?: { createdAt: Date; id: string };
  kind?: PartyKind;
  nameContains?: string;
  villageCode?: string;
}

export interface PartiesRepository {
  /** Inserts a party; a duplicate ID number or credit code (unique constraints) returns the existing party instead. */
  insert(data: NewPartyRecord): Promise<InsertOutcome>;
  findById(id: string): Promise<PartyRecord | undefined>;
  findByBlindIndex(blindIndex: string): Promise<PartyRecord | undefined>;
  findByCreditCode(creditCode: string): Promise<PartyRecord | undefined>;
  /** Applies the changes if the row is still at `expectedVersion`; undefined when it moved on (→ 412). */
  update(id: string, expectedVersion: number, changes: PartyChanges): Promise<PartyRecord | undefined>;
  /** Adds an agency to the party's involved agencies (no-op if present). */
  addInvolvedAgency(id: string, agencyId: string): Promise<PartyRecord | undefined>;
  /** Newest first; `limit + 1` rows so the caller can tell whether there is a next page. */
  list(scope: ListScope, filter: ListFilter): Promise<PartyRecord[]>;
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
  };
}

/** Prisma wants a plain ArrayBuffer-backed Uint8Array. */
function bytes(value: Uint8Array): Uint8Array<ArrayBuffer> {
  return new Uint8Array(value);
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
            },
            select: partySelect,
          });
          const created = toRecord(row);
          await writeOutbox(tx, [events.registered(created)]);
          return created;
        });
        return { kind: 'created', record };
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
        // Another request registered the same person or organisation first: that one is the party.
        const existing = data.idNumberBlindIndex
          ? await repository.findByBlindIndex(data.idNumberBlindIndex)
          : data.creditCode
            ? await repository.findByCreditCode(data.creditCode)
            : undefined;
        if (!existing) throw error;
        return { kind: 'exists', record: existing };
      }
    },

    async findById(id) {
      const row = await prisma.party.findUnique({ where: { id }, select: partySelect });
      return row ? toRecord(row) : undefined;
    },

    async findByBlindIndex(blindIndex) {
      const row = await prisma.party.findUnique({ where: { idNumberBlindIndex: blindIndex }, select: partySelect });
      return row ? toRecord(row) : undefined;
    },

    async findByCreditCode(creditCode) {
      const row = await prisma.party.findUnique({ where: { creditCode }, select: partySelect });
      return row ? toRecord(row) : undefined;
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
      // One statement, so two concurrent grants can neither lose one another nor add the same agency twice.
      await prisma.$transaction(async (tx) => {
        const changed = await tx.$executeRaw`
        UPDATE parties
           SET involved_agency_ids = array_append(involved_agency_ids, ${agencyId}),
               version = version + 1,
               updated_at = now()
         WHERE id = ${id}::uuid AND NOT (${agencyId} = ANY(involved_agency_ids))`;
        if (changed !== 1) return;
        const row = await tx.party.findUnique({ where: { id }, select: partySelect });
        if (row) await writeOutbox(tx, [events.agencyInvolved(toRecord(row), agencyId)]);
      });
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
  };
  return repository;
}
