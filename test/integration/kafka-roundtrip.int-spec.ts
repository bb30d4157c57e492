import { randomUUID } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';
import { testStack } from '@gongzhi/testing';

describe('the real Kafka broker', () => {
  const kafka = new Kafka({ clientId: 'gongzhi-test', brokers: testStack().kafkaBrokers, logLevel: logLevel.NOTHING });

  it('carries one keyed message from an idempotent producer to a consumer, in order with its headers', async () => {
    const topic = `test.roundtrip.${randomUUID()}`;
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic, numPartitions: 1, replicationFactor: 1 }], waitForLeaders: true });
    await admin.disconnect();

    const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    await producer.connect();
    await producer.send({
      topic,
      acks: -1,
      messages: [
        {
          key: 'case-1',
          value: JSON.stringify({ type: 'case.opened', caseId: 'case-1' }),
          headers: { 'ce-type': 'case.opened' },
        },
        { key: 'case-1', value: JSON.stringify({ type: 'case.closed', caseId: 'case-1' }) },
      ],
    });
    await producer.disconnect();

    const consumer = kafka.consumer({ groupId: `test-${randomUUID()}` });
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    const received: { key: string; type: string; header?: string }[] = [];
    await new Promise<void>((resolve, reject) => {
      consumer
        .run({
          eachMessage: async ({ message }) => {
            const body = JSON.parse(message.value?.toString() ?? '{}') as { type: string };
            received.push({
              key: message.key?.toString() ?? '',
              type: body.type,
              header: message.headers?.['ce-type']?.toString(),
            });
            if (received.length === 2) resolve();
          },
        })
        .catch(reject);
    });
    await consumer.disconnect();

    expect(received).toEqual([
      { key: 'case-1', type: 'case.opened', header: 'case.opened' },
      { key: 'case-1', type: 'case.closed', header: undefined },
    ]);
  });
});
