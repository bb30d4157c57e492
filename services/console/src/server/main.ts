/** The console process: the backend-for-frontend and the built browser app, on one port (3000 by default). */
import { postgresPoolConfig } from '@gongzhi/config';
import { PrismaPg } from '@prisma/adapter-pg';
import { createLogger, runHttpService } from '@gongzhi/http';
import { loadConsoleConfig } from './config';
import { createConsoleApp } from './console-app';
import { PrismaClient } from '../generated/prisma/client';
import { createAgencyAuth } from './session/agency-auth';
import { createPrismaSessionStore } from './session/prisma-session-store';
import { createTokenSeal } from './session/token-seal';

async function main(): Promise<void> {
  const config = loadConsoleConfig();
  const logger = createLogger('console', config.LOG_LEVEL);
  const prisma = new PrismaClient({ adapter: new PrismaPg(postgresPoolConfig(config.DATABASE_URL)) });
  const app = createConsoleApp({
    logger,
    store: createPrismaSessionStore(prisma, createTokenSeal(config.CONSOLE_SESSION_KEYS)),
    agency: createAgencyAuth(config.AGENCY_SERVICE_URL, Math.min(config.UPSTREAM_TIMEOUT_MS, 10_000)),
    upstreams: {
      party: config.PARTY_SERVICE_URL,
      case: config.CASE_SERVICE_URL,
      agency: config.AGENCY_SERVICE_URL,
      statistics: config.STATISTICS_SERVICE_URL,
    },
    upstreamTimeoutMs: config.UPSTREAM_TIMEOUT_MS,
    webDir: config.CONSOLE_WEB_DIR,
    ...(config.TEMPORAL_UI_URL
      ? { temporalUi: { url: config.TEMPORAL_UI_URL, namespace: config.TEMPORAL_NAMESPACE } }
      : {}),
    trustedProxies: config.TRUSTED_PROXIES,
    readiness: async () => {
      await prisma.$queryRaw`SELECT 1`;
    },
  });
  await runHttpService({ app, port: config.PORT, host: config.HOST, logger, onShutdown: [() => prisma.$disconnect()] });
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
