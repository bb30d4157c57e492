import { env, loadConfig } from '@gongzhi/config';
import { z } from 'zod';

export const CaseServiceConfig = z.object({
  PORT: env.port(3002),
  HOST: z.string().default('127.0.0.1'),
  DATABASE_URL: env.postgresUrl(),
  TEMPORAL_ADDRESS: env.temporalAddress(),
  TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
  LOG_LEVEL: env.logLevel(),
  /** Ed25519 public key (SPKI PEM) that verifies the access tokens agency-service signs. */
  AUTH_PUBLIC_KEY_FILE: z.string().min(1),
  /** People's mediation: "一般在一个月内调结" (about 30 days), until the town policy supplies the clock. */
  FIRST_LEVEL_CLOCK_DAYS: z.coerce.number().int().min(1).max(365).default(30),
  /** How often to look for cases whose workflow start was interrupted. */
  RESUME_SWEEP_INTERVAL_MS: z.coerce.number().int().min(1000).default(30_000),
});
export type CaseServiceConfig = z.infer<typeof CaseServiceConfig>;

export function loadCaseServiceConfig(source: Record<string, string | undefined> = process.env): CaseServiceConfig {
  return loadConfig('case-service', CaseServiceConfig, source);
}
