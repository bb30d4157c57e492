import type { Express } from 'express';
import type { Logger } from 'pino';
import { createHttpApp, type ReadinessCheck } from '@gongzhi/http';

export interface AgencyServiceDeps {
  logger: Logger;
  readiness?: Record<string, ReadinessCheck>;
}

/** The one wiring function of agency-service. Its feature folders arrive with the services issue. */
export function createAgencyService(deps: AgencyServiceDeps): { app: Express } {
  const app = createHttpApp({
    logger: deps.logger,
    openapi: {
      title: 'Gongzhi agency-service',
      version: '0.1.0',
      description: 'Owns who is who and the rules of the town (agencies, staff, escalation policy, calendar)',
    },
    routes: [],
    readiness: deps.readiness ?? {},
  });
  return { app };
}
