import { PrismaPg } from '@prisma/adapter-pg';
import type { Principal } from '@gongzhi/contracts';
import { createTokenIssuer, createTokenVerifier, generateSigningKeyPair } from '@gongzhi/auth';
import { createAuditTrail, createLogger, createPrismaIdempotencyStore } from '@gongzhi/http';
// Integration tests need the shared test-database harness (a type:test library); this folder is test code.
import { createTestDatabase, type TestDatabase } from '@gongzhi/testing';
import { createPartyCrypto, type PartyCrypto } from '../crypto/party-crypto';
import { PrismaClient } from '../generated/prisma/client';
import { createPartiesRepository } from '../parties/parties.repository';
import { createPartyService, type PartyService } from '../party-service';
import { randomCryptoKeys } from '../party-service.fakes';
import { createRiskFlagsRepository } from '../risk-flags/risk-flags.repository';

/** party-service wired as main.ts wires it, on a database of its own; `close` disconnects and drops it. */
export interface PartyServiceOnPostgres extends PartyService {
  db: TestDatabase;
  prisma: PrismaClient;
  crypto: PartyCrypto;
  tokenFor(principal: Principal): Promise<string>;
  close(): Promise<void>;
}

/**
 * The integration tier's wiring: real Prisma repositories, audit trail and idempotency store on a clone of
 * `party_template`, real crypto with generated keys, a real token verifier for a generated key pair.
 */
export async function startPartyServiceOnPostgres(
  options: { rateLimits?: { perIp: number; perUser: number } } = {},
): Promise<PartyServiceOnPostgres> {
  const db = await createTestDatabase('party');
  const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: db.url }) });
  const close = async () => {
    await prisma.$disconnect();
    await db.drop();
  };
  try {
    const pair = generateSigningKeyPair();
    const issuer = await createTokenIssuer({ privateKeyPem: pair.privateKeyPem, ttlSeconds: 900 });
    const keys = randomCryptoKeys();
    const crypto = createPartyCrypto(keys);
    const service = createPartyService({
      logger: createLogger('party-service', 'silent'),
      parties: createPartiesRepository(prisma),
      riskFlags: createRiskFlagsRepository(prisma),
      crypto,
      audit: createAuditTrail(prisma.auditRecord),
      idempotencyStore: createPrismaIdempotencyStore(prisma.idempotencyRecord),
      idempotencyHashKey: keys.blindIndexKey,
      verifier: await createTokenVerifier({ publicKeyPem: pair.publicKeyPem }),
      ...(options.rateLimits ? { rateLimits: options.rateLimits } : {}),
    });
    return {
      ...service,
      db,
      prisma,
      crypto,
      tokenFor: async (who) => `Bearer ${(await issuer.issue(who)).token}`,
      close,
    };
  } catch (error) {
    // A half-built harness must not leave its database behind.
    await close();
    throw error;
  }
}
