import { randomBytes } from 'node:crypto';
import type { Principal } from '@gongzhi/contracts';
import {
  createServiceTokenSource,
  createTokenIssuer,
  createTokenVerifier,
  generateSigningKeyPair,
} from '@gongzhi/auth';
import {
  type AuditEntry,
  createLogger,
  type Logger,
  type ReadinessCheck,
  createInMemoryIdempotencyStore,
} from '@gongzhi/http';
import type { OutboxMessage } from '@gongzhi/outbox';
import type { AgencyFacts } from './agencies/agency-directory';
import { createInMemoryAgencyDirectory, type InMemoryAgencyDirectory } from './agencies/agency-directory.fakes';
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
  /** The events setting and clearing flags would write to the outbox. */
  riskFlagOutbox: OutboxMessage[];
  agencies: InMemoryAgencyDirectory;
  tokenFor(principal: Principal): Promise<string>;
  /** The dispute worker's Authorization header (role workflow-engine), which party-service must refuse. */
  workerToken(): Promise<string>;
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
  // As main.ts does with WORKFLOW_ENGINE_PUBLIC_KEY_FILE: the worker's tokens verify, and must then be refused.
  const workerPair = generateSigningKeyPair();
  const worker = await createServiceTokenSource({ privateKeyPem: workerPair.privateKeyPem, ttlSeconds: 900 });
  const agencies = createInMemoryAgencyDirectory(TOWN_AGENCIES);
  const keys = options.keys ?? randomCryptoKeys();
  const audit: AuditEntry[] = [];
  // The flag's event names the party's town, which the parties repository below holds.
  const riskFlags = createInMemoryRiskFlagsRepository(undefined, (partyId) => repository.rows.get(partyId)?.townCode);
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
    agencies,
    verifier: await createTokenVerifier({
      publicKeyPem: pair.publicKeyPem,
      workflowEnginePublicKeyPem: workerPair.publicKeyPem,
    }),
    rateLimits: options.rateLimits ?? { perIp: 10_000, perUser: 10_000 },
    ...(options.readiness ? { readiness: options.readiness } : {}),
  });
  return {
    ...service,
    audit,
    partyRows: repository.rows,
    riskFlagOutbox: riskFlags.outbox,
    agencies,
    tokenFor: async (principal) => `Bearer ${(await issuer.issue(principal)).token}`,
    workerToken: async () => `Bearer ${await worker.token()}`,
  };
}

/**
 * Agencies of town `qingshui` with the ids agency-service's demo seed gives them (so the same fixtures work against
 * the real agency-service), and one agency of another town: the caller's own agency (the Shangba mediation
 * committee), another agency of the town (the police station), a third (the judicial office), the court, the
 * governance centre, and an agency of `far-town`.
 */
export const AGENCIES = {
  own: 'a9e00000-0000-4000-8000-000000000001',
  other: 'a9e00000-0000-4000-8000-000000000004',
  third: 'a9e00000-0000-4000-8000-000000000005',
  court: 'a9e00000-0000-4000-8000-000000000006',
  centre: 'a9e00000-0000-4000-8000-000000000007',
  farTown: 'a9e00000-0000-4000-8000-0000000000f1',
} as const;

export const FAR_TOWN = 'far-town';

/** An agency of the town that no longer works (the in-memory directory only: agency-service has no such flag yet). */
export const RETIRED_AGENCY = 'a9e00000-0000-4000-8000-0000000000d1';

/** What the in-memory agency directory knows: agency-service's answer for the agencies above. */
export const TOWN_AGENCIES: readonly AgencyFacts[] = [
  ...[AGENCIES.own, AGENCIES.other, AGENCIES.third, AGENCIES.court, AGENCIES.centre].map((id) => ({
    id,
    townCode: 'qingshui',
    active: true,
  })),
  { id: AGENCIES.farTown, townCode: FAR_TOWN, active: true },
  { id: RETIRED_AGENCY, townCode: 'qingshui', active: false },
];

export function principal(
  role: Principal['roles'][number],
  agencyId: string = AGENCIES.own,
  townCode = 'qingshui',
): Principal {
  return { staffId: `s-${role}-${agencyId}`, agencyId, townCode, roles: [role] };
}
