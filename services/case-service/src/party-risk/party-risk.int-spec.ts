/**
 * A risk flag set on a person reaches the workflows of the person's open cases, the whole way: the real party-service
 * (the process `npm start` runs, on a fresh database, its outbox relay on, publishing to this test's topic) sets the
 * flag and writes `risk-flag-set` to its outbox; its relay publishes it to the real Kafka; case-service's consumer (as
 * main.ts wires it, on case-service's PostgreSQL) finds the open cases naming the person and sends each workflow the
 * `partyRiskFlagged` Update through a real Temporal client. The workflows are stubs with the dispute workflow's Update
 * and its validator's refusals (party-risk-stub.workflow.ts), on a task queue of their own.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Kafka, logLevel, type Producer } from 'kafkajs';
import { Client as PgClient } from 'pg';
import request from 'supertest';
import { readPem } from '@gongzhi/auth';
import {
  closeDisputeUpdate,
  DEAD_LETTER_HEADERS,
  type PartyRiskFlaggedInput,
  parseDomainEvent,
  type Principal,
  residentIdCheckCharacter,
} from '@gongzhi/contracts';
import { createLogger } from '@gongzhi/http';
import { createEventFactory, ensureTopics, type IdempotentConsumer, type MessageOutcome } from '@gongzhi/outbox';
import {
  type AppProcess,
  appSpecs,
  createTestDatabase,
  ensureLocalSecrets,
  eventually,
  freePort,
  serviceUrl,
  startApp,
  type TestDatabase,
  testStack,
} from '@gongzhi/testing';
import { createHttpPartyDirectory } from '../parties/party-directory';
import { receivedPartyRisksQuery } from '../testing/party-risk-stub.workflow';
import { createPostgresCaseService } from '../testing/postgres-case-service';
import { startStubWorker, type StubWorker } from '../testing/stub-worker';
import { createPartyRiskConsumer, PARTY_RISK_CONSUMER } from './party-risk-consumer';
import { createPartyRiskWorkflows } from './party-risk-workflows';

const REPO_ROOT = path.resolve(__dirname, '..', '..', '..', '..');
const run = randomUUID().slice(0, 8);
const partyTopic = `test.${run}.party.events`;
const dlq = `test.${run}.case.dlq`;
const kafka = new Kafka({
  clientId: 'case-party-risk-int',
  brokers: testStack().kafkaBrokers,
  logLevel: logLevel.NOTHING,
});

/** Agency ids as production has them (UUIDs: the workflow refuses anything else in its history). */
const committee = randomUUID();
const centre = randomUUID();
const gridWorker: Principal = { staffId: 'grid-1', agencyId: committee, townCode: 'qingshui', roles: ['grid-worker'] };
const mediator: Principal = { staffId: 'med-1', agencyId: committee, townCode: 'qingshui', roles: ['mediator'] };
/** The town's coordinator (综治中心) sees the town's parties and may flag them, as the police liaison may. */
const coordinator: Principal = { staffId: 'coord-1', agencyId: centre, townCode: 'qingshui', roles: ['coordinator'] };

const REASON = '扬言要对邻居动手，已口头警告（王某某）';
const NAME = '风险当事人';
const PHONE = '13912345678';

/** A valid resident ID number (GB 11643 check character), different for each `n`. */
function idNumber(n: number): string {
  const first17 = `52270119850101${String(n).padStart(3, '0')}`;
  return `${first17}${residentIdCheckCharacter(first17)}`;
}

let partyDb: TestDatabase;
let caseDb: TestDatabase;
let party: AppProcess;
let partyUrl: string;
let documentsDir: string;
let service: Awaited<ReturnType<typeof createPostgresCaseService>>;
let stubs: StubWorker;
let consumer: IdempotentConsumer | undefined;
let producer: Producer;
/** What the consumer did with each event, by event id, in delivery order. */
const outcomes = new Map<string, MessageOutcome[]>();

