import type { Principal } from '@gongzhi/contracts';
import { createTokenIssuer, createTokenVerifier, generateSigningKeyPair } from '@gongzhi/auth';
import { createLogger, createInMemoryIdempotencyStore } from '@gongzhi/http';
import { createCaseService } from '../case-service';
import { createFakeCaseWorkflows, createInMemoryAuditTrail, createInMemoryCasesRepository } from '../cases/cases.fakes';
import { createInMemoryDocumentStore } from '../documents/document-store.fakes';
import { createInMemoryDocumentsRepository } from '../documents/documents.fakes';
import { createInMemoryReportsRepository } from '../reports/reports.fakes';

/** case-service on in-memory fakes, with a token minter for any caller: the unit tests' wiring. */
export async function createFakeCaseService(options: { rateLimits?: { perIp: number; perUser: number } } = {}) {
  const keys = generateSigningKeyPair();
  const issuer = await createTokenIssuer({ privateKeyPem: keys.privateKeyPem, ttlSeconds: 600 });
  const repository = createInMemoryCasesRepository();
  const reports = createInMemoryReportsRepository(repository.rows, repository.keys, repository.reports);
  const documents = createInMemoryDocumentsRepository(repository.keys, repository.events);
  const documentStore = createInMemoryDocumentStore();
  const workflows = createFakeCaseWorkflows();
  const audit = createInMemoryAuditTrail();
  const service = createCaseService({
    logger: createLogger('case-service', 'silent'),
    repository,
    reports,
    documents,
    documentStore,
    workflows,
    audit,
    idempotencyStore: createInMemoryIdempotencyStore(),
    verifier: await createTokenVerifier({ publicKeyPem: keys.publicKeyPem }),
    firstLevelClockDays: 30,
    ...(options.rateLimits ? { rateLimits: options.rateLimits } : {}),
  });
  const bearer = async (principal: Principal) => `Bearer ${(await issuer.issue(principal)).token}`;
  return { ...service, repository, reports, documents, documentStore, workflows, audit, bearer };
}

/** Staff of the demo town used across case-service tests. */
export const staff = {
  gridWorker: { staffId: 'grid-1', agencyId: 'agency-shangba', townCode: 'qingshui', roles: ['grid-worker'] },
  villageMediator: { staffId: 'med-1', agencyId: 'agency-shangba', townCode: 'qingshui', roles: ['mediator'] },
  otherVillageMediator: { staffId: 'med-2', agencyId: 'agency-xiaba', townCode: 'qingshui', roles: ['mediator'] },
  policeLiaison: { staffId: 'liaison-1', agencyId: 'agency-police', townCode: 'qingshui', roles: ['liaison'] },
  coordinator: { staffId: 'coord-1', agencyId: 'agency-centre', townCode: 'qingshui', roles: ['coordinator'] },
  otherTownCoordinator: { staffId: 'coord-9', agencyId: 'agency-elsewhere', townCode: 'hekou', roles: ['coordinator'] },
  administrator: { staffId: 'admin-1', agencyId: 'agency-it', townCode: 'county', roles: ['administrator'] },
} satisfies Record<string, Principal>;
