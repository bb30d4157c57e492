import type { Principal } from '@gongzhi/contracts';
import {
  createServiceTokenSource,
  createTokenIssuer,
  createTokenVerifier,
  generateSigningKeyPair,
} from '@gongzhi/auth';
import { createLogger, createInMemoryIdempotencyStore } from '@gongzhi/http';
import { createCaseService } from '../case-service';
import { createFakeCaseWorkflows, createInMemoryAuditTrail, createInMemoryCasesRepository } from '../cases/cases.fakes';
import { createInMemoryDocumentStore } from '../documents/document-store.fakes';
import { createInMemoryDocumentsRepository } from '../documents/documents.fakes';
import { createInMemoryPartyDirectory } from '../parties/party-directory.fakes';
import { createInMemoryReportsRepository } from '../reports/reports.fakes';
import { createInMemoryStaffDirectory } from '../staff/staff-directory.fakes';
import { createInMemoryTasksRepository } from '../tasks/tasks.fakes';

/** case-service on in-memory fakes, with a token minter for any caller: the unit tests' wiring. */
export async function createFakeCaseService(options: { rateLimits?: { perIp: number; perUser: number } } = {}) {
  const keys = generateSigningKeyPair();
  const issuer = await createTokenIssuer({ privateKeyPem: keys.privateKeyPem, ttlSeconds: 600 });
  // The dispute worker signs its own workflow-engine tokens with a key pair of its own.
  const workerKeys = generateSigningKeyPair();
  const worker = await createServiceTokenSource({ privateKeyPem: workerKeys.privateKeyPem, ttlSeconds: 600 });
  const repository = createInMemoryCasesRepository();
  const reports = createInMemoryReportsRepository(repository.rows, repository.keys, repository.reports);
  const documents = createInMemoryDocumentsRepository(repository.keys, repository.events);
  const documentStore = createInMemoryDocumentStore();
  const tasks = createInMemoryTasksRepository(repository.rows, repository.watchers, repository.tasks);
  const staffDirectory = createInMemoryStaffDirectory();
  const partyDirectory = createInMemoryPartyDirectory();
  const workflows = createFakeCaseWorkflows();
  const audit = createInMemoryAuditTrail();
  const service = createCaseService({
    logger: createLogger('case-service', 'silent'),
    repository,
    reports,
    documents,
    tasks,
    staff: staffDirectory,
    parties: partyDirectory,
    documentStore,
    workflows,
    audit,
    idempotencyStore: createInMemoryIdempotencyStore(),
    verifier: await createTokenVerifier({
      publicKeyPem: keys.publicKeyPem,
      workflowEnginePublicKeyPem: workerKeys.publicKeyPem,
    }),
    ...(options.rateLimits ? { rateLimits: options.rateLimits } : {}),
  });
  const bearer = async (principal: Principal) => `Bearer ${(await issuer.issue(principal)).token}`;
  /** The dispute worker's Authorization header (role workflow-engine). */
  const engineBearer = async () => `Bearer ${await worker.token()}`;
  return {
    ...service,
    repository,
    reports,
    documents,
    tasks,
    staffDirectory,
    partyDirectory,
    documentStore,
    workflows,
    audit,
    bearer,
    engineBearer,
  };
}

/** Staff of the demo town used across case-service tests. */
export const staff = {
  gridWorker: {
    staffId: 'grid-1',
    agencyId: '0a9e0000-0000-4000-8000-000000000006',
    townCode: 'qingshui',
    roles: ['grid-worker'],
  },
  villageMediator: {
    staffId: 'med-1',
    agencyId: '0a9e0000-0000-4000-8000-000000000006',
    townCode: 'qingshui',
    roles: ['mediator'],
  },
  otherVillageMediator: {
    staffId: 'med-2',
    agencyId: '0a9e0000-0000-4000-8000-000000000007',
    townCode: 'qingshui',
    roles: ['mediator'],
  },
  policeLiaison: {
    staffId: 'liaison-1',
    agencyId: '0a9e0000-0000-4000-8000-000000000005',
    townCode: 'qingshui',
    roles: ['liaison'],
  },
  coordinator: {
    staffId: 'coord-1',
    agencyId: '0a9e0000-0000-4000-8000-000000000001',
    townCode: 'qingshui',
    roles: ['coordinator'],
  },
  otherTownCoordinator: {
    staffId: 'coord-9',
    agencyId: '0a9e0000-0000-4000-8000-000000000002',
    townCode: 'hekou',
    roles: ['coordinator'],
  },
  administrator: { staffId: 'admin-1', agencyId: 'agency-it', townCode: 'county', roles: ['administrator'] },
} satisfies Record<string, Principal>;