beforeAll(async () => {
  const logDir = process.env['GONGZHI_TEST_LOG_DIR'] ?? path.join(REPO_ROOT, '.data/test/logs');
  const secrets = ensureLocalSecrets(path.join(logDir, '..', 'keys'));
  await ensureTopics(kafka, [partyTopic, dlq]);
  [partyDb, caseDb] = await Promise.all([createTestDatabase('party'), createTestDatabase('case')]);

  // party-service as `npm start` runs it, with Kafka: its relay publishes to this test's topic.
  const port = await freePort();
  const env = {
    temporalAddress: '127.0.0.1:1',
    databaseUrls: { party: partyDb.url, case: '', agency: '' },
    ports: { party: port, case: 0, agency: 0 },
    kafkaBrokers: testStack().kafkaBrokers,
    secrets,
    documentsDir: '',
    logLevel: 'warn',
  };
  const spec = appSpecs(env).find((s) => s.name === 'party-service');
  if (!spec) throw new Error('no party-service spec');
  party = await startApp(
    // Its own consumer (case.events) is not this test's subject.
    { ...spec, env: { ...spec.env, KAFKA_TOPIC_PARTY_EVENTS: partyTopic, PARTY_CONSUMER: 'off' } },
    logDir,
  );
  partyUrl = serviceUrl(env, 'party');

  documentsDir = mkdtempSync(path.join(tmpdir(), 'gongzhi-party-risk-'));
  service = await createPostgresCaseService(caseDb.url, documentsDir, {
    parties: createHttpPartyDirectory({ baseUrl: partyUrl, timeoutMs: 5_000 }),
    // Tokens party-service accepts: signed with the local stack's key, as agency-service signs them.
    authPrivateKeyPem: readPem(secrets.authPrivateKeyFile),
    authPublicKeyPem: readPem(secrets.authPublicKeyFile),
  });
  stubs = await startStubWorker({
    workflowsPath: require.resolve('../testing/party-risk-stub.workflow'),
    taskQueuePrefix: 'case-service-party-risk-stub',
  });
  consumer = createPartyRiskConsumer({
    prisma: service.prisma,
    kafka,
    groupId: `case-party-risk-int-${run}`,
    topics: [partyTopic],
    deadLetterTopic: dlq,
    workflows: createPartyRiskWorkflows(stubs.client),
    logger: createLogger('case-party-risk-int', process.env['CASE_INT_LOG'] ?? 'silent'),
    onProcessed: (message, outcome) => {
      const id = (JSON.parse(message.value?.toString('utf8') ?? '{}') as { id?: string }).id ?? 'unreadable';
      outcomes.set(id, [...(outcomes.get(id) ?? []), outcome]);
    },
  });
  await consumer.start();
  producer = kafka.producer();
  await producer.connect();
});

afterAll(async () => {
  await consumer?.stop();
  await producer?.disconnect();
  await stubs?.stop();
  await party?.stop();
  await service?.prisma.$disconnect();
  await Promise.all([partyDb?.drop(), caseDb?.drop()]);
  if (documentsDir) rmSync(documentsDir, { recursive: true, force: true });
});

let sequence = 0;

/** A person registered in party-service by the village committee's grid worker. */
async function register(): Promise<string> {
  sequence += 1;
  const res = await fetch(`${partyUrl}/api/v1/parties/lookup-or-create`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: await service.bearer(gridWorker) },
    body: JSON.stringify({
      kind: 'person',
      name: NAME,
      idNumber: idNumber(sequence),
      phone: PHONE,
      address: { townCode: 'qingshui', villageCode: 'shangba' },
    }),
  });
  expect(res.status).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

/** A case naming the parties, opened through case-service's API (party-service checks them), and its stub workflow. */
async function openCase(
  partyIds: string[],
  stub: { busy?: boolean } = {},
): Promise<{ caseId: string; workflowId: string }> {
  const res = await request(service.app)
    .post('/api/v1/cases')
    .set('Authorization', await service.bearer(mediator))
    .send({
      disputeType: 'neighbour',
      source: 'walk-in',
      summary: 'Rainwater from a new roof drains into the neighbouring courtyard.',
      townCode: 'qingshui',
      parties: partyIds.map((partyId, i) => ({ partyId, role: i === 0 ? 'applicant' : 'respondent' })),
    });
  expect(res.status).toBe(201);
  const caseId = res.body.id as string;
  const { workflowId, status } = await service.prisma.case.findUniqueOrThrow({ where: { id: caseId } });
  expect(status).toBe('open');
  stubs.track(workflowId);
  await stubs.client.workflow.start('partyRiskStubWorkflow', {
    workflowId,
    taskQueue: stubs.taskQueue,
    args: [caseId, stub],
  });
  return { caseId, workflowId };
}

