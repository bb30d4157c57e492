/**
 * A risk flag set on a person in party-service (the police flag a violence risk, the coordinator a key person) reaches
 * the workflow of every open case of the person's town that names them: party-service publishes
 * `gongzhi.party.risk-flag-set` (ids and the category only), and this consumer sends each such case's workflow the
 * `partyRiskFlagged` Update, which applies the town's policy as for a risk raised on the case. Each event is applied
 * once (its processed-event record commits with the transaction that told the workflows); the workflow applies each
 * flag id once as well, so telling it again after a failure part-way changes nothing.
 */
import type { Logger } from 'pino';
import { type DomainEventType, type EventData, RISK_FLAGS, type RiskFlag } from '@gongzhi/contracts';
import { type IdempotentConsumer, isTransientError, type MessageProcessorOptions } from '@gongzhi/outbox';
import { type CaseConsumerOptions, createCaseConsumer } from '../consumers/case-consumer';
import type { Prisma } from '../generated/prisma/client';
import {
  isTemporalTransient,
  type PartyRiskDelivery,
  PartyRiskRefusedError,
  type PartyRiskWorkflows,
} from './party-risk-workflows';

/** The name processed events are recorded under. */
export const PARTY_RISK_CONSUMER = 'case-party-risk';

const FLAG_SET: DomainEventType = 'gongzhi.party.risk-flag-set';

/** Case statuses whose workflow may still take a risk: `opening` (its start not yet confirmed) and `open`. */
const OPEN_STATUSES: ReadonlySet<string> = new Set(['opening', 'open']);

/**
 * The workflow is told through the Updates of one transaction (see `createPartyRiskConsumer`), each bounded by its own
 * deadline; a party in many open cases with a slow worker must still fit, and a transaction that outlives this is
 * retried (the cases already told skip it).
 */
const TRANSACTION_TIMEOUT_MS = 5 * 60_000;

/** A case that names the party, as case-service's database holds it. */
export interface CaseNamingParty {
  caseId: string;
  workflowId: string;
  townCode: string;
  status: string;
}

/** What one event did: the cases told (those of them still applying it), and those skipped with why (ids only). */
export interface PartyRiskReport {
  told: string[];
  /** Accepted by the workflow, not yet applied: its main loop is busy (or blocked) with an earlier command. */
  pending: string[];
  skipped: { caseId: string; why: 'case-closed' | 'workflow-not-running' }[];
}

export interface PartyRiskDeps<Tx> {
  /** Every case naming the party, whatever its town or status (the handler decides which to tell). */
  casesNamingParty(tx: Tx, partyId: string): Promise<CaseNamingParty[]>;
  workflows: PartyRiskWorkflows;
  logger: Pick<Logger, 'info' | 'warn'>;
}

/** The Update id: per flag, so a redelivered event (or a retry after a failure part-way) acts once in each workflow. */
export function partyRiskUpdateId(flagId: string): string {
  return `party-risk-flagged:${flagId}`;
}

/** A party-service category the workflows route by; the others (repeat petitions, threats) are for people to read. */
function isWorkflowRisk(category: string): category is RiskFlag {
  return (RISK_FLAGS as readonly string[]).includes(category);
}

/** The cases to tell: open (or still opening) and of the event's town (a town's flags are the town's), in id order. */
export function casesToTell(cases: readonly CaseNamingParty[], townCode: string): CaseNamingParty[] {
  return cases
    .filter((c) => OPEN_STATUSES.has(c.status) && c.townCode === townCode)
    .sort((a, b) => (a.caseId < b.caseId ? -1 : a.caseId > b.caseId ? 1 : 0));
}

/**
 * Tells each open case of the event's town that names the party. A closed case, or a workflow that finished or is not
 * there, is skipped: it can no longer take a risk, and retrying would not change that. The workflow's refusal of the
 * input throws (the event is dead-lettered); Temporal unreachable throws as it came (the event is retried).
 */
