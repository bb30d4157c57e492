import { isUniqueViolation } from '@gongzhi/http';
import { ConflictError } from '@gongzhi/errors';
import type { Prisma, PrismaClient } from '../generated/prisma/client';

/** A village of a town, with its grids (网格). */
export interface VillageRecord {
  id: string;
  townCode: string;
  code: string;
  name: string;
  gridCodes: string[];
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

export type NewVillage = Omit<VillageRecord, 'version' | 'createdAt' | 'updatedAt'>;
export type VillagePatch = Partial<Pick<VillageRecord, 'name' | 'gridCodes'>>;

export interface VillagesRepository {
  /** Throws VillageCodeTakenError (409) when the town already has a village with this code. */
  create(village: NewVillage): Promise<VillageRecord>;
  findById(id: string): Promise<VillageRecord | undefined>;
  /** The town's village with this code (unique in its town), if it has one. */
  findByCode(townCode: string, code: string): Promise<VillageRecord | undefined>;
  /** Applies the patch only if the row is still at `expectedVersion`: 'stale' when it moved on, undefined when gone. */
  update(id: string, expectedVersion: number, patch: VillagePatch): Promise<VillageRecord | 'stale' | undefined>;
  /** Records (or renames) a town's name, as the directory shows it. */
  nameTown(code: string, name: string): Promise<void>;
}

export class VillageCodeTakenError extends ConflictError {
  constructor(townCode: string, code: string) {
    super(`The town ${townCode} already has a village ${code}: rename that one, or choose another code.`);
  }
}

const villageSelect = {
  id: true,
  townCode: true,
  code: true,
  name: true,
  gridCodes: true,
  version: true,
  createdAt: true,
  updatedAt: true,
} as const satisfies Prisma.VillageSelect;

export function createVillagesRepository(prisma: PrismaClient): VillagesRepository {
  return {
    async create(village) {
      try {
        return await prisma.village.create({ data: village, select: villageSelect });
      } catch (error) {
        if (isUniqueViolation(error)) throw new VillageCodeTakenError(village.townCode, village.code);
        throw error;
      }
    },

    async findById(id) {
      return (await prisma.village.findUnique({ where: { id }, select: villageSelect })) ?? undefined;
    },

    async findByCode(townCode, code) {
      return (
        (await prisma.village.findUnique({ where: { townCode_code: { townCode, code } }, select: villageSelect })) ??
        undefined
      );
    },

    async update(id, expectedVersion, patch) {
      return prisma.$transaction(async (tx) => {
        const { count } = await tx.village.updateMany({
          where: { id, version: expectedVersion },
          data: { ...patch, version: { increment: 1 } },
        });
        const row = await tx.village.findUnique({ where: { id }, select: villageSelect });
        if (!row) return undefined;
        if (count !== 1) return 'stale' as const;
        return row;
      });
    },

    async nameTown(code, name) {
      await prisma.town.upsert({ where: { code }, create: { code, name }, update: { name }, select: { code: true } });
    },
  };
}
