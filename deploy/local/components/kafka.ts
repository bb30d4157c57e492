/**
 * A single-node Apache Kafka in KRaft mode (broker and controller in one JVM), run from the jars Maven publishes
 * rather than the release tarball, so the download goes through the same Maven setup as the other Java pieces.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import type { StackProfile } from '../lib/profile';
import { assertStartable, ensureServer, serverStatus, type ComponentStatus } from '../lib/component';
import { runLogged } from '../lib/exec';
import { InfraError, displayPath, longStep, type Logger } from '../lib/log';
import { LOOPBACK, type PortNeed } from '../lib/net';
import { logFile, stopProcess, type ProcessIdentity, type StopHow, type StopSpec } from '../lib/process';
import { assertJava17, cacheLogFile, fetchMavenJars, installDir, isInstalled, toolsDir } from '../lib/tools';

// Newest 4.x whose whole dependency closure is on Maven Central: 4.4.0's kafka_2.13 pom is published but
// org.apache.kafka:kafka-tools-api:4.4.0, which it depends on, is not (404), so 4.4.0 cannot be resolved.
export const KAFKA_VERSION = '4.3.1';
// Kafka's jars log through slf4j 1.x; this binding sends that to log4j2 (version of the log4j-core Kafka pulls in).
const LOG4J_SLF4J_BINDING = 'org.apache.logging.log4j:log4j-slf4j-impl:2.25.4';

const LOG4J2_CONFIG = path.join(__dirname, '..', 'kafka', 'log4j2.xml');

const PORTS: readonly PortNeed[] = [
  { key: 'kafka', what: 'kafka broker' },
  { key: 'kafkaController', what: 'kafka controller' },
];

export interface KafkaTools {
  libDir: string;
}

export function kafkaBrokers(profile: StackProfile): string[] {
  return [`${LOOPBACK}:${profile.ports.kafka}`];
}

function logDirs(profile: StackProfile): string {
  return path.join(profile.dataDir, 'kafka');
}

function configFile(profile: StackProfile): string {
  return path.join(profile.dataDir, 'config', 'kafka', 'server.properties');
}

function identity(profile: StackProfile): ProcessIdentity & { name: 'kafka' } {
  return { name: 'kafka', marker: configFile(profile) };
}

export async function provisionKafka(cacheDir: string, log: Logger): Promise<KafkaTools> {
  const dir = path.join(toolsDir(cacheDir), `kafka-${KAFKA_VERSION}`);
  const libDir = path.join(dir, 'lib');
  if (isInstalled(dir)) return { libDir };
  await assertJava17();
  await longStep(
    log,
    'kafka',
    `downloading org.apache.kafka:kafka_2.13:${KAFKA_VERSION} and its dependencies with Maven`,
    () =>
      installDir(dir, (staging) =>
        fetchMavenJars(
          [`org.apache.kafka:kafka_2.13:${KAFKA_VERSION}`, LOG4J_SLF4J_BINDING],
          path.join(staging, 'lib'),
          cacheLogFile(cacheDir, 'mvn-kafka'),
        ),
      ),
  );
  return { libDir };
}

/**
 * A cluster id that is stable for a data directory (so re-formatting is never needed to recover it) and differs
 * between profiles. Kafka ids are 16 bytes in URL-safe base64 without padding.
 */
function clusterId(profile: StackProfile): string {
  return createHash('sha256')
    .update(`gongzhi-kafka:${logDirs(profile)}`)
    .digest()
    .subarray(0, 16)
    .toString('base64url');
}

function serverProperties(profile: StackProfile): string {
  const { kafka, kafkaController } = profile.ports;
  const props: Record<string, string | number> = {
    'process.roles': 'broker,controller',
    'node.id': 1,
    // A static voter set (rather than `format --standalone`, which records the controller's endpoint in the log) keeps
    // the cluster startable after the controller port is changed through the environment.
    'controller.quorum.voters': `1@${LOOPBACK}:${kafkaController}`,
    listeners: `PLAINTEXT://${LOOPBACK}:${kafka},CONTROLLER://${LOOPBACK}:${kafkaController}`,
    'advertised.listeners': `PLAINTEXT://${LOOPBACK}:${kafka}`,
    'controller.listener.names': 'CONTROLLER',
    'inter.broker.listener.name': 'PLAINTEXT',
    'listener.security.protocol.map': 'PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT',
    'log.dirs': logDirs(profile),
    'num.partitions': 3,
    'auto.create.topics.enable': 'true',
    'offsets.topic.replication.factor': 1,
    'transaction.state.log.replication.factor': 1,
    'transaction.state.log.min.isr': 1,
    'share.coordinator.state.topic.replication.factor': 1,
    'share.coordinator.state.topic.min.isr': 1,
    'min.insync.replicas': 1,
    // One broker: waiting for more group members to join only slows every consumer start in tests.
    'group.initial.rebalance.delay.ms': 0,
  };
  const body = Object.entries(props)
    .map(([k, v]) => `${k}=${v}`)
    .join('\n');
  return `# Written by deploy/local/components/kafka.ts on every start; edits are overwritten.\n${body}\n`;
}

