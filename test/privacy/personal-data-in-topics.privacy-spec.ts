/**
 * No personal data on the topics (PIPL): after the end-to-end tier ran, every event its stacks published — case, party
 * and agency topics, each stack with names of its own — is read from the beginning and searched for a national ID
 * number or a mobile phone number.
 *
 * Why a tier of its own, run last, rather than a check in each suite's afterAll: it sees every topic at once; a
 * per-suite check would repeat the Kafka setup in every suite and be forgotten by the next suite someone writes,
 * while this one covers any suite that uses a TownStack (the stacks record their topics in eventTopicsFile()). It runs
 * alone too, over whatever the list holds, and fails when the list is missing or the topics are empty: a scan that
 * read nothing proves nothing.
 */
import { readFile, rm } from 'node:fs/promises';
import { randomUUID } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';
import { testStack } from '@gongzhi/testing';
import { eventTopicsFile, eventually } from '../e2e/support/town-stack';
import { type PersonalDataKind, personalDataIn } from './personal-data-scan';

interface Finding {
  topic: string;
  partition: number;
  offset: string;
  kind: PersonalDataKind;
}

describe('personal data on the event topics', () => {
  const kafka = new Kafka({ clientId: 'e2e-pii-scan', brokers: testStack().kafkaBrokers, logLevel: logLevel.NOTHING });

  it('finds no national ID number or phone number in any event the end-to-end suites published', async () => {
    const listed = await readFile(eventTopicsFile(), 'utf8').catch(() => '');
    const admin = kafka.admin();
    await admin.connect();
    let topics: string[];
    let expected = 0;
    try {
      const existing = new Set(await admin.listTopics());
      topics = [...new Set(listed.split('\n').filter(Boolean))].filter((topic) => existing.has(topic));
      expect(topics.length).toBeGreaterThan(0); // run after the other e2e suites: they record the topics
      for (const topic of topics) {
        for (const p of await admin.fetchTopicOffsets(topic)) expected += Number(p.high) - Number(p.low);
      }
    } finally {
      await admin.disconnect();
    }

    const findings: Finding[] = [];
    const types = new Map<string, number>();
    let read = 0;
    const consumer = kafka.consumer({ groupId: `e2e-pii-scan-${randomUUID()}` });
    await consumer.connect();
    try {
      await consumer.subscribe({ topics, fromBeginning: true });
      await consumer.run({
        eachMessage: async ({ topic, partition, message }) => {
          read += 1;
          const headers = Object.values(message.headers ?? {}).map((value) => String(value ?? ''));
          const text = [message.key?.toString() ?? '', message.value?.toString() ?? '', ...headers].join('\n');
          for (const kind of personalDataIn(text, [])) {
            findings.push({ topic, partition, offset: message.offset, kind });
          }
          try {
            const type = String((JSON.parse(message.value?.toString() ?? '') as { type?: unknown }).type);
            types.set(type, (types.get(type) ?? 0) + 1);
          } catch {
            types.set('(not JSON)', (types.get('(not JSON)') ?? 0) + 1);
          }
        },
      });
      await eventually(`all ${expected} events of ${topics.length} topics read`, async () =>
        read >= expected ? true : undefined,
      );
    } finally {
      await consumer.disconnect();
    }

    // The scan read real traffic of every owner the suites exercise, so a leak had somewhere to show up.
    expect(read).toBeGreaterThan(0);
    expect(types.get('gongzhi.case.opened') ?? 0).toBeGreaterThan(0);
    expect(types.get('gongzhi.agency.registered') ?? 0).toBeGreaterThan(0);
    // party-service's own events: the ones closest to the data this scan looks for.
    expect(types.get('gongzhi.party.registered') ?? 0).toBeGreaterThan(0);
    // Where and what kind only: the matched value itself stays out of the test report as well.
    expect(findings).toEqual([]);

    // Read and clean: the next run records its own topics, and the shared broker does not keep every run's.
    await rm(eventTopicsFile(), { force: true });
    const cleanup = kafka.admin();
    await cleanup.connect();
    await cleanup.deleteTopics({ topics }).catch(() => undefined);
    await cleanup.disconnect();
  });
});
