import { isUniqueViolation } from '@gongzhi/http';
import { PolicyDocument } from '@gongzhi/contracts';
import { writeOutbox } from '@gongzhi/outbox';
import { type AgencyEvents, createAgencyEvents } from '../events/agency-events';
import type { Prisma, PrismaClient } from '../generated/prisma/client';
import type { PolicyRecord } from './policy.model';

export interface PolicyRepository {
  latest(townCode: string): Promise<PolicyRecord | undefined>;
  find(townCode: string, version: number): Promise<PolicyRecord | undefined>;
  /** Stores a new version; false when that version number exists already (a concurrent change won the race). */
  insert(record: Omit<PolicyRecord, 'createdAt'>): Promise<PolicyRecord | false>;
}

const policySelect = {
  townCode: true,
  version: true,
  document: true,
  createdBy: true,
  createdAt: true,
} as const satisfies Prisma.EscalationPolicySelect;

type PolicyRow = Prisma.EscalationPolicyGetPayload<{ select: typeof policySelect }>;

function toRecord(row: PolicyRow): PolicyRecord {
  return { ...row, document: PolicyDocument.parse(row.document) };
}

/** A stored version writes `policy-changed` to the outbox in the same transaction. */
export function createPolicyRepository(
  prisma: PrismaClient,
  events: AgencyEvents = createAgencyEvents(),
): PolicyRepository {
  return {
    async latest(townCode) {
      const row = await prisma.escalationPolicy.findFirst({
        where: { townCode },
        orderBy: { version: 'desc' },
        select: policySelect,
      });
      return row ? toRecord(row) : undefined;
    },

    async find(townCode, version) {
      const row = await prisma.escalationPolicy.findUnique({
        where: { townCode_version: { townCode, version } },
        select: policySelect,
      });
      return row ? toRecord(row) : undefined;
    },

    async insert(record) {
      try {
        return await prisma.$transaction(async (tx) => {
          const row = await tx.escalationPolicy.create({
            data: { ...record, document: record.document as Prisma.InputJsonValue },
            select: policySelect,
          });
          const stored = toRecord(row);
          await writeOutbox(tx, [events.policyChanged(stored)]);
          return stored;
        });
      } catch (error) {
        if (isUniqueViolation(error)) return false;
        throw error;
      }
    },
  };
}