function javaArgs(tools: KafkaTools, profile: StackProfile, heap: string[]): string[] {
  return [
    ...heap,
    '-Djava.awt.headless=true',
    `-Dlog4j2.configurationFile=${LOG4J2_CONFIG}`,
    `-Dkafka.logs.dir=${profile.logDir}`,
    '-cp',
    path.join(tools.libDir, '*'),
  ];
}

/** Formats the log directory once; meta.properties is what StorageTool writes and what the broker requires. */
async function formatStorage(profile: StackProfile, tools: KafkaTools, log: Logger): Promise<void> {
  const dir = logDirs(profile);
  if (fs.existsSync(path.join(dir, 'meta.properties'))) return;
  if (fs.existsSync(dir) && fs.readdirSync(dir).length > 0) {
    throw new InfraError(
      `${displayPath(dir)} holds files but no meta.properties (an interrupted format?): delete it and run again.`,
    );
  }
  const id = clusterId(profile);
  log.info('kafka', `formatting storage in ${displayPath(dir)} (cluster id ${id})`);
  await runLogged(
    'java',
    [
      ...javaArgs(tools, profile, ['-Xmx256m']),
      'kafka.tools.StorageTool',
      'format',
      '-t',
      id,
      '-c',
      configFile(profile),
    ],
    logFile(profile, 'kafka'),
    'Kafka could not format its storage.',
  );
}

async function adminAnswers(profile: StackProfile): Promise<boolean> {
  const kafka = new Kafka({
    clientId: 'gongzhi-infra',
    brokers: kafkaBrokers(profile),
    logLevel: logLevel.NOTHING,
    connectionTimeout: 2000,
    requestTimeout: 5000,
    retry: { retries: 0 },
  });
  const admin = kafka.admin();
  try {
    await admin.connect();
    await admin.listTopics();
    return true;
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}

export async function startKafka(profile: StackProfile, tools: KafkaTools, log: Logger): Promise<void> {
  await ensureServer(
    profile,
    {
      identity: identity(profile),
      ports: PORTS,
      prepare: async () => {
        fs.mkdirSync(path.dirname(configFile(profile)), { recursive: true });
        fs.writeFileSync(configFile(profile), serverProperties(profile));
        await formatStorage(profile, tools, log);
        return {
          command: 'java',
          args: [...javaArgs(tools, profile, ['-Xms256m', '-Xmx512m']), 'kafka.Kafka', configFile(profile)],
          cwd: profile.dataDir,
        };
      },
      probe: () => adminAnswers(profile),
      waitingFor: `a Kafka admin client to list topics on ${kafkaBrokers(profile).join(',')}`,
      startTimeoutMs: 120_000,
    },
    log,
  );
}

export async function stopKafka(profile: StackProfile, log: Logger, how: StopHow = 'clean'): Promise<boolean> {
  // A controlled shutdown flushes logs and closes the metadata log cleanly, which takes a few seconds; a crash
  // (the chaos run) leaves the broker to recover its logs when it starts again.
  const stop: StopSpec =
    how === 'crash' ? { signal: 'SIGKILL', graceMs: 10_000 } : { signal: 'SIGTERM', graceMs: 30_000 };
  return await stopProcess(profile, identity(profile), stop, log);
}

export async function kafkaStatus(profile: StackProfile): Promise<ComponentStatus> {
  return await serverStatus(profile, identity(profile), PORTS, kafkaBrokers(profile));
}

/** Throws if kafka is not running and another program holds one of its ports. */
export async function preflightKafka(profile: StackProfile): Promise<void> {
  await assertStartable(profile, identity(profile), PORTS);
}
