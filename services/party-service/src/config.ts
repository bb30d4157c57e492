import { env, eventTopicSettings, loadConfig, outboxRelaySettings, serviceSettings } from '@gongzhi/config';
import { z } from 'zod';
import type { PartyCryptoKeys } from './crypto/party-crypto';

const KEY_ID = /^[A-Za-z0-9_.-]{1,32}$/;

/** A base64 value that must decode to exactly 32 bytes; the message never repeats the value. */
function decode32(value: string): Buffer | undefined {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(value)) return undefined;
  const bytes = Buffer.from(value, 'base64');
  return bytes.length === 32 ? bytes : undefined;
}

const EncryptionKeys = z.string().transform((value, ctx) => {
  const keys = new Map<string, Buffer>();
  const entries = value
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  if (entries.length === 0) {
    ctx.addIssue({ code: 'custom', message: 'give at least one key as keyId:base64(32 random bytes)' });
    return z.NEVER;
  }
  for (const [index, entry] of entries.entries()) {
    const colon = entry.indexOf(':');
    const keyId = colon > 0 ? entry.slice(0, colon) : '';
    const key = colon > 0 ? decode32(entry.slice(colon + 1)) : undefined;
    if (!KEY_ID.test(keyId) || !key) {
      ctx.addIssue({
        code: 'custom',
        message: `entry ${index + 1} is not keyId:base64(32 bytes) (key ids: 1–32 letters, digits, _ . -; make a key with \`openssl rand -base64 32\`)`,
      });
      return z.NEVER;
    }
    if (keys.has(keyId)) {
      ctx.addIssue({ code: 'custom', message: `key id ${keyId} appears twice: give every key its own id` });
      return z.NEVER;
    }
    keys.set(keyId, key);
  }
  return keys;
});

const BlindIndexKey = z.string().transform((value, ctx) => {
  const key = decode32(value.trim());
  if (!key) {
    ctx.addIssue({
      code: 'custom',
      message: 'must be base64 of 32 random bytes (make one with `openssl rand -base64 32`)',
    });
    return z.NEVER;
  }
  return key;
});

/** The key material, shared by the service and the seed (which seals the demo parties' data the same way). */
export const partyKeyVariables = {
  /** `keyId:base64(32 bytes)`, comma-separated: every key that may have sealed stored data. */
  PARTY_ENCRYPTION_KEYS: EncryptionKeys,
  /** The key new writes use; must be one of PARTY_ENCRYPTION_KEYS. */
  PARTY_ENCRYPTION_ACTIVE_KEY_ID: z.string().regex(KEY_ID, 'use the id of one of the PARTY_ENCRYPTION_KEYS'),
  /** base64(32 bytes): HMAC key of the ID-number blind index. Changing it makes every stored index useless. */
  PARTY_BLIND_INDEX_KEY: BlindIndexKey,
};

export function activeKeyMustExist(
  config: { PARTY_ENCRYPTION_KEYS: Map<string, Buffer>; PARTY_ENCRYPTION_ACTIVE_KEY_ID: string },
  ctx: z.RefinementCtx,
): void {
  if (!config.PARTY_ENCRYPTION_KEYS.has(config.PARTY_ENCRYPTION_ACTIVE_KEY_ID)) {
    ctx.addIssue({
      code: 'custom',
      path: ['PARTY_ENCRYPTION_ACTIVE_KEY_ID'],
      message: `names no key in PARTY_ENCRYPTION_KEYS (configured: ${[...config.PARTY_ENCRYPTION_KEYS.keys()].join(', ')})`,
    });
  }
}

export const PartyServiceConfig = z
  .object({
    ...serviceSettings(3001),
    /** base64 of 32 random bytes: the HMAC key of the audit hash chain, which the database never holds (docs/reference/audit.md). */
    AUDIT_CHAIN_KEY_FILE: env.nonEmpty(),
    ...partyKeyVariables,
    ...outboxRelaySettings(),
    KAFKA_TOPIC_PARTY_EVENTS: eventTopicSettings.KAFKA_TOPIC_PARTY_EVENTS,
    /** case-service's topic: its `parties-shared` events let the agencies that hold a case read its parties. */
    KAFKA_TOPIC_CASE_EVENTS: eventTopicSettings.KAFKA_TOPIC_CASE_EVENTS,
    /** `off` grants nothing from case events (tests without Kafka); they wait on the topic for a consumer that runs. */
    PARTY_CONSUMER: z.enum(['on', 'off']).default('on'),
    /** The Kafka consumer group; its committed offsets are how far the grants have read. */
    PARTY_CONSUMER_GROUP: z.string().min(1).max(200).default('party-service'),
    /** Where case events that can never be applied go, with the reason in their headers. */
    PARTY_DLQ_TOPIC: z
      .string()
      .regex(/^[A-Za-z0-9._-]{1,249}$/, 'a Kafka topic name')
      .default('party.dlq'),
    /** agency-service, asked whether an agency to involve with a party exists in its town; never its database. */
    AGENCY_SERVICE_URL: env
      .url()
      .regex(/^https?:\/\//, 'must be an http:// or https:// URL')
      .default('http://127.0.0.1:3003'),
    /** Per request to agency-service: a slow one must not hold a staff request (it answers 503 instead). */
    AGENCY_SERVICE_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(3_000),
  })
  .superRefine(activeKeyMustExist);
export type PartyServiceConfig = z.output<typeof PartyServiceConfig>;

export function loadPartyServiceConfig(source: Record<string, string | undefined> = process.env): PartyServiceConfig {
  return loadConfig('party-service', PartyServiceConfig, source);
}

export function cryptoKeysOf(config: {
  PARTY_ENCRYPTION_KEYS: Map<string, Buffer>;
  PARTY_ENCRYPTION_ACTIVE_KEY_ID: string;
  PARTY_BLIND_INDEX_KEY: Buffer;
}): PartyCryptoKeys {
  return {
    encryptionKeys: config.PARTY_ENCRYPTION_KEYS,
    activeKeyId: config.PARTY_ENCRYPTION_ACTIVE_KEY_ID,
    blindIndexKey: config.PARTY_BLIND_INDEX_KEY,
  };
}
