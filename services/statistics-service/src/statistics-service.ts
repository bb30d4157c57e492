import type { Express } from 'express';
import type { Logger } from 'pino';
import { authenticate, limitByAddress, limitByUser, routePolicy, type TokenVerifier } from '@gongzhi/auth';
import {
  type ApiRoutes,
  createHttpApp,
  infrastructureErrorMapper,
  type ReadinessCheck,
  type RateLimitCounter,
  counterOf,
} from '@gongzhi/http';
import { statisticsRoutes } from './statistics/statistics.controller';
import type { StatisticsRepository } from './statistics/statistics.repository';
import { createStatisticsService, type StatisticsService } from './statistics/statistics.service';

export interface StatisticsServiceDeps {
  logger: Logger;
  repository: StatisticsRepository;
  verifier: TokenVerifier;
  rateLimits?: { perIp: number; perUser: number };
  /** Where the rate limits count: the service's database, so every replica counts alike; left out, this process. */
  rateLimitCounter?: RateLimitCounter;
  /** Proxies whose X-Forwarded-For names the client (Express `trust proxy`); none by default. */
  trustedProxies?: readonly string[];
  readiness?: Record<string, ReadinessCheck>;
}

export interface StatisticsServiceApp {
  app: Express;
  routes: ApiRoutes[];
  statistics: StatisticsService;
}

/** The one wiring function of statistics-service's API (the consumer is wired by main.ts): fakes plug in here. */
export function createStatisticsServiceApp(deps: StatisticsServiceDeps): StatisticsServiceApp {
  const statistics = createStatisticsService({ repository: deps.repository });
  const routes = [statisticsRoutes(statistics)];
  const limits = deps.rateLimits ?? { perIp: 600, perUser: 300 };
  const app = createHttpApp({
    logger: deps.logger,
    openapi: {
      title: 'Gongzhi statistics-service',
      version: '0.1.0',
      description: "The town's figures (考核), projected from the domain events on Kafka",
    },
    routes,
    // Staff only, as the routes declare: the town's figures are nothing the workflow engine reads.
    policy: routePolicy(),
    ...(deps.trustedProxies ? { trustedProxies: deps.trustedProxies } : {}),
    readiness: deps.readiness ?? {},
    before: [
      ...limitByAddress(deps.verifier, { limit: limits.perIp, ...counterOf(deps) }),
      authenticate(deps.verifier),
      limitByUser({ limit: limits.perUser, ...counterOf(deps) }),
    ],
    mapError: infrastructureErrorMapper({ database: 'The statistics database' }),
  });
  return { app, routes, statistics };
}
