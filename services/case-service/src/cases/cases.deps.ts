import type { AuditTrail } from '@gongzhi/http';
import type { CaseWorkflows } from '@gongzhi/dispute-client';
import type { Logger } from 'pino';
import type { PartyDirectory } from '../parties/party-directory';
import type { StaffDirectory } from '../staff/staff-directory';
import type { CasesRepository } from './cases.repository';

/** What the cases service is built from (`createCasesService`). */
export interface CasesServiceDeps {
  repository: CasesRepository;
  workflows: CaseWorkflows;
  /** party-service: every party id a case is given must be a party the caller can see there. */
  parties: PartyDirectory;
  /** agency-service's village registry: a case's village must be one of its town's (asked as the caller). */
  villages: Pick<StaffDirectory, 'findVillage'>;
  audit: AuditTrail;
  logger: Logger;
  newId?: () => string;
  now?: () => Date;
}

/** The dependencies each use case of the service takes, with the id and clock defaults filled in. */
export type CasesUseCaseDeps = Omit<CasesServiceDeps, 'newId' | 'now'> & {
  newId: () => string;
  now: () => Date;
};
