import type { Express } from 'express';
import type { Logger } from 'pino';
import { createHttpApp, type ReadinessCheck } from '@gongzhi/http';
import type { CaseWorkflows } from './cases/case-workflows';
import { casesRoutes } from './cases/cases.controller';
import type { CasesRepository } from './cases/cases.repository';
import { type CasesService, createCasesService } from './cases/cases.service';
import { mapInfrastructureError } from './infrastructure-errors';

export interface CaseServiceDeps {
  logger: Logger;
  repository: CasesRepository;
  workflows: CaseWorkflows;
  firstLevelClockDays: number;
  readiness?: Record<string, ReadinessCheck>;
}

export interface CaseService {
  app: Express;
  cases: CasesService;
}

/** The one wiring function of case-service: real and fake dependencies plug in here. */
export function createCaseService(deps: CaseServiceDeps): CaseService {
  const cases = createCasesService({
    repository: deps.repository,
    workflows: deps.workflows,
    logger: deps.logger,
    firstLevelClockDays: deps.firstLevelClockDays,
  });
  const app = createHttpApp({
    logger: deps.logger,
    openapi: { title: 'Gongzhi case-service', version: '0.1.0', description: 'Dispute cases and their workflows' },
    routes: [casesRoutes(cases)],
    readiness: deps.readiness ?? {},
    mapError: mapInfrastructureError,
  });
  return { app, cases };
}
