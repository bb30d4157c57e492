import { env, eventTopicSettings, loadConfig, outboxRelaySettings, serviceSettings } from '@gongzhi/config';
import { MAX_ACCESS_TOKEN_TTL_SECONDS } from '@gongzhi/auth';
import { z } from 'zod';

export const AgencyServiceConfig = z.object({
  // Its AUTH_PUBLIC_KEY_FILE is also published for the other services at /api/v1/auth/public-key.
  ...serviceSettings(3003),
  /** base64 of 32 random bytes: the HMAC key of the audit hash chain, which the database never holds (docs/reference/audit.md). */
  AUDIT_CHAIN_KEY_FILE: env.nonEmpty(),
  ...outboxRelaySettings(),
  KAFKA_TOPIC_AGENCY_EVENTS: eventTopicSettings.KAFKA_TOPIC_AGENCY_EVENTS,
  /** Ed25519 private key, PKCS#8 PEM: signs access tokens. Only agency-service has it. */
  AUTH_PRIVATE_KEY_FILE: env.nonEmpty(),
  /** Short, because an access token cannot be revoked before it expires; the refresh token renews it. */
  ACCESS_TOKEN_TTL_SECONDS: z.coerce.number().int().min(60).max(MAX_ACCESS_TOKEN_TTL_SECONDS).default(900),
  /** A working shift: staff log in again the next day. */
  REFRESH_TOKEN_TTL_SECONDS: z.coerce
    .number()
    .int()
    .min(300)
    .max(30 * 86_400)
    .default(43_200),
});
export type AgencyServiceConfig = z.infer<typeof AgencyServiceConfig>;

export function loadAgencyServiceConfig(source: Record<string, string | undefined> = process.env): AgencyServiceConfig {
  return loadConfig('agency-service', AgencyServiceConfig, source);
}