export async function tellOpenCases(
  event: { id: string; data: EventData<'gongzhi.party.risk-flag-set'> },
  cases: readonly CaseNamingParty[],
  deps: Pick<PartyRiskDeps<unknown>, 'workflows' | 'logger'>,
): Promise<PartyRiskReport> {
  const { partyId, townCode, flagId, category, agencyId } = event.data;
  const report: PartyRiskReport = { told: [], pending: [], skipped: [] };
  if (!isWorkflowRisk(category)) {
    deps.logger.info(
      { eventId: event.id, partyId, flagId, category },
      'risk category no workflow routes by: no case told',
    );
    return report;
  }
  const elsewhere = cases.filter((c) => c.townCode !== townCode).map((c) => c.caseId);
  if (elsewhere.length > 0) {
    // Ids only. Parties are per town, so this is a party id another town's case carries: not the flag's business.
    deps.logger.warn({ eventId: event.id, partyId, townCode, caseIds: elsewhere }, 'cases of another town not told');
  }
  const input = { partyId, flagId, flag: category, agencyId };
  for (const c of casesToTell(cases, townCode)) {
    let delivery: PartyRiskDelivery;
    try {
      delivery = await deps.workflows.partyRiskFlagged(c.workflowId, input, partyRiskUpdateId(flagId));
    } catch (error) {
      if (error instanceof PartyRiskRefusedError) {
        deps.logger.warn(
          { eventId: event.id, caseId: c.caseId, flagId, rejection: error.rejection },
          'the workflow refused the party risk flag',
        );
      }
      throw error;
    }
    if (delivery === 'applied' || delivery === 'accepted') {
      report.told.push(c.caseId);
      if (delivery === 'accepted') report.pending.push(c.caseId);
    } else {
      // A case opening now whose workflow has not started yet lands here too: it starts with intake's risks only.
      report.skipped.push({ caseId: c.caseId, why: delivery });
    }
  }
  deps.logger.info(
    { eventId: event.id, partyId, flagId, category, ...report },
    'party risk flag told to the open cases',
  );
  return report;
}

/** Prisma's "the interactive transaction expired": the work took longer than its timeout, and may not next time. */
function isTransactionExpired(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'P2028';
}

/** Retried on the same message: the database or Temporal down or slow. Never the workflow's own refusal. */
export function isPartyRiskTransient(error: unknown): boolean {
  if (error instanceof PartyRiskRefusedError) return false;
  return isTransientError(error) || isTemporalTransient(error) || isTransactionExpired(error);
}

/** How this consumer applies an event, apart from Kafka and the database: the unit tests run it on fakes. */
export function partyRiskHandling<Tx>(
  deps: PartyRiskDeps<Tx>,
): Pick<MessageProcessorOptions<Tx>, 'consumer' | 'handle' | 'handles' | 'isTransient'> {
  return {
    consumer: PARTY_RISK_CONSUMER,
    handles: (type) => type === FLAG_SET,
    handle: async (event, tx) => {
      if (event.type !== 'gongzhi.party.risk-flag-set') return;
      await tellOpenCases(event, await deps.casesNamingParty(tx, event.data.partyId), deps);
    },
    isTransient: isPartyRiskTransient,
  };
}

/** The cases naming a party, from case_parties (indexed by party id). */
export async function casesNamingPartyIn(tx: Prisma.TransactionClient, partyId: string): Promise<CaseNamingParty[]> {
  const rows = await tx.caseParty.findMany({
    where: { partyId },
    select: { case: { select: { id: true, workflowId: true, townCode: true, status: true } } },
  });
  return rows.map(({ case: row }) => ({
    caseId: row.id,
    workflowId: row.workflowId,
    townCode: row.townCode,
    status: row.status,
  }));
}

export interface PartyRiskConsumerOptions extends CaseConsumerOptions {
  workflows: PartyRiskWorkflows;
}

/**
 * Consumes party.events: each `risk-flag-set` once. The Updates are sent inside the transaction that records the
 * event, so the record commits only once every open case has been told (or skipped); a failure part-way rolls it back
 * and the event comes again, and the cases already told skip it. Poison goes to the dead-letter topic.
 */
export function createPartyRiskConsumer(options: PartyRiskConsumerOptions): IdempotentConsumer {
  const logger = options.logger.child({ component: 'party-risk-consumer' });
  const handling = partyRiskHandling<Prisma.TransactionClient>({
    casesNamingParty: casesNamingPartyIn,
    workflows: options.workflows,
    logger,
  });
  return createCaseConsumer(options, handling, { logger, transactionTimeoutMs: TRANSACTION_TIMEOUT_MS });
}
