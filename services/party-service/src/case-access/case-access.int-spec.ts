/**
 * The agency that comes to hold a case reads its parties (the police station accepting a transfer got 404 on the
 * parties the village committee had registered): case-service's `gongzhi.case.parties-shared`, read from the real
 * broker by the consumer main.ts starts, involves the agency with each party of the case's town on the real database,
 * once per event and audited, with the masking and reveal rules of every other read.
 */
import { randomUUID } from 'node:crypto';
import { Kafka, logLevel, type Producer } from 'kafkajs';
import request from 'supertest';
import { DEAD_LETTER_HEADERS, type EventData, type Principal } from '@gongzhi/contracts';
import { createLogger } from '@gongzhi/http';
import {
  createEventFactory,
  ensureTopics,
  type IdempotentConsumer,
  type MessageOutcome,
  type OutboxMessage,
} from '@gongzhi/outbox';
import { asServiceRole, eventually, runAuditVerify, TEST_AUDIT_CHAIN_KEY, testStack } from '@gongzhi/testing';
import { createPartyEvents } from '../events/party-events';
import { AGENCIES, FAR_TOWN, principal } from '../party-service.fakes';
import { syntheticIdNumber } from '../seed/synthetic-ids';
import { type PartyServiceOnPostgres, startPartyServiceOnPostgres } from '../testing/party-service-on-postgres';
import { CASE_ACCESS_ACTOR, createCaseAccessConsumer } from './case-access-consumer';

const run = randomUUID().slice(0, 8);
const caseTopic = `test.${run}.case.events`;
const dlq = `test.${run}.party.dlq`;
const kafka = new Kafka({
  clientId: 'party-case-access-int',
  brokers: testStack().kafkaBrokers,
  logLevel: logLevel.NOTHING,
});
const factory = createEventFactory({ owner: 'case', topic: caseTopic });

let service: PartyServiceOnPostgres;
let consumer: IdempotentConsumer | undefined;
let producer: Producer;
/** What the consumer did with each message, by `partition:offset`. */
const outcomes = new Map<string, MessageOutcome>();

const committee = principal('mediator', AGENCIES.own);
const police = {
  liaison: principal('liaison', AGENCIES.other),
  mediator: principal('mediator', AGENCIES.other),
  gridWorker: principal('grid-worker', AGENCIES.other),
};
let sequence = 700;

beforeAll(async () => {
  service = await startPartyServiceOnPostgres();
  await ensureTopics(kafka, [caseTopic, dlq]);
  producer = kafka.producer();
  await producer.connect();
  consumer = createCaseAccessConsumer({
    prisma: service.prisma,
    kafka,
    groupId: `party-case-access-int-${run}`,
    topics: [caseTopic],
    deadLetterTopic: dlq,
    events: createPartyEvents(`test.${run}.party.events`),
    auditChainKey: TEST_AUDIT_CHAIN_KEY,
    logger: createLogger('party-case-access-int', process.env['PARTY_INT_LOG'] ?? 'silent'),
    onProcessed: (message, outcome) => outcomes.set(`${message.partition}:${message.offset}`, outcome),
  });
  await consumer.start();
});

afterAll(async () => {
  await consumer?.stop();
  await producer?.disconnect();
  await service?.close();
});

/** A person registered through the API by `who` (the village committee's mediator unless said otherwise). */
async function register(who: Principal = committee): Promise<string> {
  sequence += 1;
  const res = await request(service.app)
    .post('/api/v1/parties/lookup-or-create')
    .set('Authorization', await service.tokenFor(who))
    .send({
      kind: 'person',
      name: '孙九',
      idNumber: syntheticIdNumber('522701', '19800101', sequence),
      phone: '13800138000',
      address: { townCode: who.townCode },
    });
  expect(res.status).toBe(201);
  return res.body.id as string;
}

