import { PrismaPg } from '@prisma/adapter-pg';
import type { Principal } from '@gongzhi/contracts';
import {
  createServiceTokenSource,
  createTokenIssuer,
  createTokenVerifier,
  generateSigningKeyPair,
  readPem,
} from '@gongzhi/auth';
import { createPrismaAuditTrail, createLogger, createPrismaIdempotencyStore } from '@gongzhi/http';
// Integration tests need the shared test-database harness (a type:test library); this folder is test code.
import { createTestDatabase, type LocalSecrets, TEST_AUDIT_CHAIN_KEY, type TestDatabase } from '@gongzhi/testing';
import { type AgencyDirectory, createHttpAgencyDirectory } from '../agencies/agency-directory';
import { createInMemoryAgencyDirectory } from '../agencies/agency-directory.fakes';
import { createPartyCrypto, type PartyCrypto } from '../crypto/party-crypto';
import type { PartyEvents } from '../events/party-events';
import { PrismaClient } from '../generated/prisma/client';
import { createPartiesRepository } from '../parties/parties.repository';
import { createPartyService, type PartyService } from '../party-service';
import { randomCryptoKeys, TOWN_AGENCIES } from '../party-service.fakes';
import { createRiskFlagsRepository } from '../risk-flags/risk-flags.repository';

/** party-service wired as main.ts wires it, on a database of its own; `close` disconnects and drops it. */
export interface PartyServiceOnPostgres extends PartyService {
  db: TestDatabase;
  prisma: PrismaClient;
  crypto: PartyCrypto;
  tokenFor(principal: Principal): Promise<string>;
  /** The dispute worker's Authorization header (role workflow-engine), which party-service must refuse. */
  workerToken(): Promise<string>;
  close(): Promise<void>;
}

export interface PartyServiceOnPostgresOptions {
  rateLimits?: { perIp: number; perUser: number };
  /** TRUSTED_PROXIES, as main.ts passes it. */
  trustedProxies?: string[];
  /**
   * The local stack's keys (ensureLocalSecrets): tokens are signed with them, so a real agency-service accepts the
   * tokens party-service forwards. Without them, throwaway key pairs.
   */
  secrets?: LocalSecrets;
  /** A running agency-service to ask about agencies; without it, an in-memory directory of the test town. */
  agencyServiceUrl?: string;
  /** What the writes publish (a test's own topic); the default topic otherwise. */
  events?: PartyEvents;
}

/** The signing side of the harness: staff tokens and worker tokens, and the verifier that trusts both, as main.ts. */
async function tokenKeys(secrets: LocalSecrets | undefined) {
  const staff = secrets
    ? { privateKeyPem: readPem(secrets.authPrivateKeyFile), publicKeyPem: readPem(secrets.authPublicKeyFile) }
    : generateSigningKeyPair();
  const worker = secrets
    ? { privateKeyPem: readPem(secrets.workerPrivateKeyFile), publicKeyPem: readPem(secrets.workerPublicKeyFile) }
    : generateSigningKeyPair();
  const issuer = await createTokenIssuer({ privateKeyPem: staff.privateKeyPem, ttlSeconds: 900 });
  const workerSource = await createServiceTokenSource({ privateKeyPem: worker.privateKeyPem, ttlSeconds: 900 });
  return {
    verifier: await createTokenVerifier({
      publicKeyPem: staff.publicKeyPem,
      workflowEnginePublicKeyPem: worker.publicKeyPem,
    }),
    tokenFor: async (who: Principal) => `Bearer ${(await issuer.issue(who)).token}`,
    workerToken: async () => `Bearer ${await workerSource.token()}`,
  };
}

/**
 * The integration tier's wiring: real Prisma repositories, audit trail and idempotency store on a clone of
 * `party_template`, real crypto with generated keys, a real token verifier (staff and worker keys, as main.ts reads
 * them), and agency-service over HTTP when one is given.
 */
export async function startPartyServiceOnPostgres(
  options: PartyServiceOnPostgresOptions = {},
): Promise<PartyServiceOnPostgres> {
  const db = await createTestDatabase('party');
  const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: db.url }) });
  const close = async () => {
    await prisma.$disconnect();
    await db.drop();
  };
  try {
    const tokens = await tokenKeys(options.secrets);
    const agencies: AgencyDirectory = options.agencyServiceUrl
      ? createHttpAgencyDirectory({ baseUrl: options.agencyServiceUrl, timeoutMs: 5_000 })
      : createInMemoryAgencyDirectory(TOWN_AGENCIES);
    const keys = randomCryptoKeys();
    const crypto = createPartyCrypto(keys);
    const service = createPartyService({
      logger: createLogger('party-service', 'silent'),
      parties: createPartiesRepository(prisma, options.events),
      riskFlags: createRiskFlagsRepository(prisma, options.events),
      crypto,
      audit: createPrismaAuditTrail(prisma, { chainKey: TEST_AUDIT_CHAIN_KEY }),
      idempotencyStore: createPrismaIdempotencyStore(prisma.idempotencyRecord),
      idempotencyHashKey: keys.blindIndexKey,
      agencies,
      verifier: tokens.verifier,
      ...(options.rateLimits ? { rateLimits: options.rateLimits } : {}),
      ...(options.trustedProxies ? { trustedProxies: options.trustedProxies } : {}),
    });
    return {
      ...service,
      db,
      prisma,
      crypto,
      tokenFor: tokens.tokenFor,
      workerToken: tokens.workerToken,
      close,
    };
  } catch (error) {
    // A half-built harness must not leave its database behind.
    await close();
    throw error;
  }
}
