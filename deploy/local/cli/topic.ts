/**
 * `npm run topic -- <topic> [--from-beginning] [--max N]`: a Kafka topic's messages as they arrive, decoded, one JSON
 * line each (topic, partition, offset, key, headers, the event); `npm run topic -- --list` names the topics. Reads with
 * a consumer group of its own that commits nothing and is deleted on the way out, so it moves no service's offsets.
 */
import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import { Kafka, logLevel } from 'kafkajs';
import { runTool, stackTarget, UsageError } from './stack-target';

const USAGE = `usage: npm run topic -- <topic> [--from-beginning] [--max N]
       npm run topic -- --list

  Prints the topic's messages as JSON lines, following it until Ctrl-C (or N messages).
  The stack: GONGZHI_PROFILE (dev, test, bench; default dev) or KAFKA_BROKERS.`;

/** A message's bytes as what they hold: JSON when they are JSON (every event is), else text. */
function decoded(bytes: Buffer | null): unknown {
  if (bytes === null) return null;
  const text = bytes.toString('utf8');
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

function options() {
  try {
    return parseArgs({
      args: process.argv.slice(2),
      allowPositionals: true,
      options: {
        list: { type: 'boolean' },
        'from-beginning': { type: 'boolean' },
        max: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

function maxOf(raw: string | undefined): number {
  if (raw === undefined) return Number.POSITIVE_INFINITY;
  const max = Number(raw);
  if (!Number.isInteger(max) || max < 1)
    throw new UsageError(`--max ${raw}: give a whole number of messages, 1 or more.`);
  return max;
}

runTool(USAGE, async () => {
  const { values, positionals } = options();
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const max = maxOf(values.max);
  const [topic, ...rest] = positionals;
  if (rest.length > 0 || (values.list ? topic !== undefined : topic === undefined)) {
    throw new UsageError(
      values.list ? '--list takes no topic.' : 'Name one topic (npm run topic -- --list names them).',
    );
  }
  const { kafkaBrokers } = stackTarget();
  const kafka = new Kafka({
    clientId: 'gongzhi-topic',
    brokers: kafkaBrokers,
    logLevel: logLevel.NOTHING,
    connectionTimeout: 3000,
    retry: { retries: 2 },
  });
  const admin = kafka.admin();
  try {
    await admin.connect();
  } catch {
    throw new Error(`Cannot reach Kafka at ${kafkaBrokers.join(',')}: is the stack running (npm start)?`);
  }
  let groupId: string | undefined;
  try {
    const topics = (await admin.listTopics()).filter((name) => !name.startsWith('__')).sort();
    if (values.list) {
      for (const name of topics) console.log(name);
      return;
    }
    if (!topic || !topics.includes(topic)) {
      throw new Error(`There is no topic ${topic ?? ''}. Topics: ${topics.join(', ') || '(none yet)'}.`);
    }
    groupId = `gongzhi-topic-${randomUUID()}`;
    await follow(kafka, topic, groupId, { fromBeginning: values['from-beginning'] === true, max });
  } finally {
    if (groupId) await admin.deleteGroups([groupId]).catch(() => undefined);
    await admin.disconnect();
  }
});

async function follow(
  kafka: Kafka,
  topic: string,
  groupId: string,
  { fromBeginning, max }: { fromBeginning: boolean; max: number },
): Promise<void> {
  const consumer = kafka.consumer({ groupId, allowAutoTopicCreation: false });
  await consumer.connect();
  let printed = 0;
  let stop!: () => void;
  const stopped = new Promise<void>((resolve) => (stop = resolve));
  process.once('SIGINT', () => stop());
  process.once('SIGTERM', () => stop());
  try {
    await consumer.subscribe({ topic, fromBeginning });
    console.error(`following ${topic}${fromBeginning ? ' from the beginning' : ''}; Ctrl-C stops`);
    await consumer.run({
      autoCommit: false,
      eachMessage: async ({ partition, message }) => {
        if (printed >= max) return;
        const headers = Object.fromEntries(
          Object.entries(message.headers ?? {}).map(([name, value]) => [name, value?.toString() ?? null]),
        );
        console.log(
          JSON.stringify({
            topic,
            partition,
            offset: message.offset,
            key: message.key?.toString() ?? null,
            headers,
            event: decoded(message.value),
          }),
        );
        printed += 1;
        if (printed >= max) stop();
      },
    });
    await stopped;
  } finally {
    await consumer.disconnect();
  }
}