async function setFlag(partyId: string): Promise<string> {
  const res = await fetch(`${partyUrl}/api/v1/parties/${partyId}/risk-flags`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: await service.bearer(coordinator) },
    body: JSON.stringify({ category: 'violence-risk', reason: REASON }),
  });
  expect(res.status).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

const received = (workflowId: string): Promise<PartyRiskFlaggedInput[]> =>
  stubs.client.workflow.getHandle(workflowId).query(receivedPartyRisksQuery);

/** party-service's outbox rows of a party (its own database: only this test reads it, to show the transaction). */
async function partyOutbox(partyId: string) {
  const db = new PgClient({ connectionString: partyDb.url });
  await db.connect();
  try {
    const { rows } = await db.query<{ id: string; event_type: string; event: unknown; sent_at: Date | null }>(
      'SELECT id, event_type, event, sent_at FROM outbox_events WHERE key = $1 ORDER BY seq',
      [partyId],
    );
    return rows;
  } finally {
    await db.end();
  }
}

/** Every message on a topic, from its beginning until `enough` says so. */
async function readTopic<T>(
  topic: string,
  enough: (messages: { key: string; value: string; headers: Record<string, string> }[]) => T | undefined,
): Promise<T> {
  const messages: { key: string; value: string; headers: Record<string, string> }[] = [];
  const reader = kafka.consumer({ groupId: `case-party-risk-int-reader-${randomUUID()}` });
  await reader.connect();
  await reader.subscribe({ topic, fromBeginning: true });
  await reader.run({
    eachMessage: async ({ message }) => {
      messages.push({
        key: message.key?.toString('utf8') ?? '',
        value: message.value?.toString('utf8') ?? '',
        headers: Object.fromEntries(Object.entries(message.headers ?? {}).map(([k, v]) => [k, String(v)])),
      });
    },
  });
  try {
    return await eventually(`the messages wanted on ${topic}`, async () => enough(messages));
  } finally {
    await reader.disconnect();
  }
}

const outcomesOf = (eventId: string, count = 1) =>
  eventually(`the consumer handled event ${eventId} ${count} time(s)`, async () => {
    const seen = outcomes.get(eventId) ?? [];
    return seen.length >= count ? seen : undefined;
  });

