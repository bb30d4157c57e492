import { isIP } from 'node:net';
import { z } from 'zod';

/**
 * Configuration is read from the environment exactly once, at start-up, validated against a schema, and then
 * injected. A bad or missing variable stops the process with a message naming every offending variable.
 */
export class ConfigError extends Error {
  constructor(
    readonly service: string,
    readonly problems: string[],
  ) {
    super(`${service}: invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

export function loadConfig<S extends z.ZodType>(
  service: string,
  schema: S,
  env: Record<string, string | undefined> = process.env,
): z.output<S> {
  const parsed = schema.safeParse(env);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => {
    const name = issue.path.join('.') || '(environment)';
    const value = env[name];
    return value === undefined ? `${name} is missing: ${issue.message}` : `${name} is invalid: ${issue.message}`;
  });
  throw new ConfigError(service, problems);
}

/** Common variable shapes, so every service spells them the same way. */
export const env = {
  port: (fallback?: number) =>
    fallback === undefined
      ? z.coerce.number().int().min(1).max(65535)
      : z.coerce.number().int().min(1).max(65535).default(fallback),
  url: () => z.string().url(),
  postgresUrl: () => z.string().regex(/^postgres(ql)?:\/\//, 'must be a postgresql:// connection URL'),
  logLevel: () => z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  temporalAddress: () =>
    z
      .string()
      .regex(/^[\w.-]+:\d+$/, 'must be host:port')
      .default('127.0.0.1:7233'),
  nonEmpty: () => z.string().min(1),
  /**
   * Proxies whose `X-Forwarded-For` names the client, in Express's `trust proxy` terms: addresses, CIDRs or
   * `loopback`/`linklocal`/`uniquelocal`, comma-separated. Empty (the default): the TCP peer is the client.
   */
  trustedProxies: () =>
    z
      .string()
      .default('')
      .transform((value) =>
        value
          .split(',')
          .map((entry) => entry.trim())
          .filter((entry) => entry !== ''),
      )
      .refine(
        (entries) => entries.every((entry) => PROXY_NAMES.includes(entry) || isAddressOrCidr(entry)),
        'list IP addresses, CIDRs such as 10.0.0.0/8, or loopback, linklocal, uniquelocal, comma-separated',
      ),
};

/** The address ranges Express's `trust proxy` knows by name. */
const PROXY_NAMES = ['loopback', 'linklocal', 'uniquelocal'];

/** An IPv4 or IPv6 address, or a CIDR of one. */
function isAddressOrCidr(entry: string): boolean {
  const [address = '', prefix, ...rest] = entry.split('/');
  const version = isIP(address);
  if (version === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  const bits = Number(prefix);
  return /^\d{1,3}$/.test(prefix) && bits <= (version === 4 ? 32 : 128);
}

/**
 * The settings every HTTP service reads, under the same names everywhere, so an operator configures rate limits
 * or the token key once for all services.
 */
export function serviceSettings(defaultPort: number) {
  return {
    PORT: env.port(defaultPort),
    HOST: z.string().default('127.0.0.1'),
    DATABASE_URL: env.postgresUrl(),
    LOG_LEVEL: env.logLevel(),
    /** Ed25519 public key (SPKI PEM) that verifies the access tokens agency-service signs. */
    AUTH_PUBLIC_KEY_FILE: env.nonEmpty(),
    /**
     * The dispute worker's own Ed25519 public key (SPKI PEM): verifies its `workflow-engine` tokens. Optional: a
     * service without it refuses every workflow-engine token (and still serves staff).
     */
    WORKFLOW_ENGINE_PUBLIC_KEY_FILE: env.nonEmpty().optional(),
    /** Requests per minute from one client address (counted before authentication). */
    RATE_LIMIT_PER_IP_PER_MINUTE: z.coerce.number().int().min(1).default(600),
    /** Requests per minute from one signed-in staff member. */
    RATE_LIMIT_PER_USER_PER_MINUTE: z.coerce.number().int().min(1).default(300),
    /**
     * Proxies in front of the service (the console's server, a load balancer) whose `X-Forwarded-For` names the
     * client: addresses, CIDRs or `loopback`/`linklocal`/`uniquelocal`, comma-separated. Empty (the default): the TCP
     * peer is the client. The per-address limit (and agency-service's login back-off) count per client address, so
     * behind a proxy that is not listed every person shares the proxy's one address.
     */
    TRUSTED_PROXIES: env.trustedProxies(),
  };
}

const topicName = (fallback: string) =>
  z
    .string()
    .regex(/^[A-Za-z0-9._-]{1,249}$/, 'a Kafka topic name: letters, digits, dots, hyphens, underscores')
    .default(fallback);

/** The Kafka settings every producer and consumer of domain events reads. */
export function kafkaSettings() {
  return {
    /** Comma-separated host:port list; the default is the dev stack's broker. */
    KAFKA_BROKERS: z
      .string()
      .default('127.0.0.1:19092')
      .transform((value) => value.split(',').map((broker) => broker.trim()))
      .pipe(z.array(z.string().regex(/^[\w.-]+:\d+$/, 'each broker must be host:port')).min(1)),
  };
}

/** Topic names of each owner's events (defaults: `case.events`, `party.events`, `agency.events`). */
export const eventTopicSettings = {
  KAFKA_TOPIC_CASE_EVENTS: topicName('case.events'),
  KAFKA_TOPIC_PARTY_EVENTS: topicName('party.events'),
  KAFKA_TOPIC_AGENCY_EVENTS: topicName('agency.events'),
};

/** The outbox relay that runs inside a service process and publishes its events. */
export function outboxRelaySettings() {
  return {
    ...kafkaSettings(),
    /** `off` leaves events in the outbox (tests without Kafka); they are published once a relay runs. */
    OUTBOX_RELAY: z.enum(['on', 'off']).default('on'),
    OUTBOX_RELAY_BATCH_SIZE: z.coerce.number().int().min(1).max(1_000).default(100),
    /** How often an idle relay looks for new events. */
    OUTBOX_RELAY_POLL_MS: z.coerce.number().int().min(10).max(60_000).default(250),
  };
}
