import { env, loadConfig } from '@gongzhi/config';
import { z } from 'zod';

/** The console's environment, read once at start-up (libs/config): a bad variable stops it with the fix. */
export const ConsoleConfig = z.object({
  PORT: env.port(3000),
  HOST: z.string().default('127.0.0.1'),
  LOG_LEVEL: env.logLevel(),
  /** The console's own database: sessions and staff preferences (never the services' data). */
  DATABASE_URL: env.postgresUrl(),
  /**
   * Seals the tokens kept in the session table: `keyId:base64(32 bytes)`, comma-separated; the first key seals new
   * sessions, the others still open sessions sealed before a rotation.
   */
  CONSOLE_SESSION_KEYS: z
    .string()
    .regex(
      /^[A-Za-z0-9_-]{1,20}:[A-Za-z0-9+/]{43}=(,[A-Za-z0-9_-]{1,20}:[A-Za-z0-9+/]{43}=)*$/,
      'give keyId:base64(32 random bytes), comma-separated, the sealing key first',
    ),
  AGENCY_SERVICE_URL: env.url().default('http://127.0.0.1:3003'),
  CASE_SERVICE_URL: env.url().default('http://127.0.0.1:3002'),
  PARTY_SERVICE_URL: env.url().default('http://127.0.0.1:3001'),
  STATISTICS_SERVICE_URL: env.url().default('http://127.0.0.1:3004'),
  /** Per request to a service; an upload of a 20 MiB scan on a slow link needs the longest. */
  UPSTREAM_TIMEOUT_MS: z.coerce.number().int().min(500).max(300_000).default(30_000),
  /**
   * Temporal's Web UI, for the administrators' link from a case's diagnosis to its workflow; left out, the page shows
   * no link. The namespace is the one the dispute workflows run in.
   */
  TEMPORAL_UI_URL: env.url().optional(),
  TEMPORAL_NAMESPACE: z.string().min(1).max(200).default('default'),
  /** The built browser app (index.html and assets/), made by `vite build`. */
  CONSOLE_WEB_DIR: env.nonEmpty(),
  /**
   * Proxies in front of the console (a TLS-terminating load balancer) whose `X-Forwarded-For` and
   * `X-Forwarded-Proto` are believed, by the rule agency-service applies to its own TRUSTED_PROXIES: addresses,
   * CIDRs or `loopback`/`linklocal`/`uniquelocal`, comma-separated. The client address found this way is what the
   * console forwards to agency-service (its login back-off counts per client), and https seen this way makes the
   * session cookie Secure. Empty (the default, and locally): the TCP peer is the client and any such header is ignored.
   */
  TRUSTED_PROXIES: env.trustedProxies(),
  /** Replaced by TRUSTED_PROXIES, which names the proxy: `on` believed a forwarded address from anyone. */
  TRUST_PROXY: z
    .undefined({ error: 'is no longer read: list the proxy in TRUSTED_PROXIES instead (its address or CIDR)' })
    .optional(),
});
export type ConsoleConfig = z.output<typeof ConsoleConfig>;

export function loadConsoleConfig(source: Record<string, string | undefined> = process.env): ConsoleConfig {
  return loadConfig('console', ConsoleConfig, source);
}
