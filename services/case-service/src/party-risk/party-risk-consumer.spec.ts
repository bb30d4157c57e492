/**
 * The party-risk consumer's decisions without Kafka or a database: the real message processor (dedupe, dead letters,
 * retries) around the real handler and the real Temporal adapter, on a fake Temporal client that fails the way the SDK
 * does (a finished workflow is NOT_FOUND, the validator's rejection a WorkflowUpdateFailedError, an outage a
 * ServiceError).
 */
import { randomUUID } from 'node:crypto';
import {
  ApplicationFailure,
  type Client,
  ServiceError,
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
  WorkflowUpdateRPCTimeoutOrCancelledError,
} from '@temporalio/client';
import {
  DEAD_LETTER_HEADERS,
  DISPUTE_REJECTIONS,
  type EventData,
  type PartyRiskFlaggedInput,
  type RiskCategory,
} from '@gongzhi/contracts';
import { createLogger } from '@gongzhi/http';
import { createEventFactory, createMessageProcessor, type DeadLetter, type RawMessage } from '@gongzhi/outbox';
import {
  type CaseNamingParty,
  isPartyRiskTransient,
  partyRiskHandling,
  partyRiskUpdateId,
} from './party-risk-consumer';
import { createPartyRiskWorkflows, isTemporalTransient, PartyRiskRefusedError } from './party-risk-workflows';

const TOWN = 'qingshui';
const police = randomUUID();

interface FakeWorkflow {
  /**
   * running: takes the Update; busy: accepts it, but its main loop does not get to it in time; closing: running, but
   * its validator answers CaseClosed; finished: NOT_FOUND.
   */
  status: 'running' | 'busy' | 'closing' | 'finished';
  /** Flag ids accepted, once each (the workflow's own dedupe). */
  flags: string[];
}

/** Temporal as the adapter sees it: Updates by workflow id, each Update id acting once, failing like the SDK. */
function fakeTemporal() {
  const workflows = new Map<string, FakeWorkflow>();
  const calls: { workflowId: string; updateId: string; input: PartyRiskFlaggedInput }[] = [];
  /** Errors the next calls throw before reaching any workflow (an outage); undefined lets a call through. */
  const failures: unknown[] = [];
  /** Rejections the validator answers the next calls with (the outcome `result` throws). */
  const rejections: { type: string; message: string }[] = [];
  const rejected = (type: string, message: string) =>
    new WorkflowUpdateFailedError(
      'Workflow Update failed',
      ApplicationFailure.create({ type, message, nonRetryable: true }),
    );
  const client = {
    withDeadline: async <T>(_deadline: number, call: () => Promise<T>) => call(),
    workflow: {
      getHandle: (workflowId: string) => ({
        async startUpdate(_update: unknown, options: { args: [PartyRiskFlaggedInput]; updateId: string }) {
          const [input] = options.args;
          const failure = failures.shift();
          if (failure) throw failure;
          const workflow = workflows.get(workflowId);
          if (!workflow || workflow.status === 'finished') {
            throw new WorkflowNotFoundError('workflow execution already completed', workflowId, undefined);
          }
          const rejection = rejections.shift();
          if (rejection) return { result: async () => Promise.reject(rejected(rejection.type, rejection.message)) };
          if (workflow.status === 'closing') {
            const closed = rejected(DISPUTE_REJECTIONS.closed, 'The case is closed: a new risk is for a new case.');
            return { result: async () => Promise.reject(closed) };
          }
          calls.push({ workflowId, updateId: options.updateId, input });
          if (!workflow.flags.includes(input.flagId)) workflow.flags.push(input.flagId);
          if (workflow.status === 'busy') {
            // Waiting for the outcome runs into the deadline: the client's timeout error.
            return { result: async () => Promise.reject(new WorkflowUpdateRPCTimeoutOrCancelledError('timeout')) };
          }
          return { result: async () => ({}) };
        },
      }),
    },
  };
  return { client: client as unknown as Client, workflows, calls, failures, rejections };
}

/** case-service's cases and the parties they name; `casesNamingParty` answers as the Prisma query does. */
function fakeCases() {
  const rows: (CaseNamingParty & { partyIds: string[] })[] = [];
  return {
    rows,
    add(partyIds: string[], overrides: Partial<CaseNamingParty> = {}): CaseNamingParty {
      const caseId = randomUUID();
      const row = { caseId, workflowId: `dispute-case-${caseId}`, townCode: TOWN, status: 'open', ...overrides };
      rows.push({ ...row, partyIds });
      return row;
    },
    casesNamingParty: async (_tx: unknown, partyId: string) =>
      rows
        .filter((row) => row.partyIds.includes(partyId))
        .map(({ caseId, workflowId, townCode, status }) => ({ caseId, workflowId, townCode, status })),
  };
}

