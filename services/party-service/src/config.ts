import { env, loadConfig } from '@gongzhi/config';
import { z } from 'zod';

export const PartyServiceConfig = z.object({
  PORT: env.port(3001),
  HOST: z.string().default('127.0.0.1'),
  DATABASE_URL: env.postgresUrl(),
  LOG_LEVEL: env.logLevel(),
});
export type PartyServiceConfig = z.infer<typeof PartyServiceConfig>;

export function loadPartyServiceConfig(source: Record<string, string | undefined> = process.env): PartyServiceConfig {
  return loadConfig('party-service', PartyServiceConfig, source);
}
