/**
 * Outbox → consumer lag: for the case events this round's scenarios wrote, the time from the outbox row's commit
 * (`outbox_events.created_at` in case-service) to statistics-service's having applied it (`processed_events`),
 * beside a raw Kafka round trip (produce, then consume in a group) on the same broker.
 */
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { Kafka, logLevel } from 'kafkajs';
import { type Figures, type RoundContext, type Scenario, RUN_TAG, sleep } from '../scenario';
import { formatLatency, formatNumber, percentile, row } from '../stats';

const LAG_P99_TARGET = { kind: 'at-most', value: 1000, unit: 'ms' } as const;
/** The share of the round's events that must have been applied before the lag is taken (the rest are late). */
const SETTLED_SHARE = 0.99;
const SETTLE_TIMEOUT_MS = 60_000;

let roundStartedAt = new Date();

/** Marks where this round's events begin: call before the round's first scenario. */
export function markOutboxRound(): void {
  roundStartedAt = new Date();
}

async function consumerLags(ctx: RoundContext): Promise<{ lags: number[]; events: number }> {
  const { stack } = ctx;
  const since = roundStartedAt;
  const deadline = Date.now() + SETTLE_TIMEOUT_MS;
  // Events of a type the consumer never records would keep the share short forever: a count that has not moved for
  // five seconds is settled too.
  let lastApplied = -1;
  let stillSince = Date.now();
  for (;;) {
    const { rows: written } = await stack.db.case.query<{ id: string; created_at: Date }>(
      'SELECT id, created_at FROM outbox_events WHERE created_at >= $1',
      [since],
    );
    const { rows: applied } = await stack.db.statistics.query<{ event_id: string; processed_at: Date }>(
      'SELECT event_id, processed_at FROM processed_events WHERE event_id = ANY($1::uuid[])',
      [written.map((w) => w.id)],
    );
    const appliedAt = new Map(applied.map((a) => [a.event_id, a.processed_at.getTime()]));
    if (applied.length !== lastApplied) {
      lastApplied = applied.length;
      stillSince = Date.now();
    }
    const settled = applied.length >= written.length * SETTLED_SHARE || Date.now() - stillSince > 5_000;
    if (settled || Date.now() > deadline) {
      const lags = written.flatMap((w) => {
        const at = appliedAt.get(w.id);
        return at === undefined ? [] : [at - w.created_at.getTime()];
      });
      return { lags, events: written.length };
    }
    await sleep(500);
  }
}

/** Raw Kafka: messages produced at a steady pace and consumed by a fresh group; the time each took to arrive. */
async function rawKafkaLags(ctx: RoundContext): Promise<number[]> {
  const kafka = new Kafka({
    clientId: 'gongzhi-bench',
    brokers: ctx.stack.env.kafkaBrokers ?? [],
    logLevel: logLevel.NOTHING,
  });
  const topic = `bench.${RUN_TAG}.round-${ctx.round}`;
  const admin = kafka.admin();
  const producer = kafka.producer();
  const consumer = kafka.consumer({ groupId: `bench.${RUN_TAG}.${randomUUID().slice(0, 6)}` });
  const lags: number[] = [];
  try {
    await admin.connect();
    await admin.createTopics({ topics: [{ topic, numPartitions: 1 }], waitForLeaders: true });
    await Promise.all([producer.connect(), consumer.connect()]);
    await consumer.subscribe({ topic, fromBeginning: true });
    let joined = false;
    consumer.on(consumer.events.GROUP_JOIN, () => {
      joined = true;
    });
    await consumer.run({
      eachMessage: async ({ message }) => {
        lags.push(performance.timeOrigin + performance.now() - Number(message.value?.toString()));
      },
    });
    const joinDeadline = Date.now() + 30_000;
    while (!joined && Date.now() < joinDeadline) await sleep(100);
    const count = 50;
    for (let i = 0; i < count; i++) {
      await producer.send({ topic, messages: [{ value: String(performance.timeOrigin + performance.now()) }] });
      await sleep(40);
    }
    const deadline = Date.now() + 10_000;
    while (lags.length < count && Date.now() < deadline) await sleep(50);
    return lags;
  } finally {
    await Promise.allSettled([consumer.disconnect(), producer.disconnect()]);
    await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
    await admin.disconnect();
  }
}

export const outbox: Scenario = {
  name: 'outbox',
  async run(ctx) {
    ctx.log.info('outbox', `round ${ctx.round}: waiting for statistics-service to apply this round's case events…`);
    const { lags, events } = await consumerLags(ctx);
    ctx.log.info('outbox', `round ${ctx.round}: ${lags.length}/${events} applied; raw Kafka round trip…`);
    const raw = await rawKafkaLags(ctx);
    await ctx.note('outbox lag');
    const figures: Figures = {
      events,
      applied: lags.length,
      p50: percentile(lags, 50),
      p99: percentile(lags, 99),
      'kafka.p50': percentile(raw, 50),
      'kafka.p99': percentile(raw, 99),
    };
    return figures;
  },
  rows(m) {
    const missing = (m['events'] ?? 0) - (m['applied'] ?? 0);
    return [
      row({
        path: 'outbox row → event consumed (statistics)',
        gongzhi:
          formatLatency({ p50: m['p50'] ?? Number.NaN, p99: m['p99'] ?? Number.NaN }) +
          ` over ${formatNumber(m['events'] ?? Number.NaN)} events` +
          (missing > 0 ? `, ${formatNumber(missing)} not applied in ${SETTLE_TIMEOUT_MS / 1000} s` : ''),
        baseline: `raw Kafka ${formatLatency({ p50: m['kafka.p50'] ?? Number.NaN, p99: m['kafka.p99'] ?? Number.NaN })}`,
        value: m['p99'] ?? Number.NaN,
        valueLabel: `p99 ${formatNumber(m['p99'] ?? Number.NaN)} ms`,
        target: LAG_P99_TARGET,
      }),
    ];
  },
};