const factory = createEventFactory({ owner: 'party', topic: 'party.events' });

function flagSet(partyId: string, overrides: Partial<EventData<'gongzhi.party.risk-flag-set'>> = {}) {
  return factory.build('gongzhi.party.risk-flag-set', partyId, {
    partyId,
    townCode: TOWN,
    flagId: randomUUID(),
    category: 'violence-risk',
    agencyId: police,
    ...overrides,
  });
}

let offset = 0;
function messageOf(value: unknown): RawMessage {
  return {
    topic: 'party.events',
    partition: 0,
    offset: String(offset++),
    key: null,
    value: Buffer.from(JSON.stringify(value)),
  };
}

function setup() {
  const temporal = fakeTemporal();
  const cases = fakeCases();
  const processed = new Set<string>();
  const letters: DeadLetter[] = [];
  const process = createMessageProcessor<{ processed: Set<string> }>({
    ...partyRiskHandling({
      casesNamingParty: cases.casesNamingParty,
      workflows: createPartyRiskWorkflows(temporal.client),
      logger: createLogger('party-risk-test', 'silent'),
    }),
    deadLetterTopic: 'case.dlq',
    // The processed record commits only when the work returns, like the database transaction.
    transaction: async (work) => {
      const tx = { processed: new Set(processed) };
      const result = await work(tx);
      for (const id of tx.processed) processed.add(id);
      return result;
    },
    recordProcessed: async (tx, event) => {
      if (tx.processed.has(event.id)) return false;
      tx.processed.add(event.id);
      return true;
    },
    sendDeadLetter: async (letter) => {
      letters.push(letter);
    },
    logger: createLogger('party-risk-test', 'silent'),
  });
  /** Registers a running workflow for a case. */
  const running = (row: CaseNamingParty, status: FakeWorkflow['status'] = 'running') =>
    temporal.workflows.set(row.workflowId, { status, flags: [] });
  return { ...temporal, cases, processed, letters, process, running };
}

