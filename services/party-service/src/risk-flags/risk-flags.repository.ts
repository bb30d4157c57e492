import type { RiskCategory } from '@gongzhi/contracts';
import { NotFoundError } from '@gongzhi/errors';
import { writeOutbox } from '@gongzhi/outbox';
import { createPartyEvents, type PartyEvents } from '../events/party-events';
import type { PrismaClient } from '../generated/prisma/client';
import type { NewRiskFlag, RiskFlagRecord, SetOutcome } from './risk-flags.model';

export interface RiskFlagsRepository {
  /**
   * Sets a flag unless one of the same category is active on the party (checked under a lock on the party row), and
   * publishes `risk-flag-set` with it: the cases the person is in learn of it from the event.
   */
  set(flag: NewRiskFlag): Promise<SetOutcome>;
  /** Every flag of the party, active and cleared, oldest first. */
  listForParty(partyId: string): Promise<RiskFlagRecord[]>;
  find(partyId: string, flagId: string): Promise<RiskFlagRecord | undefined>;
  /** Clears an active flag; undefined when it was already cleared. History is kept: nothing is deleted. */
  clear(
    partyId: string,
    flagId: string,
    clearing: { by: string; reason: string; at: Date },
  ): Promise<RiskFlagRecord | undefined>;
}

const flagSelect = {
  id: true,
  partyId: true,
  category: true,
  reason: true,
  setBy: true,
  setByAgencyId: true,
  setAt: true,
  clearedBy: true,
  clearedAt: true,
  clearReason: true,
} as const;

function toRecord(row: { category: string } & Omit<RiskFlagRecord, 'category'>): RiskFlagRecord {
  return { ...row, category: row.category as RiskCategory };
}

/**
 * Setting a flag writes its event to the outbox in the same transaction, after the statement that locks the party row
 * (so one party's events are numbered in commit order). Clearing publishes nothing (PartyRiskFlagSetData says why).
 */
export function createRiskFlagsRepository(
  prisma: PrismaClient,
  events: PartyEvents = createPartyEvents(),
): RiskFlagsRepository {
  return {
    async set(flag) {
      return prisma.$transaction(async (tx) => {
        // Serialises flag changes per party, so two coordinators cannot both set the same category at once.
        const [party] = await tx.$queryRaw<{ town_code: string }[]>`
          SELECT town_code FROM parties WHERE id = ${flag.partyId}::uuid FOR UPDATE`;
        // The service read the party before; only a party gone since (never, today: parties are not deleted) lands here.
        if (!party) throw new NotFoundError('party', flag.partyId);
        const active = await tx.riskFlag.findFirst({
          where: { partyId: flag.partyId, category: flag.category, clearedAt: null },
          select: flagSelect,
        });
        if (active) return { kind: 'already-active', record: toRecord(active) } as const;
        const row = await tx.riskFlag.create({ data: flag, select: flagSelect });
        const record = toRecord(row);
        await writeOutbox(tx, [events.riskFlagSet(record, party.town_code)]);
        return { kind: 'created', record } as const;
      });
    },

    async listForParty(partyId) {
      const rows = await prisma.riskFlag.findMany({
        where: { partyId },
        orderBy: [{ setAt: 'asc' }, { id: 'asc' }],
        select: flagSelect,
      });
      return rows.map(toRecord);
    },

    async find(partyId, flagId) {
      const row = await prisma.riskFlag.findFirst({ where: { id: flagId, partyId }, select: flagSelect });
      return row ? toRecord(row) : undefined;
    },

    async clear(partyId, flagId, clearing) {
      const { count } = await prisma.riskFlag.updateMany({
        where: { id: flagId, partyId, clearedAt: null },
        data: { clearedBy: clearing.by, clearedAt: clearing.at, clearReason: clearing.reason },
      });
      if (count !== 1) return undefined;
      const row = await prisma.riskFlag.findUnique({ where: { id: flagId }, select: flagSelect });
      return row ? toRecord(row) : undefined;
    },
  };
}