describe('a risk flag set in party-service reaches the workflows of the person’s open cases', () => {
  let partyId: string;
  let flagId: string;
  let eventId: string;
  let cases: Record<
    'open' | 'opening' | 'busy' | 'closed' | 'finished' | 'otherTown' | 'otherParty',
    { workflowId: string }
  >;

  beforeAll(async () => {
    partyId = await register();
    const someoneElse = await register();
    cases = {
      open: await openCase([partyId, someoneElse]),
      opening: await openCase([partyId]),
      // Its workflow accepts the Update and does not get to it (a failing activity ahead of it): told all the same.
      busy: await openCase([partyId], { busy: true }),
      closed: await openCase([partyId]),
      finished: await openCase([partyId]),
      otherTown: await openCase([someoneElse, partyId]),
      otherParty: await openCase([someoneElse]),
    };
    const caseIdOf = async (workflowId: string) =>
      (await service.prisma.case.findUniqueOrThrow({ where: { workflowId } })).id;
    // What case-service's own rows say decides: a case still opening, one closed, one of another town.
    await service.prisma.case.update({
      where: { id: await caseIdOf(cases.opening.workflowId) },
      data: { status: 'opening' },
    });
    await service.prisma.case.update({
      where: { id: await caseIdOf(cases.closed.workflowId) },
      data: { status: 'closed' },
    });
    await service.prisma.case.update({
      where: { id: await caseIdOf(cases.otherTown.workflowId) },
      data: { townCode: 'hekou' },
    });
    // Open here, but its workflow has finished (Temporal answers NOT_FOUND): skipped, not retried.
    const finished = stubs.client.workflow.getHandle(cases.finished.workflowId);
    await finished.executeUpdate(closeDisputeUpdate, {
      args: [{ reason: 'merged', actorId: 'coord-1', mergedIntoCaseId: randomUUID() }],
    });
    await finished.result();
  });

  it('publishes the flag through party-service’s outbox and relay, and tells exactly the open cases', async () => {
    flagId = await setFlag(partyId);

    // The flag's event is in party-service's outbox, committed with the flag, and the relay sends it.
    const sent = await eventually('the relay sent the flag’s event', async () => {
      const rows = await partyOutbox(partyId);
      const row = rows.find((r) => r.event_type === 'gongzhi.party.risk-flag-set');
      return row?.sent_at ? row : undefined;
    });
    eventId = sent.id;
    const parsed = parseDomainEvent(sent.event);
    expect(parsed.ok && parsed.event.data).toEqual({
      partyId,
      townCode: 'qingshui',
      flagId,
      category: 'violence-risk',
      agencyId: centre,
    });

    expect(await outcomesOf(eventId)).toEqual(['applied']);
    const told = { partyId, flagId, flag: 'violence-risk', agencyId: centre };
    expect(await received(cases.open.workflowId)).toEqual([told]);
    expect(await received(cases.opening.workflowId)).toEqual([told]);
    expect(await received(cases.busy.workflowId)).toEqual([told]);
    for (const untold of [cases.closed, cases.otherTown, cases.otherParty]) {
      expect(await received(untold.workflowId)).toEqual([]);
    }
    const processed = await service.prisma.processedEvent.findMany({ where: { eventId } });
    expect(processed).toEqual([
      expect.objectContaining({
        consumer: PARTY_RISK_CONSUMER,
        eventSource: '/gongzhi/party-service',
        eventType: 'gongzhi.party.risk-flag-set',
      }),
    ]);
  });

  it('puts no reason, name, ID number or phone on the topic', async () => {
    const messages = await readTopic(partyTopic, (all) =>
      all.some((m) => m.value.includes('gongzhi.party.risk-flag-set') && m.key === partyId) ? all : undefined,
    );
    const ofParty = messages.filter((m) => m.key === partyId);
    expect(ofParty.map((m) => (JSON.parse(m.value) as { type: string }).type)).toEqual([
      'gongzhi.party.registered',
      'gongzhi.party.risk-flag-set',
    ]);
    const text = JSON.stringify(ofParty);
    for (const secret of [REASON, '扬言', '王某某', NAME, idNumber(1), PHONE]) expect(text).not.toContain(secret);
  });

  it('tells no workflow twice when the event comes again', async () => {
    const [value] = (await partyOutbox(partyId))
      .filter((row) => row.id === eventId)
      .map((row) => JSON.stringify(row.event));
    if (!value) throw new Error('no outbox row');
    await producer.send({ topic: partyTopic, acks: -1, messages: [{ key: partyId, value }] });
    expect(await outcomesOf(eventId, 2)).toEqual(['applied', 'duplicate']);
    expect(await received(cases.open.workflowId)).toHaveLength(1);
  });

  it('dead-letters an event the workflow refuses, records nothing, and goes on with the next', async () => {
    const factory = createEventFactory({ owner: 'party', topic: partyTopic });
    const data = { partyId, townCode: 'qingshui', category: 'key-person' as const };
    // An agency id the contract lets through but the workflow refuses (not a UUID): its InvalidInput.
    const refused = factory.build('gongzhi.party.risk-flag-set', partyId, {
      ...data,
      flagId: randomUUID(),
      agencyId: 'police-station-2',
    });
    const next = factory.build('gongzhi.party.risk-flag-set', partyId, {
      ...data,
      flagId: randomUUID(),
      agencyId: centre,
    });
    await producer.send({
      topic: partyTopic,
      acks: -1,
      messages: [refused, next].map((m) => ({ key: m.key, value: JSON.stringify(m.event) })),
    });
    expect(await outcomesOf(refused.id)).toEqual(['dead-lettered']);
    expect(await outcomesOf(next.id)).toEqual(['applied']);
    expect(await service.prisma.processedEvent.count({ where: { eventId: refused.id } })).toBe(0);
    expect((await received(cases.open.workflowId)).map((input) => input.flag)).toEqual(['violence-risk', 'key-person']);

    const letter = await readTopic(dlq, (all) => all.find((m) => m.value.includes(refused.id)));
    expect(letter.headers).toMatchObject({
      [DEAD_LETTER_HEADERS.reason]: 'handler-failed',
      [DEAD_LETTER_HEADERS.consumer]: PARTY_RISK_CONSUMER,
      [DEAD_LETTER_HEADERS.topic]: partyTopic,
    });
    expect(letter.headers[DEAD_LETTER_HEADERS.error]).toMatch(/^PartyRiskRefusedError: /);
  });
});