function shared(data: Partial<EventData<'gongzhi.case.parties-shared'>> & { partyIds: string[] }): OutboxMessage {
  const caseId = data.caseId ?? randomUUID();
  return factory.build(
    'gongzhi.case.parties-shared',
    caseId,
    { caseId, townCode: 'qingshui', agencyIds: [AGENCIES.other], reason: 'transfer-accepted', ...data },
    new Date(),
  );
}

/**
 * Publishes values of one key (so one partition, in order) and waits until the consumer is done with each (applied,
 * duplicate, dead-lettered…).
 */
async function deliver(...values: { key: string; value: string }[]): Promise<MessageOutcome[]> {
  const [result] = await producer.send({ topic: caseTopic, acks: -1, messages: values });
  if (!result?.baseOffset) throw new Error('no offset from the broker');
  const first = BigInt(result.baseOffset);
  const keys = values.map((_, i) => `${result.partition}:${first + BigInt(i)}`);
  return eventually(`the consumer handled offsets ${keys.join(', ')}`, async () => {
    const done = keys.map((key) => outcomes.get(key));
    return done.every((outcome) => outcome !== undefined) ? (done as MessageOutcome[]) : undefined;
  });
}

const asMessage = (message: OutboxMessage) => ({ key: message.key, value: JSON.stringify(message.event) });

async function read(who: Principal, partyId: string, reveal?: string) {
  return request(service.app)
    .get(`/api/v1/parties/${partyId}${reveal ? `?reveal=${reveal}` : ''}`)
    .set('Authorization', await service.tokenFor(who));
}

async function grantsAudited(partyId: string) {
  return service.prisma.auditRecord.findMany({
    where: { objectType: 'party', objectId: partyId, actor: CASE_ACCESS_ACTOR },
    select: { action: true, requestId: true, callerRequestId: true },
  });
}

