import type { Express } from 'express';
import type { Logger } from 'pino';
import { createHttpApp, type ReadinessCheck } from '@gongzhi/http';

export interface PartyServiceDeps {
  logger: Logger;
  readiness?: Record<string, ReadinessCheck>;
}

/** The one wiring function of party-service. Its feature folders arrive with the services issue. */
export function createPartyService(deps: PartyServiceDeps): { app: Express } {
  const app = createHttpApp({
    logger: deps.logger,
    openapi: {
      title: 'Gongzhi party-service',
      version: '0.1.0',
      description: 'Owns the people in disputes (persons, organisations, risk flags)',
    },
    routes: [],
    readiness: deps.readiness ?? {},
  });
  return { app };
}
