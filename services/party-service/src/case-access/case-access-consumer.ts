/**
 * Agencies that come to hold a case read its parties: case-service publishes `gongzhi.case.parties-shared` when an
 * agency accepts a transfer of a case or joins it for joint mediation, and when a party joins a case agencies hold.
 * This consumer involves each named agency with each named party of the event's town, once per event, with an audit
 * record per grant in the same transaction as the processed-event record. The masking and reveal rules stay those of
 * every other read: an involved agency's staff read the party masked, and reveal by their roles (party-policy.ts).
 */
import type { Kafka } from 'kafkajs';
import type { Logger } from 'pino';
import type { DomainEvent, DomainEventType, EventData } from '@gongzhi/contracts';
import { createAuditTrail, takeAuditChainLock } from '@gongzhi/http';
import {
  createIdempotentConsumer,
  type IdempotentConsumer,
  type IdempotentConsumerOptions,
  recordProcessedEvent,
} from '@gongzhi/outbox';
import type { PartyEvents } from '../events/party-events';
import type { Prisma, PrismaClient } from '../generated/prisma/client';
import { involveAgencyInTransaction } from '../parties/parties.repository';
import { AUDIT_OBJECT } from '../parties/parties.service';

/** The name processed events are recorded under. */
export const CASE_ACCESS_CONSUMER = 'party-case-access';

/** The audit actor of a grant: the service whose event caused it (the event's id is the record's request id). */
export const CASE_ACCESS_ACTOR = 'case-service';

const SHARED: DomainEventType = 'gongzhi.case.parties-shared';

type Tx = Prisma.TransactionClient;

export interface CaseAccessDeps {
  events: PartyEvents;
  /** The service's audit chain key (AUDIT_CHAIN_KEY_FILE). */
  auditChainKey: Buffer;
  logger: Pick<Logger, 'info' | 'warn'>;
}

/** One agency involved with one party by a case event. */
export interface CaseAccessGrant {
  partyId: string;
  agencyId: string;
}

/**
 * Applies one `parties-shared` event in `tx`: involves each agency with each party of the event's town that does not
 * have it yet, and audits each grant. Parties unknown here or of another town are left alone and logged by id only.
 */
export async function applyPartiesShared(
  tx: Tx,
  event: { id: string; data: EventData<'gongzhi.case.parties-shared'> },
  deps: CaseAccessDeps,
): Promise<CaseAccessGrant[]> {
  const { caseId, townCode, agencyIds, partyIds, reason } = event.data;
  const known = await tx.party.findMany({ where: { id: { in: partyIds } }, select: { id: true, townCode: true } });
  // Sorted, so two events naming the same parties lock their rows in one order.
  const ofTown = known
    .filter((party) => party.townCode === townCode)
    .map((party) => party.id)
    .sort();
  const refused = partyIds.filter((id) => !ofTown.includes(id));
  if (refused.length > 0) {
    // Ids only: which parties were not the town's (or are unknown here) says nothing about who they are.
    deps.logger.warn(
      { eventId: event.id, caseId, townCode, partyIds: refused },
      'parties of another town or unknown here were not shared',
    );
  }
  const grants: CaseAccessGrant[] = [];
  for (const partyId of ofTown) {
    for (const agencyId of agencyIds) {
      if (await involveAgencyInTransaction(tx, deps.events, partyId, agencyId)) grants.push({ partyId, agencyId });
    }
  }
  if (grants.length > 0) {
    await takeAuditChainLock(tx);
    // A trail of this transaction's own: it reads the head under the lock above and appends one INSERT.
    const audit = createAuditTrail(tx.auditRecord, { chainKey: deps.auditChainKey });
    await Promise.all(
      grants.map((grant) =>
        audit.record({
          actor: CASE_ACCESS_ACTOR,
          action: `party.agency-added.${reason}`,
          objectType: AUDIT_OBJECT,
          objectId: grant.partyId,
          // Which event caused it (its id), and for which case and agency.
          requestId: event.id,
          callerRequestId: `case/${caseId}/agency/${grant.agencyId}`,
        }),
      ),
    );
    deps.logger.info({ eventId: event.id, caseId, reason, grants: grants.length }, 'case parties shared');
  }
  return grants;
}

export interface CaseAccessConsumerOptions extends CaseAccessDeps {
  prisma: PrismaClient;
  kafka: Kafka;
  groupId: string;
  /** case-service's topic. */
  topics: readonly string[];
  deadLetterTopic: string;
  logger: Logger;
  onProcessed?: IdempotentConsumerOptions<Tx>['onProcessed'];
}

/** Consumes case.events: each `parties-shared` once, in its transaction; poison goes to the dead-letter topic. */
export function createCaseAccessConsumer(options: CaseAccessConsumerOptions): IdempotentConsumer {
  const logger = options.logger.child({ component: 'case-access-consumer' });
  const deps: CaseAccessDeps = { events: options.events, auditChainKey: options.auditChainKey, logger };
  return createIdempotentConsumer<Tx>({
    kafka: options.kafka,
    groupId: options.groupId,
    topics: options.topics,
    deadLetterTopic: options.deadLetterTopic,
    consumer: CASE_ACCESS_CONSUMER,
    // A group that starts late (a fresh deployment) still grants what was accepted before it ran.
    fromBeginning: true,
    transaction: (work) => options.prisma.$transaction(work),
    recordProcessed: (tx, event) => recordProcessedEvent(tx, CASE_ACCESS_CONSUMER, event),
    handle: async (event: DomainEvent, tx) => {
      if (event.type === 'gongzhi.case.parties-shared') await applyPartiesShared(tx, event, deps);
    },
    handles: (type) => type === SHARED,
    logger,
    ...(options.onProcessed ? { onProcessed: options.onProcessed } : {}),
  });
}