describe('a case event shares the case’s parties with the agency that came to hold it', () => {
  it('lets the accepting agency’s staff read the party masked, where they got 404 before', async () => {
    const partyId = await register();
    expect((await read(police.liaison, partyId)).status).toBe(404);

    const event = shared({ partyIds: [partyId] });
    expect(await deliver(asMessage(event))).toEqual(['applied']);

    for (const who of [police.liaison, police.mediator, police.gridWorker]) {
      const res = await read(who, partyId);
      expect(res.status).toBe(200);
      expect(res.body.idNumber).toMatch(/^\d{6}\*{8}\d{3}[\dX]$/);
      expect(res.body.phone).toBe('138****8000');
      expect(res.body.involvedAgencyIds).toEqual([AGENCIES.own, AGENCIES.other]);
    }
    const audited = await grantsAudited(partyId);
    expect(audited).toEqual([
      {
        action: 'party.agency-added.transfer-accepted',
        requestId: event.id,
        callerRequestId: `case/${(event.event.data as { caseId: string }).caseId}/agency/${AGENCIES.other}`,
      },
    ]);
  });

  it('reveals only to the roles that may reveal, as for any other party they see', async () => {
    const partyId = await register();
    await deliver(asMessage(shared({ partyIds: [partyId] })));

    const liaison = await read(police.liaison, partyId, 'idNumber');
    expect(liaison.status).toBe(200);
    expect(liaison.body.idNumber).toMatch(/^\d{17}[\dX]$/);
    expect((await read(police.mediator, partyId, 'idNumber,phone')).body.phone).toBe('13800138000');

    // A grid worker reveals the phone, never the ID number.
    expect((await read(police.gridWorker, partyId, 'idNumber')).status).toBe(403);
    expect((await read(police.gridWorker, partyId, 'phone')).body.phone).toBe('13800138000');
    // Administrators read, never reveal.
    const admin = principal('administrator', AGENCIES.centre);
    expect((await read(admin, partyId, 'phone')).status).toBe(403);
  });

  it('grants once and audits once when the same event arrives twice', async () => {
    const partyId = await register();
    const event = shared({ partyIds: [partyId], agencyIds: [AGENCIES.other, AGENCIES.third], reason: 'joint-agency' });
    expect(await deliver(asMessage(event), asMessage(event))).toEqual(['applied', 'duplicate']);

    const party = await service.prisma.party.findUniqueOrThrow({ where: { id: partyId } });
    expect(party.involvedAgencyIds).toEqual([AGENCIES.own, AGENCIES.other, AGENCIES.third]);
    const audited = await grantsAudited(partyId);
    expect(audited.map((row) => row.action).sort()).toEqual([
      'party.agency-added.joint-agency',
      'party.agency-added.joint-agency',
    ]);
    expect(audited.map((row) => row.callerRequestId).sort()).toEqual(
      [AGENCIES.other, AGENCIES.third].map((id) => `case/${event.key}/agency/${id}`).sort(),
    );
    // Each grant is announced once, like any involvement (party.events: ids only).
    const involved = await service.prisma.outboxEvent.count({
      where: { key: partyId, eventType: 'gongzhi.party.agency-involved' },
    });
    expect(involved).toBe(2);

    // Another event naming an agency the party has already: nothing to grant, nothing audited.
    expect(await deliver(asMessage(shared({ partyIds: [partyId], reason: 'party-added' })))).toEqual(['applied']);
    expect(await grantsAudited(partyId)).toHaveLength(2);
  });

  it('never grants a party of another town, nor one unknown here, and still grants the town’s own', async () => {
    const farAway = await register(principal('mediator', AGENCIES.farTown, FAR_TOWN));
    const own = await register();
    const unknown = randomUUID();
    expect(await deliver(asMessage(shared({ partyIds: [farAway, unknown, own] })))).toEqual(['applied']);

    const far = await service.prisma.party.findUniqueOrThrow({ where: { id: farAway } });
    expect(far.involvedAgencyIds).toEqual([AGENCIES.farTown]);
    expect(await grantsAudited(farAway)).toEqual([]);
    expect(await service.prisma.party.count({ where: { id: unknown } })).toBe(0);
    expect((await read(police.liaison, own)).status).toBe(200);
  });

  it('sets a message it can never apply aside on the dead-letter topic and goes on with the next', async () => {
    const partyId = await register();
    const broken = shared({ partyIds: [partyId] });
    const badPayload = { ...broken.event, data: { ...broken.event.data, reason: 'because' } };
    const outcomes = await deliver(
      { key: broken.key, value: 'not json' },
      { key: broken.key, value: JSON.stringify(badPayload) },
      asMessage(shared({ partyIds: [partyId], caseId: broken.key })),
    );
    expect(outcomes).toEqual(['dead-lettered', 'dead-lettered', 'applied']);
    expect((await read(police.liaison, partyId)).status).toBe(200);

    const reasons: string[] = [];
    const reader = kafka.consumer({ groupId: `party-case-access-int-dlq-${run}` });
    await reader.connect();
    await reader.subscribe({ topic: dlq, fromBeginning: true });
    await reader.run({
      eachMessage: async ({ message }) => {
        reasons.push(String(message.headers?.[DEAD_LETTER_HEADERS.reason] ?? ''));
      },
    });
    try {
      await eventually('both poison messages on the dead-letter topic', async () =>
        reasons.length >= 2 ? reasons : undefined,
      );
    } finally {
      await reader.disconnect();
    }
    expect(reasons.sort()).toEqual(['invalid-envelope', 'invalid-payload']);
  });

  it('keeps one intact audit chain while grants and staff reads append to it turn about', async () => {
    const partyId = await register();
    await deliver(asMessage(shared({ partyIds: [partyId] })));
    expect((await read(police.liaison, partyId)).status).toBe(200);
    const verified = await runAuditVerify(asServiceRole(service.db.url, 'party'), 'party');
    expect(verified).toEqual({ code: 0, output: expect.stringContaining('intact') });
  });
});
