import { randomBytes } from 'node:crypto';
import type { Principal } from '@gongzhi/contracts';
import { createTokenIssuer, createTokenVerifier, generateSigningKeyPair } from '@gongzhi/auth';
import {
  type AuditEntry,
  createLogger,
  type Logger,
  type ReadinessCheck,
  createInMemoryIdempotencyStore,
} from '@gongzhi/http';
import { createPartyCrypto, type PartyCryptoKeys } from './crypto/party-crypto';
import { createInMemoryPartiesRepository } from './parties/parties.fakes';
import { createPartyService, type PartyService } from './party-service';
import { createInMemoryRiskFlagsRepository } from './risk-flags/risk-flags.fakes';

export function randomCryptoKeys(keyIds: string[] = ['k1'], activeKeyId = keyIds[0] ?? 'k1'): PartyCryptoKeys {
  return {
    encryptionKeys: new Map(keyIds.map((id) => [id, randomBytes(32)])),
    activeKeyId,
    blindIndexKey: randomBytes(32),
  };
}

export interface FakePartyService extends PartyService {
  audit: AuditEntry[];
  parties: PartyService['parties'];
  partyRows: ReturnType<typeof createInMemoryPartiesRepository>['rows'];
  tokenFor(principal: Principal): Promise<string>;
}

/** The whole service on in-memory fakes and a throwaway signing key: the unit tier's wiring. */
export async function createFakePartyService(
  options: {
    logger?: Logger;
    rateLimits?: { perIp: number; perUser: number };
    keys?: PartyCryptoKeys;
    readiness?: Record<string, ReadinessCheck>;
  } = {},
): Promise<FakePartyService> {
  const pair = generateSigningKeyPair();
  const issuer = await createTokenIssuer({ privateKeyPem: pair.privateKeyPem, ttlSeconds: 900 });
  const keys = options.keys ?? randomCryptoKeys();
  const audit: AuditEntry[] = [];
  const riskFlags = createInMemoryRiskFlagsRepository();
  const repository = createInMemoryPartiesRepository((partyId) => [
    ...new Set(riskFlags.rows.filter((f) => f.partyId === partyId && !f.clearedAt).map((f) => f.category)),
  ]);
  const service = createPartyService({
    logger: options.logger ?? createLogger('party-service', 'silent'),
    parties: repository,
    riskFlags,
    crypto: createPartyCrypto(keys),
    audit: {
      async record(entry) {
        audit.push(entry);
      },
    },
    idempotencyStore: createInMemoryIdempotencyStore(),
    idempotencyHashKey: keys.blindIndexKey,
    verifier: await createTokenVerifier({ publicKeyPem: pair.publicKeyPem }),
    rateLimits: options.rateLimits ?? { perIp: 10_000, perUser: 10_000 },
    ...(options.readiness ? { readiness: options.readiness } : {}),
  });
  return {
    ...service,
    audit,
    partyRows: repository.rows,
    tokenFor: async (principal) => `Bearer ${(await issuer.issue(principal)).token}`,
  };
}

/** Town `qingshui`: the caller's own agency, another agency in the same town, and an agency of another town. */
export const AGENCIES = { own: 'a-shangba-committee', other: 'a-police-station', farTown: 'a-elsewhere' } as const;

export function principal(
  role: Principal['roles'][number],
  agencyId: string = AGENCIES.own,
  townCode = 'qingshui',
): Principal {
  return { staffId: `s-${role}-${agencyId}`, agencyId, townCode, roles: [role] };
}
