import { type AgencyKind, ReceptionWindow } from '@gongzhi/contracts';
import { writeOutbox } from '@gongzhi/outbox';
import { type AgencyEvents, createAgencyEvents } from '../events/agency-events';
import type { Prisma, PrismaClient } from '../generated/prisma/client';
import type { AgencyListQuery, AgencyPatch, AgencyRecord, NewAgency } from './agencies.model';

export interface AgenciesRepository {
  create(agency: NewAgency): Promise<AgencyRecord>;
  findById(id: string): Promise<AgencyRecord | undefined>;
  list(query: AgencyListQuery): Promise<AgencyRecord[]>;
  /** Applies the patch only if the row is still at `expectedVersion`: 'stale' when it moved on, undefined when gone. */
  update(id: string, expectedVersion: number, patch: AgencyPatch): Promise<AgencyRecord | 'stale' | undefined>;
}

const agencySelect = {
  id: true,
  kind: true,
  name: true,
  townCode: true,
  areaCodes: true,
  contactPhone: true,
  receptionHours: true,
  version: true,
  createdAt: true,
  updatedAt: true,
} as const satisfies Prisma.AgencySelect;

type AgencyRow = Prisma.AgencyGetPayload<{ select: typeof agencySelect }>;

function toRecord(row: AgencyRow): AgencyRecord {
  return {
    ...row,
    // Written only after validation by the contracts; parsing again keeps a hand-edited row from leaking out.
    kind: row.kind as AgencyKind,
    receptionHours: ReceptionWindow.array().parse(row.receptionHours),
  };
}

function toData(patch: AgencyPatch): Prisma.AgencyUpdateManyMutationInput {
  const { receptionHours, ...rest } = patch;
  return { ...rest, ...(receptionHours ? { receptionHours: receptionHours as Prisma.InputJsonValue } : {}) };
}

/** Every change writes its event to the outbox in the same transaction. */
export function createAgenciesRepository(
  prisma: PrismaClient,
  events: AgencyEvents = createAgencyEvents(),
): AgenciesRepository {
  return {
    async create(agency) {
      return prisma.$transaction(async (tx) => {
        const row = await tx.agency.create({
          data: { ...agency, receptionHours: agency.receptionHours as Prisma.InputJsonValue },
          select: agencySelect,
        });
        const record = toRecord(row);
        await writeOutbox(tx, [events.registered(record)]);
        return record;
      });
    },

    async findById(id) {
      const row = await prisma.agency.findUnique({ where: { id }, select: agencySelect });
      return row ? toRecord(row) : undefined;
    },

    async list(query) {
      const rows = await prisma.agency.findMany({
        where: {
          ...(query.townCode ? { townCode: query.townCode } : {}),
          ...(query.kind ? { kind: query.kind } : {}),
          ...(query.onlyIds || query.afterId
            ? {
                id: {
                  ...(query.onlyIds ? { in: query.onlyIds } : {}),
                  ...(query.afterId ? { gt: query.afterId } : {}),
                },
              }
            : {}),
        },
        orderBy: { id: 'asc' },
        take: query.limit + 1,
        select: agencySelect,
      });
      return rows.map(toRecord);
    },

    async update(id, expectedVersion, patch) {
      return prisma.$transaction(async (tx) => {
        const { count } = await tx.agency.updateMany({
          where: { id, version: expectedVersion },
          data: { ...toData(patch), version: { increment: 1 } },
        });
        const row = await tx.agency.findUnique({ where: { id }, select: agencySelect });
        if (!row) return undefined;
        if (count !== 1) return 'stale' as const;
        const record = toRecord(row);
        const event = events.updated(record, patch);
        if (event) await writeOutbox(tx, [event]);
        return record;
      });
    },
  };
}
