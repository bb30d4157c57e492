/** agency-service process: owns who is who and the rules of the town (agencies, staff, escalation policy, calendar). */
import { PrismaPg } from '@prisma/adapter-pg';
import { createLogger, runHttpService } from '@gongzhi/http';
import { loadAgencyServiceConfig } from './config';
import { PrismaClient } from './generated/prisma/client';
import { createAgencyService } from './agency-service';

async function main(): Promise<void> {
  const config = loadAgencyServiceConfig();
  const logger = createLogger('agency-service', config.LOG_LEVEL);
  const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: config.DATABASE_URL }) });
  const { app } = createAgencyService({
    logger,
    readiness: {
      database: async () => {
        await prisma.$queryRaw`SELECT 1`;
      },
    },
  });
  await runHttpService({ app, port: config.PORT, host: config.HOST, logger, onShutdown: [() => prisma.$disconnect()] });
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