describe('a risk flag set on a party reaches the workflows of its open cases', () => {
  it('sends the Update to exactly the open (and opening) cases of that party and town', async () => {
    const { cases, calls, process, running } = setup();
    const partyId = randomUUID();
    const open = cases.add([partyId, randomUUID()]);
    const opening = cases.add([partyId], { status: 'opening' });
    const closed = cases.add([partyId], { status: 'closed' });
    const merged = cases.add([partyId], { status: 'merged' });
    const farTown = cases.add([partyId], { townCode: 'far-town' });
    const otherParty = cases.add([randomUUID()]);
    for (const row of [open, opening, closed, merged, farTown, otherParty]) running(row);

    const message = flagSet(partyId);
    expect(await process(messageOf(message.event))).toBe('applied');

    const { flagId } = message.event.data as EventData<'gongzhi.party.risk-flag-set'>;
    const input = { partyId, flagId, flag: 'violence-risk', agencyId: police };
    expect(calls.sort((a, b) => a.workflowId.localeCompare(b.workflowId))).toEqual(
      [open, opening]
        .map((row) => ({ workflowId: row.workflowId, updateId: partyRiskUpdateId(flagId), input }))
        .sort((a, b) => a.workflowId.localeCompare(b.workflowId)),
    );
  });

  it('skips a case whose workflow finished, is not there or says the case is closed, and tells the others', async () => {
    const { cases, calls, process, processed, letters, running, workflows } = setup();
    const partyId = randomUUID();
    const finished = cases.add([partyId]);
    const missing = cases.add([partyId]);
    const closing = cases.add([partyId]);
    const open = cases.add([partyId]);
    running(finished, 'finished');
    running(closing, 'closing');
    running(open);
    // `missing` has no workflow in Temporal at all.
    expect(workflows.has(missing.workflowId)).toBe(false);

    const message = flagSet(partyId);
    expect(await process(messageOf(message.event))).toBe('applied');
    expect(calls.map((call) => call.workflowId)).toEqual([open.workflowId]);
    // Done with: not retried, not dead-lettered.
    expect(processed.has(message.id)).toBe(true);
    expect(letters).toEqual([]);
  });

  it('counts a case whose workflow accepted the flag but is busy as told, and goes on with the next', async () => {
    const { cases, calls, process, processed, running } = setup();
    const partyId = randomUUID();
    const busy = cases.add([partyId]);
    const open = cases.add([partyId]);
    running(busy, 'busy');
    running(open);
    const message = flagSet(partyId);
    expect(await process(messageOf(message.event))).toBe('applied');
    expect(calls.map((call) => call.workflowId).sort()).toEqual([busy.workflowId, open.workflowId].sort());
    expect(processed.has(message.id)).toBe(true);
  });

  it('tells each case once however often the event is delivered', async () => {
    const { cases, calls, process, running } = setup();
    const partyId = randomUUID();
    running(cases.add([partyId]));
    const value = flagSet(partyId).event;
    expect(await process(messageOf(value))).toBe('applied');
    expect(await process(messageOf(value))).toBe('duplicate');
    expect(calls).toHaveLength(1);
  });

  it('dead-letters the event when the workflow refuses its input, and records nothing', async () => {
    const { cases, rejections, process, processed, letters, running } = setup();
    const partyId = randomUUID();
    running(cases.add([partyId]));
    rejections.push({
      type: DISPUTE_REJECTIONS.invalidInput,
      message: 'Say which party, flag, risk and agency (ids and a risk code).',
    });
    const message = flagSet(partyId);
    expect(await process(messageOf(message.event))).toBe('dead-lettered');
    expect(processed.size).toBe(0);
    expect(letters).toHaveLength(1);
    expect(letters[0]?.topic).toBe('case.dlq');
    expect(String(letters[0]?.headers[DEAD_LETTER_HEADERS.reason])).toBe('handler-failed');
    expect(String(letters[0]?.headers[DEAD_LETTER_HEADERS.error])).toMatch(/^PartyRiskRefusedError: Say which party/);
  });

  it('retries while Temporal is unreachable, then tells every case once', async () => {
    const { cases, calls, failures, process, processed, letters, running, workflows } = setup();
    const partyId = randomUUID();
    const first = cases.add([partyId]);
    const second = cases.add([partyId]);
    running(first);
    running(second);
    // The first case is told (no failure), then Temporal goes away before the second.
    const outage = new ServiceError('Workflow Update failed', {
      cause: Object.assign(new Error('14 UNAVAILABLE: No connection established'), { code: 14 }),
    });
    const message = flagSet(partyId);
    const value = messageOf(message.event);
    failures.push(undefined, outage);
    await expect(process(value)).rejects.toBe(outage);
    expect(calls).toHaveLength(1);
    expect(processed.size).toBe(0);
    expect(letters).toEqual([]);

    // The transaction timed out or Temporal was slow: retried too.
    failures.push(new WorkflowUpdateRPCTimeoutOrCancelledError('Workflow update call timeout or cancelled'));
    await expect(process(value)).rejects.toBeInstanceOf(WorkflowUpdateRPCTimeoutOrCancelledError);

    expect(await process(value)).toBe('applied');
    // The same Update id every time, so each workflow acts once; and each applied the flag once.
    expect(new Set(calls.map((call) => call.updateId))).toEqual(
      new Set([partyRiskUpdateId((message.event.data as { flagId: string }).flagId)]),
    );
    expect(workflows.get(first.workflowId)?.flags).toHaveLength(1);
    expect(workflows.get(second.workflowId)?.flags).toHaveLength(1);
  });

  it.each(['repeat-petitioner', 'extreme-act-threat'] as RiskCategory[])(
    'tells nobody of a %s flag, which no workflow routes by',
    async (category) => {
      const { cases, calls, process, running } = setup();
      const partyId = randomUUID();
      running(cases.add([partyId]));
      expect(await process(messageOf(flagSet(partyId, { category }).event))).toBe('applied');
      expect(calls).toEqual([]);
    },
  );

  it('skips the party’s other events', async () => {
    const { cases, calls, process, running } = setup();
    const partyId = randomUUID();
    running(cases.add([partyId]));
    const registered = factory.build('gongzhi.party.registered', partyId, {
      partyId,
      kind: 'person',
      townCode: TOWN,
      registeringAgencyId: police,
    });
    expect(await process(messageOf(registered.event))).toBe('ignored');
    expect(calls).toEqual([]);
  });
});

describe('which failures are retried', () => {
  const grpc = (code: number) =>
    new ServiceError('Workflow Update failed', { cause: Object.assign(new Error(`${code} grpc`), { code }) });

  it.each([
    ['the database unreachable', Object.assign(new Error('db'), { code: 'P1001' })],
    ['a transaction that outlived its timeout', Object.assign(new Error('expired'), { code: 'P2028' })],
    ['Temporal unavailable', grpc(14)],
    ['Temporal slow to answer', new WorkflowUpdateRPCTimeoutOrCancelledError('timeout')],
  ])('retries %s', (_what, error) => {
    expect(isPartyRiskTransient(error)).toBe(true);
  });

  it.each([
    ['the workflow’s refusal', new PartyRiskRefusedError('InvalidInput', 'Say which party … timed out')],
    ['a malformed request', grpc(3)],
    ['a bug', new TypeError('x is undefined')],
  ])('does not retry %s', (_what, error) => {
    expect(isPartyRiskTransient(error)).toBe(false);
  });

  it('never takes a finished workflow for an outage', () => {
    expect(isTemporalTransient(new WorkflowNotFoundError('gone', 'w', undefined))).toBe(false);
  });
});
