import { env, loadConfig } from '@gongzhi/config';
import { z } from 'zod';

export const AgencyServiceConfig = z.object({
  PORT: env.port(3003),
  HOST: z.string().default('127.0.0.1'),
  DATABASE_URL: env.postgresUrl(),
  LOG_LEVEL: env.logLevel(),
});
export type AgencyServiceConfig = z.infer<typeof AgencyServiceConfig>;

export function loadAgencyServiceConfig(source: Record<string, string | undefined> = process.env): AgencyServiceConfig {
  return loadConfig('agency-service', AgencyServiceConfig, source);
}
